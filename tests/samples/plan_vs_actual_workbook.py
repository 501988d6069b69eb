#!/usr/bin/python3
"""samples/plan_vs_actual.fods in real Calc against the PostgreSQL the calling script started
(PGHOST, PGPORT, PSQL; database "analytics" holding the sample's actuals).

As the README tells an analyst: the database is registered in LibreOffice as alignkit_actuals
(what File ▸ New ▸ Database ▸ Connect to an existing database ▸ PostgreSQL ▸ Register does, here
through the same database context), the workbook opened (a copy, with its templates beside it),
and its Actuals range refreshed (Data ▸ Refresh Range). December is left out of the table first:
after a refresh its cells stay empty; once December is inserted, the next refresh brings it into
the drift cells and the chart. Expected figures are the sample's own rows, worked by hand.

  plan_vs_actual_workbook.py --oxt build/alignkit.oxt --work DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import uno

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "office"))
from office import REPO, inspect_workbook, running_office  # noqa: E402
from report import Report  # noqa: E402

DECEMBER = "('inside_sales', '2026-12-01', 479400, 5829, 204, 53, 12, 2, 0)"  # as in actuals.sql
# Worked from actuals.sql and the workbook's plan: November 496,800 - 460,000; December
# 479,400 - 470,000; bookings to date 4,463,700 + 479,400; December's clicks 5,829 - 52 / (3% * 25%).
NOVEMBER_DRIFT, DECEMBER_DRIFT, DECEMBER_BOOKINGS, YEAR_BOOKINGS = 36800, 9400, 479400, 4943100
DECEMBER_CLICKS_DRIFT = 5829 - 52 / (0.03 * 0.25)


def psql(sql):
    subprocess.run([os.environ["PSQL"], "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "analytics", "-c", sql], check=True)


def register_database(office, work):
    """What Base's database wizard does: a database document naming the PostgreSQL connection,
    stored as a file and registered under the name the workbook's range asks for."""
    context = office.create("com.sun.star.sdb.DatabaseContext")
    source = context.createInstance()
    source.URL = f"sdbc:postgresql:host={os.environ['PGHOST']} port={os.environ['PGPORT']} dbname=analytics"
    source.User = os.environ.get("PGUSER", "")
    odb = Path(work) / "alignkit_actuals.odb"
    source.DatabaseDocument.storeAsURL(uno.systemPathToFileUrl(str(odb)), ())
    context.registerObject("alignkit_actuals", source)


def cell(sheet, ref):
    c = sheet.getCellRangeByName(ref)
    return c.getString() if c.getType().value == "TEXT" or c.getString() == "" else c.getValue()


def chart_actuals(doc):
    """The values of the chart's bookings series, read through the chart's own data sequence
    (the one it draws from; an empty month has no number)."""
    chart = doc.Sheets.getByName("Plan vs actual").Charts.getByIndex(0).EmbeddedObject
    series = chart.getFirstDiagram().getCoordinateSystems()[0].getChartTypes()[0].getDataSeries()
    for one in series:
        for sequence in one.getDataSequences():
            if sequence.getLabel() and sequence.getLabel().getData() == ("Bookings",):
                return list(sequence.getValues().getData())
    raise AssertionError("the chart has no Bookings series")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    report = Report()
    book = Path(args.work) / "book"
    book.mkdir()
    shutil.copy(REPO / "samples/plan_vs_actual.fods", book)
    shutil.copytree(REPO / "samples/templates", book / "templates")
    psql("DELETE FROM actuals.monthly WHERE team = 'inside_sales' AND month = '2026-12-01'")
    with running_office(args.oxt) as office:
        register_database(office, args.work)
        doc = office.load(book / "plan_vs_actual.fods")
        try:
            plan = doc.Sheets.getByName("Plan vs actual")
            actuals = doc.DatabaseRanges.getByName("actuals")
            descriptor = {p.Name: p.Value for p in actuals.getImportDescriptor()}
            report.check(descriptor.get("DatabaseName") == "alignkit_actuals"
                         and descriptor.get("SourceObject") == "actuals.monthly",
                         f"the Actuals range reads actuals.monthly from alignkit_actuals: {descriptor}")

            actuals.refresh()  # Data ▸ Refresh Range
            doc.calculateAll()
            report.check(cell(plan, "D25") == NOVEMBER_DRIFT, f"November's drift after a refresh: {cell(plan, 'D25')}")
            report.check(cell(plan, "C26") == "" and cell(plan, "D26") == "",
                         f"December, not in the table, is empty: {cell(plan, 'C26')!r} {cell(plan, 'D26')!r}")
            report.check(chart_actuals(doc)[-1] != DECEMBER_BOOKINGS, "the chart has no December bookings yet")

            psql(f"INSERT INTO actuals.monthly VALUES {DECEMBER}")
            actuals.refresh()
            doc.calculateAll()
            report.check(cell(plan, "C26") == DECEMBER_BOOKINGS and cell(plan, "D26") == DECEMBER_DRIFT,
                         f"December inserted and refreshed: bookings {cell(plan, 'C26')}, drift {cell(plan, 'D26')}")
            report.check(abs(cell(plan, "I26") - DECEMBER_CLICKS_DRIFT) < 1e-6,
                         f"December's clicks against what the funnel needed: {cell(plan, 'I26')}")
            report.check(cell(plan, "C27") == YEAR_BOOKINGS, f"the year's bookings: {cell(plan, 'C27')}")
            report.check(chart_actuals(doc)[-1] == DECEMBER_BOOKINGS,
                         f"the chart's last month is December's bookings: {chart_actuals(doc)[-1]}")
            errors = inspect_workbook(doc)[0]
            report.check(not errors, f"no error cells: {errors[:5]}")
        finally:
            doc.close(True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
