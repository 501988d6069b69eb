#!/usr/bin/python3
"""A template store made by alignkit 0.1.0 (tests/data/released-0.1.0), opened by this alignkit:
migrated in place (the store's schema 1 to this one's), every version kept as it was — number,
author, time, message, document — and everything this version adds working on it (approvals'
approved_by, proposals). 0.1.0's backup restores. A store made by a newer alignkit is refused,
never changed.

  upgrade_store_test.py ALIGNKIT sqlite|postgresql
(postgresql: under tests/server/with_postgres.sh, which starts a server of its own.)
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from service_process import Checks, request, serve

RELEASED = Path(__file__).resolve().parents[1] / "data" / "released-0.1.0"


def psql_arguments(spec):
    """postgresql:host=… port=… user=… dbname=… as psql's arguments."""
    words = dict(word.split("=", 1) for word in spec.split(":", 1)[1].split())
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", words["host"], "-p", words["port"], "-U", words["user"], "-d", words["dbname"]]


def main():
    alignkit, backend = str(Path(sys.argv[1]).resolve()), sys.argv[2]
    folder = Path(tempfile.mkdtemp(prefix="alignkit-upgrade-"))
    checks = Checks()
    check = checks.check
    service = None
    dump = (RELEASED / "store-0.1.0.sql").read_text()
    try:
        if backend == "sqlite":
            spec = f"sqlite:{folder}/store.db"
            database = sqlite3.connect(folder / "store.db")
            database.executescript(dump)
            database.close()
            os.chmod(folder / "store.db", 0o600)
            query = lambda sql: sqlite3.connect(folder / "store.db").execute(sql).fetchall()  # noqa: E731
        else:
            spec = os.environ["ALIGNKIT_TEST_POSTGRES"]
            subprocess.run(psql_arguments(spec), input=dump, text=True, check=True, capture_output=True)
            query = lambda sql: [tuple(line.split("|")) for line in subprocess.run(  # noqa: E731
                psql_arguments(spec) + ["-A", "-t", "-c", sql], check=True, capture_output=True, text=True).stdout.split("\n") if line]
        before = query("SELECT name, version, author, published, message, document FROM template_versions ORDER BY name, version")
        hr = subprocess.run([alignkit, "users", "add", "hr", "--owns", "people", "--users", f"{folder}/users.json"],
                            check=True, capture_output=True, text=True).stdout.strip()
        sales = subprocess.run([alignkit, "users", "add", "sales", "--owns", "funnel,goals", "--users", f"{folder}/users.json"],
                               check=True, capture_output=True, text=True).stdout.strip()
        service, port = serve(alignkit, "--store", spec, "--users", f"{folder}/users.json")
        check(query("SELECT schema_version FROM alignkit_store") in ([(2,)], [("2",)]), "the store was migrated to schema 2")
        after = query("SELECT name, version, author, published, message, document FROM template_versions ORDER BY name, version")
        check(after == before and len(after) == 4, f"every one of its {len(after)} versions is as 0.1.0 wrote it")
        status, body, _ = request(port, "GET", "/v1/templates/inside_sales/versions")
        history = json.loads(body)["versions"]
        check([(v["version"], v["author"], v["message"]) for v in history] ==
              [(1, "import", "imported from inside_sales.json"), (2, "hr", "2027 salary band"), (3, "sales", "Q1 clicks")],
              f"its history reads as it was: {[(v['version'], v['author']) for v in history]}")
        status, body, headers = request(port, "GET", "/v1/templates/inside_sales")
        document = json.loads(body)
        check(status == 200 and headers.get("ETag") == '"3"' and document["people"]["annual_salary"] == 70000
              and document["funnel"]["cost_per_click"] == 4.5, "the latest version is 0.1.0's version 3")
        proposed = json.loads(json.dumps(document))
        proposed["people"]["ramp_months"] = 4
        status, body, _ = request(port, "POST", "/v1/templates/inside_sales/proposals", proposed,
                                  {"Authorization": f"Bearer {sales}", "If-Match": '"3"', "X-Message": "a longer ramp"})
        proposal = json.loads(body)
        check(status == 201 and proposal["groups"] == ["people"], f"a proposal on the migrated store: {status}")
        status, _, headers = request(port, "POST", f"/v1/proposals/{proposal['id']}/approve", None, {"Authorization": f"Bearer {hr}"})
        check(status == 200 and headers.get("ETag") == '"4"', f"approved as version 4: {status}")
        status, body, _ = request(port, "GET", "/v1/templates/inside_sales/versions")
        latest = json.loads(body)["versions"][-1]
        check(latest["author"] == "sales" and latest.get("approved_by") == "hr", f"by sales, approved by hr: {latest}")
        service.terminate()
        service.wait()
        service = None
        # 0.1.0's backup restores into an empty store of this version.
        restored = f"sqlite:{folder}/restored.db"
        done = subprocess.run([alignkit, "store", "restore", str(RELEASED / "backup-0.1.0.json"), "--store", restored],
                              capture_output=True, text=True)
        versions = sqlite3.connect(folder / "restored.db").execute(
            "SELECT name, version, author, published, message, document FROM template_versions ORDER BY name, version").fetchall()
        check(done.returncode == 0 and [tuple(str(c) for c in row) for row in versions] == [tuple(str(c) for c in row) for row in before],
              f"0.1.0's backup restores, every version as it was (exit {done.returncode})")
        # A store a newer alignkit made: refused, not touched.
        if backend == "sqlite":
            database = sqlite3.connect(folder / "store.db")
            database.execute("UPDATE alignkit_store SET schema_version = 99")
            database.commit()
            database.close()
        else:
            subprocess.run(psql_arguments(spec) + ["-c", "UPDATE alignkit_store SET schema_version = 99"], check=True, capture_output=True)
        done = subprocess.run([alignkit, "serve", "--port", "0", "--store", spec], capture_output=True, text=True, timeout=30)
        check(done.returncode == 1 and "made by a newer alignkit" in done.stderr, f"a newer store is refused: {done.stderr.strip()[:100]}")
    finally:
        if service is not None:
            service.terminate()
            service.wait()
        shutil.rmtree(folder, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
