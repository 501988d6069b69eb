#!/usr/bin/python3
"""kill -9 of the template service during a stream of writes, again and again.

Writers publish new versions of their templates as fast as the service acknowledges them; the
service is killed with SIGKILL at a random moment and started again on the same store. After
every restart: each acknowledged version reads back exactly as it was sent, every stored version
is a document some writer sent (none torn), and no acknowledged version is missing.

  crash_test.py ALIGNKIT 'sqlite:{folder}/store.db' [--rounds 8]
  with_postgres.sh crash_test.py ALIGNKIT '$ALIGNKIT_TEST_POSTGRES'
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

from service_process import request, start  # noqa: E402

WRITERS = 3


class Writer(threading.Thread):
    """Publishes version after version of one template until the service goes away."""

    def __init__(self, port, token, name, latest, sent, acknowledged):
        super().__init__()
        self.port, self.token, self.name, self.latest = port, token, name, latest
        self.sent, self.acknowledged = sent, acknowledged

    def run(self):
        random_source = random.Random()
        while True:
            sequence = len(self.sent[self.name])
            document = {"template_version": 1, "name": self.name,
                        "people": {"sequence": sequence, "payload": "x" * random_source.randint(10, 60000)}}
            self.sent[self.name].append(document)
            headers = {"Authorization": f"Bearer {self.token}"}
            if self.latest:
                headers["If-Match"] = f'"{self.latest}"'
            try:
                status, body, _ = request(self.port, "PUT", f"/v1/templates/{self.name}", document, headers)
            except OSError:
                return  # killed mid-request: this version may or may not be stored, never acknowledged
            if status not in (200, 201):
                raise RuntimeError(f"{self.name}: unexpected {status} {body[:200]!r}")
            self.latest = json.loads(body)["version"]
            self.acknowledged[self.name][self.latest] = document


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("alignkit")
    parser.add_argument("store")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="alignkit-crash-")
    # "{folder}" is this run's temporary folder; "$VARIABLE" a store spec from the environment
    # (tests/server/with_postgres.sh sets ALIGNKIT_TEST_POSTGRES).
    store = os.environ[args.store[1:]] if args.store.startswith("$") else args.store.replace("{folder}", folder)
    users = os.path.join(folder, "users.json")
    token = subprocess.run([args.alignkit, "users", "add", "writer", "--owns", "*", "--users", users],
                           capture_output=True, text=True, check=True).stdout.strip()
    run_id = f"{os.getpid()}-{int(time.time())}"
    names = [f"crash-{run_id}-{i}" for i in range(WRITERS)]
    sent = {name: [] for name in names}
    acknowledged = {name: {} for name in names}
    latest = {name: 0 for name in names}
    passed, failures = 0, []

    def check(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(what)
            print(f"FAIL: {what}")

    for round_number in range(1, args.rounds + 1):
        process, port = start(args.alignkit, store, users)
        writers = [Writer(port, token, name, latest[name], sent, acknowledged) for name in names]
        for writer in writers:
            writer.start()
        time.sleep(random.uniform(0.2, 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for writer in writers:
            writer.join()
        process, port = start(args.alignkit, store, users)
        try:
            for name in names:
                for version, document in acknowledged[name].items():
                    status, body, _ = request(port, "GET", f"/v1/templates/{name}/versions/{version}")
                    check(status == 200 and json.loads(body) == document,
                          f"round {round_number}: {name} version {version} acknowledged but reads back {status}")
                status, body, _ = request(port, "GET", f"/v1/templates/{name}/versions")
                stored = json.loads(body)["versions"] if status == 200 else []
                numbers = [v["version"] for v in stored]
                check(numbers == list(range(1, len(numbers) + 1)),
                      f"round {round_number}: {name} versions are not 1..n: {numbers}")
                check(set(acknowledged[name]) <= set(numbers), f"round {round_number}: {name} lost acknowledged versions")
                for version in numbers:
                    status, body, _ = request(port, "GET", f"/v1/templates/{name}/versions/{version}")
                    check(status == 200 and json.loads(body) in sent[name],
                          f"round {round_number}: {name} version {version} is not a document any writer sent")
                latest[name] = numbers[-1] if numbers else 0
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait()
        acked = sum(len(a) for a in acknowledged.values())
        stored_total = sum(latest.values())
        print(f"round {round_number}: killed with SIGKILL; {acked} acknowledged versions intact, "
              f"{stored_total - acked} more stored that were in flight when it died")
    print(f"{passed} passed, {len(failures)} failed")
    return 0 if not failures and passed else 1


if __name__ == "__main__":
    sys.exit(main())
