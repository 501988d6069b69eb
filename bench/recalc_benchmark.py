#!/usr/bin/python3
"""Benchmark: recalculation time of N rows of FUNNEL.BUDGET through the add-in, next to the
same math as native Calc formulas, in a real headless office. Prints figures; asserts nothing.

  recalc_benchmark.py --oxt build/release/alignkit.oxt [--rows 100000] [--repeat 5]
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from office import running_office  # noqa: E402
from com.sun.star.sheet.FillDirection import TO_BOTTOM  # noqa: E402

CASES = {
    "alignkit FUNNEL.BUDGET": "=FUNNEL.BUDGET(A{r};$D$1:$D$3;$E$1)",
    "native A/PRODUCT()*cost": "=A{r}/PRODUCT($D$1:$D$3)*$E$1",
}


def timed_recalc(office, formula, rows, repeat):
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        for row, rate in enumerate([0.02, 0.05, 0.2]):
            sheet.getCellByPosition(3, row).setValue(rate)
        sheet.getCellByPosition(4, 0).setValue(0.008)
        sheet.getCellRangeByName(f"A1:A{rows}").setDataArray(tuple((float(r % 1000 + 1),) for r in range(rows)))
        # One formula filled down: setting 100,000 formulas one by one takes Calc minutes.
        sheet.getCellByPosition(1, 0).setFormula(formula.format(r=1))
        sheet.getCellRangeByName(f"B1:B{rows}").fillAuto(TO_BOTTOM, 1)
        doc.calculateAll()  # warm-up: component loaded, caches filled
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            doc.calculateAll()
            times.append(time.perf_counter() - start)
        check = sheet.getCellByPosition(1, 99).getValue()  # row 100: target 100 -> 4000
        return statistics.median(times), min(times), check
    finally:
        doc.close(True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with running_office(args.oxt) as office:
        results = {}
        for name, formula in CASES.items():
            median, best, check = timed_recalc(office, formula, args.rows, args.repeat)
            results[name] = median
            print(f"{name:28} median {median * 1000:8.1f} ms  best {best * 1000:8.1f} ms  "
                  f"({args.rows} rows, hard recalc; row 100 = {check:g})")
    add_in, native = results.values()
    print(f"ratio add-in / native: {add_in / native:.2f}x (goal: at most 1.2x)")


if __name__ == "__main__":
    main()
