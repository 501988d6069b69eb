#!/usr/bin/python3
"""Tests alignkit in a real headless LibreOffice with the built extension installed.

  office_tests.py --oxt build/alignkit.oxt --catalog SIGNATURES workbook tests/office/workbooks/funnel.fods
  office_tests.py --oxt build/alignkit.oxt --catalog SIGNATURES round-trip tests/office/workbooks/funnel.fods ...
  office_tests.py --oxt build/alignkit.oxt --catalog SIGNATURES catalog | goal-seek | multiple-operations | reread | hostile
(SIGNATURES: build/<preset>/addin/generated/function_signatures.txt: each function's display name, whether it
answers a column at once, and its arguments' kinds, written from the catalog)

Each run installs the .oxt into a throwaway profile and starts its own office. It prints one
line per failure naming the case, and closes with 'N passed, M failed'.
"""
import argparse
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import REPO, inspect_workbook, props, running_office  # noqa: E402
from report import Report  # noqa: E402

ERR_ILLEGAL_ARGUMENT = 502

# Every function of the catalog, by display name (written by the code generator at build time):
# each must be known to Calc, and the bad-input table must cover each, with the catalog's
# argument kinds. SIGNATURES: name -> (answers a column at once, [argument kinds]).
CATALOG = []
SIGNATURES = {}


def cell_text(cell):
    return cell.getString()


def expected_matches(result, expected):
    """Checks the Result cell against the Expected cell independently of the Pass formula."""
    if expected.getType().value == "TEXT" and expected.getString() == "Err:502":
        return result.getError() == ERR_ILLEGAL_ARGUMENT, f"Err:{result.getError()}" if result.getError() else result.getString()
    if result.getError():
        return False, f"Err:{result.getError()}"
    if expected.getType().value == "TEXT":
        return result.getString() == expected.getString(), result.getString()
    want, got = expected.getValue(), result.getValue()
    if result.getType().value == "FORMULA" and result.FormulaResultType2 != 1:  # 1 = VALUE
        return False, repr(result.getString())
    return abs(got - want) <= 1e-9 * max(1.0, abs(want)), repr(got)


def check_workbook(office, path, report):
    doc = office.load(path)
    try:
        doc.calculateAll()
        sheet = doc.Sheets.getByName("Tests")
        row = 1
        while True:
            case = sheet.getCellByPosition(0, row).getString()
            if not case or case == "All cases pass":
                break
            result = sheet.getCellByPosition(1, row)
            expected = sheet.getCellByPosition(2, row)
            passed = sheet.getCellByPosition(3, row)
            ok, got = expected_matches(result, expected)
            pass_cell_true = passed.getError() == 0 and passed.getValue() == 1
            report.check(ok and pass_cell_true,
                         f"{Path(path).name} row {row + 1} '{case}': got {got}, expected "
                         f"{expected.getString()} (Pass cell {passed.getString()})")
            row += 1
        report.check(row > 2, f"{Path(path).name}: no cases found")
        report.check(office.alive(), f"{Path(path).name}: the office died")
    finally:
        doc.close(True)


def check_catalog(office, report):
    """Every function of the spec is known to Calc by its display name, with descriptions."""
    descriptions = office.create("com.sun.star.sheet.FunctionDescriptions")
    known = {}
    for i in range(descriptions.getCount()):
        entry = {p.Name: p.Value for p in descriptions.getByIndex(i)}
        known[entry["Name"]] = entry
    report.check(len(CATALOG) > 0, "the catalog's function names were not read")
    for name in CATALOG:
        entry = known.get(name)
        report.check(entry is not None, f"{name} is not known to Calc's Function Wizard")
        if entry is None:
            continue
        report.check(bool(entry["Description"]) and entry["Description"] != name,
                     f"{name} has no description")
        arguments = entry["Arguments"]
        report.check(len(arguments) > 0, f"{name} shows no arguments")
        for argument in arguments:
            report.check(bool(argument.Name) and argument.Name != "###" and bool(argument.Description)
                         and argument.Description != "###",
                         f"{name}: argument '{argument.Name}' has no name or description")
    # Typed by display name, the formula keeps working after a reload from ODF.
    doc = office.new_calc()
    try:
        cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
        cell.setFormula("=FUNNEL.BUDGET(100;{0.02;0.05;0.2};8/1000)")
        doc.calculateAll()
        report.check(abs(cell.getValue() - 4000) < 1e-9, f"FUNNEL.BUDGET typed by name gave {cell.getString()}")
    finally:
        doc.close(True)


