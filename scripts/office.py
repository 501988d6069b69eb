"""Drives a real headless LibreOffice with alignkit installed in a throwaway profile.

Used by the office tests (tests/office/) and by the main job (scripts/run-samples.py).
Needs Debian's python3-uno, so run it with /usr/bin/python3.
"""
import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

REPO = Path(__file__).resolve().parents[1]
CONNECT_TIMEOUT_S = 90
# Tests run in parallel (ctest -j); two offices starting at once on two cores, each syncing its
# extensions, have failed to answer in time. Installing and starting take this lock in turn; the
# offices then run side by side.
START_LOCK = Path(tempfile.gettempdir()) / "alignkit-office-start.lock"


def props(**values):
    """A tuple of PropertyValues, as UNO calls take them."""
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        result.append(prop)
    return tuple(result)


def profile_env(profile):
    profile = Path(profile).resolve()
    return [f"-env:UserInstallation=file://{profile}",
            f"-env:UNO_SHARED_PACKAGES_CACHE=file://{profile}/shared"]


def set_locale(profile, locale):
    """Sets the profile's locale setting (Tools ▸ Options ▸ Languages ▸ Locale setting), e.g. "de-DE"."""
    user = Path(profile) / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
        f'<value>{locale}</value></prop></item>\n'
        '</oor:items>\n')


def install_extension(oxt, profile):
    subprocess.run([str(REPO / "scripts" / "install-extension.sh"), str(oxt), str(profile)],
                   check=True, stdout=subprocess.DEVNULL)


class start_lock:  # noqa: N801 - used like a function: with start_lock():
    """Held while an office or a virtual display starts or stops: tests run in parallel."""

    def __enter__(self):
        self.file = open(START_LOCK, "a")
        fcntl.flock(self.file, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()
        return False


def display_answers(number):
    """True when the X server of display :number accepts a connection on its socket."""
    import socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            probe.connect(f"/tmp/.X11-unix/X{number}")
        return True
    except OSError:
        return False


class virtual_display:  # noqa: N801 - used like a function: with virtual_display():
    """A private Xvfb for a GUI test, on a display number the X server picks itself.

    `xvfb-run -a` guesses a free number from lock files, and two tests starting together can
    guess the same one (seen: "Can't open display: :100"); -displayfd has Xvfb choose and say.
    Starting and stopping take the start lock: a display going away while another comes up
    has also left a new office unable to open its display."""

    def __init__(self, size="1600x1000x24"):
        self.size = size
        self.process = None
        self.previous = None

    def __enter__(self):
        with start_lock():
            read_end, write_end = os.pipe()
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", self.size, "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(write_end)
            with os.fdopen(read_end) as said:
                number = said.readline().strip()
            deadline = time.monotonic() + 10
            while number.isdigit() and not display_answers(number) and time.monotonic() < deadline:
                time.sleep(0.05)
            if not number.isdigit() or not display_answers(number):
                self.process.kill()
                raise RuntimeError(f"Xvfb did not start or answer (display {number!r}; is the xvfb package installed?)")
        self.previous = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = f":{number}"
        return os.environ["DISPLAY"]

    def __exit__(self, *exc):
        if self.previous is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = self.previous
        with start_lock():
            self.process.terminate()
            self.process.wait()
        return False


class Office:
    """A running soffice and its UNO desktop."""

    def __init__(self, process, context):
        self.process = process
        self.context = context
        self.smgr = context.ServiceManager
        self.desktop = self.create("com.sun.star.frame.Desktop")

    def create(self, service):
        return self.smgr.createInstanceWithContext(service, self.context)

    def alive(self):
        """True when the office process runs and still answers over UNO."""
        if self.process.poll() is not None:
            return False
        try:
            self.desktop.getComponents()
            return True
        except Exception:
            return False

    def load(self, path, hidden=True):
        url = uno.systemPathToFileUrl(str(Path(path).resolve()))
        return self.desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=hidden))

    def new_calc(self):
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=True))


