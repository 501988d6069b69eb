#!/usr/bin/python3
"""kill -9 of the template service during a stream of writes, again and again.

Writers publish new versions of their templates as fast as the service acknowledges them, and a
reader proposes changes that an owner approves, one after another; the service is killed with
SIGKILL at a random moment and started again on the same store. After every restart: each
acknowledged version reads back exactly as it was sent, every stored version is a document some
writer sent (none torn), and no acknowledged version is missing; each acknowledged proposal is
there as it was sent, each acknowledged approval is approved with the version it published
(the proposal's document, its proposer the author, its approver approved_by).

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


class Proposer(threading.Thread):
    """Proposes a change as a reader and has an owner approve it, again and again."""

    def __init__(self, port, reader, owner, name, state):
        super().__init__()
        self.port, self.reader, self.owner, self.name, self.state = port, reader, owner, name, state

    def run(self):
        state = self.state
        while True:
            document = {"template_version": 1, "name": self.name, "people": {"proposal": len(state["sent"])}}
            state["sent"].append(document)
            try:
                status, body, _ = request(self.port, "POST", f"/v1/templates/{self.name}/proposals", document,
                                          {"Authorization": f"Bearer {self.reader}", "If-Match": f'"{state["latest"]}"'})
                if status != 201:
                    raise RuntimeError(f"proposing: unexpected {status} {body[:200]!r}")
                number = json.loads(body)["id"]
                state["proposed"][number] = document
                status, body, headers = request(self.port, "POST", f"/v1/proposals/{number}/approve", None,
                                                {"Authorization": f"Bearer {self.owner}"})
            except OSError:
                return  # killed mid-request
            if status != 200:
                raise RuntimeError(f"approving: unexpected {status} {body[:200]!r}")
            state["latest"] = json.loads(body)["version"]
            state["approved"][number] = state["latest"]


def check_proposals(port, name, state, check, round_number):
    """What the proposer was told is what the store holds, after the kill."""
    for number, document in state["proposed"].items():
        status, body, _ = request(port, "GET", f"/v1/proposals/{number}")
        check(status == 200 and json.loads(body)["document"] == document,
              f"round {round_number}: proposal {number} acknowledged but reads back {status}")
    for number, version in state["approved"].items():
        _, body, _ = request(port, "GET", f"/v1/proposals/{number}")
        proposal = json.loads(body)
        check(proposal["status"] == "approved" and proposal.get("version") == version,
              f"round {round_number}: proposal {number} was approved as version {version}, reads {proposal['status']}")
        status, body, _ = request(port, "GET", f"/v1/templates/{name}/versions/{version}")
        check(status == 200 and json.loads(body) == state["proposed"][number],
              f"round {round_number}: version {version} is not proposal {number}'s document")
    status, body, _ = request(port, "GET", f"/v1/templates/{name}/proposals?status=all")
    stored = json.loads(body)["proposals"] if status == 200 else []
    check(status == 200 and len(stored) >= len(state["proposed"]), f"round {round_number}: proposals listed {status}")
    for item in stored:
        _, body, _ = request(port, "GET", f"/v1/proposals/{item['id']}")
        check(json.loads(body)["document"] in state["sent"], f"round {round_number}: proposal {item['id']} is torn")
    _, body, _ = request(port, "GET", f"/v1/templates/{name}/versions")
    versions = json.loads(body)["versions"]
    for version in versions[1:]:
        check(version["author"] == "reader" and version.get("approved_by") == "writer",
              f"round {round_number}: version {version['version']} names {version['author']} / {version.get('approved_by')}")
    state["latest"] = versions[-1]["version"]  # an approval in flight may have been stored


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
    reader = subprocess.run([args.alignkit, "users", "add", "reader", "--reads", "--users", users],
                            capture_output=True, text=True, check=True).stdout.strip()
    run_id = f"{os.getpid()}-{int(time.time())}"
    names = [f"crash-{run_id}-{i}" for i in range(WRITERS)]
    sent = {name: [] for name in names}
    acknowledged = {name: {} for name in names}
    latest = {name: 0 for name in names}
    proposed_name = f"crash-{run_id}-proposed"
    proposals = {"sent": [], "proposed": {}, "approved": {}, "latest": 1}
    passed, failures = 0, []

    def check(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(what)
            print(f"FAIL: {what}")

    process, port = start(args.alignkit, store, users)
    first = {"template_version": 1, "name": proposed_name, "people": {"proposal": -1}}
    proposals["sent"].append(first)
    status, _, _ = request(port, "PUT", f"/v1/templates/{proposed_name}", first, {"Authorization": f"Bearer {token}"})
    check(status == 201, f"the proposals' template is published: {status}")
    process.send_signal(signal.SIGTERM)
    process.wait()
    for round_number in range(1, args.rounds + 1):
        process, port = start(args.alignkit, store, users)
        writers = [Writer(port, token, name, latest[name], sent, acknowledged) for name in names]
        writers.append(Proposer(port, reader, token, proposed_name, proposals))
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
            check_proposals(port, proposed_name, proposals, check, round_number)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait()
        acked = sum(len(a) for a in acknowledged.values())
        stored_total = sum(latest.values())
        print(f"round {round_number}: killed with SIGKILL; {acked} acknowledged versions intact, "
              f"{stored_total - acked} more stored that were in flight when it died; "
              f"{len(proposals['proposed'])} proposals and {len(proposals['approved'])} approvals intact")
    print(f"{passed} passed, {len(failures)} failed")
    return 0 if not failures and passed else 1


if __name__ == "__main__":
    sys.exit(main())
