#!/usr/bin/python3
"""One user, or one hostile service, never stops anything for others — through the real `alignkit`
binary, real HTTP and TLS on loopback, real processes:

- slow clients directly on the service's port: a connection trickling header lines is cut at the
  header deadline; one address past its connection cap gets 503 in words; /v1/health answers the
  others meanwhile (how long it took is printed, as the README says it);
- a valid token is never locked out by others' wrong tokens from the same address (one office
  behind NAT), nor is a read without a token;
- under `reading = token`, a missing proposal id and an existing one answer alike without a token;
- the page folder serves regular files only, never through a link;
- a second `alignkit serve` on a taken port refuses to start, naming it;
- direct TLS sends Strict-Transport-Security;
- the command against a hostile service: an endless answer, one past the size cap, one a byte at a
  time, one nested a million deep — each ends in seconds with a sentence, never a crash;
- `alignkit check` on an office without the extension says so at once (exit 2), and an office it
  started ends with it on SIGTERM.

  one_user_test.py ALIGNKIT
"""
import json
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from service_process import Checks, ask, request, serve, stop

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "templates"


def run(*args, timeout=120):
    done = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def trickle(port, source, stop, closed_after):
    """A request's headers a line every second until the service closes the connection (or answers)."""
    began = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0)) as connection:
            connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
            connection.settimeout(1)
            while not stop.is_set():
                try:
                    connection.recv(1024)  # an answer (503) or the close: either way, done
                    break
                except socket.timeout:
                    connection.sendall(b"X-Slow: 1\r\n")
    except OSError:
        pass  # reset by the service: closed
    closed_after.append(time.monotonic() - began)


