"""The real `alignkit serve` (and nginx in front of it, as packaged) for the service's Python tests
and benchmarks: started on a free loopback port, asked over HTTP."""
import asyncio
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path


class Checks:
    """What a test passed and failed: a line per check, then 'N passed, M failed'."""

    def __init__(self):
        self.passed, self.failures = 0, []

    def check(self, ok, what):
        if ok:
            self.passed += 1
            print(f"ok    {what}")
        else:
            self.failures.append(what)
            print(f"FAIL  {what}")

    def finish(self):
        """The exit code: 0 when something passed and nothing failed."""
        print(f"{self.passed} passed, {len(self.failures)} failed")
        return 0 if self.passed and not self.failures else 1


def serve(alignkit, *options, stderr=subprocess.DEVNULL):
    """`alignkit serve --port 0 OPTIONS…`: (process, port) once it listens."""
    process = subprocess.Popen([alignkit, "serve", "--port", "0", *options], stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = process.stdout.readline()
    if not line.startswith("listening on port "):
        process.kill()
        raise RuntimeError(f"the service did not start: {line!r}")
    return process, int(line.split()[-1])


def stop(processes):
    """Ends each process (the service, nginx): asked first, killed when it does not end within 10 s."""
    for process in processes:
        if process is None:
            continue
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def start(alignkit, store, users):
    return serve(alignkit, "--store", store, "--users", users)


def request(port, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as reply:
            return reply.status, reply.read(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(site_file, tls, service_port, folder):
    """nginx with the packaged site file, its ports and certificate paths changed; it listens on
    127.0.0.1 and 127.0.0.2 (a second client address on this machine). (process, port)"""
    port = free_port()
    site = Path(site_file).read_text()
    for packaged, here in (("listen 8443 ssl;", f"listen 127.0.0.1:{port} ssl;"), ("listen [::]:8443 ssl;", f"listen 127.0.0.2:{port} ssl;"),
                           ("server 127.0.0.1:8080;", f"server 127.0.0.1:{service_port};"),
                           ("/etc/alignkit/tls/cert.pem", f"{tls}/test-cert.pem"),
                           ("/etc/alignkit/tls/key.pem", f"{tls}/test-key.pem")):
        if packaged not in site:
            raise RuntimeError(f"the packaged site file no longer says {packaged!r}")
        site = site.replace(packaged, here)
    (folder / "site.conf").write_text(site)
    for temporary in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temporary).mkdir(mode=0o777)
        os.chmod(folder / temporary, 0o777)
    (folder / "nginx.conf").write_text(deployed_nginx_conf(site_file, folder))
    process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(folder / "nginx.conf"),
                                "-p", str(folder), "-g", "daemon off;"], stderr=subprocess.STDOUT,
                               stdout=open(folder / "nginx.out", "w"))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not start: {(folder / 'nginx.out').read_text()}")


def deployed_nginx_conf(site_file, folder):
    """Debian's own /etc/nginx/nginx.conf as the runbook leaves it (the package's nginx-limits.sed
    applied, beside the site file), its files moved into `folder` and its one site ours."""
    limits = Path(site_file).parent / "nginx-limits.sed"
    text = subprocess.run(["sed", "-f", str(limits), "/etc/nginx/nginx.conf"], check=True, capture_output=True, text=True).stdout
    user = "user root;" if os.geteuid() == 0 else ""
    for debian, here in (("user www-data;", user), ("pid /run/nginx.pid;", f"pid {folder}/nginx.pid;"),
                         ("error_log /var/log/nginx/error.log;", f"error_log {folder}/nginx-error.log;"),
                         ("access_log /var/log/nginx/access.log;",
                          f"access_log off; client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy; "
                          f"fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;"),
                         ("include /etc/nginx/conf.d/*.conf;", ""),
                         ("include /etc/nginx/sites-enabled/*;", f"include {folder}/site.conf;")):
        if debian not in text:
            raise RuntimeError(f"Debian's nginx.conf no longer says {debian!r}")
        text = text.replace(debian, here)
    return text


def connect(port, source, context, timeout=10):
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))
    return context.wrap_socket(raw, server_hostname="127.0.0.1") if context else raw


def ask(port, context, source, method, path, headers=None, body=b"", timeout=5):
    """One request on its own connection: (status, body) or (None, why)."""
    try:
        with connect(port, source, context, timeout) as connection:
            connection.settimeout(timeout)
            head = f"{method} {path} HTTP/1.1\r\nHost: alignkit\r\nConnection: close\r\nContent-Length: {len(body)}\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
            connection.sendall(head.encode() + b"\r\n" + body)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        status = int(answer.split(b" ", 2)[1])
        return status, answer.split(b"\r\n\r\n", 1)[1]
    except (OSError, ValueError, IndexError) as error:
        return None, str(error)


