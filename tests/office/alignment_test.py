#!/usr/bin/python3
"""The alignment check in real Calc, and `alignkit check` driving the real office headless.

  alignment_test.py --oxt build/alignkit.oxt --alignkit build/server/alignkit workbook
  alignment_test.py --oxt build/alignkit.oxt --alignkit build/server/alignkit command

workbook: a workbook with typed numbers in formulas, cells, ranges and inline lists, beside
TEMPLATE.VALUE links, equal values and a key the template lacks, checked through the add-in's
org.alignkit.calc.AlignmentCheck; Link and undo. command: the sample with two drifts, a workbook
without drift, likely typos (a whole percent typed for a fraction), --json, a served template,
and bad input (exit 2, a clear message).
Expected numbers are worked out here by hand (the funnel) or read from Calc's own cells.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import running_office  # noqa: E402
from report import Report  # noqa: E402
from service_fixture import Service  # noqa: E402
import formula_corpus  # noqa: E402
from formula_corpus import STYLES  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "alignment_check_example.fods"
TEMPLATE = {
    "template_version": 1, "name": "Test team",
    "funnel": {"cost_per_click": 2.5, "rates": {"visit_to_demo": 0.04, "demo_to_sale": 0.2},
               "rate_order": ["visit_to_demo", "demo_to_sale"]},
    "people": {"annual_salary": 70000, "monthly_quota": 50000, "ramp_months": 4, "vacancy_months": 2},
}
LINK = 'TEMPLATE.VALUE($A$1;"{}")'
# cell -> formula; A1 names the template, D/E/F hold typed and linked inputs.
CELLS = {
    "D1": 0.04, "D2": 0.2,  # typed, equal to the published rates
    "E1": "=" + LINK.format("funnel.rates.visit_to_demo"), "E2": 0.15,  # linked beside typed
    "F1": 65000, "F2": 1.25,
    "B1": "=FUNNEL.BUDGET(100;{0.04;0.25};2.5)",  # an inline list: drift, not linkable
    "B2": "=FUNNEL.BUDGET(100;D1:D2;3)",  # a number typed in the formula: drift
    "B3": "=FUNNEL.BUDGET(100;E1:E2;" + LINK.format("funnel.cost_per_click") + ")",  # typed cell in a range
    "B4": "=TURNOVER.COST(F1;" + LINK.format("people.monthly_quota") + ";4;2)",  # a typed cell; 4 and 2 equal
    "B5": "=FUNNEL.BUDGET(100;D1:D2;250%)",  # 250% is 2.5: equal
    "B6": "=CAPACITY.REPS(600000;50000;0.9)",  # attainment: the template has no people.attainment
    "B7": "=FUNNEL.BUDGET(100;D1:D2;F2*2)",  # a calculation: not a typed copy
    "C4": "=TURNOVER.COST(70000;50000;4;2)",  # Calc's own answer with the published salary
}


def build(doc, template):
    sheet = doc.Sheets.getByIndex(0)
    sheet.Name = "Plan"
    sheet.getCellRangeByName("A1").setString(str(template))
    for name, content in CELLS.items():
        cell = sheet.getCellRangeByName(name)
        if isinstance(content, str):
            cell.setFormula(content)
        else:
            cell.setValue(content)
    doc.calculateAll()
    return sheet


def run_check(office, doc, link=None):
    from com.sun.star.beans import NamedValue
    job = office.create("org.alignkit.calc.AlignmentCheck")
    arguments = [NamedValue("Document", doc)]
    if link is not None:
        import uno
        arguments.append(NamedValue("Link", uno.Any("long", link)))
    return json.loads(job.execute(tuple(arguments)))


def near(a, b):
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


def signature(answer, cell):
    """What the check says of one cell: its drifts (argument, typed, published) and skipped keys."""
    drifts = sorted((d["argument"], tuple(d["workbook"]), tuple(d["published"])) for d in answer.get("drifts", [])
                    if d["cell"] == cell)
    skipped = sorted((k["argument"], k["key"]) for k in answer.get("skipped", []) if k["cell"] == cell)
    return drifts, skipped


def check_styles(office, template, report):
    """Each formula of CELLS typed in every style gives the same drifts as typed plainly."""
    doc = office.new_calc()
    try:
        sheet = build(doc, template)
        formulas = {name: f for name, f in CELLS.items() if isinstance(f, str) and name.startswith("B")}
        placed = {}  # (formula's cell, style) -> where it is typed
        for row, (name, formula) in enumerate(formulas.items()):
            for column, (style, typed) in enumerate(STYLES.items()):
                at = f"{'HIJKLMN'[column]}{row + 1}"
                sheet.getCellRangeByName(at).setFormula(typed(formula))
                placed[(name, style)] = at
        doc.calculateAll()
        answer = run_check(office, doc)
        plain_drifts = 0
        for name in formulas:
            plain = signature(answer, f"Plan.{name}")
            plain_drifts += len(plain[0])
            # A typed cell that many formulas read is one drift, counting the formulas: every style's.
            shared = [d for d in answer.get("drifts", []) if d["cell"] == f"Plan.{name}" and d["places"] != [f"Plan.{name}"]]
            for drift in shared:
                report.check(drift["calls"] == 1 + len(STYLES),
                             f"{CELLS[name]!r}: its typed cells are read by {drift['calls']} formulas, not {1 + len(STYLES)}")
            for style in STYLES:
                at = placed[(name, style)]
                seen = signature(answer, f"Plan.{at}")
                expected = ([d for d in plain[0] if not shared], plain[1]) if shared else plain
                report.check(seen == expected, f"{CELLS[name]!r} {style} ({sheet.getCellRangeByName(at).getFormula()!r}): "
                                               f"{seen} where typed plainly {expected}")
        report.check(plain_drifts >= 4, f"the plain formulas' drifts, which the styles are compared with: {plain_drifts}")
    finally:
        doc.close(True)


def check_workbook(oxt, report):
    folder = Path(tempfile.mkdtemp(prefix="alignkit-alignment-"))
    template = folder / "team.json"
    template.write_text(json.dumps(TEMPLATE))
    with running_office(oxt) as office:
        doc = office.new_calc()
        try:
            sheet = build(doc, template)
            answer = run_check(office, doc)
            report.check("error" not in answer, f"the check answered an error: {answer.get('error')}")
            drifts = {(d["cell"], d["argument"]): d for d in answer.get("drifts", [])}
            report.check(answer.get("template", {}).get("name") == "Test team" and answer["template"]["version"] == 1,
                         f"the template followed: {answer.get('template')}")
            report.check(set(drifts) == {("Plan.B1", "rates"), ("Plan.B2", "cost_per_top"), ("Plan.B3", "rates"),
                                         ("Plan.B4", "annual_salary")}, f"drifts found: {sorted(drifts)}")
            inline = drifts.get(("Plan.B1", "rates"), {})
            report.check(inline.get("workbook") == [0.04, 0.25] and inline.get("published") == [0.04, 0.2]
                         and inline.get("linkable") is False, f"the inline list: {inline}")
            # 100 sales / (0.04 * 0.25) = 10,000 clicks at 2.5; with 0.2: 12,500 clicks.
            report.check(near(inline.get("result"), 25000) and near(inline.get("result_published"), 31250),
                         f"the inline list's budgets: {inline.get('result')} -> {inline.get('result_published')}")
            typed = drifts.get(("Plan.B2", "cost_per_top"), {})
            report.check(typed.get("workbook") == [3] and typed.get("published") == [2.5] and typed.get("places") == ["Plan.B2"]
                         and near(typed.get("result"), 37500) and near(typed.get("result_published"), 31250),
                         f"the number in the formula: {typed}")
            mixed = drifts.get(("Plan.B3", "rates"), {})
            report.check(mixed.get("places") == ["Plan.E2"] and mixed.get("workbook") == [0.04, 0.15]
                         and near(mixed.get("result"), 100 / (0.04 * 0.15) * 2.5) and near(mixed.get("result_published"), 31250),
                         f"the typed cell beside a link: {mixed}")
            salary = drifts.get(("Plan.B4", "annual_salary"), {})
            calc_published = sheet.getCellRangeByName("C4").getValue()
            report.check(salary.get("places") == ["Plan.F1"] and salary.get("published") == [70000]
                         and near(salary.get("result"), sheet.getCellRangeByName("B4").getValue())
                         and near(salary.get("result_published"), calc_published),
                         f"the typed salary cell: {salary} (Calc with 70,000: {calc_published})")
            report.check(not any(d["cell"] in ("Plan.B5", "Plan.B7") for d in answer.get("drifts", [])),
                         "an equal percentage or a calculation was called a drift")
            skipped = [s for s in answer.get("skipped", []) if s["cell"] == "Plan.B6"]
            report.check(len(skipped) == 1 and skipped[0]["key"] == "people.attainment" and "not found" in skipped[0]["reason"],
                         f"the key the template lacks: {answer.get('skipped')}")
            report.check(answer.get("agree", 0) >= 6, f"typed values equal to the published ones: {answer.get('agree')}")

            # Link: the typed number in B2's formula becomes the template's key; one undo step restores it.
            order = [(d["cell"], d["argument"]) for d in answer["drifts"]]
            linked = run_check(office, doc, link=order.index(("Plan.B2", "cost_per_top")))
            b2 = sheet.getCellRangeByName("B2")
            report.check("funnel.cost_per_click" in b2.getFormula() and near(b2.getValue(), 31250),
                         f"after Link, B2 is {b2.getFormula()} = {b2.getValue()}")
            report.check(("Plan.B2", "cost_per_top") not in {(d["cell"], d["argument"]) for d in linked["drifts"]},
                         "after Link, B2 still drifts")
            doc.getUndoManager().undo()
            doc.calculateAll()
            report.check(b2.getFormula().endswith(";3)") and near(b2.getValue(), 37500),
                         f"after undo, B2 is {b2.getFormula()} = {b2.getValue()}")
            # Link of a typed cell beside a linked one: only the typed cell changes.
            order = [(d["cell"], d["argument"]) for d in run_check(office, doc)["drifts"]]
            e1_before = sheet.getCellRangeByName("E1").getFormula()
            run_check(office, doc, link=order.index(("Plan.B3", "rates")))
            e2 = sheet.getCellRangeByName("E2")
            report.check("funnel.rates.demo_to_sale" in e2.getFormula() and near(e2.getValue(), 0.2)
                         and sheet.getCellRangeByName("E1").getFormula() == e1_before
                         and near(sheet.getCellRangeByName("B3").getValue(), 31250),
                         f"after Link, E2 is {e2.getFormula()} and B3 {sheet.getCellRangeByName('B3').getValue()}")
            # Link of the typed salary cell: every formula reading F1 follows the template.
            order = [(d["cell"], d["argument"]) for d in run_check(office, doc)["drifts"]]
            run_check(office, doc, link=order.index(("Plan.B4", "annual_salary")))
            report.check(near(sheet.getCellRangeByName("F1").getValue(), 70000)
                         and near(sheet.getCellRangeByName("B4").getValue(), calc_published),
                         f"after Link, F1 = {sheet.getCellRangeByName('F1').getFormula()}")
            remaining = run_check(office, doc)
            report.check(sorted((d["cell"], d["argument"]) for d in remaining["drifts"])
                         == [("Plan.B1", "rates"), ("Plan.B2", "cost_per_top")],  # B2's link was undone
                         f"left after the links: {remaining['drifts']}")
            report.check(remaining["drifts"][0]["places"] == ["Plan.B1"], f"an inline list's place: {remaining['drifts'][0]}")
            # A workbook that follows the template everywhere has no drift.
            clean = office.new_calc()
            try:
                clean_sheet = clean.Sheets.getByIndex(0)
                clean_sheet.getCellRangeByName("A1").setString(str(template))
                clean_sheet.getCellRangeByName("B1").setFormula(
                    "=FUNNEL.BUDGET(100;{0.04;0.2};" + LINK.format("funnel.cost_per_click") + ")")
                clean.calculateAll()
                none = run_check(office, clean)
                report.check(none.get("drifts") == [] and none.get("calls") == 1, f"a workbook without drift: {none}")
            finally:
                clean.close(True)
            check_styles(office, template, report)
            report.check(office.alive(), "the office died")
        finally:
            doc.close(True)


def write_flat_workbook(path, formulas, numbers):
    """A one-sheet flat ODF workbook ("Plan") with no cached results: Calc computes every cell."""
    cells = {**{ref: f'<table:table-cell table:formula="{f}"/>' for ref, f in formulas.items()},
             **{ref: f'<table:table-cell office:value-type="float" office:value="{v}"/>' for ref, v in numbers.items()}}
    rows = []
    for row in range(1, 1 + max(int(ref[1:]) for ref in cells)):
        rows.append("<table:table-row>" + "".join(cells.get(f"{col}{row}", "<table:table-cell/>") for col in "ABC")
                    + "</table:table-row>")
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
        f'<table:table table:name="Plan">{"".join(rows)}</table:table></office:spreadsheet></office:body></office:document>\n')


def alignkit_check(alignkit, oxt, *args):
    return subprocess.run([alignkit, "check", *map(str, args), "--oxt", oxt], capture_output=True, text=True, timeout=280)


def check_command(alignkit, oxt, report):
    folder = Path(tempfile.mkdtemp(prefix="alignkit-check-test-"))
    ran = alignkit_check(alignkit, oxt, SAMPLE)
    report.check(ran.returncode == 1, f"the sample with two drifts: exit {ran.returncode}, {ran.stderr}")
    # Q1: 100 sales / (0.03 * 0.30) at 4.22 = 46,889; with the published 25%: 56,267. Eight formulas
    # (four budgets, four click counts) read the typed rate: one drift.
    report.check("DRIFT Plan.C15 FUNNEL.BUDGET rates" in ran.stdout and "46,889 -> 56,267" in ran.stdout
                 and "(in Plan.B11)" in ran.stdout and "read by 8 formulas" in ran.stdout,
                 f"the rate typed in a cell: {ran.stdout}")
    report.check(ran.stdout.index("Plan.C15") < ran.stdout.index("Plan.B25"), f"drifts in reading order: {ran.stdout}")
    report.check("DRIFT Plan.B25 TURNOVER.COST annual_salary: workbook 60000" in ran.stdout
                 and "published 65000" in ran.stdout, f"the salary typed in the formula: {ran.stdout}")
    report.check("2 drifts" in ran.stdout, f"the summary: {ran.stdout}")

    both = alignkit_check(alignkit, oxt, REPO / "samples" / "funnel_budget_planner.fods", "--json")
    report.check(both.returncode == 0, f"a workbook without drift: exit {both.returncode}, {both.stderr}")
    try:
        answer = json.loads(both.stdout)["workbooks"][0]
        report.check(answer["drifts"] == [] and answer["calls"] > 0, f"--json without drift: {answer}")
    except (ValueError, KeyError, IndexError) as e:
        report.check(False, f"--json is not the report: {e}: {both.stdout[:300]}")

    # A template without the funnel's rates: the eight formulas reading B11 are not compared, said
    # once per function with their count; the typed salary is still a drift.
    no_rates = json.loads((REPO / "samples" / "templates" / "inside_sales.json").read_text())
    del no_rates["funnel"]["rates"]
    (folder / "no_rates.json").write_text(json.dumps(no_rates))
    ran = alignkit_check(alignkit, oxt, SAMPLE, "--template", folder / "no_rates.json")
    lines = [line.strip() for line in ran.stdout.splitlines() if "not compared" in line]
    report.check(ran.returncode == 1 and len(lines) == 2 and all("(funnel.rates)" in line and line.endswith("(4 formulas)")
                                                                 for line in lines) and "1 drift " in ran.stdout,
                 f"a key the template lacks, said once per function: {ran.stdout}")

    # Likely typos (the README's two): 3 for an annual turnover of 3 %, in the formula; 1 for a
    # 1 % click-to-demo rate, in a cell the formula reads. Both compute; the check says what each is
    # read as, counts them, and exits 1 as for a drift.
    typos = folder / "typos.fods"
    write_flat_workbook(typos, {"B1": "of:=ORG.ALIGNKIT.CALC.FUNCTIONS.TURNOVERANNUAL(10;3;1000)",
                                "B2": "of:=ORG.ALIGNKIT.CALC.FUNCTIONS.FUNNELBUDGET(100;[.C1:.C3];0.008)",
                                "B3": "of:=ORG.ALIGNKIT.CALC.FUNCTIONS.TURNOVERANNUAL(10;0.35;1000)"},
                        {"C1": 1, "C2": 0.05, "C3": 0.2})
    inside_sales = REPO / "samples" / "templates" / "inside_sales.json"
    ran = alignkit_check(alignkit, oxt, typos, "--template", inside_sales)
    report.check(ran.returncode == 1 and "LIKELY TYPO Plan.B1 TURNOVER.ANNUAL turnover_rate: 3 is read as 300 % — did you mean 3 % (0.03)?"
                 in ran.stdout and "LIKELY TYPO Plan.B2 FUNNEL.BUDGET rates: 1 is read as 100 % — did you mean 1 % (0.01)? (in Plan.C1)"
                 in ran.stdout and "2 likely typos" in ran.stdout and "Plan.B3" not in ran.stdout,
                 f"likely typos said, the likely value not: exit {ran.returncode}, {ran.stdout} {ran.stderr}")
    # The same workbook follows no template: the likely typos are still found (the catalog's ranges).
    ran = alignkit_check(alignkit, oxt, typos)
    report.check(ran.returncode == 1 and "template: none" in ran.stdout and "--template" in ran.stdout
                 and "LIKELY TYPO Plan.B1 TURNOVER.ANNUAL turnover_rate" in ran.stdout
                 and "LIKELY TYPO Plan.B2 FUNNEL.BUDGET rates" in ran.stdout and "DRIFT" not in ran.stdout,
                 f"likely typos without a template: exit {ran.returncode}, {ran.stdout} {ran.stderr}")
    ran = alignkit_check(alignkit, oxt, typos, "--json")
    alone = json.loads(ran.stdout)["workbooks"][0] if ran.stdout else {}
    report.check(alone.get("template", "missing") is None and len(alone.get("unlikely", [])) == 2 and alone.get("skipped") == [],
                 f"--json without a template: {alone}")
    ran = alignkit_check(alignkit, oxt, typos, "--template", inside_sales, "--json")
    unlikely = json.loads(ran.stdout)["workbooks"][0].get("unlikely", []) if ran.stdout else []
    report.check([(u["cell"], u["argument"], u["value"], u["place"]) for u in unlikely]
                 == [("Plan.B1", "turnover_rate", 3, "Plan.B1"), ("Plan.B2", "rates", 1, "Plan.C1")],
                 f"--json lists each likely typo with its value and cell: {unlikely}")

    not_a_workbook = folder / "notes.fods"
    not_a_workbook.write_bytes(b"\x00\x01 not a spreadsheet \xff" * 50)
    not_json = folder / "broken.json"
    not_json.write_text("{ this is not JSON")
    bad = {
        "a workbook that does not exist": ((folder / "missing.fods",), "cannot be opened"),
        "a file that is not a spreadsheet": ((not_a_workbook,), "cannot be opened"),
        "a template that does not exist": ((SAMPLE, "--template", folder / "none.json"), "does not exist"),
        "a template that is not JSON": ((SAMPLE, "--template", not_json), "cannot be used"),
        "an unreachable template service": ((SAMPLE, "--template", "http://127.0.0.1:9/v1/templates/inside_sales"),
                                            "cannot be reached"),
        "no workbook": ((), "name at least one workbook"),
    }
    for case, (args, message) in bad.items():
        ran = alignkit_check(alignkit, oxt, *args)
        report.check(ran.returncode == 2 and message in ran.stderr and "Traceback" not in ran.stderr,
                     f"{case}: exit {ran.returncode}, said {ran.stderr.strip()!r}")

    # A served template: the report names the service's version and author; after HR publishes
    # the workbook's salary, that drift is gone.
    service = Service(alignkit, folder)
    tokens = service.set_up()
    service.start()
    try:
        served = f"{service.url}/v1/templates/inside_sales"
        ran = alignkit_check(alignkit, oxt, SAMPLE, "--template", served, "--json")
        answer = json.loads(ran.stdout)["workbooks"][0] if ran.stdout else {}
        report.check(ran.returncode == 1 and answer.get("template", {}).get("source") == served
                     and answer["template"].get("version") == 1 and len(answer.get("drifts", [])) == 2,
                     f"against the served template: exit {ran.returncode}, {answer.get('template')}, {ran.stderr}")
        service.publish("inside_sales", tokens["hr"], 1, lambda d: d["people"].update(annual_salary=60000))
        ran = alignkit_check(alignkit, oxt, SAMPLE, "--template", served)
        report.check(ran.returncode == 1 and "version 2 by hr" in ran.stdout and "annual_salary" not in ran.stdout
                     and "1 drift " in ran.stdout, f"after HR published 60,000: {ran.stdout} {ran.stderr}")
    finally:
        service.stop()


def check_corpus(oxt, report):
    """The corpus in an English office: every style says what the plain formula says, and a number
    in a cell, a named range or a database range what the same number in the formula says."""
    import time
    folder = Path(tempfile.mkdtemp(prefix="alignkit-corpus-"))
    template = folder / "team.json"
    template.write_text(json.dumps(formula_corpus.TEMPLATE))
    with running_office(oxt) as office:
        doc = office.new_calc()
        try:
            started = time.monotonic()
            book = formula_corpus.CorpusBook(doc, template, lambda cell, formula: cell.setFormula(formula))
            _, seen = formula_corpus.read_book(office, book)
            formula_corpus.check_expectations(book, seen, report)
            compared = formula_corpus.compare_styles(book, seen, report)
            formula_corpus.compare_forms(book, seen, report)
            print(f"{len(book.entries)} formulas in {len(book.styles)} styles; {compared} compared with the plain one "
                  f"in {time.monotonic() - started:.1f} s")
        finally:
            doc.close(True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--alignkit", required=True)
    parser.add_argument("what", choices=["workbook", "command", "corpus"])
    args = parser.parse_args()
    report = Report()
    if args.what == "workbook":
        check_workbook(args.oxt, report)
    elif args.what == "corpus":
        check_corpus(args.oxt, report)
    else:
        check_command(args.alignkit, args.oxt, report)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
