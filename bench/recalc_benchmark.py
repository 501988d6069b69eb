#!/usr/bin/python3
"""Benchmark: one hard recalculation of N rows, in one real headless office, side by side:
  - native operators per cell        =A1/PRODUCT($D$1:$D$3)*$E$1
  - the office's own C++ add-in      =SERIESSUM(A1;1;1;$D$1:$D$3)   (a number and a range, like ours)
  - alignkit per cell                =FUNNEL.BUDGET(A1;$D$1:$D$3;$E$1)
  - Calc's own array formula         {=A1:A100000} over the column: no function at all, the least
                                     any one formula answering a whole column costs in this office
  - native operators, one array      {=A1:A100000/PRODUCT($D$1:$D$3)*$E$1}
  - alignkit, the column at once     {=FUNNEL.BUDGET(A1:A100000;$D$1:$D$3;$E$1)} over the column
and, with --floor-oxt, the same two FUNNEL.BUDGET formulas in a second office whose alignkit is the
do-nothing add-in (built with ALIGNKIT_DISPATCH_FLOOR: it answers before reading anything) — the
floor of any add-in in Calc, measured in the same rounds. Prints each as time per recalculation
(median and best round), per cell and as a ratio to native, then alignkit against the floor (the
target: within 1.05x); asserts nothing.

  recalc_benchmark.py --oxt build/release/alignkit.oxt [--floor-oxt FLOOR.oxt] [--rows 100000] [--repeat 9]
"""
import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from office import running_office  # noqa: E402
from com.sun.star.sheet.FillDirection import TO_BOTTOM  # noqa: E402

PER_CELL = {
    "native operators, per cell": "=A{r}/PRODUCT($D$1:$D$3)*$E$1",
    "office add-in SERIESSUM, per cell": "=SERIESSUM(A{r};1;1;$D$1:$D$3)",
    "alignkit FUNNEL.BUDGET, per cell": "=FUNNEL.BUDGET(A{r};$D$1:$D$3;$E$1)",
}
COLUMN = {
    "Calc's own array formula, no function": "=A1:A{rows}",
    "native operators, one array formula": "=A1:A{rows}/PRODUCT($D$1:$D$3)*$E$1",
    "alignkit FUNNEL.BUDGET, column at once": "=FUNNEL.BUDGET(A1:A{rows};$D$1:$D$3;$E$1)",
}

FLOOR_PER_CELL = "do-nothing add-in, per cell"
FLOOR_COLUMN = "do-nothing add-in, column at once"
FLOOR_NATIVE = "native per cell, in the floor's office"
FLOOR_ARRAY = "Calc's array formula, in the floor's office"


def new_sheet(office, rows):
    doc = office.new_calc()
    sheet = doc.Sheets.getByIndex(0)
    for row, rate in enumerate([0.02, 0.05, 0.2]):
        sheet.getCellByPosition(3, row).setValue(rate)
    sheet.getCellByPosition(4, 0).setValue(0.008)
    sheet.getCellRangeByName(f"A1:A{rows}").setDataArray(tuple((float(r % 1000 + 1),) for r in range(rows)))
    return doc, sheet


def per_cell(office, formula, rows):
    doc, sheet = new_sheet(office, rows)
    # One formula filled down: setting 100,000 formulas one by one takes Calc minutes.
    sheet.getCellByPosition(1, 0).setFormula(formula.format(r=1))
    sheet.getCellRangeByName(f"B1:B{rows}").fillAuto(TO_BOTTOM, 1)
    return doc, sheet


def column(office, formula, rows):
    doc, sheet = new_sheet(office, rows)
    sheet.getCellRangeByName(f"B1:B{rows}").setArrayFormula(formula.format(rows=rows))
    return doc, sheet


def recalc_seconds(doc):
    start = time.perf_counter()
    doc.calculateAll()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--floor-oxt", help="the do-nothing add-in's extension (bench/CMakeLists.txt builds it)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with contextlib.ExitStack() as offices:
        office = offices.enter_context(running_office(args.oxt))
        cases = [(name, *per_cell(office, formula, args.rows)) for name, formula in PER_CELL.items()]
        cases += [(name, *column(office, formula, args.rows)) for name, formula in COLUMN.items()]
        if args.floor_oxt:
            floor = offices.enter_context(running_office(args.floor_oxt))
            cases.append((FLOOR_PER_CELL, *per_cell(floor, PER_CELL["alignkit FUNNEL.BUDGET, per cell"], args.rows)))
            cases.append((FLOOR_COLUMN, *column(floor, COLUMN["alignkit FUNNEL.BUDGET, column at once"], args.rows)))
            # The same native formulas in the second office: how much the office itself differs.
            cases.append((FLOOR_NATIVE, *per_cell(floor, next(iter(PER_CELL.values())), args.rows)))
            cases.append((FLOOR_ARRAY, *column(floor, next(iter(COLUMN.values())), args.rows)))
        for _, doc, _ in cases:
            doc.calculateAll()  # warm-up: components loaded, caches filled
        # Round after round, one recalculation of each: a slower moment of the machine falls on all.
        times = {name: [] for name, _, _ in cases}
        for _ in range(args.repeat):
            for name, doc, _ in cases:
                times[name].append(recalc_seconds(doc))
        results = [(name, statistics.median(times[name]), min(times[name]), sheet.getCellByPosition(1, 99).getValue())
                   for name, _, sheet in cases]
        for _, doc, _ in cases:
            doc.close(True)
    native, native_best = results[0][1], results[0][2]
    print(f"{args.rows} rows, one hard recalculation each, in {args.repeat} interleaved rounds: the median, and "
          "the best round (what the office does when nothing else on the machine gets in its way); "
          "row 100 shown as a check")
    for name, seconds, best, check in results:
        print(f"  {name:40} {seconds * 1000:8.1f} ms (best {best * 1000:6.1f})  {seconds / args.rows * 1e6:6.2f} µs/cell  "
              f"{seconds / native:5.2f}x native (best {best / native_best:5.2f}x)   (row 100 = {check:g})")
    median = {name: value for name, value, _, _ in results}
    best = {name: value for name, _, value, _ in results}

    def ratio(top, bottom):
        return f"{median[top] / median[bottom]:.2f}x (best {best[top] / best[bottom]:.2f}x)"

    at_once, array = "alignkit FUNNEL.BUDGET, column at once", next(iter(COLUMN))
    print(f"  alignkit per cell / office add-in per cell: "
          f"{ratio('alignkit FUNNEL.BUDGET, per cell', 'office add-in SERIESSUM, per cell')}")
    print(f"  alignkit column at once / Calc's own array formula: {ratio(at_once, array)}")
    print(f"  alignkit column at once / native operators per cell: {ratio(at_once, next(iter(PER_CELL)))}")
    if args.floor_oxt:
        print("  against the floor, a do-nothing add-in in the same rounds (target: within 1.05x):")
        print(f"    alignkit per cell / do-nothing per cell: {ratio('alignkit FUNNEL.BUDGET, per cell', FLOOR_PER_CELL)}")
        print(f"    alignkit column at once / do-nothing column: {ratio(at_once, FLOOR_COLUMN)}")

if __name__ == "__main__":
    main()
