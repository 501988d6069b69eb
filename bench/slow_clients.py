#!/usr/bin/python3
"""Benchmark (not a test): a normal client's requests while many slow connections are open.

Starts `alignkit serve` on loopback, opens CONNECTIONS connections split three ways — idle (never
send a byte), trickling headers (a header line every 2 s) and trickling a body (a byte every
2 s) — then times PROBES requests of a normal client to /v1/health, one after another, each with
a 1 s deadline. Prints how many were answered and the latency percentiles. Asserts nothing.

  slow_clients.py ALIGNKIT [CONNECTIONS] [PROBES]
"""
import socket
import statistics
import subprocess
import sys
import threading
import time


def start(alignkit):
    process = subprocess.Popen([alignkit, "serve", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    return process, int(line.split()[-1])


def slow(port, kind, stop):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
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
        pass  # the service closed it: that is what a deadline should do


def probe(port):
    began = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.settimeout(1)
            connection.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = connection.recv(64)
            if answer.startswith(b"HTTP/1.1 200"):
                return time.perf_counter() - began
    except OSError:
        pass
    return None


def main():
    alignkit = sys.argv[1]
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    probes = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    process, port = start(alignkit)
    stop = threading.Event()
    slow_ones = [threading.Thread(target=slow, args=(port, ("idle", "headers", "body")[i % 3], stop), daemon=True)
                 for i in range(connections)]
    try:
        for thread in slow_ones:
            thread.start()
        time.sleep(3)
        times = [probe(port) for _ in range(probes)]
        answered = sorted(t for t in times if t is not None)
        print(f"{connections} slow connections open (idle, trickling headers, trickling a body), "
              f"{probes} probes of GET /v1/health with a 1 s deadline:")
        print(f"  answered {len(answered)} of {probes}", end="")
        if answered:
            p99 = answered[min(len(answered) - 1, int(0.99 * len(answered)))]
            print(f"; p50 {1000 * statistics.median(answered):.1f} ms, p99 {1000 * p99:.1f} ms")
        else:
            print()
    finally:
        stop.set()
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