def check_goal_seek(office, report):
    """Goal Seek solves FUNNEL.BUDGET for the demo-to-sale rate that fits a 4,000 budget."""
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        for row, rate in enumerate([0.02, 0.05, 0.1]):
            sheet.getCellByPosition(0, row).setValue(rate)
        budget = sheet.getCellByPosition(1, 0)
        budget.setFormula("=FUNNEL.BUDGET(100;A1:A3;0.008)")
        doc.calculateAll()
        report.check(abs(budget.getValue() - 8000) < 1e-6, f"before Goal Seek the budget is {budget.getString()}")
        result = doc.seekGoal(budget.getCellAddress(), sheet.getCellByPosition(0, 2).getCellAddress(), "4000")
        report.check(abs(result.Result - 0.2) < 1e-6, f"Goal Seek found demo_to_sale = {result.Result}, expected 0.2")
        sheet.getCellByPosition(0, 2).setValue(result.Result)
        doc.calculateAll()
        report.check(abs(budget.getValue() - 4000) < 1e-3, f"after Goal Seek the budget is {budget.getString()}")
    finally:
        doc.close(True)


def check_multiple_operations(office, report):
    """Data > Multiple Operations tabulates FUNNEL.BUDGET against the demo-to-sale rate.

    Calc's Multiple Operations cannot substitute a cell inside a range reference (native
    =PRODUCT(A1:A3) gives Err:504 as well), so the rates are listed by direct references."""
    from com.sun.star.sheet.TableOperationMode import COLUMN
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        for row, rate in enumerate([0.02, 0.05, 0.2]):
            sheet.getCellByPosition(0, row).setValue(rate)
        sheet.getCellByPosition(1, 0).setFormula("=FUNNEL.BUDGET(100;CHOOSE({1;2;3};A1;A2;A3);0.008)")
        rates = [0.1, 0.2, 0.25, 0.4]
        for row, rate in enumerate(rates, start=5):
            sheet.getCellByPosition(0, row).setValue(rate)
        formula_range = sheet.getCellRangeByName("B1").getRangeAddress()
        table = sheet.getCellRangeByName("A5:B9")  # row 5 holds the formula column header
        sheet.getCellByPosition(1, 4).setFormula("=B1")
        table.setTableOperation(formula_range, COLUMN, sheet.getCellRangeByName("A3").getCellAddress(),
                                sheet.getCellRangeByName("A3").getCellAddress())
        doc.calculateAll()
        for row, rate in enumerate(rates, start=5):
            got = sheet.getCellByPosition(1, row)
            want = 100 / (0.02 * 0.05 * rate) * 0.008
            report.check(got.getError() == 0 and abs(got.getValue() - want) < 1e-6,
                         f"Multiple Operations at rate {rate}: {got.getString()} (formula {got.getFormula()}), expected {want}")
    finally:
        doc.close(True)


