#!/usr/bin/python3
"""The main job: opens the sample planning workbooks with alignkit.

With a display (and not in CI), the workbooks open in Calc. Without one, each is recalculated
headless, exported to PDF, and summarised by its key results; the exit code is 1 if any cell
of any sample shows an error.

  run-samples.py --oxt build/release/alignkit.oxt --profile build/release/profile --out build/release/samples
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import REPO, inspect_workbook, profile_env, props, running_office  # noqa: E402

SAMPLES = sorted((REPO / "samples").glob("*.fods"))


def open_in_calc(profile):
    print("Opening the sample workbooks in Calc; close Calc to finish.")
    subprocess.run(["soffice", "--norestore", "--calc", *profile_env(profile), *map(str, SAMPLES)], check=False)
    return 0


def recalculate_headless(oxt, profile, out):
    import uno
    out.mkdir(parents=True, exist_ok=True)
    failed = False
    with running_office(oxt, profile) as office:
        for path in SAMPLES:
            doc = office.load(path)
            try:
                doc.calculateAll()
                errors, formulas, template_reads, results = inspect_workbook(doc)
                pdf = out / (path.stem + ".pdf")
                doc.storeToURL(uno.systemPathToFileUrl(str(pdf)), props(FilterName="calc_pdf_Export"))
            finally:
                doc.close(True)
            status = "OK" if not errors else f"{len(errors)} ERROR CELLS"
            print(f"\n{path.name}: {status} — {formulas} alignkit formulas, {template_reads} template reads, PDF {pdf}")
            for name, value in results.items():
                print(f"  {name.replace('_', ' '):32} {value}")
            for error in errors:
                print(f"  error: {error}")
            failed = failed or bool(errors)
    print("\nAll samples recalculated without errors." if not failed else "\nSome samples show errors.")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oxt", required=True, type=Path)
    parser.add_argument("--profile", required=True, type=Path, help="private office profile (created if missing)")
    parser.add_argument("--out", required=True, type=Path, help="folder for the PDFs")
    parser.add_argument("--headless", action="store_true", help="recalculate and export even with a display")
    args = parser.parse_args()
    # The office only takes absolute file URLs; the README's command passes paths relative to
    # wherever it was started.
    args.oxt, args.profile, args.out = (path.resolve() for path in (args.oxt, args.profile, args.out))
    if os.environ.get("DISPLAY") and not os.environ.get("CI") and not args.headless:
        return open_in_calc(args.profile)
    return recalculate_headless(args.oxt, args.profile, args.out)


if __name__ == "__main__":
    sys.exit(main())
