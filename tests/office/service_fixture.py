"""A real alignkit template service for the office tests: its own SQLite store and users file in a
folder, on a free loopback port, with the sample templates as version 1 and two users:
hr (owns people) and sales (owns funnel and goals)."""
import json
import subprocess
from pathlib import Path

import uno
from office import props

REPO = Path(__file__).resolve().parents[2]
# A workbook that follows a served template: A1 names the source, column B reads it.
CELLS = {  # row -> formula, column B; A1 holds the source
    1: '=TEMPLATE.VALUE($A$1;"people.annual_salary")',
    2: '=TEMPLATE.INFO($A$1;"version")',
    3: '=TEMPLATE.INFO($A$1;"author")',
    4: '=TEMPLATE.INFO($A$1;"stale")',
    5: '=TEMPLATE.INFO($A$1;"updated")',
    6: '=TURNOVER.COST(B2;45000;3;1.5;4700;3500;0.75;2000)',
}


class Service:
    """alignkit serve on a free loopback port, with a store and users of its own."""

    def __init__(self, alignkit, folder):
        self.alignkit, self.folder = alignkit, folder
        self.store = f"sqlite:{folder}/templates.db"
        self.users = folder / "users.json"
        self.process = None

    def templates(self, *args, token=None):
        """`alignkit templates ...` against this service, as a planner runs it."""
        command = [self.alignkit, "templates", *args, "--server", self.url]
        if token:
            command += ["--token", token]
        return subprocess.run(command, capture_output=True, text=True, check=True)

    def pull(self, name):
        return json.loads(self.templates("pull", name).stdout)

    def publish(self, name, token, base, edit):
        """What a planner does from the command line: pull, edit, push on top of version `base`."""
        document = self.pull(name)
        edit(document)
        path = self.folder / f"{name}-edited.json"
        path.write_text(json.dumps(document))
        self.templates("push", str(path), "--name", name, "--base", str(base), "--message", "from the test", token=token)

    def set_up(self):
        subprocess.run([self.alignkit, "store", "import", str(REPO / "samples" / "templates"), "--store", self.store],
                       check=True, capture_output=True)
        tokens = {}
        for user, groups in (("hr", "people"), ("sales", "funnel,goals")):
            tokens[user] = subprocess.run([self.alignkit, "users", "add", user, "--owns", groups, "--users",
                                           str(self.users)], check=True, capture_output=True,
                                          text=True).stdout.strip()
        return tokens

    def start(self, reading="open"):
        self.process = subprocess.Popen([self.alignkit, "serve", "--port", "0", "--store", self.store,
                                         "--users", str(self.users), "--reading", reading],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on port "):
            self.process.kill()
            raise RuntimeError(f"the service did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[-1])}"

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


def trust(office, services):
    """What the templates panel does when the user connects: the service joins the trusted list."""
    provider = office.create("com.sun.star.configuration.ConfigurationProvider")
    access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  props(nodepath="/org.alignkit.calc.Settings/Templates"))
    uno.invoke(access, "replaceByName", ("TrustedServices", uno.Any("[]string", tuple(services))))
    access.commitChanges()


def build_workbook(doc, source):
    sheet = doc.Sheets.getByIndex(0)
    sheet.getCellByPosition(0, 0).setString(source)
    for row, formula in CELLS.items():
        sheet.getCellByPosition(1, row).setFormula(formula)
    doc.calculateAll()
    return sheet


def values(sheet):
    cell = lambda row: sheet.getCellByPosition(1, row)  # noqa: E731
    return {"salary": cell(1).getString(), "version": cell(2).getString(), "author": cell(3).getString(),
            "stale": cell(4).getValue(), "updated": cell(5).getValue(), "cost": cell(6).getString(),
            "errors": [row for row in CELLS if cell(row).getError() != 0]}