class running_office:  # noqa: N801 - used like a function: with running_office(oxt) as office
    """Installs alignkit into a fresh profile, starts soffice, and yields an Office.

    A class rather than @contextmanager: contextlib cannot re-raise UNO exceptions."""

    def __init__(self, oxt, profile=None, headless=True, locale=None):
        self.owned = profile is None
        self.profile = Path(profile or tempfile.mkdtemp(prefix="alignkit-profile-"))
        self.oxt = oxt
        self.headless = headless
        self.locale = locale
        self.process = None
        self.office = None

    def __enter__(self):
        with start_lock():
            self.office = self._start()
        return self.office

    def _start(self):
        if self.locale:
            set_locale(self.profile, self.locale)
        install_extension(self.oxt, self.profile)
        pipe = f"alignkit{os.getpid()}{int(time.time() * 1000) % 100000}"
        args = ["soffice", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;", *profile_env(self.profile)]
        if self.headless:
            args[1:1] = ["--headless", "--invisible"]
        self.log = self.profile / "soffice.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        context = None
        while context is None:  # poll until the office answers; never a fixed sleep
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    exit_code = self.process.poll()
                    said = self.log.read_text(errors="replace")[-2000:]
                    said += f"\n(DISPLAY={os.environ.get('DISPLAY')}; offices and displays running:\n" + subprocess.run(
                        "ps -eo pid,etimes,args | grep -E 'soffice|Xvfb' | grep -v grep", shell=True,
                        capture_output=True, text=True).stdout + ")"
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"soffice did not start or answer within {CONNECT_TIMEOUT_S} s "
                                       f"(exit code {exit_code}); it said: {said or 'nothing'}")
                time.sleep(0.1)
        return Office(self.process, context)

    def __exit__(self, *exc):
        if self.office is not None:
            try:
                self.office.desktop.terminate()
            except Exception:
                pass  # the bridge goes away while terminating
        if self.process is not None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.owned:
            shutil.rmtree(self.profile, ignore_errors=True)
        return False


ALIGNKIT_PREFIX = "ORG.ALIGNKIT.CALC.FUNCTIONS."


def inspect_workbook(doc):
    """Error cells, alignkit formula count and the result_* named values of a recalculated workbook."""
    from com.sun.star.sheet.FormulaResult import ERROR
    from com.sun.star.sheet.CellFlags import FORMULA
    errors, alignkit_formulas, template_formulas = [], 0, 0
    for sheet in doc.Sheets:
        for rng in sheet.queryFormulaCells(ERROR).getRangeAddresses() if sheet.queryFormulaCells(ERROR).Count else []:
            for row in range(rng.StartRow, rng.EndRow + 1):
                for col in range(rng.StartColumn, rng.EndColumn + 1):
                    cell = sheet.getCellByPosition(col, row)
                    errors.append(f"{sheet.Name}.{cell.AbsoluteName.split('.')[-1]}: {cell.getString()} "
                                  f"in {cell.getFormula()}")
        formulas = sheet.queryContentCells(FORMULA)
        for rng in formulas.getRangeAddresses() if formulas.Count else []:
            for row in range(rng.StartRow, rng.EndRow + 1):
                for col in range(rng.StartColumn, rng.EndColumn + 1):
                    formula = sheet.getCellByPosition(col, row).getFormula().upper()
                    alignkit_formulas += ALIGNKIT_PREFIX in formula
                    template_formulas += (ALIGNKIT_PREFIX + "TEMPLATEVALUE") in formula
    results = {}
    for name in doc.NamedRanges.ElementNames:
        if name.startswith("result_"):
            cell = doc.NamedRanges.getByName(name).ReferredCells.getCellByPosition(0, 0)
            results[name[len("result_"):]] = cell.getString()
    return errors, alignkit_formulas, template_formulas, results
