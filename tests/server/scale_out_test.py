#!/usr/bin/python3
"""Two `alignkit serve` instances on one PostgreSQL store, as behind a load balancer.

Writers race on one template through both instances, each publishing on the version it last
read: exactly one wins each version (the others get 412), every version is the document its
winner sent; after an acknowledged write the writing instance shows it at once and the other
instance within VISIBLE_WITHIN_S (each keeps newest versions in memory and forgets one when
PostgreSQL notifies it of a change; the slowest seen is printed). Then one instance is killed with SIGKILL during a stream of writes through both:
every acknowledged version reads back exactly from the survivor.

  with_postgres.sh scale_out_test.py ALIGNKIT
"""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

from service_process import Checks, request, start  # noqa: E402

VISIBLE_WITHIN_S = 1.0  # the documented bound: another instance shows an acknowledged version within it

WRITERS = 4
SECONDS = 3


def version_of(headers):
    return int(headers["ETag"].strip('"'))


class Racer(threading.Thread):
    """Reads the latest version from one instance and publishes on it through either."""

    def __init__(self, number, ports, token, name, until, results):
        super().__init__()
        self.number, self.ports, self.token, self.name, self.until = number, ports, token, name, until
        self.results = results  # shared: acknowledged versions, lost races, stale reads, errors

    def run(self):
        chance = random.Random(self.number)
        sequence = 0
        while time.time() < self.until:
            reader, writer = chance.choice(self.ports), chance.choice(self.ports)
            status, _, headers = request(reader, "GET", f"/v1/templates/{self.name}")
            if status != 200:
                self.results["errors"].append(f"read {status}")
                return
            base = version_of(headers)
            sequence += 1
            document = {"template_version": 1, "people": {"writer": self.number, "sequence": sequence}}
            status, body, headers = request(writer, "PUT", f"/v1/templates/{self.name}", document,
                                            {"Authorization": f"Bearer {self.token}", "If-Match": f'"{base}"'})
            if status == 412:
                self.results["lost"] += 1
                continue
            if status != 200:
                self.results["errors"].append(f"publish {status} {body[:120]!r}")
                return
            version = json.loads(body)["version"]
            self.results["won"].append((version, document))
            # The writing instance shows it at once (it forgets what it kept when it commits).
            status, _, headers = request(writer, "GET", f"/v1/templates/{self.name}")
            if status != 200 or version_of(headers) < version:
                self.results["stale"].append(("same instance", version, status, headers.get("ETag")))
            # The other instance within the bound: as soon as it hears the store's notification.
            other = self.ports[1] if writer == self.ports[0] else self.ports[0]
            acknowledged = time.monotonic()
            while True:
                status, _, headers = request(other, "GET", f"/v1/templates/{self.name}")
                lag = time.monotonic() - acknowledged
                if status == 200 and version_of(headers) >= version:
                    self.results["lags"].append(lag)
                    break
                if lag > VISIBLE_WITHIN_S:
                    self.results["stale"].append(("other instance", version, status, headers.get("ETag")))
                    break


class Streamer(threading.Thread):
    """Publishes version after version of its own template through one instance until it goes away."""

    def __init__(self, port, token, name, acknowledged):
        super().__init__()
        self.port, self.token, self.name, self.acknowledged = port, token, name, acknowledged

    def run(self):
        latest = 0
        while True:
            document = {"template_version": 1, "people": {"sequence": latest + 1, "payload": "x" * 2000}}
            headers = {"Authorization": f"Bearer {self.token}"}
            if latest:
                headers["If-Match"] = f'"{latest}"'
            try:
                status, body, _ = request(self.port, "PUT", f"/v1/templates/{self.name}", document, headers)
            except OSError:
                return  # its instance was killed: this one was never acknowledged
            if status not in (200, 201):
                return
            latest = json.loads(body)["version"]
            self.acknowledged[latest] = document
            if len(self.acknowledged) >= 400:
                return