def check_reread(office, report):
    """A template file that changes is read again on the next recalculation, and one rewritten
    while Calc recalculates gives one version's value or Err:502, never anything else."""
    folder = Path(tempfile.mkdtemp(prefix="alignkit-template-"))
    try:
        template = folder / "shared.json"
        template.write_text('{"template_version": 1, "ramp_months": 3}')
        doc = office.new_calc()
        try:
            cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
            cell.setFormula(f'=TEMPLATE.VALUE("{template}";"ramp_months")')
            doc.calculateAll()
            report.check(cell.getValue() == 3, f"template value before the change: {cell.getString()}")
            time.sleep(0.01)  # a later modification time than the first write
            template.write_text('{"template_version": 1, "ramp_months": 6, "note": "edited"}')
            doc.calculateAll()
            report.check(cell.getValue() == 6, f"template value after the change: {cell.getString()}")
            template.unlink()
            doc.calculateAll()
            report.check(cell.getError() == ERR_ILLEGAL_ARGUMENT, f"after deleting the template: {cell.getString()}")
        finally:
            doc.close(True)
        # A template rewritten while Calc recalculates: each result is one version or Err:502.
        changing = folder / "changing.json"
        versions = ['{"template_version": 1, "ramp": 3}',
                    '{"template_version": 1, "ramp": 6, "pad": "' + "y" * 200000 + '"}']
        changing.write_text(versions[0])
        doc = office.new_calc()
        try:
            cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
            cell.setFormula(f'=TEMPLATE.VALUE("{changing}";"ramp")')
            stop = threading.Event()

            def rewrite():
                i = 0
                while not stop.is_set():
                    changing.write_text(versions[i % 2])
                    i += 1
                    time.sleep(0.001)  # lets pyuno's threads take the GIL

            writer = threading.Thread(target=rewrite)
            writer.start()
            seen = set()
            try:
                for _ in range(300):
                    doc.calculateAll()
                    seen.add(cell.getString())
            finally:
                stop.set()
                writer.join()
            report.check(seen <= {"3", "6", "Err:502"}, f"template changing while read gave {sorted(seen)}")
            print(f"template rewritten during 300 recalculations: results seen {sorted(seen)}")
            report.check(office.alive(), "the office died while a template changed under it")
        finally:
            doc.close(True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_round_trip(office, paths, report):
    """Each family workbook saved as .ods and as .xlsx, opened again and recalculated, gives the
    same checked results, with its formulas still calling alignkit."""
    import uno
    folder = Path(tempfile.mkdtemp(prefix="alignkit-round-trip-"))
    try:
        for path in paths:
            doc = office.load(path)
            saved = []
            try:
                doc.calculateAll()
                for extension, filter_name in (("ods", "calc8"), ("xlsx", "Calc MS Excel 2007 XML")):
                    target = folder / f"{Path(path).stem}.{extension}"
                    doc.storeToURL(uno.systemPathToFileUrl(str(target)), props(FilterName=filter_name))
                    saved.append(target)
            finally:
                doc.close(True)
            for target in saved:
                check_workbook(office, target, report)
                reopened = office.load(target)
                try:
                    _, alignkit_formulas, _, _ = inspect_workbook(reopened)
                    report.check(alignkit_formulas > 0, f"{target.name}: no alignkit formulas after reopening")
                finally:
                    reopened.close(True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_samples(office, paths, report):
    """Every sample recalculates with zero error cells and uses alignkit and shared templates."""
    for path in paths:
        doc = office.load(path)
        try:
            name = Path(path).name
            # As a planner opens it: no recalculation asked for. Calc recalculates add-in cells while
            # the file loads, before the document knows its own folder.
            errors_on_open = inspect_workbook(doc)[0]
            report.check(not errors_on_open, f"{name} shows errors as soon as it opens: {'; '.join(errors_on_open[:5])}")
            doc.calculateAll()
            errors, alignkit_formulas, template_formulas, results = inspect_workbook(doc)
            report.check(not errors, f"{name} shows errors: {'; '.join(errors[:5])}")
            report.check(alignkit_formulas >= 10, f"{name} has only {alignkit_formulas} alignkit formulas")
            report.check(template_formulas >= 3, f"{name} reads only {template_formulas} values from templates")
            report.check(len(results) >= 2, f"{name} names too few key results: {sorted(results)}")
            charts = sum(sheet.Charts.Count for sheet in doc.Sheets)
            report.check(charts >= 1, f"{name} has no chart")
        finally:
            doc.close(True)


# Columns at once in real Calc: (array formula over the column, inputs column by column, expected
# rows worked by hand; "Err:502" marks a bad row). Columns D:F hold the inputs, row 1 first; an
# input starting with "=" is a formula.
COLUMN_CASES = [
    # Funnel: budget = target / (2% * 5% * 20%) * 0.008 = target * 40; text and empty rows are bad.
    ("=FUNNEL.BUDGET(D1:D5;{0.02;0.05;0.2};0.008)", [[100], [200], [None], ["x"], [50]],
     [4000, 8000, "Err:502", "Err:502", 2000]),
    # Rates from cells, shared by every row: an empty cell or a formula's "" is skipped, as one
    # cell's call skips it; a row whose target is "" is bad; a text among the rates makes every row bad.
    ("=FUNNEL.BUDGET(D1:D3;E1:E4;0.008)", [[100, 0.02], ['=""', '=""'], [50, 0.05], [None, 0.2]],
     [4000, "Err:502", 2000]),
    ("=FUNNEL.BUDGET(D1:D2;E1:E3;0.008)", [[100, 0.02], [200, "5%"], [None, 0.2]], ["Err:502", "Err:502"]),
    # Ramp and capacity: reps = target / (quota * attainment), two columns and one number.
    ("=CAPACITY.REPS(D1:D3;50;E1:E3)", [[100, 1], [300, 0.5], [100, -1]], [2, 12, "Err:502"]),
    # Turnover: headcount x rate x cost, two columns around a one-row argument.
    ("=TURNOVER.ANNUAL(D1:D2;0.3;E1:E2)", [[10, 1000], [20, 2000]], [3000, 12000]),
    # Turnover rate over a column of period lengths.
    ("=TURNOVER.RATE(12;100;D1:D2)", [[12], [6]], [0.12, 0.24]),
    # Goals: over-assignment of the same children against three parents; pace on a column of dates.
    ("=GOAL.OVERASSIGN({60;50};D1:D3)", [[100], [110], [200]], [0.1, 0, -0.45]),
    ("=GOAL.PACE(50;100;46000;46020;D1:D2)", [[46010], [46005]], [1, 2]),
    # Partnership surveys: top box on a 5-point and on a 10-point scale.
    ("=SURVEY.TOPBOX({1;2;3;4;5};D1:D2)", [[5], [10]], [0.4, 0]),
    ("=PROFILE.FIT({4;5};{1;1};D1:D2)", [[5], [10]], [0.9, 0.45]),
]


def check_columns(office, report):
    """Array formulas over a column answer each row; a bad row is Err:502 alone; a column of
    another length is Err:502 for the whole call; a one-row call keeps answering one number."""
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        for formula, inputs, expected in COLUMN_CASES:
            sheet.getCellRangeByName("A1:F20").clearContents(1 | 2 | 4 | 16)  # values, dates, texts, formulas
            for r, row in enumerate(inputs):
                for c, value in enumerate(row):
                    cell = sheet.getCellByPosition(3 + c, r)
                    if isinstance(value, str) and value.startswith("="):
                        cell.setFormula(value)
                    elif isinstance(value, str):
                        cell.setString(value)
                    elif value is not None:
                        cell.setValue(value)
            sheet.getCellRangeByName(f"A1:A{len(expected)}").setArrayFormula(formula)
            doc.calculateAll()
            got = []
            for r in range(len(expected)):
                cell = sheet.getCellByPosition(0, r)
                got.append(f"Err:{cell.getError()}" if cell.getError() else round(cell.getValue(), 9))
            want = [e if isinstance(e, str) else round(e, 9) for e in expected]
            report.check(got == want, f"column at once {formula}: got {got}, expected {want}")
        # Columns of different lengths: bad input for the whole call ("|" separates rows in the
        # formula syntax of the API, ";" columns).
        sheet.getCellRangeByName("A1:F20").clearContents(1 | 2 | 4 | 16)
        sheet.getCellRangeByName("A1:A3").setArrayFormula("=TURNOVER.ANNUAL({10|20};0.3;{1000|2000|3000})")
        sheet.getCellRangeByName("B1:B2").setArrayFormula("=TURNOVER.ANNUAL({10|20};0.3;{1000|2000})")
        doc.calculateAll()
        errors = [sheet.getCellByPosition(0, r).getError() for r in range(3)]
        report.check(errors == [ERR_ILLEGAL_ARGUMENT] * 3, f"columns of different lengths: errors {errors}")
        inline = [sheet.getCellByPosition(1, r).getValue() for r in range(2)]
        report.check(inline == [3000, 12000], f"inline columns of the same length: {inline}")
        # One row in, one number out, as every saved workbook has it.
        one = sheet.getCellByPosition(2, 0)
        one.setFormula("=FUNNEL.BUDGET(100;{0.02;0.05;0.2};0.008)")
        doc.calculateAll()
        report.check(one.getValue() == 4000 and one.getError() == 0, f"a one-row call: {one.getString()}")
        report.check(office.alive(), "the office is alive after the column cases")
    finally:
        doc.close(True)


def check_hostile(office, report):
    """The bad-input table: every case gives Err:502 (or the contract's result); the office lives."""
    from hostile_cases import CALC_PARAMETER_ERROR, FUNCTIONS, E, disagreements, generated_cases, targeted_cases
    missing = sorted(set(CATALOG) - set(FUNCTIONS))
    report.check(CATALOG and not missing, f"the bad-input table has no cases for {missing}: add them to hostile_cases.py")
    for problem in disagreements(SIGNATURES):
        report.check(False, f"the bad-input table disagrees with the catalog: {problem}")
    folder = Path(tempfile.mkdtemp(prefix="alignkit-hostile-"))
    try:
        good = folder / "good.json"
        good.write_text('{"template_version": 1, "people": {"ramp_months": 3}}')
        files = {"huge": folder / "huge.json", "deep": folder / "deep.json", "latin1": folder / "latin1.json",
                 "empty": folder / "empty.json", "folder": folder}
        files["huge"].write_text('{"template_version": 1, "pad": "' + "x" * (9 << 20) + '"}')
        files["deep"].write_text('{"template_version": 1, "a": ' + "[" * 100000 + "]" * 100000 + "}")
        files["latin1"].write_bytes(b'{"template_version": 1, "a": "caf\xe9"}')
        files["empty"].write_text("")
        template = f'"{good}"'
        cases = generated_cases(template, SIGNATURES) + targeted_cases(template, files)
        doc = office.new_calc()
        try:
            doc.Sheets.insertNewByName("Data", 1)
            data = doc.Sheets.getByName("Data")
            for row, rate in enumerate([0.02, 0.05, 0.2]):
                data.getCellByPosition(0, row).setValue(rate)
                data.getCellByPosition(1, row).setString("xyz"[row])
                data.getCellByPosition(7, row).setValue(rate)
            for cell in ("D1", "D2", "E1", "E2"):
                data.getCellRangeByName(cell).setValue(0.5)
            data.getCellRangeByName("F1").setValue(0.5)
            data.getCellRangeByName("F2").setString("text")
            data.getCellRangeByName("F3").setFormula("=TRUE()")
            data.getCellRangeByName("G1:G5000").setDataArray(tuple((0.5,) for _ in range(5000)))
            data.getCellRangeByName("I1").setString("people." + "k" * 5000)
            sheet = doc.Sheets.getByIndex(0)
            for row, (formula, _) in enumerate(cases):
                sheet.getCellByPosition(0, row).setFormula(formula)
            doc.calculateAll()
            for row, (formula, expected) in enumerate(cases):
                cell = sheet.getCellByPosition(0, row)
                if expected == E:
                    ok = cell.getError() == ERR_ILLEGAL_ARGUMENT
                elif expected == CALC_PARAMETER_ERROR:
                    ok = cell.getError() == 504
                else:
                    ok = cell.getError() == 0 and abs(cell.getValue() - expected) <= 1e-9 * max(1, abs(expected))
                shown = cell.getString() if cell.getError() else repr(cell.getValue())
                report.check(ok, f"{formula[:160]}: got {shown}, expected {expected}")
            report.check(office.alive(), "the office died on the bad-input table")
            print(f"bad-input table: {len(cases)} hostile calls evaluated in Calc")

        finally:
            doc.close(True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_readme_examples(office, report):
    """The README's first examples, as written, typed into a new workbook that was never saved:
    each computes, with the value the README gives it."""
    readme = (REPO / "README.md").read_text()
    block = readme.split("<!-- first-examples:", 1)[1].split("```", 2)[1]
    examples = []  # (formula, expected or None)
    for line in block.splitlines():
        if line.startswith("="):
            formula, _, said = line.partition("→")
            number = re.match(r"\s*([\d.]+)\s*$", said)
            examples.append((formula.strip(), float(number.group(1)) if number else None))
    report.check(len(examples) == 4, f"the README's first block has its four examples: {examples}")
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        for row in range(1, 13):  # each month's bookings target in B2:B13, as the README says
            sheet.getCellByPosition(1, row).setValue(400000 + 10000 * row)
        for k, (formula, expected) in enumerate(examples):
            if "B2:B13" in formula:
                sheet.getCellRangeByName("C2:C13").setArrayFormula(formula)
                cells = [sheet.getCellByPosition(2, row) for row in range(1, 13)]
            else:
                cells = [sheet.getCellByPosition(4, k)]
                cells[0].setFormula(formula)
            doc.calculateAll()
            shown = [c.getString() for c in cells]
            report.check(all(c.getError() == 0 for c in cells), f"{formula} in a new workbook shows {shown}")
            if expected is not None:
                report.check(abs(cells[0].getValue() - expected) < 1e-9, f"{formula} gives {shown[0]}, the README says {expected:g}")
    finally:
        doc.close(True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True, help="the built alignkit.oxt")
    parser.add_argument("--catalog", required=True, type=Path, help="the catalog's functions, one per line")
    parser.add_argument("check", choices=["workbook", "samples", "catalog", "goal-seek", "multiple-operations",
                                          "reread", "hostile", "round-trip", "columns", "readme-examples"])
    parser.add_argument("files", nargs="*", help="workbooks for 'workbook', 'samples' and 'round-trip'")
    args = parser.parse_args()
    for line in args.catalog.read_text().splitlines():
        if line.strip():
            name, columns, kinds = line.split("\t")
            CATALOG.append(name)
            SIGNATURES[name] = (columns == "1", kinds.split(",") if kinds else [])
    report = Report()
    with running_office(args.oxt) as office:
        if args.check == "workbook":
            for path in args.files:
                check_workbook(office, path, report)
        elif args.check == "round-trip":
            check_round_trip(office, args.files, report)
        elif args.check == "samples":
            check_samples(office, args.files, report)
        elif args.check == "catalog":
            check_catalog(office, report)
        elif args.check == "goal-seek":
            check_goal_seek(office, report)
        elif args.check == "multiple-operations":
            check_multiple_operations(office, report)
        elif args.check == "hostile":
            check_hostile(office, report)
        elif args.check == "reread":
            check_reread(office, report)
        elif args.check == "columns":
            check_columns(office, report)
        elif args.check == "readme-examples":
            check_readme_examples(office, report)
        report.check(office.alive(), "the office is alive at the end")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
