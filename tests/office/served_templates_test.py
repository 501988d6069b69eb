#!/usr/bin/python3
"""Workbooks follow templates served by a real alignkit service, in real Calc.

  served_templates_test.py --oxt build/alignkit.oxt --alignkit build/server/alignkit

Starts its own service (SQLite store, users file, a free loopback port) and two offices with
profiles of their own, "HR" and "Sales", that both trust it. Checks:
- Sales' workbook reads a served value; HR publishes (with its token, from the command line) and
  Sales' next recalculation shows the new value, version and author;
- a source on a host nobody trusts is Err:502 and a listener there sees no connection at all;
- with the service stopped, the saved workbook opens in a new office session and recalculates from
  the kept copy ("stale" TRUE) within a few seconds; a source never read before is Err:502.
"""
import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import REPO, inspect_workbook, props, running_office  # noqa: E402
from report import Report  # noqa: E402
from service_fixture import Service, build_workbook, trust, values  # noqa: E402
import uno  # noqa: E402

ERR_ILLEGAL_ARGUMENT = 502
RECHECK_S = 5  # the add-in's default: a source is asked again at most this often
TEMPLATE = "inside_sales"


class Listener(threading.Thread):
    """A loopback port nobody trusts: counts the connections made to it."""

    def __init__(self):
        super().__init__(daemon=True)
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.socket.accept()
                self.connections += 1
                connection.close()
            except socket.timeout:
                pass

    def stop(self):
        self.stopping.set()
        self.join()
        self.socket.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--alignkit", required=True)
    args = parser.parse_args()
    report = Report()
    folder = Path(tempfile.mkdtemp(prefix="alignkit-served-"))
    service = Service(args.alignkit, folder)
    listener = Listener()
    listener.start()
    try:
        tokens = service.set_up()
        service.start()
        source = f"{service.url}/v1/templates/{TEMPLATE}"
        saved = folder / "sales_plan.ods"
        hr_profile, sales_profile = folder / "hr-profile", folder / "sales-profile"

        with running_office(args.oxt, profile=sales_profile) as sales, running_office(args.oxt, profile=hr_profile) as hr:
            trust(sales, [service.url])
            trust(hr, [service.url])
            doc = sales.new_calc()
            sheet = build_workbook(doc, source)
            first = values(sheet)
            report.check(first["salary"] == "65000" and first["version"] == "1" and not first["errors"],
                         f"Sales reads version 1 of the served template: {first}")
            report.check(first["stale"] == 0, f"a template just read is not stale: {first}")

            # HR's office follows the same template.
            hr_doc = hr.new_calc()
            hr_sheet = build_workbook(hr_doc, source)
            report.check(values(hr_sheet)["salary"] == "65000", f"HR reads it too: {values(hr_sheet)}")

            service.publish(TEMPLATE, tokens["hr"], 1, lambda document: document["people"].update(annual_salary=70000))
            time.sleep(RECHECK_S + 0.5)  # past the interval in which the copy in memory is used
            started = time.monotonic()
            doc.calculateAll()
            took = time.monotonic() - started
            after = values(sheet)
            report.check(after["salary"] == "70000" and after["version"] == "2" and after["author"] == "hr",
                         f"Sales' next recalculation shows HR's version 2: {after}")
            report.check(after["cost"] != first["cost"] and not after["errors"],
                         f"the cost that depends on it changed: {first['cost']} -> {after['cost']}")
            print(f"recalculation that revalidated with the service: {took * 1000:.0f} ms")

            # An untrusted host: Err:502 naming it, and nothing sent.
            untrusted = doc.Sheets.getByIndex(0).getCellByPosition(3, 1)
            untrusted.setFormula(f'=TEMPLATE.VALUE("http://127.0.0.1:{listener.port}/v1/templates/x";"a")')
            doc.calculateAll()
            time.sleep(0.5)
            report.check(untrusted.getError() == ERR_ILLEGAL_ARGUMENT, f"untrusted host: {untrusted.getString()}")
            report.check(listener.connections == 0,
                         f"the untrusted listener saw {listener.connections} connection(s)")
            untrusted.setString("")

            # A sample workbook follows the service by changing its one source cell.
            for sample in ("funnel_budget_planner", "capacity_hiring_plan"):
                book = sales.load(REPO / "samples" / f"{sample}.fods")
                source_cell = book.Sheets.getByIndex(0).getCellRangeByName("B5")
                report.check(source_cell.getString().endswith(".json"), f"{sample}'s B5 names its template file")
                source_cell.setString(source)
                book.calculateAll()
                errors, _, following, _ = inspect_workbook(book)
                report.check(not errors and following > 0,
                             f"{sample} with its source cell set to the service: {following} formulas follow it; "
                             f"errors {errors[:3]}")
                book.close(True)
            doc.storeToURL(uno.systemPathToFileUrl(str(saved)), props(FilterName="calc8"))
            doc.close(True)
            hr_doc.close(True)

        # The service goes away; Sales opens the saved plan in a new session.
        service.stop()
        with running_office(args.oxt, profile=sales_profile, installed=True) as sales:
            started = time.monotonic()
            doc = sales.load(saved)
            doc.calculateAll()
            took = time.monotonic() - started
            offline = values(doc.Sheets.getByIndex(0))
            report.check(offline["salary"] == "70000" and offline["version"] == "2" and offline["author"] == "hr"
                         and offline["stale"] == 1 and not offline["errors"],
                         f"with the service stopped the kept copy is used and stale is TRUE: {offline}")
            report.check(took < 20, f"opening and recalculating without the service took {took:.1f} s")
            print(f"open + recalculate with the service stopped: {took:.1f} s")
            never = doc.Sheets.getByIndex(0).getCellByPosition(3, 2)
            never.setFormula(f'=TEMPLATE.VALUE("{service.url}/v1/templates/enterprise_field_sales";"people.annual_salary")')
            doc.calculateAll()
            report.check(never.getError() == ERR_ILLEGAL_ARGUMENT,
                         f"a served template never read before, service stopped: {never.getString()}")
            doc.close(True)
            report.check(sales.alive(), "the office is alive at the end")
        kept = list((sales_profile / "user" / "alignkit" / "kept-templates").glob("*.json"))
        report.check(len(kept) == 1 and not list(kept[0].parent.glob("*.tmp*")),
                     f"one kept copy, no temporary file left: {kept}")
    finally:
        listener.stop()
        service.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
