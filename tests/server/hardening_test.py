#!/usr/bin/python3
"""The service and its command as an attacker and a careless administrator try them, through the
real `alignkit` binary: real TLS, real HTTP on loopback, real files and processes.

- TLS: a certificate for another host (signed by an authority the client trusts) is refused by
  every command that dials https://, naming both names, and nothing reaches the listener; a token
  is never sent over plain HTTP to another machine (checked in a network namespace with no route
  out, so a mistake could not send anything either); a malformed answer is a sentence.
- The store: a restore never adds versions to a template the store holds; what a backup or a
  publish says of a version never reaches a header or the store with a control character; a
  version past the store's range is refused; another process's write is seen at once.
- The users file: racing administrators never lose an update, a planted link is never followed,
  the service reads the file again when its content changes; files holding secrets readable by
  others stop the service from starting.
- The refused-token limiter keeps counting when its table is full; a request without a token is
  not a refused token.
- Framing and text: ambiguous Content-Length and Transfer-Encoding, JSON that is not UTF-8, control
  characters in what the command prints, server paths in errors.
- TLS offered: TLS 1.2 with forward secrecy and AEAD, and TLS 1.3; nothing older, no CBC, no CCM8.

  hardening_test.py ALIGNKIT
"""
import concurrent.futures
import http.server
import json
import os
import resource
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from service_process import Checks, loopback_addresses, mozilla_intermediate, request, serve, stop, tls_agreed

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "templates"


def run(*args, env=None, input=None):
    """The command, as an administrator or a planner runs it: (exit code, stdout, stderr)."""
    done = subprocess.run(list(args), capture_output=True, text=True, env=env, input=input, timeout=120)
    return done.returncode, done.stdout, done.stderr


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_authority(folder):
    """A certificate authority of the test's own, and certificates it signs: one for localhost and
    127.0.0.1, one for attacker.example."""
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=alignkit test authority", "-keyout", f"{folder}/ca.key", "-out", f"{folder}/ca.pem")
    for name, names in (("localhost", "DNS:localhost,IP:127.0.0.1"), ("attacker", "DNS:attacker.example")):
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                f"/CN={names.split(',')[0][4:]}", "-keyout", f"{folder}/{name}.key", "-out", f"{folder}/{name}.csr")
        (folder / f"{name}.ext").write_text(f"subjectAltName={names}\n")
        openssl("x509", "-req", "-in", f"{folder}/{name}.csr", "-CA", f"{folder}/ca.pem", "-CAkey", f"{folder}/ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", f"{folder}/{name}.ext", "-out", f"{folder}/{name}.pem")


class Listener:
    """A TLS server on loopback with the given certificate that records every byte a client sends
    after the handshake."""

    def __init__(self, cert, key):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.port = self.socket.getsockname()[1]
        self.received = b""
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                raw, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            try:
                with self.context.wrap_socket(raw, server_side=True) as connection:
                    connection.settimeout(3)
                    while chunk := connection.recv(4096):
                        self.received += chunk
            except (OSError, ssl.SSLError):
                pass

    def close(self):
        self.socket.close()


class Scripted(http.server.BaseHTTPRequestHandler):
    """A server that answers every GET with what the test sets: a malformed or a hostile answer."""
    answer = b"[]"

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