def slow_clients(alignkit, folder, check, processes):
    service, port = serve(alignkit, "--templates", str(SAMPLES), "--threads", "16")
    processes.append(service)
    stop = threading.Event()
    closed_after = []
    threads = [threading.Thread(target=trickle, args=(port, "127.0.0.2", stop, closed_after)) for _ in range(16)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    # The 16 from one address: 8 held (the cap), the rest told so at once.
    status, body = ask(port, None, "127.0.0.2", "GET", "/v1/health")
    check(status == 503 and b"too many connections from this address" in body,
          f"a 17th connection from the same address: {status} {body[:80]!r}")
    began = time.monotonic()
    health = [ask(port, None, "127.0.0.3", "GET", "/v1/health", timeout=5)[0] for _ in range(5)]
    took = (time.monotonic() - began) / 5
    print(f"figure: /v1/health from another address while one holds 16 slow connections: {took * 1000:.0f} ms a request")
    check(health == [200] * 5 and took < 1.0, f"another address is answered meanwhile: {health}, {took * 1000:.0f} ms each")
    for thread in threads:
        thread.join(timeout=30)
    stop.set()
    held = sorted(closed_after)[-8:]
    check(len(closed_after) == 16 and all(9 <= t <= 25 for t in held),
          f"the 8 trickling connections held were cut at the 10 s header deadline: {[round(t, 1) for t in held]}")


def locked_address(alignkit, folder, check, processes):
    users = folder / "lock-users.json"
    token = run(alignkit, "users", "add", "hr", "--owns", "people", "--users", str(users))[1].strip()
    config = folder / "lock.conf"
    config.write_text("max-token-failures = 2\n")
    service, port = serve(alignkit, "--config", str(config), "--users", str(users), "--templates", str(SAMPLES))
    processes.append(service)
    wrong = [ask(port, None, "127.0.5.1", "GET", "/v1/me", {"Authorization": "Bearer wrong"})[0] for _ in range(3)]
    check(wrong == [401, 401, 429], f"wrong tokens from one address: {wrong}")
    valid = ask(port, None, "127.0.5.1", "GET", "/v1/me", {"Authorization": f"Bearer {token}"})[0]
    check(valid == 200, f"a colleague's valid token from the same address still works: {valid}")
    anonymous = ask(port, None, "127.0.5.1", "GET", "/v1/templates")[0]
    check(anonymous == 200, f"and so does a read without a token: {anonymous}")


def proposal_ids(alignkit, folder, check, processes):
    users = folder / "ids-users.json"
    hr = run(alignkit, "users", "add", "hr", "--owns", "people", "--users", str(users))[1].strip()
    store = f"sqlite:{folder}/ids.db"
    run(alignkit, "store", "import", str(SAMPLES), "--store", store)
    config = folder / "ids.conf"
    config.write_text("reading = token\n")
    service, port = serve(alignkit, "--config", str(config), "--users", str(users), "--store", store)
    processes.append(service)
    document = json.loads((SAMPLES / "inside_sales.json").read_text())
    document["funnel"]["cost_per_click"] = 5
    status, body, _ = request(port, "POST", "/v1/templates/inside_sales/proposals", document,
                              {"Authorization": f"Bearer {hr}", "If-Match": '"1"'})
    check(status == 201, f"a proposal made: {status}")
    existing = json.loads(body)["id"]
    for what in ("", "/approve", "/decline"):
        method = "GET" if not what else "POST"
        one = request(port, method, f"/v1/proposals/{existing}{what}")[:2]
        other = request(port, method, f"/v1/proposals/999999{what}")[:2]
        check(one == other and one[0] == 401, f"{method} /v1/proposals/ID{what} without a token: the same answer for "
                                              f"an existing id and a missing one ({one[0]}, {other[0]})")


def page_links(alignkit, folder, check, processes):
    page = folder / "page"
    page.mkdir()
    (page / "index.html").write_text("<!doctype html><title>page</title>")
    users = folder / "page-users.json"
    run(alignkit, "users", "add", "hr", "--owns", "people", "--users", str(users))
    (page / "users.json").symlink_to(users)
    (page / "inside.json").symlink_to(page / "index.html")
    service, port = serve(alignkit, "--page", str(page), "--users", str(users))
    processes.append(service)
    check(request(port, "GET", "/")[0] == 200, "the page's own file is served")
    status, body, _ = request(port, "GET", "/page/users.json")
    check(status == 404 and b"salt" not in body, f"a link to the users file is not followed: {status}")
    check(request(port, "GET", "/page/inside.json")[0] == 404, "nor any link, even within the folder")


def taken_port(alignkit, folder, check, processes):
    service, port = serve(alignkit, "--templates", str(SAMPLES))
    processes.append(service)
    code, out, said = run(alignkit, "serve", "--port", str(port), "--templates", str(SAMPLES), timeout=20)
    check(code != 0 and str(port) in said and "in use" in said.lower(),
          f"a second service on port {port} refuses to start, naming it (exit {code}): {said.strip()[:140]}")


def strict_transport(alignkit, folder, check, processes):
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    service, port = serve(alignkit, "--templates", str(SAMPLES), "--tls-cert", str(cert), "--tls-key", str(key))
    processes.append(service)
    context = ssl.create_default_context(cafile=str(cert))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as connection:
            connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    check(b"\r\nStrict-Transport-Security: max-age=31536000" in answer, "direct TLS sends Strict-Transport-Security")


class Hostile:
    """A service that answers every request as the test says: `kind` of answer."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.kind = "huge"
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        try:
            connection.recv(65536)
            if self.kind == "huge":  # says 3 GiB, sends zeros until the client stops reading
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3221225472\r\n\r\n")
                block = b"0" * 65536
                while not self.stop.is_set():
                    connection.sendall(block)
            elif self.kind == "endless":  # chunked, never a last chunk
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                while not self.stop.is_set():
                    connection.sendall(b"10000\r\n" + b" " * 65536 + b"\r\n")
            elif self.kind == "drip":  # a byte at a time, each well within a read's timeout
                for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{\"templates\": []}   ":
                    if self.stop.is_set():
                        break
                    connection.sendall(bytes([byte]))
                    time.sleep(1)
            elif self.kind == "deep":
                body = b"[" * 1_000_000 + b"]" * 1_000_000
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                   str(len(body)).encode() + b"\r\n\r\n" + body)
        except OSError:
            pass
        finally:
            connection.close()


def hostile_service(alignkit, folder, check, processes):
    hostile = Hostile()
    server = f"http://127.0.0.1:{hostile.port}"
    try:
        for kind, words in (("huge", "larger than 64 MiB"), ("endless", "larger than 64 MiB"),
                            ("drip", "did not answer within 4 s"), ("deep", "nested more than 100 levels")):
            hostile.kind = kind
            began = time.monotonic()
            try:
                code, _, said = run(alignkit, "templates", "list", "--server", server, "--timeout", "4", timeout=60)
            except subprocess.TimeoutExpired:
                code, said = None, "still running after 60 s"
            took = time.monotonic() - began
            check(code == 1 and words in said and took < 30,
                  f"a {kind} answer: exit {code} in {took:.1f} s, '{said.strip()[:110]}'")
    finally:
        hostile.stop.set()
        hostile.socket.close()


def check_without_extension(alignkit, folder, check, processes):
    # An office installation without alignkit: a copy of the office's program folder's layout with
    # nothing in share/extensions (the office itself never starts).
    office = folder / "office"
    (office / "program").mkdir(parents=True)
    (office / "share" / "extensions").mkdir(parents=True)
    fake = office / "program" / "soffice"
    fake.write_text("#!/bin/sh\nsleep 300\n")
    fake.chmod(0o755)
    workbook = folder / "plan.fods"
    workbook.write_text("<office:document/>")
    began = time.monotonic()
    code, _, said = run(alignkit, "check", str(workbook), "--office", str(fake), timeout=60)
    took = time.monotonic() - began
    check(code == 2 and "libreoffice-alignkit" in said and "--oxt" in said and took < 10,
          f"no extension: said at once (exit {code}, {took:.1f} s): {said.strip()[:120]}")
    # With an extension there (as if installed), a SIGTERM ends the command and the office it started.
    (office / "share" / "extensions" / "alignkit").mkdir()
    marker = folder / "office-pid"
    fake.write_text(f"#!/bin/sh\necho $$ > {marker}\nexec sleep 300\n")
    process = subprocess.Popen([alignkit, "check", str(workbook), "--office", str(fake)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        if marker.exists() and marker.read_text().strip():
            break
        time.sleep(0.1)
    office_pid = int(marker.read_text().strip())
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=20)
    time.sleep(0.3)
    alive = Path(f"/proc/{office_pid}").exists() and "zombie" not in Path(f"/proc/{office_pid}/status").read_text().lower()
    check(code != 0 and not alive, f"SIGTERM ends alignkit check (exit {code}) and the office it started (alive: {alive})")


def main():
    alignkit = str(Path(sys.argv[1]).resolve())
    folder = Path(tempfile.mkdtemp(prefix="alignkit-one-user-"))
    checks = Checks()
    processes = []
    try:
        for test in (locked_address, proposal_ids, page_links, taken_port, strict_transport, hostile_service,
                     check_without_extension, slow_clients):
            test(alignkit, folder, checks.check, processes)
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
