#!/usr/bin/python3
"""Benchmark (not a test): a normal client's requests while many slow connections are open.

Two rounds in one run: `alignkit serve` alone, and the same service as deployed behind Debian's
nginx as the runbook leaves it (nginx-limits.sed applied to Debian's nginx.conf, the packaged site
file, HTTPS). Each round holds CONNECTIONS connections open from 500 addresses 127.0.x.y — most
idle (never a byte), one in ten trickling headers (a header line every 2 s), one in ten trickling a
body (a byte every 2 s), each reopened when a deadline closes it — then times PROBES requests of a
normal client on 127.0.0.1 to /v1/health, one after another, each with a 1 s deadline, and prints
how many were answered and the latency percentiles side by side (the goal behind nginx: all
answered, p99 under 50 ms). Asserts nothing. Needs nginx.

  slow_clients.py ALIGNKIT [CONNECTIONS] [PROBES]
"""
import resource
import shutil
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "server"))
from service_process import SlowCrowd, ask, loopback_addresses, serve, start_nginx  # noqa: E402

DEADLINE_S = 1.0


def measure(port, context, connections, probes):
    crowd = SlowCrowd(port, context, loopback_addresses(500), connections).start()
    try:
        began = time.monotonic()
        while crowd.open < 0.95 * connections and time.monotonic() - began < 60:
            time.sleep(0.5)
        held = crowd.open
        times = []
        for _ in range(probes):
            began = time.perf_counter()
            status, _ = ask(port, context, "127.0.0.1", "GET", "/v1/health", timeout=DEADLINE_S)
            if status == 200:
                times.append(time.perf_counter() - began)
        return held, sorted(times)
    finally:
        crowd.stop()


def line(name, opened, answered, probes):
    text = f"  {name:<28} {opened:>5} open   answered {len(answered):>3} of {probes}"
    if answered:
        p99 = answered[min(len(answered) - 1, int(0.99 * len(answered)))]
        text += f"   p50 {1000 * statistics.median(answered):7.1f} ms   p99 {1000 * p99:7.1f} ms"
    return text


def main():
    alignkit = sys.argv[1]
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    probes = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 16384), hard))
    tls = REPO / "tests" / "data" / "tls"
    folder = Path(tempfile.mkdtemp(prefix="alignkit-slow-"))
    print(f"{connections} slow connections (idle, trickling headers, trickling a body) from 500 addresses 127.0.x.y; "
          f"{probes} requests of GET /v1/health from 127.0.0.1, each with a {DEADLINE_S:.0f} s deadline:")
    service = nginx = None
    try:
        service, port = serve(alignkit)
        print(line("alignkit serve alone", *measure(port, None, connections, probes), probes), flush=True)
        service.terminate()
        service.wait()
        service, port = serve(alignkit, "--config", str(REPO / "server" / "deploy" / "alignkit.conf"),
                              "--store", f"sqlite:{folder}/store.db", "--users", f"{folder}/users.json")
        nginx, nginx_port = start_nginx(REPO / "server" / "deploy" / "nginx-alignkit.conf", tls, port, folder)
        context = ssl.create_default_context(cafile=str(tls / "test-cert.pem"))
        print(line("behind nginx (packaged site)", *measure(nginx_port, context, connections, probes), probes))
    finally:
        for process in (nginx, service):
            if process is not None:
                process.terminate()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