def raw(port, text, source="127.0.0.1", timeout=5):
    """Bytes on a fresh connection; (status, body, closed) — closed: the service ended the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0)) as connection:
        connection.sendall(text)
        answer = b""
        closed = False
        try:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    closed = True
                    break
                answer += chunk
                head, _, body = answer.partition(b"\r\n\r\n")
                length = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    connection.settimeout(1)  # the answer is whole: does the connection stay?
        except socket.timeout:
            pass
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else None
    return status, answer.partition(b"\r\n\r\n")[2], closed


def main():
    alignkit = str(Path(sys.argv[1]).resolve())
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 16384), hard))
    folder = Path(tempfile.mkdtemp(prefix="alignkit-hardening-"))
    os.chmod(folder, 0o700)
    checks = Checks()
    check = checks.check
    processes = []
    try:
        make_authority(folder)
        tls_client(alignkit, folder, check, processes)
        plain_tokens(alignkit, folder, check, processes)
        malformed_answers(alignkit, check)
        store(alignkit, folder, check, processes)
        users_file(alignkit, folder, check, processes)
        limiter(alignkit, folder, check, processes)
        framing_and_text(alignkit, folder, check, processes)
        tls_offered(alignkit, folder, check, processes)
        metrics(alignkit, folder, check, processes)
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)
    return checks.finish()


def tls_client(alignkit, folder, check, processes):
    attacker = Listener(f"{folder}/attacker.pem", f"{folder}/attacker.key")
    try:
        for host in ("localhost", "127.0.0.1"):
            code, _, said = run(alignkit, "templates", "list", "--server", f"https://{host}:{attacker.port}",
                                "--cacert", f"{folder}/ca.pem", "--token", "ak_planners_secret_token")
            check(code == 1 and "attacker.example" in said and f"not {host}" in said and "nothing was sent" in said,
                  f"a certificate for attacker.example is refused for https://{host} (exit {code}): {said.strip()[:160]}")
        code, _, said = run(alignkit, "templates", "push", str(SAMPLES / "inside_sales.json"), "--name", "inside_sales",
                            "--base", "1", "--server", f"https://localhost:{attacker.port}", "--cacert", f"{folder}/ca.pem",
                            "--token", "ak_planners_secret_token")
        check(code == 1 and "attacker.example" in said, f"so is a publish (exit {code})")
        workbook = folder / "plan.fods"
        workbook.write_text("not read: the template is read first")
        code, _, said = run(alignkit, "check", str(workbook), "--template", f"https://localhost:{attacker.port}/v1/templates/x",
                            "--cacert", f"{folder}/ca.pem", "--token", "ak_planners_secret_token")
        check(code == 2 and "attacker.example" in said, f"and alignkit check's served template (exit {code}): {said.strip()[:120]}")
        time.sleep(0.5)
        check(attacker.connections >= 4 and attacker.received == b"",
              f"the listener took {attacker.connections} handshakes and received {len(attacker.received)} bytes: "
              "no request, no token")
        # An authority nobody trusts: refused too.
        code, _, said = run(alignkit, "templates", "list", "--server", f"https://localhost:{attacker.port}", "--token", "t")
        check(code == 1 and "not one this machine trusts" in said, f"an unknown authority is refused: {said.strip()[:120]}")
    finally:
        attacker.close()
    # The real service with a certificate that names localhost and 127.0.0.1: accepted.
    service, port = serve(alignkit, "--templates", str(SAMPLES), "--tls-cert", f"{folder}/localhost.pem",
                          "--tls-key", f"{folder}/localhost.key")
    processes.append(service)
    for host in ("localhost", "127.0.0.1"):
        code, out, said = run(alignkit, "templates", "list", "--server", f"https://{host}:{port}", "--cacert", f"{folder}/ca.pem")
        check(code == 0 and "inside_sales.json" in out, f"a certificate that names {host} is accepted (exit {code}) {said.strip()[:80]}")


def plain_tokens(alignkit, folder, check, processes):
    # In a network namespace of its own with no route out: were the token sent, it could reach nobody.
    for server in ("http://192.0.2.10:8080", "http://planner-host.example:8080"):
        code, _, said = run("unshare", "-n", alignkit, "templates", "list", "--server", server, "--token", "ak_secret")
        check(code == 1 and "use https://" in said and "nothing was sent" in said,
              f"a token over plain HTTP to {server} is refused before connecting: {said.strip()[:120]}")
    code, _, said = run("unshare", "-n", alignkit, "templates", "list", "--server", "http://192.0.2.10:8080")
    check(code == 1 and "cannot reach" in said, f"without a token the same request is only unreachable there: {said.strip()[:80]}")
    service, port = serve(alignkit, "--templates", str(SAMPLES))
    processes.append(service)
    code, out, _ = run(alignkit, "templates", "list", "--server", f"http://127.0.0.1:{port}", "--token", "ak_secret")
    check(code == 0 and "inside_sales.json" in out, "a token to this machine over plain HTTP is sent")


def malformed_answers(alignkit, check):
    scripted = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=scripted.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{scripted.server_address[1]}"
    try:
        for answer in (b"[]", b'{"templates": [7]}', b'{"versions": {"a": 1}}', b"not json"):
            Scripted.answer = answer
            for command in (["list"], ["history", "x"], ["pull", "x"]):
                code, _, said = run(alignkit, "templates", *command, "--server", server)
                check(code == 1 and "json.exception" not in said and "did not answer as an alignkit template service" in said,
                      f"templates {command[0]} on {answer[:20]!r}: a sentence (exit {code}): {said.strip()[:100]}")
        # A hostile service's words reach the terminal escaped: no forged line, no escape sequence.
        Scripted.answer = json.dumps({"name": "x", "versions": [{"name": "x", "version": 1, "author": "hr\nversion 99\tforged",
                                      "updated": "2026-01-01T00:00:00Z", "message": "\x1b]0;owned\x07\x1b[2J", "groups_changed": []}]}).encode()
        code, out, _ = run(alignkit, "templates", "history", "x", "--server", server)
        check(code == 0 and "\x1b" not in out and out.count("\n") == 1 and "\\x1b]0;owned" in out,
              f"templates history escapes control characters: {out.strip()[:120]!r}")
        Scripted.answer = json.dumps({"templates": [{"name": "a\nb\x1b[31m", "version": 1, "author": "x\ry", "updated": ""}]}).encode()
        code, out, _ = run(alignkit, "templates", "list", "--server", server)
        check(code == 0 and "\x1b" not in out and "\r" not in out and out.count("\n") == 1, f"so does templates list: {out.strip()!r}")
    finally:
        scripted.shutdown()


def backup_file(path, versions, proposals=()):
    path.write_text(json.dumps({"format": "alignkit-store-backup-2", "versions": versions, "proposals": list(proposals)}))
    return path


def store(alignkit, folder, check, processes):
    document = (SAMPLES / "inside_sales.json").read_text()
    spec = f"sqlite:{folder}/store.db"
    subprocess.run([alignkit, "store", "import", str(SAMPLES), "--store", spec], check=True, capture_output=True)
    admin = subprocess.run([alignkit, "users", "add", "admin", "--owns", "*", "--users", f"{folder}/store-users.json"],
                           check=True, capture_output=True, text=True).stdout.strip()
    a, port_a = serve(alignkit, "--store", spec, "--users", f"{folder}/store-users.json")
    b, port_b = serve(alignkit, "--store", spec, "--users", f"{folder}/store-users.json")
    processes += [a, b]
    token = {"Authorization": f"Bearer {admin}"}

    def version(name, port=port_a):
        status, _, headers = request(port, "GET", f"/v1/templates/{name}", headers=token)
        return status, headers.get("ETag")

    check(version("inside_sales") == (200, '"1"'), "instance A serves version 1 (and keeps it in memory)")
    good = {"name": "inside_sales", "version": 1, "author": "import", "published": "2026-01-01T00:00:00Z", "message": "m",
            "groups_changed": ["people"], "approved_by": "", "document": document}
    whole = [dict(good, version=v) for v in (1, 2, 3)]
    code, _, said = run(alignkit, "store", "restore", str(backup_file(folder / "b1.json", whole)), "--store", spec)
    check(code == 1 and "already holds it" in said, f"a backup of a held template is refused whole (exit {code})")
    code, _, said = run(alignkit, "store", "restore", str(backup_file(folder / "b2.json", [dict(good, version=2)])), "--store", spec)
    check(code == 1 and "not 1, 2" in said, f"a backup holding only the next version adds nothing (exit {code})")
    status, body, _ = request(port_a, "GET", "/v1/templates/inside_sales/versions", headers=token)
    check(len(json.loads(body)["versions"]) == 1, "the template still has its one version")
    edited = json.loads(document)
    edited["people"]["annual_salary"] = 70000
    status, _, headers = request(port_a, "PUT", "/v1/templates/inside_sales", edited, {**token, "If-Match": '"1"'})
    check(status == 200 and headers.get("ETag") == '"2"', f"a writer on top of version 1 is not told 412: {status}")
    # Another process's write (B) is read by A at once: its kept copy was forgotten.
    edited["people"]["annual_salary"] = 71000
    status, _, _ = request(port_b, "PUT", "/v1/templates/inside_sales", edited, {**token, "If-Match": '"2"'})
    check(status == 200 and version("inside_sales") == (200, '"3"'), "a version B publishes is A's latest at once")

    fresh = f"sqlite:{folder}/fresh.db"
    for what, entry in (("an author with CR LF", dict(good, author="hr\r\nSet-Cookie: evil=1")),
                        ("a message with an escape sequence", dict(good, message="\x1b]0;owned\x07")),
                        ("a time with CR LF", dict(good, published="2026-01-01T00:00:00Z\r\nX-Evil: 1")),
                        ("a time that is no time", dict(good, published="yesterday")),
                        ("version 4294967297", dict(good, version=4294967297)),
                        ("version 0", dict(good, version=0))):
        code, _, said = run(alignkit, "store", "restore", str(backup_file(folder / "bad.json", [entry])), "--store", fresh)
        check(code == 1 and "nothing was restored" in said, f"a backup with {what} is refused (exit {code}): {said.strip()[:90]}")
    rows = sqlite3.connect(f"{folder}/fresh.db").execute("SELECT COUNT(*) FROM template_versions").fetchone()[0]
    check(rows == 0, "and nothing reached the store")
    # A source store edited by hand: copy refuses what it cannot keep safely.
    source = sqlite3.connect(f"{folder}/fresh.db")
    source.execute("INSERT INTO template_versions (name, version, author, published, message, groups_changed, approved_by, document) "
                   "VALUES ('forged', 1, 'hr' || char(13) || char(10) || 'Set-Cookie: x=1', '2026-01-01T00:00:00Z', '', '[]', '', ?)",
                   (document,))
    source.commit()
    source.close()
    code, _, said = run(alignkit, "store", "copy", "--store", fresh, "--to", spec)
    status, _, headers = request(port_a, "GET", "/v1/templates/forged", headers=token)
    check(code == 1 and "nothing was copied" in said and status == 404,
          f"copy refuses a source whose author holds CR LF (exit {code}; the template: {status}): {said.strip()[:100]}")
    # A publish whose message holds control characters: 400, nothing written.
    status, body, _ = raw(port_a, b"PUT /v1/templates/inside_sales HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.encode() +
                          b'\r\nIf-Match: "3"\r\nX-Message: band\x1b]0;owned\x07\r\nContent-Length: ' +
                          str(len(document)).encode() + b"\r\n\r\n" + document.encode())
    check(status == 400 and b"control character" in body and version("inside_sales") == (200, '"3"'),
          f"a message with an escape sequence is refused at publish: {status}")


def users_file(alignkit, folder, check, processes):
    users = folder / "users.json"
    for i in range(40):
        run(alignkit, "users", "add", f"a{i}", "--owns", "people", "--users", str(users))
    stable = run(alignkit, "users", "add", "stable", "--owns", "funnel", "--users", str(users))[1].strip()
    service, port = serve(alignkit, "--users", str(users), "--store", f"sqlite:{folder}/users-store.db")
    processes.append(service)
    statuses = set()
    stop = threading.Event()

    def read_me():
        while not stop.is_set():
            statuses.add(request(port, "GET", "/v1/me", headers={"Authorization": f"Bearer {stable}"})[0])

    reader = threading.Thread(target=read_me)
    reader.start()
    jobs = [["remove", f"a{i}"] for i in range(40)] + [["add", f"b{i}", "--owns", "people"] for i in range(40)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(lambda job: run(alignkit, "users", *job, "--users", str(users))[0], jobs))
    stop.set()
    reader.join()
    listed = run(alignkit, "users", "list", "--users", str(users))[1]
    names = {line.split("\t")[0] for line in listed.splitlines()}
    check(codes == [0] * 80 and names == {f"b{i}" for i in range(40)} | {"stable"},
          f"40 removes and 40 adds racing: every one kept ({len(names)} users, {codes.count(0)} of 80 succeeded)")
    check(statuses == {200}, f"the service read the file throughout, never half of it: {sorted(statuses)}")
    # A rotation racing with additions is never undone.
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(run, alignkit, "users", "rotate", "stable", "--users", str(users))]
        futures += [pool.submit(run, alignkit, "users", "add", f"c{i}", "--owns", "goals", "--users", str(users)) for i in range(20)]
        rotated = futures[0].result()[1].strip()
    old = request(port, "GET", "/v1/me", headers={"Authorization": f"Bearer {stable}"})[0]
    new = request(port, "GET", "/v1/me", headers={"Authorization": f"Bearer {rotated}"})[0]
    check(old == 401 and new == 200, f"the rotated token works and the old one does not: old {old}, new {new}")
    # A link planted beside the file is never written through.
    victim = folder / "victim.txt"
    victim.write_text("root's file\n")
    os.symlink(victim, f"{users}.tmp")
    code, _, said = run(alignkit, "users", "add", "z", "--owns", "people", "--users", str(users))
    check(code == 0 and victim.read_text() == "root's file\n" and "z\t" in run(alignkit, "users", "list", "--users", str(users))[1],
          "a link planted at users.json.tmp is not followed")
    # Its content changed in place, with its old size and modification time: the service reads it again.
    added = run(alignkit, "users", "add", "zz", "--owns", "people", "--users", str(users))[1].strip()
    before = users.stat()
    data = json.loads(users.read_text())
    data["users"] = [user for user in data["users"] if user["name"] != "zz"]
    text = json.dumps(data, indent=2)
    text += " " * max(0, before.st_size - len(text.encode()) - 1) + "\n"
    check(request(port, "GET", "/v1/me", headers={"Authorization": f"Bearer {added}"})[0] == 200, "zz's token works")
    with open(users, "r+") as file:
        file.write(text)
        file.truncate()
    os.utime(users, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = users.stat()
    check(after.st_size == before.st_size and after.st_mtime_ns == before.st_mtime_ns and after.st_ino == before.st_ino,
          "the file was rewritten in place with its size and time")
    status = request(port, "GET", "/v1/me", headers={"Authorization": f"Bearer {added}"})[0]
    check(status == 401, f"the service read the new content: the removed user's token gets {status}")
    # Files that hold secrets, open to every user of the machine: the service refuses to start.
    mode = oct(users.stat().st_mode & 0o777)
    os.chmod(users, 0o640)
    run(alignkit, "users", "add", "y", "--owns", "people", "--users", str(users))
    check(users.stat().st_mode & 0o777 == 0o640, f"users add keeps 0640 (it was {mode})")
    os.chmod(users, 0o644)
    code, _, said = run(alignkit, "serve", "--port", "0", "--users", str(users))
    check(code == 1 and str(users) in said and "mode 0644" in said, f"a users file readable by all stops the service: {said.strip()[:120]}")
    os.chmod(users, 0o600)
    settings = folder / "alignkit.conf"
    settings.write_text(f"store = sqlite:{folder}/x.db\nread-token = team-secret\n")
    os.chmod(settings, 0o664)
    code, _, said = run(alignkit, "serve", "--port", "0", "--config", str(settings))
    check(code == 2 and str(settings) in said and "mode 0664" in said, f"so does a settings file holding a read token: {said.strip()[:120]}")


def limiter(alignkit, folder, check, processes):
    users = folder / "limiter-users.json"
    token = run(alignkit, "users", "add", "hr", "--owns", "people", "--users", str(users))[1].strip()
    config = folder / "limiter.conf"
    config.write_text("reading = token\nmax-token-failures = 2\n")
    service, port = serve(alignkit, "--config", str(config), "--users", str(users), "--templates", str(SAMPLES))
    processes.append(service)
    wrong = b"GET /v1/templates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nConnection: close\r\n\r\n"
    crowd = loopback_addresses(10050)
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda source: raw(port, wrong, source)[0], crowd))
    check(statuses.count(401) == 10050, f"10,050 addresses each send a refused token: {statuses.count(401)} get 401")
    fresh = [raw(port, wrong, "127.99.0.1")[0] for _ in range(3)]
    check(fresh == [401, 401, 429], f"a fresh address past a full table is still counted: {fresh}")
    tokenless = [request(port, "GET", "/v1/templates")[0] for _ in range(21)]
    check(tokenless == [401] * 21, "21 reads without a token: 401, none counted as a refused token")
    status = request(port, "GET", "/v1/templates", headers={"Authorization": f"Bearer {token}"})[0]
    check(status == 200, f"the same address's valid token still reads: {status}")


def framing_and_text(alignkit, folder, check, processes):
    nested = folder / "x" / "." / "t"
    (folder / "x" / "t").mkdir(parents=True)
    service, port = serve(alignkit, "--templates", str(nested))
    processes.append(service)
    for what, head in (("Content-Length: +5", b"Content-Length: +5\r\n"), ("Content-Length: -1", b"Content-Length: -1\r\n"),
                       ("two Transfer-Encoding headers", b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"),
                       ("Transfer-Encoding: gzip", b"Transfer-Encoding: gzip\r\n")):
        status, body, closed = raw(port, b"POST /v1/eval HTTP/1.1\r\nHost: x\r\n" + head + b"\r\n0\r\n\r\nGET /v1/health HTTP/1.1\r\n\r\n")
        check(status == 400 and closed, f"{what}: 400 and the connection closed ({status}, closed {closed}): {body[:70]!r}")
    body = b'{"function": "FUNNEL.CAC", "args": ["\xff\xfe", 1]}'
    status, answer, _ = raw(port, b"POST /v1/eval HTTP/1.1\r\nHost: x\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    check(status == 400 and b"not UTF-8" in answer, f"JSON that is not UTF-8: 400 with a message: {answer[:80]!r}")
    status, body, _ = request(port, "POST", "/v1/eval", {"function": "TEMPLATE.VALUE", "args": ["missing.json", "a.b"]})
    check(status == 400 and str(folder) not in body.decode(), f"an error names no server path: {body.decode()[:120]}")


def tls_offered(alignkit, folder, check, processes):
    service, port = serve(alignkit, "--templates", str(SAMPLES), "--tls-cert", f"{folder}/localhost.pem",
                          "--tls-key", f"{folder}/localhost.key")
    processes.append(service)
    config = folder / "tls13.conf"
    config.write_text("tls-protocols = TLSv1.3\n")
    only13, port13 = serve(alignkit, "--config", str(config), "--tls-cert", f"{folder}/localhost.pem", "--tls-key", f"{folder}/localhost.key")
    processes.append(only13)
    for where, target in (("the service", port), ("the service set to TLS 1.3 only", port13)):
        for protocol, options, offered in mozilla_intermediate("ECDSA"):
            offered = offered and (target == port or protocol.startswith("TLS 1.3"))
            agreed = tls_agreed(target, f"{folder}/ca.pem", *options)
            check(agreed == offered, f"{where}: {protocol} {'offered' if offered else 'refused'} (openssl s_client: {'agreed' if agreed else 'no'})")


def metrics(alignkit, folder, check, processes):
    users = folder / "metrics-users.json"
    token = run(alignkit, "users", "add", "hr", "--owns", "people", "--users", str(users))[1].strip()
    spec = f"sqlite:{folder}/metrics.db"
    run(alignkit, "store", "import", str(SAMPLES), "--store", spec)
    config = folder / "metrics.conf"
    config.write_text("trusted-proxy = 127.0.0.1\nmetrics-scrapers = 10.9.8.7\nreading = token\n")
    service, port = serve(alignkit, "--config", str(config), "--store", spec, "--users", str(users))
    processes.append(service)
    for _ in range(3):
        request(port, "GET", "/v1/templates/inside_sales", headers={"Authorization": f"Bearer {token}"})
    request(port, "GET", "/v1/templates/inside_sales", headers={"Authorization": "Bearer wrong"})
    request(port, "GET", "/v1/health")
    status, body, headers = request(port, "GET", "/metrics")
    text = body.decode()
    check(status == 200 and headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"),
          f"GET /metrics from this machine: {status} {headers.get('Content-Type')}")
    for line in ('alignkit_http_requests_total{route="/v1/templates/{name}",status="200"} 3',
                 'alignkit_http_requests_total{route="/v1/templates/{name}",status="401"} 1',
                 'alignkit_http_requests_total{route="/v1/health",status="200"} 1',
                 "alignkit_refused_tokens_total 1",
                 "alignkit_newest_version_cache_hits_total 2",
                 "alignkit_newest_version_cache_misses_total 1",
                 "# TYPE alignkit_http_request_duration_seconds histogram",
                 'alignkit_http_request_duration_seconds_bucket{route="/v1/templates/{name}",le="+Inf"} 4',
                 'alignkit_http_request_duration_seconds_count{route="/v1/templates/{name}"} 4',
                 "# TYPE alignkit_store_errors_total counter", "alignkit_store_errors_total 0",
                 "# TYPE alignkit_http_connections_open gauge"):
        check(line in text, f"the metrics say {line}")
    # Behind the trusted proxy, the client it names: a scraper the settings list, or nobody else.
    status, _, _ = request(port, "GET", "/metrics", headers={"X-Forwarded-For": "10.9.8.7"})
    check(status == 200, f"the scraper the settings name, through the proxy: {status}")
    status, body, _ = request(port, "GET", "/metrics", headers={"X-Forwarded-For": "10.1.2.3"})
    check(status == 403 and b"metrics-scrapers" in body, f"any other client through the proxy: {status}")


if __name__ == "__main__":
    sys.exit(main())