def slow(port, context, kind, stop, opened, source="127.0.0.2"):
    """Holds a connection open: idle (not a byte, not even TLS), trickling headers or a body."""
    try:
        raw = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0))
        connection = raw if kind == "idle" or context is None else context.wrap_socket(raw, server_hostname="127.0.0.1")
        opened.append(1)
        with connection:
            if kind == "headers":
                connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
            elif kind == "body":
                connection.sendall(b"POST /v1/eval HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
            while not stop.wait(2):
                if kind == "headers":
                    connection.sendall(b"X-Slow: 1\r\n")
                elif kind == "body":
                    connection.sendall(b" ")
    except OSError:
        pass  # closed by a deadline or a limit: what should happen


def loopback_addresses(count, first=(0, 1, 1)):
    """`count` client addresses on this machine: 127.0.1.1, 127.0.1.2, … (Linux answers all of 127/8)."""
    addresses = []
    b, c, d = first
    while len(addresses) < count:
        addresses.append(f"127.{b}.{c}.{d}")
        d += 1
        if d == 255:
            c, d = c + 1, 1
    return addresses


class SlowCrowd:
    """Holds `count` connections open from `addresses` (round robin) until stopped, reopening each one a
    deadline closes: most idle (not a byte, not even TLS), one in ten trickling headers and one in ten
    trickling a body (a line or a byte every 2 s). One thread, one event loop, so ten thousand cost
    little on the client's side; TLS handshakes are what costs, hence the share of idle ones."""

    def __init__(self, port, context, addresses, count):
        self.port, self.context, self.addresses, self.count = port, context, addresses, count
        self.open = 0        # connections open now
        self.opened = 0      # connections opened since the start
        self._stop = None
        self._loop = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)

    def _run(self):
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._main())
        self._loop.close()

    async def _main(self):
        self._stop = asyncio.Event()
        limiter = asyncio.Semaphore(200)  # connections being opened at once (TLS handshakes cost CPU)
        await asyncio.gather(*(self._hold(i, limiter) for i in range(self.count)))

    async def _hold(self, index, limiter):
        kind = ("headers", "body")[index % 2] if index % 10 in (0, 5) else "idle"
        source = self.addresses[index % len(self.addresses)]
        while not self._stop.is_set():
            writer = None
            try:
                async with limiter:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection(
                        "127.0.0.1", self.port, local_addr=(source, 0),
                        ssl=None if kind == "idle" else self.context,
                        server_hostname=None if kind == "idle" or self.context is None else "127.0.0.1"), 30)
                self.open += 1
                self.opened += 1
                try:
                    if kind == "headers":
                        writer.write(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
                    elif kind == "body":
                        writer.write(b"POST /v1/eval HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                    while not self._stop.is_set():
                        try:
                            if await asyncio.wait_for(reader.read(1024), 2) == b"":
                                break  # closed by a deadline or a limit: open another
                        except asyncio.TimeoutError:
                            pass
                        if kind != "idle":
                            writer.write(b"X-Slow: 1\r\n" if kind == "headers" else b" ")
                            await writer.drain()
                finally:
                    self.open -= 1
            except (OSError, asyncio.TimeoutError, ssl.SSLError):
                await asyncio.sleep(0.5)
            finally:
                if writer is not None:
                    writer.close()


def tls_agreed(port, cafile, *options):
    """Whether `openssl s_client` with these options agrees a session with the server on `port`."""
    done = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile", str(cafile), *options],
                          input="Q\n", capture_output=True, text=True, timeout=30)
    return done.returncode == 0 and "Cipher is (NONE)" not in done.stdout and "New, " in done.stdout


def mozilla_intermediate(key_kind):
    """What Mozilla's intermediate profile offers and refuses, for a server whose key is `key_kind`
    ("ECDSA" or "RSA"): (what, openssl s_client options, offered). The client's security level is
    lowered where needed so that it would agree if the server did."""
    return (("TLS 1.1", ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"], False),
            (f"TLS 1.2 with CBC and SHA-1 (ECDHE-{key_kind}-AES128-SHA)", ["-tls1_2", "-cipher", f"ECDHE-{key_kind}-AES128-SHA@SECLEVEL=0"], False),
            ("TLS 1.2 with RSA key exchange (AES128-GCM-SHA256)", ["-tls1_2", "-cipher", "AES128-GCM-SHA256@SECLEVEL=0"], False),
            (f"TLS 1.2 with ECDHE and AES-GCM (ECDHE-{key_kind}-AES128-GCM-SHA256)",
             ["-tls1_2", "-cipher", f"ECDHE-{key_kind}-AES128-GCM-SHA256"], True),
            ("TLS 1.3", ["-tls1_3"], True),
            ("TLS 1.3 with CCM8", ["-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_8_SHA256"], False))