def main():
    alignkit = sys.argv[1]
    store = os.environ["ALIGNKIT_TEST_POSTGRES"]
    folder = tempfile.mkdtemp(prefix="alignkit-scale-out-")
    users = os.path.join(folder, "users.json")
    token = subprocess.run([alignkit, "users", "add", "writer", "--owns", "*", "--users", users],
                           capture_output=True, text=True, check=True).stdout.strip()
    reader = subprocess.run([alignkit, "users", "add", "planner", "--reads", "--users", users],
                            capture_output=True, text=True, check=True).stdout.strip()
    (a, port_a), (b, port_b) = start(alignkit, store, users), start(alignkit, store, users)
    checks = Checks()
    check = checks.check

    try:
        run_id = f"{os.getpid()}-{int(time.time())}"
        shared = f"race-{run_id}"
        first = {"template_version": 1, "people": {"writer": -1, "sequence": 0}}
        status, _, _ = request(port_a, "PUT", f"/v1/templates/{shared}", first, {"Authorization": f"Bearer {token}"})
        check(status == 201, "a template created through instance A")
        results = {"won": [], "lost": 0, "stale": [], "errors": [], "lags": []}
        until = time.time() + SECONDS
        racers = [Racer(i, [port_a, port_b], token, shared, until, results) for i in range(WRITERS)]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
        won = sorted(v for v, _ in results["won"])
        check(not results["errors"], f"no racer met an error: {results['errors'][:3]}")
        check(len(won) == len(set(won)), f"exactly one writer won each version ({len(won)} won, {results['lost']} got 412)")
        check(won == list(range(2, len(won) + 2)), "the versions won are 2, 3, … with none skipped")
        check(results["lost"] > 0, f"the writers really raced ({results['lost']} lost a race and were told so)")
        matches = all(json.loads(request(port_b, "GET", f"/v1/templates/{shared}/versions/{v}")[1]) == d
                      for v, d in results["won"])
        check(matches, "every version is the document its winner sent")
        lags = sorted(results["lags"])
        said = f"; slowest {1000 * lags[-1]:.1f} ms of {len(lags)}" if lags else ""
        check(not results["stale"] and lags, f"after an acknowledged write, the writing instance shows it at once and the "
                                             f"other within {VISIBLE_WITHIN_S} s{said}: {results['stale'][:3]}")

        # The instances' listening connections cut (an administrator's pg_terminate_backend, a
        # database restart): B, having read the template, must not go on serving it after A writes.
        status, _, headers = request(port_b, "GET", f"/v1/templates/{shared}")  # B keeps the newest
        base = version_of(headers)
        cut = subprocess.run(["psql", store.removeprefix("postgresql:"), "-Atc",
                              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                              "WHERE application_name = 'alignkit-changes'"], capture_output=True, text=True)
        check(cut.stdout.strip() == "2", f"both instances' listening connections cut: {cut.stdout.strip()} {cut.stderr.strip()}")
        document = {"template_version": 1, "people": {"writer": -2, "sequence": 1}}
        status, body, _ = request(port_a, "PUT", f"/v1/templates/{shared}", document,
                                  {"Authorization": f"Bearer {token}", "If-Match": f'"{base}"'})
        written = json.loads(body).get("version") if status == 200 else None
        began = time.monotonic()
        seen = None
        while time.monotonic() - began < VISIBLE_WITHIN_S:
            status, _, headers = request(port_b, "GET", f"/v1/templates/{shared}")
            seen = version_of(headers)
            if written and seen >= written:
                break
        check(written and seen >= written,
              f"after the cut, a version written through A ({written}) is read from B within {VISIBLE_WITHIN_S} s: {seen}")

        # A proposal made through A, seen and approved through B, published for both.
        status, _, headers = request(port_a, "GET", f"/v1/templates/{shared}")
        base = version_of(headers)
        proposed = {"template_version": 1, "people": {"writer": -3, "sequence": 2}}
        status, body, _ = request(port_a, "POST", f"/v1/templates/{shared}/proposals", proposed,
                                  {"Authorization": f"Bearer {reader}", "If-Match": f'"{base}"'})
        number = json.loads(body).get("id") if status == 201 else None
        check(number is not None, f"a reader proposes through A: {status}")
        status, body, _ = request(port_b, "GET", f"/v1/proposals/{number}")
        check(status == 200 and json.loads(body)["document"] == proposed, f"B reads the proposal made through A: {status}")
        status, body, _ = request(port_b, "POST", f"/v1/proposals/{number}/approve", None, {"Authorization": f"Bearer {token}"})
        approved = json.loads(body).get("version") if status == 200 else None
        check(approved == base + 1, f"approved through B as the next version: {status} {approved}")
        began = time.monotonic()
        while time.monotonic() - began < VISIBLE_WITHIN_S:
            _, body, headers = request(port_a, "GET", f"/v1/templates/{shared}")
            if version_of(headers) == approved:
                break
        check(version_of(headers) == approved and json.loads(body) == proposed and headers.get("X-Template-Approved-By") == "writer",
              f"A serves the approved version within {VISIBLE_WITHIN_S} s, approved by its approver: {version_of(headers)}")

        # kill -9 of instance A during a stream of writes through both.
        acknowledged_a, acknowledged_b = {}, {}
        streamers = [Streamer(port_a, token, f"stream-a-{run_id}", acknowledged_a),
                     Streamer(port_b, token, f"stream-b-{run_id}", acknowledged_b)]
        for streamer in streamers:
            streamer.start()
        time.sleep(random.uniform(0.3, 0.8))
        a.send_signal(signal.SIGKILL)
        a.wait()
        for streamer in streamers:
            streamer.join()
        check(len(acknowledged_a) > 0 and len(acknowledged_b) > 0,
              f"both instances acknowledged writes ({len(acknowledged_a)} through A before it died, {len(acknowledged_b)} through B)")
        intact = all(json.loads(request(port_b, "GET", f"/v1/templates/{name}/versions/{v}")[1]) == d
                     for name, acknowledged in ((f"stream-a-{run_id}", acknowledged_a), (f"stream-b-{run_id}", acknowledged_b))
                     for v, d in acknowledged.items())
        check(intact, "every acknowledged version reads back exactly from the surviving instance")
        status, _, _ = request(port_b, "GET", "/v1/health")
        check(status == 200, "the surviving instance keeps serving")
    finally:
        for process in (a, b):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
