#!/usr/bin/python3
"""A planner's token, remembered by the deck, serves the next office session: where reading needs a
token (the packaged reading = token), a workbook is Err:502 until the planner signs in from the
deck (Shared templates, token, Remember, Connect: planner_sign_in.py under Xvfb); after, a new
session of the same profile — headless, no dialog — reads the served template with the token the
office keeps under its own default key.

  remembered_token_test.py --oxt build/alignkit.oxt --alignkit build/server/alignkit
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import install_extension, running_office  # noqa: E402
from report import Report  # noqa: E402
from service_fixture import Service, trust  # noqa: E402

FORMULA = '=TEMPLATE.VALUE("{}/v1/templates/inside_sales";"people.annual_salary")'


def salary_read(profile, service):
    """What a new, headless session of the profile computes for the served salary."""
    with running_office(None, profile=profile, installed=True) as office:
        trust(office, [service.url])  # the administrator's trust, so that only the token is missing
        doc = office.new_calc()
        cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
        cell.setFormula(FORMULA.format(service.url))
        doc.calculateAll()
        shown = cell.getString()
        doc.close(True)
        return shown


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--alignkit", required=True)
    args = parser.parse_args()
    report = Report()
    folder = Path(tempfile.mkdtemp(prefix="alignkit-remembered-"))
    profile = folder / "profile"
    install_extension(args.oxt, profile)
    service = Service(args.alignkit, folder)
    service.set_up()
    reader = subprocess.run([args.alignkit, "users", "add", "planner", "--reads", "--users", str(service.users)],
                            check=True, capture_output=True, text=True).stdout.strip()
    service.start(reading="token")
    try:
        report.check(salary_read(profile, service) == "Err:502", "before signing in: Err:502 (a token is needed)")
        signed = subprocess.run(["/usr/bin/python3", str(Path(__file__).with_name("planner_sign_in.py")),
                                 "--service", service.url, "--token", reader, "--profile", str(profile)],
                                capture_output=True, text=True, timeout=280)
        report.check(signed.returncode == 0, f"the planner signs in from the deck: {signed.stdout[-800:]} {signed.stderr[-800:]}")
        shown = salary_read(profile, service)
        report.check(shown == "65000", f"the next session reads the served salary with the remembered token: {shown}")
    finally:
        service.stop()
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
