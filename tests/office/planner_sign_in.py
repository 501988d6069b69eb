#!/usr/bin/python3
"""A planner signs in to the team's service as the README says, in their own office profile: the
deck's Shared templates panel, the service's address, their token, *Remember my token on this
computer* (ticked by default), Connect. Run by the planner on a machine where alignkit is
installed for all users (scripts/fresh-deb-check.sh); needs a display (starts Xvfb).

  planner_sign_in.py --service https://host:port --token TOKEN [--profile DIR]

Exit 0 when the panel lists the service's templates and the office keeps the token among its
saved passwords.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from office import props, running_office, virtual_display  # noqa: E402
from sidebar_test import Deck, check, failures  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--service", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--profile", type=Path, help="the office profile (default: the user's own, as Calc uses it)")
    args = parser.parse_args()
    profile = args.profile or Path.home() / ".config" / "libreoffice" / "4"
    with virtual_display(), running_office(None, profile=profile, installed=True, headless=False) as office:
        doc = office.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=False))
        deck = Deck(office, doc)
        templates = deck.show_only("AlignkitTemplatesPanel")
        templates.type("place", args.service)
        templates.type("token", args.token)
        check(templates.control("remember").getState() == 1, "Remember my token is ticked")
        templates.press("connect", until=lambda: "Connected" in templates.label("message")
                        or "Cannot" in templates.label("message") or "refused" in templates.label("message"))
        check("Connected to" in templates.label("message"), f"the planner connects: {templates.label('message')!r}")
        items = templates.items("templates")
        check(any(i.startswith("inside_sales") for i in items), f"the service's templates are listed: {items}")
        container = office.create("com.sun.star.task.PasswordContainer")
        check(args.service in [record.Url for record in container.getAllPersistent(None)],
              "the token is kept among the office's saved passwords")
        doc.setModified(False)
        doc.close(True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
