"""Drives a real headless LibreOffice with alignkit installed in a throwaway profile.

Used by the office tests (tests/office/) and by the main job (scripts/run-samples.py).
Needs Debian's python3-uno, so run it with /usr/bin/python3.
"""
import fcntl
import os
import shutil
import signal
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


def set_languages(profile, locale=None, ui_language="en-US"):
    """Sets the profile's locale setting (Tools ▸ Options ▸ Languages ▸ Locale setting, e.g. "de-DE")
    and its user-interface language (English unless asked: not whatever the machine's LANG says)."""
    user = Path(profile) / "user"
    user.mkdir(parents=True, exist_ok=True)
    # The user's choice of interface language; the office resolves it into Setup/L10N/ooLocale.
    items = ('<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse">'
             f'<value>{ui_language}</value></prop></item>\n')
    if locale:
        items += ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
                  f'<value>{locale}</value></prop></item>\n')
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f'{items}</oor:items>\n')


def install_extension(oxt, profile):
    subprocess.run([str(REPO / "scripts" / "install-extension.sh"), str(oxt), str(profile)],
                   check=True, stdout=subprocess.DEVNULL)


class start_lock:  # noqa: N801 - used like a function: with start_lock():
    """Held while an office is installed and started: tests run in parallel."""

    def __enter__(self):
        self.file = open(START_LOCK, "a")
        fcntl.flock(self.file, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()
        return False


def display_answers(number):
    """True when the X server of display :number accepts an X client: a real connection set-up
    (X11 protocol 11.0, no authorization), not only a socket connect. Right after Xvfb says which
    display it took, a client can still be refused (seen: "unable to open display ':0'")."""
    import socket
    import struct
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            probe.connect(f"/tmp/.X11-unix/X{number}")
            probe.sendall(struct.pack("<cxHHHHxx", b"l", 11, 0, 0, 0))
            return probe.recv(1) == b"\x01"  # 1: Success, 0: Failed, 2: Authenticate
    except OSError:
        return False


class virtual_display:  # noqa: N801 - used like a function: with virtual_display():
    """A private Xvfb for a GUI test, on a display number no other test holds.

    Neither `xvfb-run -a` (it guesses from lock files) nor Xvfb's own -displayfd choice is
    exclusive when tests start and stop displays side by side (seen: two servers on :0, and
    "unable to open display"). Each test claims a number with an flock held for the display's
    whole life (released even if the test dies), starts Xvfb there with -noreset (an X server
    otherwise resets when its last client leaves, and a client arriving then is refused: our own
    readiness probe was such a last client), and waits until the server accepts an X client."""

    FIRST, LAST = 100, 999

    def __init__(self, size="1600x1000x24"):
        self.size = size
        self.process = None
        self.previous = None
        self.claim = None

    def _claim_number(self):
        for number in range(self.FIRST, self.LAST + 1):
            if os.path.exists(f"/tmp/.X11-unix/X{number}") or os.path.exists(f"/tmp/.X{number}-lock"):
                continue  # a server that is not ours
            claim = open(Path(tempfile.gettempdir()) / f"alignkit-display-{number}.lock", "a")
            try:
                fcntl.flock(claim, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                claim.close()
                continue
            self.claim = claim
            return number
        raise RuntimeError("no free X display number for Xvfb")

    def __enter__(self):
        number = self._claim_number()
        self.process = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", self.size, "-nolisten", "tcp", "-noreset"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not display_answers(number):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"Xvfb did not start or answer on :{number} (is the xvfb package installed?)")
            time.sleep(0.05)
        self.previous = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = f":{number}"
        return os.environ["DISPLAY"]

    def __exit__(self, *exc):
        if self.previous is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = self.previous
        self.process.terminate()
        self.process.wait()
        self.claim.close()  # releases the number
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
        path = Path(path).resolve()
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(path)), "_blank", 0, props(Hidden=hidden))
        if doc is None:  # a headless office answers a question (such as "the file is locked") with nothing
            lock = path.with_name(f".~lock.{path.name}#")
            raise RuntimeError(f"the office did not open {path}"
                               + (f"; {lock} is left from an office that did not close it" if lock.exists() else ""))
        return doc

    def new_calc(self):
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=True))


class running_office:  # noqa: N801 - used like a function: with running_office(oxt) as office
    """Installs alignkit into a fresh profile, starts soffice, and yields an Office.

    A class rather than @contextmanager: contextlib cannot re-raise UNO exceptions."""

    def __init__(self, oxt, profile=None, headless=True, locale=None, installed=False, ui_language="en-US"):
        """installed: the profile already has this alignkit (a second session of one user).
        locale: the locale setting (numbers, dates); ui_language: the menus' and alignkit's language."""
        self.owned = profile is None
        self.installed = installed
        self.profile = Path(profile or tempfile.mkdtemp(prefix="alignkit-profile-"))
        self.oxt = oxt
        self.headless = headless
        self.locale = locale
        self.ui_language = ui_language
        self.process = None
        self.office = None

    def __enter__(self):
        with start_lock():
            self.office = self._start()
        return self.office

    def _start(self):
        if not self.installed:
            set_languages(self.profile, self.locale, self.ui_language)
        if not self.installed:
            install_extension(self.oxt, self.profile)
        pipe = f"alignkit{os.getpid()}{int(time.time() * 1000) % 100000}"
        args = ["soffice", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;", *profile_env(self.profile)]
        if self.headless:
            args[1:1] = ["--headless", "--invisible"]
        self.log = self.profile / "soffice.log"
        with open(self.log, "wb") as log:
            # A session of its own: soffice is a launcher whose soffice.bin child must go with it.
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
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
            try:  # a test that failed midway leaves changed documents: no "Save changes?" to wait on
                components = self.office.desktop.Components.createEnumeration()
                while components.hasMoreElements():
                    component = components.nextElement()
                    if hasattr(component, "setModified"):
                        component.setModified(False)
            except Exception:
                pass
            try:
                self.office.desktop.terminate()
            except Exception:
                pass  # the bridge goes away while terminating
        if self.process is not None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # whatever of the office is still there
            except ProcessLookupError:
                pass
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
