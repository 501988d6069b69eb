#!/usr/bin/python3
"""Many planners reading at once, each with their own token, from a team's users file.

The packaged settings make every read carry a token. With 100 users, 16 clients read as fast as
the service answers (wrk, 8 s), then 16 clients each with a different user's token (over plain
HTTP, as behind nginx): every read is answered 200 and the service stays up. (Hashing tokens on several request threads at once once
crashed it: Poco tore OpenSSL down under a concurrent hash.) A wrong token is 401 throughout.

  concurrent_tokens_test.py ALIGNKIT
"""
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from service_process import request, serve  # noqa: E402

USERS = 100
CLIENTS = 16
READS = 150


def main():
    alignkit = sys.argv[1]
    folder = Path(tempfile.mkdtemp(prefix="alignkit-tokens-"))
    samples = Path(__file__).resolve().parents[2] / "samples" / "templates"
    subprocess.run([alignkit, "store", "import", str(samples), "--store", f"sqlite:{folder}/store.db"],
                   check=True, capture_output=True)
    tokens = [subprocess.run([alignkit, "users", "add", f"planner{n}", "--owns", "people", "--users", f"{folder}/users.json"],
                             check=True, capture_output=True, text=True).stdout.strip() for n in range(USERS)]
    process, port = serve(alignkit, "--store", f"sqlite:{folder}/store.db", "--users", f"{folder}/users.json",
                          "--reading", "token", "--max-token-failures", "100000")
    statuses = {}

    def reader(number):
        token = tokens[(number * 7) % USERS]
        seen = []
        for i in range(READS):
            wrong = i % 50 == 49
            status, _, _ = request(port, "GET", "/v1/templates/inside_sales",
                                   headers={"Authorization": f"Bearer {'ak_wrong' if wrong else token}"})
            seen.append((wrong, status))
        statuses[number] = seen

    try:
        # wrk: reads as fast as the service answers, every one with a token (the last user's).
        busy = subprocess.run(["wrk", f"-t{CLIENTS}", f"-c{CLIENTS}", "-d8s", "-H", f"Authorization: Bearer {tokens[-1]}",
                               f"http://127.0.0.1:{port}/v1/templates/inside_sales"], capture_output=True, text=True)
        rate = next((line.split()[-1] for line in busy.stdout.splitlines() if line.startswith("Requests/sec")), "?")
        non_2xx = [line.strip() for line in busy.stdout.splitlines() if "Non-2xx" in line]
        threads = [threading.Thread(target=reader, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        good = [s for seen in statuses.values() for wrong, s in seen if not wrong]
        bad = [s for seen in statuses.values() for wrong, s in seen if wrong]
        failures = []
        if good.count(200) != CLIENTS * READS - len(bad):
            failures.append(f"reads with a user's token: {sorted(set(good))}, {good.count(200)} of {len(good)} were 200")
        if set(bad) != {401}:
            failures.append(f"a wrong token: {sorted(set(bad))}")
        if non_2xx:
            failures.append(f"wrk's reads with a token: {non_2xx}")
        if process.poll() is not None:
            failures.append(f"the service exited ({process.returncode})")
        print(f"wrk: {rate} reads/s with a token; then {len(good)} reads with {CLIENTS} clients and {USERS} users' "
              f"tokens, {len(bad)} with a wrong one")
        for failure in failures:
            print(f"FAIL  {failure}")
        print("ok" if not failures else "failed")
        return 1 if failures else 0
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    sys.exit(main())
