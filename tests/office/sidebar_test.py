"""Drives the alignkit sidebar deck in a real Calc on a display (run under xvfb-run).

Opens the deck, uses each panel the way a planner would (typing into fields, pressing
buttons through accessibility), checks the panel's answers and the cells and formulas it
inserts, that the sheet follows an edited input cell, that undo removes a whole insertion,
and saves a screenshot of each panel.

usage: /usr/bin/python3 sidebar_test.py --oxt X --artefacts DIR [--locale de-DE | --ui-language fr-FR --po-dir po | --service ALIGNKIT]
(it starts its own virtual display, Xvfb)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import REPO, inspect_workbook, props, running_office, virtual_display  # noqa: E402
from po_file import read_po  # noqa: E402
from service_fixture import Service, build_workbook, trust, values  # noqa: E402

WAIT_S = 20
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


class Deck:
    def __init__(self, office, doc):
        self.office = office
        self.doc = doc
        self.toolkit = office.create("com.sun.star.awt.Toolkit")
        controller = doc.getCurrentController()
        controller.getFrame().getContainerWindow().setPosSize(0, 0, 1600, 1000, 15)
        sidebar = controller.getSidebar()
        sidebar.setVisible(True)
        self.deck = sidebar.getDecks().getByName("AlignkitDeck")
        self.deck.activate(True)
        self.panels = self.deck.getPanels()

    def settle(self):
        """Lets the office handle pending events and paint."""
        self.toolkit.processEventsToIdle()

    def show_only(self, panel_id):
        for name in self.panels.getElementNames():
            panel = self.panels.getByName(name)
            panel.expand(True) if name == panel_id else panel.collapse()
        self.settle()
        dialog = wait_for(lambda: self.panels.getByName(panel_id).getDialog(), f"{panel_id} is built")
        return Panel(self, dialog)

    def screenshot(self, path):
        self.settle()
        subprocess.run(f"xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > '{path}'", shell=True, check=True)
        print(f"      screenshot {path}")


class Panel:
    def __init__(self, deck, dialog):
        self.deck = deck
        self.dialog = dialog

    def control(self, name):
        return self.dialog.getControl(name)

    def label(self, name):
        return self.control(name).getModel().Label

    def type(self, name, text):
        self.control(name).setText(text)  # fires the panel's text listener, as typing does
        self.deck.settle()

    def press(self, name, until):
        """Clicks a button, check box or radio button through accessibility, as a user would.

        The office handles the click on its own main loop, so wait until the panel shows its effect."""
        self.control(name).getAccessibleContext().doAccessibleAction(0)
        self.deck.settle()
        wait_for(until, f"pressing {name} takes effect")

    def items(self, name):
        return list(self.control(name).getItems())

    def enabled(self, name):
        return self.control(name).getModel().Enabled


def wait_for(predicate, what):
    deadline = time.monotonic() + WAIT_S
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting until {what}")
        time.sleep(0.05)


def cell(doc, name):
    return doc.Sheets.getByIndex(0).getCellRangeByName(name)


def finished_insertion(panel):
    message = panel.label("message")
    return message.startswith("Inserted") or "already holds" in message


def uses(target, function):
    """True when the cell's formula calls an alignkit function (Calc shows its internal name)."""
    return function.replace(".", "") in target.getFormula().replace(".", "")


def select(doc, name):
    doc.getCurrentController().select(cell(doc, name))


def block_empty(doc, range_name):
    data = doc.Sheets.getByIndex(0).getCellRangeByName(range_name).getDataArray()
    return all(value == "" for row in data for value in row)


def test_funnel(deck, doc, artefacts):
    funnel = deck.show_only("AlignkitFunnelPanel")
    check(funnel.label("result") == "Budget: 4,000", f"seed example gives the budget for 100 units: {funnel.label('result')!r}")
    check(funnel.items("stages")[0] == "Impressions → 500,000", f"top stage volume: {funnel.items('stages')[0]!r}")
    check(funnel.items("stages")[3] == "Sales · 20% → 100", f"bottom stage: {funnel.items('stages')[3]!r}")
    picture = funnel.control("picture").getModel().Graphic
    check(picture is not None and picture.SizePixel.Width > 0 and picture.SizePixel.Height > 0,
          "the funnel drawn as a picture (the office renders its stages as proportional bars)")
    deck.screenshot(artefacts / "sidebar-funnel-picture.png")

    funnel.press("to_units", until=lambda: funnel.label("result").startswith("Units"))
    check(funnel.control("amount").getText() == "4000", "switching direction carries the budget across")
    check(funnel.label("result") == "Units: 100", f"budget 4,000 buys 100 units: {funnel.label('result')!r}")
    funnel.type("amount", "8000")
    check(funnel.label("result") == "Units: 200", f"updates as you type: {funnel.label('result')!r}")

    for bad, why in (("0", "a rate of 0"), ("150", "a rate above 100%")):
        funnel.type("stage_rate", bad)
        check("must be above 0% and at most 100%" in funnel.label("message"),
              f"{why} shows an inline message: {funnel.label('message')!r}")
        check(funnel.label("result") == "Units: –" and not funnel.enabled("insert"), f"{why} gives no result and no insert")
    funnel.type("stage_rate", "2")
    check(funnel.label("result") == "Units: 200" and funnel.label("message") == "", "a valid rate clears the message")
    # A fraction typed in a percent field, as a planner used to cells types it: asked, never changed.
    funnel.type("stage_rate", "0.2")
    check(funnel.label("result") == "Units: 20\n0.2 is read as 0.2% — did you mean 20%?"
          and funnel.control("stage_rate").getText() == "0.2", f"0.2 as a stage rate: {funnel.label('result')!r}")
    funnel.type("stage_rate", "0.2%")
    check(funnel.label("result") == "Units: 20", f"0.2% typed with its sign is meant: {funnel.label('result')!r}")
    funnel.type("stage_rate", "2")
    check(funnel.label("result") == "Units: 200", f"back to 2%: {funnel.label('result')!r}")

    funnel.press("add", until=lambda: len(funnel.items("stages")) == 5)
    check(len(funnel.items("stages")) == 5 and funnel.items("stages")[2].startswith("New stage"), "Add inserts a stage")
    funnel.press("down", until=lambda: funnel.items("stages")[3].startswith("New stage"))
    check(funnel.items("stages")[3].startswith("New stage"), "Down moves it")
    funnel.press("remove", until=lambda: len(funnel.items("stages")) == 4)
    check([i.split(" ")[0] for i in funnel.items("stages")] == ["Impressions", "Visitors", "Demos", "Sales"],
          f"Remove takes it out: {funnel.items('stages')}")
    check(funnel.label("result") == "Units: 200", "the plan is back to the example")

    select(doc, "B2")
    funnel.press("insert", until=lambda: finished_insertion(funnel))
    check(cell(doc, "B3").getString() == "Budget" and cell(doc, "C3").getValue() == 8000, "inserted the labelled budget input")
    units = cell(doc, "C11")
    check(uses(units, "FUNNEL.UNITS") and units.getValue() == 200,
          f"inserted a live FUNNEL.UNITS formula: {units.getFormula()} = {units.getValue()}")
    check(cell(doc, "D7").getValue() == 1000000 and uses(cell(doc, "D7"), "FUNNEL.UNITS"), "stage volumes are formulas")
    check(funnel.label("message").startswith("Inserted at B2:D12"), f"says where: {funnel.label('message')!r}")

    deck.screenshot(artefacts / "sidebar-funnel.png")

    undo = doc.getUndoManager()
    undo.undo()
    check(block_empty(doc, "B2:D12"), "one undo removes the whole insertion")
    undo.redo()
    check(cell(doc, "C11").getValue() == 200, "redo puts it back")

    cell(doc, "C3").setValue(4000)
    doc.calculateAll()
    check(cell(doc, "C11").getValue() == 100, "changing the budget cell recalculates the units")

    select(doc, "B2")
    funnel.press("insert", until=lambda: "already holds" in funnel.label("message"))
    check("already holds" in funnel.label("message") and funnel.label("insert") == "Overwrite",
          f"warns before overwriting: {funnel.label('message')!r}")
    check(cell(doc, "C3").getValue() == 4000, "nothing overwritten before confirming")
    funnel.press("insert", until=lambda: funnel.label("message").startswith("Inserted"))
    check(cell(doc, "C3").getValue() == 8000, "Overwrite writes the block")
    undo.undo()
    check(cell(doc, "C3").getValue() == 4000 and cell(doc, "C11").getValue() == 100, "undo restores the overwritten block")


def test_turnover(deck, doc, artefacts):
    turnover = deck.show_only("AlignkitTurnoverPanel")
    # Hand calculation: 2,000 + 4,700 + 3,500 + 45,000*0.75*1.5 + 45,000*0.75*3/2 - 65,000/12*1.5 = 103,325
    check(turnover.label("result") == "Cost of one departure: 103,325", f"seed departure cost: {turnover.label('result')!r}")
    check("Ramp, margin lost: 50,625" in turnover.label("breakdown"), "breakdown shows the ramp loss")
    turnover.type("annual_salary", "sixty")
    check("not a number" in turnover.label("message") and not turnover.enabled("insert"), "text in a number field is caught")
    turnover.type("annual_salary", "65,000")
    check(turnover.label("result") == "Cost of one departure: 103,325", "“65,000” is sixty-five thousand in English")
    turnover.type("annual_salary", "6,5")
    check("decimal separator is “.”" in turnover.label("message") and not turnover.enabled("insert"),
          f"“6,5” is refused, never read as 6.5 or 65: {turnover.label('message')!r}")
    turnover.type("annual_salary", "65000")
    turnover.type("ramp", "6")  # a six-month ramp doubles the ramp loss
    check(turnover.label("result") == "Cost of one departure: 153,950", f"updates as you type: {turnover.label('result')!r}")

    select(doc, "G2")
    turnover.press("insert", until=lambda: finished_insertion(turnover))
    total = cell(doc, "H11")
    check(uses(total, "TURNOVER.COST") and abs(total.getValue() - 153950) < 1e-6,
          f"inserted a live TURNOVER.COST: {total.getFormula()} = {total.getValue()}")
    cell(doc, "H5").setValue(3)
    doc.calculateAll()
    check(abs(total.getValue() - 103325) < 1e-6, "changing the ramp cell recalculates the cost")
    check(abs(cell(doc, "H14").getValue() - 50625) < 1e-6, "the breakdown follows too")
    # Numbers as the panel shows them: amounts with thousands separators, the margin a rate, months as typed.
    shown = {name: cell(doc, name).getString() for name in ("H3", "H4", "H5", "H9", "H11", "H13", "H18")}
    check(shown == {"H3": "65,000.00", "H4": "45,000.00", "H5": "3", "H9": "75.00%", "H11": "103,325.00",
                    "H13": "50,625.00", "H18": "-8,125.00"}, f"the inserted block's number formats: {shown}")
    deck.screenshot(artefacts / "sidebar-turnover.png")


def select_range(doc, name):
    doc.getCurrentController().select(doc.Sheets.getByIndex(0).getCellRangeByName(name))


def test_goal_cascade(deck, doc, artefacts):
    picture = deck.show_only("AlignkitGoalCascadePanel").control("picture").getModel().Graphic
    check(picture is not None and picture.SizePixel.Width > 0, "the cascade drawn: the parent against the children stacked")
    deck.screenshot(artefacts / "sidebar-cascade-picture.png")
    cascade = deck.show_only("AlignkitGoalCascadePanel")
    # 13,200,000 over weights 12:10:8:6 in whole numbers (the largest remainder, West, takes the 1 left).
    check(cascade.label("result") == "Children add up to 13,200,000: 10% over-assigned",
          f"seed cascade: {cascade.label('result')!r}")
    check(cascade.items("children")[1] == "West  ·  10  →  3,666,667", f"each child's target: {cascade.items('children')}")
    # The teams come from the sheet: a heading row, then names and weights.
    sheet = doc.Sheets.getByIndex(0)
    for row, (team, weight) in enumerate([("Team", "Capacity"), ("Inside", 5), ("Field", 3), ("Partners", 2)]):
        sheet.getCellByPosition(10, 1 + row).setString(team)
        target = sheet.getCellByPosition(11, 1 + row)
        target.setString(weight) if isinstance(weight, str) else target.setValue(weight)
    select_range(doc, "K2:L5")
    cascade.press("from_selection", until=lambda: "children from the selection" in cascade.label("message")
                  or "Select" in cascade.label("message"))
    check(cascade.label("message") == "Took 3 children from the selection.", f"reads the selection: {cascade.label('message')!r}")
    check([i.split("  ")[0] for i in cascade.items("children")] == ["Inside", "Field", "Partners"],
          f"the children are the selection's: {cascade.items('children')}")
    cascade.type("parent", "1,000,000")
    cascade.type("buffer", "0")
    check(cascade.label("result") == "Children add up to 1,000,000: exactly the parent target",
          f"no buffer: the children add up: {cascade.label('result')!r}")
    cascade.type("buffer", "abc")
    check("not a number" in cascade.label("message") and not cascade.enabled("insert"), "a bad buffer is caught")
    cascade.type("parent", "1,000,000")  # another field typed well: the bad buffer still stands
    check("Buffer" in cascade.label("message") and not cascade.enabled("insert")
          and cascade.label("result") == "Children add up to –",
          f"no result while the buffer holds text: {cascade.label('result')!r} {cascade.label('message')!r}")
    cascade.type("buffer", "5%")  # the percentage rule: the sign changes nothing (was 0.05%)
    check(cascade.label("result") == "Children add up to 1,050,000: 5% over-assigned", f"5%: {cascade.label('result')!r}")
    cascade.type("buffer", "5")
    check(cascade.label("result") == "Children add up to 1,050,000: 5% over-assigned", f"{cascade.label('result')!r}")
    cascade.type("buffer", "0.05")
    check(cascade.label("result") == "Children add up to 1,000,500: 0.05% over-assigned\n"
                                     "0.05 is read as 0.05% — did you mean 5%?", f"0.05 as a buffer: {cascade.label('result')!r}")
    cascade.type("buffer", "5")

    select(doc, "B30")
    cascade.press("insert", until=lambda: finished_insertion(cascade))
    # Block at B30: parent C31, buffer C32, decimals C33, heading 34, children 35..37, sum 38, over 39.
    inside = cell(doc, "D35")
    check(uses(inside, "GOAL.ALLOCATE") and inside.getValue() == 525000,
          f"a live GOAL.ALLOCATE target: {inside.getFormula()} = {inside.getValue()}")
    check(cell(doc, "D38").getValue() == 1050000 and abs(cell(doc, "D39").getValue() - 0.05) < 1e-12
          and uses(cell(doc, "D39"), "GOAL.OVERASSIGN"), "sum and over-assignment formulas")
    cell(doc, "C36").setValue(5)  # Field as large as Inside: 1,050,000 x 5/12
    doc.calculateAll()
    check(inside.getValue() == 437500, f"changing a weight re-splits the target: {inside.getValue()}")
    deck.screenshot(artefacts / "sidebar-goal-cascade.png")
    select(doc, "B30")
    cascade.press("insert", until=lambda: "already holds" in cascade.label("message"))
    check(cascade.label("insert") == "Overwrite" and cell(doc, "C36").getValue() == 5,
          f"warns before overwriting, nothing written yet: {cascade.label('message')!r}")
    cascade.type("buffer", "5")  # changing an input withdraws the pending overwrite
    check(cascade.label("insert") == "Insert into sheet", "an input change withdraws the overwrite offer")
    doc.getUndoManager().undo()  # the weight edit
    doc.getUndoManager().undo()  # the insertion
    check(block_empty(doc, "B30:D39"), "one undo removes the whole insertion")


def test_hiring(deck, doc, artefacts):
    hiring = deck.show_only("AlignkitHiringPanel")
    check(hiring.label("result").startswith("Hires: "), f"seed plan: {hiring.label('result')!r}")
    sheet = doc.Sheets.getByIndex(0)
    for row, target in enumerate([100, 100, 100]):
        sheet.getCellByPosition(13, 1 + row).setValue(target)
    select_range(doc, "N2:N4")
    hiring.press("from_selection", until=lambda: "monthly targets" in hiring.label("message"))
    check(hiring.control("targets").getText() == "100; 100; 100", f"targets from the selection: {hiring.control('targets').getText()!r}")
    for field, value in (("quota", "10"), ("ramp", "0"), ("attrition", "10"), ("current", "10")):
        hiring.type(field, value)
    # Month 2: 10 x 0.9 = 9 reps give 90 < 100: one hire; month 3: 8.1 + 0.9 = 9: one more.
    check(hiring.label("result").startswith("Hires: 2 over 3 months"), f"hand-checked plan: {hiring.label('result')!r}")
    hiring.type("attrition", "0.035")
    check(hiring.label("result").endswith("\n0.035 is read as 0.035% — did you mean 3.5%?")
          and hiring.control("attrition").getText() == "0.035", f"0.035 as monthly attrition: {hiring.label('result')!r}")
    hiring.type("attrition", "10")
    check(hiring.label("result") == "Hires: 2 over 3 months", f"10% again: {hiring.label('result')!r}")
    chart = hiring.control("chart").getModel().Graphic
    check(chart is not None and chart.SizePixel.Width > 0, "the plan drawn as a picture: capacity, targets, hires, headcount")
    deck.screenshot(artefacts / "sidebar-hiring-picture.png")
    hiring.type("targets", "100; abc")
    check("month 2" in hiring.label("message") and not hiring.enabled("insert"), f"a bad month is named: {hiring.label('message')!r}")
    hiring.type("targets", "100; 100; 100")
    select(doc, "F30")
    hiring.press("insert", until=lambda: finished_insertion(hiring))
    # Block at F30: inputs G31..G35, heading 36, months 37..39.
    hires = [cell(doc, f"H{r}").getValue() for r in (37, 38, 39)]
    capacity = cell(doc, "J39")
    check(hires == [0, 1, 1] and uses(cell(doc, "H38"), "HIRING.PLAN"), f"live HIRING.PLAN hires: {hires}")
    check(abs(capacity.getValue() - 100) < 1e-9 and uses(capacity, "CAPACITY.PLAN"),
          f"live CAPACITY.PLAN capacity: {capacity.getFormula()} = {capacity.getValue()}")
    deck.screenshot(artefacts / "sidebar-hiring.png")
    doc.getUndoManager().undo()
    check(block_empty(doc, "F30:J40"), "one undo removes the whole insertion")


def test_templates(deck, doc, artefacts, workdir):
    shared = workdir / "shared"
    shared.mkdir()
    for name in ("inside_sales.json", "enterprise_field_sales.json"):
        shutil.copy(REPO / "samples" / "templates" / name, shared / name)
    templates = deck.show_only("AlignkitTemplatesPanel")
    # A new planner starts in their own documents, not in the extension's inner folder.
    start = templates.control("place").getText()
    check(Path(start).is_dir() and "uno_packages" not in start and "alignkit" not in start,
          f"the Templates panel starts in the planner's documents: {start!r}")
    # The whole panel fits the 1000-pixel screen: its last button is on it.
    last = templates.control("new_from_sample").getAccessibleContext()
    bottom = last.getLocationOnScreen().Y + last.getSize().Height
    check(0 < bottom <= 1000, f"New from sample ends {bottom} px down a 1000-pixel screen")
    templates.type("place", str(shared))
    check(templates.items("templates") == ["enterprise_field_sales.json", "inside_sales.json"],
          f"lists the folder's templates: {templates.items('templates')}")
    templates.type("place", str(shared / "inside_sales.json"))
    assumptions = templates.control("assumptions").getText()
    check("funnel.rates.demo_to_sale = 0.25" in assumptions, "shows the template's assumptions")
    templates.press("use", until=lambda: "now use" in templates.label("message"))
    check("now use inside_sales.json" in templates.label("message"), f"confirms: {templates.label('message')!r}")
    deck.screenshot(artefacts / "sidebar-templates.png")

    funnel = deck.show_only("AlignkitFunnelPanel")
    check([i.split(" ")[0] for i in funnel.items("stages")] == ["Clicks", "Demos", "Sales"],
          f"the funnel panel took the template's stages: {funnel.items('stages')}")
    check(funnel.control("cost").getText() == "4.22", "and its cost per click")
    turnover = deck.show_only("AlignkitTurnoverPanel")
    check(turnover.control("annual_salary").getText() == "65000", "the turnover panel took the template's salary")

    funnel = deck.show_only("AlignkitFunnelPanel")
    select(doc, "B20")
    funnel.press("insert", until=lambda: finished_insertion(funnel))
    rate = cell(doc, "C27")  # Sales, the third stage: its rate is demo_to_sale
    check(uses(rate, "TEMPLATE.VALUE") and "demo_to_sale" in rate.getFormula() and rate.getValue() == 0.25,
          f"the insertion follows the template: {rate.getFormula()} = {rate.getValue()}")
    units_before = cell(doc, "C28").getValue()
    data = json.loads((shared / "inside_sales.json").read_text())
    data["funnel"]["rates"]["demo_to_sale"] = 0.5
    (shared / "inside_sales.json").write_text(json.dumps(data))
    doc.calculateAll()
    check(rate.getValue() == 0.5, "an edited template flows into the sheet on recalculation")
    check(cell(doc, "C28").getValue() > units_before, "and the plan follows it")


def test_new_from_sample(office, deck, artefacts):
    """New from sample: a copy of a sample the extension brings opens untitled in a window of its
    own, computes with the templates beside the sample, and the installed file stays as it was."""
    templates = deck.show_only("AlignkitTemplatesPanel")
    names = templates.items("samples")
    check(names == sorted(p.stem.replace("_", " ") for p in (REPO / "samples").glob("*.fods")), f"the samples listed: {names}")
    check(not templates.enabled("new_from_sample"), "New from sample waits for a choice")
    index = names.index("funnel budget planner")
    templates.control("samples").selectItemPos(index, True)
    deck.settle()
    before = {c.RuntimeUID for c in components(office)}
    templates.press("new_from_sample", until=lambda: len(components(office)) > len(before))
    opened = [c for c in components(office) if c.RuntimeUID not in before]
    check(len(opened) == 1, f"one new workbook opens: {len(opened)}")
    copy = opened[0]
    try:
        source = next((a.Value for a in copy.getArgs() if a.Name == "URL"), "")
        installed = Path(uno.fileUrlToSystemPath(source)) if source else None
        check(copy.getURL() == "" and installed is not None and installed.name == "funnel_budget_planner.fods"
              and "samples" in installed.parts, f"an untitled copy of the installed sample: {copy.getURL()!r} from {source!r}")
        stamp = installed.stat().st_mtime_ns if installed else None
        copy.calculateAll()
        errors = inspect_workbook(copy)[0]
        check(not errors, f"the copy computes, templates read beside the sample: {errors[:3]}")
        copy.Sheets.getByIndex(0).getCellByPosition(0, 0).setString("changed by the planner")
        deck.screenshot(artefacts / "sidebar-new-from-sample.png")
        check(installed is not None and installed.stat().st_mtime_ns == stamp, "the installed sample is not touched")
    finally:
        copy.setModified(False)
        copy.close(True)


def components(office):
    found = []
    enumeration = office.desktop.getComponents().createEnumeration()
    while enumeration.hasMoreElements():
        found.append(enumeration.nextElement())
    return found


def test_template_update(office, artefacts, service):
    """A workbook pinned to version 1 of a served template: the Alignment panel says a newer one is
    published, lists what changed and which cells it changes, and Use version N applies it (one
    undo step)."""
    newest = int(service.templates("history", "inside_sales").stdout.strip().splitlines()[-1].split()[1])
    salary = service.pull("inside_sales")["people"]["annual_salary"]
    pinned = office.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=False))
    try:
        sheet = pinned.Sheets.getByIndex(0)
        sheet.getCellRangeByName("A1").setString(f"{service.url}/v1/templates/inside_sales@1")
        sheet.getCellRangeByName("B1").setFormula('=TEMPLATE.VALUE($A$1;"people.annual_salary")')
        sheet.getCellRangeByName("B2").setFormula("=TURNOVER.COST(B1;45000;3;1.5)")
        pinned.calculateAll()
        check(sheet.getCellRangeByName("B1").getValue() == 65000, "the pinned workbook reads version 1's salary")
        cost_before = sheet.getCellRangeByName("B2").getString()
        pinned.setModified(False)  # as if just saved: the check must leave it so
        deck = Deck(office, pinned)
        panel = deck.show_only("AlignkitAlignmentPanel")
        panel.press("check", until=lambda: panel.label("update_text") != "")
        said = panel.label("update_text")
        check(f"Version {newest} is published; this workbook uses version 1." in said
              and f"people.annual_salary: 65000 → {salary}" in said, f"the newer version and its changes: {said!r}")
        check(f"Sheet1.B1: 65000 → {salary}" in said and f"Sheet1.B2: {cost_before} → " in said,
              f"the cells it changes: {said!r}")
        check(panel.enabled("use_version") and panel.label("use_version") == f"Use version {newest}",
              f"offered: {panel.label('use_version')!r}")
        check(sheet.getCellRangeByName("B1").getValue() == 65000 and not pinned.isModified(),
              "working the effect out changes nothing")
        deck.screenshot(artefacts / "sidebar-template-update.png")
        panel.press("use_version", until=lambda: "now follows" in panel.label("message"))
        check(sheet.getCellRangeByName("A1").getString().endswith(f"@{newest}")
              and sheet.getCellRangeByName("B1").getValue() == salary,
              f"Use version {newest}: {sheet.getCellRangeByName('A1').getString()} reads {sheet.getCellRangeByName('B1').getValue()}")
        check(panel.label("update_text") == "", "no update left to offer")
        pinned.getUndoManager().undo()
        pinned.calculateAll()
        check(sheet.getCellRangeByName("A1").getString().endswith("@1") and sheet.getCellRangeByName("B1").getValue() == 65000,
              "one undo goes back to version 1")
    finally:
        pinned.setModified(False)
        pinned.close(True)


def test_service(deck, doc, artefacts, service, tokens, sales, oxt):
    """HR connects to the team's service, fills the panels from it, publishes, and meets the
    refusals a planner can meet: a group HR does not own, and someone publishing first. Sales,
    in an office of its own, follows the same template in a workbook."""
    trust(sales, [service.url])
    sales_doc = sales.new_calc()
    sales_sheet = build_workbook(sales_doc, f"{service.url}/v1/templates/inside_sales")
    check(values(sales_sheet)["salary"] == "65000", f"Sales' workbook reads version 1: {values(sales_sheet)}")

    templates = deck.show_only("AlignkitTemplatesPanel")
    templates.type("place", service.url)
    check(templates.enabled("connect") and templates.items("templates") == [], "a service address waits for Connect")
    templates.type("token", tokens["hr"])
    templates.press("connect", until=lambda: "Connected" in templates.label("message") or
                    "Cannot" in templates.label("message"))
    check("Connected to" in templates.label("message") and "token is kept" in templates.label("message"),
          f"connects and keeps the token: {templates.label('message')!r}")
    check(templates.control("token").getText() == "", "the token field is emptied after connecting")
    # Remembered (the box is ticked by default) in the office's own saved passwords, for the next start.
    container = deck.office.create("com.sun.star.task.PasswordContainer")
    remembered = [record.Url for record in container.getAllPersistent(None)]
    check(container.isPersistentStoringAllowed() and service.url in remembered,
          f"the token is among the office's saved passwords, for the next start: {remembered}")
    check(service.url in templates.control("trusted").getText(), f"the service is now trusted: {templates.control('trusted').getText()!r}")
    items = templates.items("templates")
    check(any(i.startswith("inside_sales  ·  v1") for i in items), f"lists the served templates with versions: {items}")
    templates.control("templates").selectItemPos([i.startswith("inside_sales") for i in items].index(True), True)
    deck.settle()
    wait_for(lambda: "version 1" in templates.label("message"), "the served template is read")
    templates.press("use", until=lambda: "now use" in templates.label("message"))
    check("follow the service" in templates.label("message"), f"confirms: {templates.label('message')!r}")
    deck.screenshot(artefacts / "sidebar-templates-service.png")

    turnover = deck.show_only("AlignkitTurnoverPanel")
    check(turnover.control("annual_salary").getText() == "65000", "the turnover panel took the served salary")
    turnover.type("annual_salary", "70000")
    turnover.press("publish", until=lambda: turnover.label("publish_message") != "")
    check(turnover.label("publish_message").startswith("Published version 2"),
          f"HR publishes its salary band: {turnover.label('publish_message')!r}")
    check(service.pull("inside_sales")["people"]["annual_salary"] == 70000, "the service has it")
    time.sleep(5.5)  # past the interval in which Sales' office uses its copy in memory
    sales_doc.calculateAll()
    seen = values(sales_sheet)
    check(seen["salary"] == "70000" and seen["version"] == "2" and seen["author"] == "hr",
          f"Sales' next recalculation shows what HR published, with version and author: {seen}")
    sales_doc.close(True)

    # HR may not publish Sales' funnel.
    funnel = deck.show_only("AlignkitFunnelPanel")
    funnel.control("stages").selectItemPos(2, True)
    deck.settle()
    funnel.type("stage_rate", "30")
    funnel.press("publish", until=lambda: funnel.label("publish_message") != "")
    refusal = funnel.label("publish_message")
    check("Not published" in refusal and "does not own" in refusal and "funnel" in refusal,
          f"a group HR does not own is refused, by name: {refusal!r}")
    check("nothing was sent" in refusal, f"the refusal is foreseen with the service's own rule (GET /v1/me), before sending: {refusal!r}")
    check(service.pull("inside_sales")["funnel"]["rates"]["demo_to_sale"] == 0.25, "and nothing was written")

    # Someone publishes first (the command line, as HR on another machine): version 3 changes the margin.
    service.publish("inside_sales", tokens["hr"], 2, lambda d: d["people"].update(margin=0.7))
    turnover = deck.show_only("AlignkitTurnoverPanel")
    turnover.type("annual_salary", "72000")
    turnover.press("publish", until=lambda: "Not published" in turnover.label("publish_message"))
    conflict = turnover.label("publish_message")
    check("version 3 was published after yours (2)" in conflict and "people.margin: 0.75 → 0.7" in conflict,
          f"412: shows what changed on the server: {conflict!r}")
    check(turnover.enabled("publish_reapply") and turnover.enabled("publish_reload"), "offers reload and re-apply")
    check(service.pull("inside_sales")["people"]["annual_salary"] == 70000, "nothing was overwritten")
    deck.screenshot(artefacts / "sidebar-publish-conflict.png")
    turnover.press("publish_reapply", until=lambda: "Published" in turnover.label("publish_message"))
    latest = service.pull("inside_sales")["people"]
    check(turnover.label("publish_message").startswith("Published version 4") and latest["annual_salary"] == 72000
          and latest["margin"] == 0.7, f"re-applied on top, theirs kept: {turnover.label('publish_message')!r} {latest}")

    # Again someone first; this time the planner takes theirs.
    service.publish("inside_sales", tokens["hr"], 4, lambda d: d["people"].update(margin=0.65))
    turnover.type("annual_salary", "73000")
    turnover.press("publish", until=lambda: "Not published" in turnover.label("publish_message"))
    turnover.press("publish_reload", until=lambda: "Reloaded" in turnover.label("publish_message"))
    check(turnover.control("annual_salary").getText() == "72000" and turnover.control("margin").getText() == "0.65",
          f"reload shows theirs: salary {turnover.control('annual_salary').getText()}, margin {turnover.control('margin').getText()}")
    check(service.pull("inside_sales")["people"]["annual_salary"] == 72000, "the reloaded change was never sent")

    # An insertion follows the service.
    select(doc, "F40")
    turnover.press("insert", until=lambda: finished_insertion(turnover))
    salary = cell(doc, "G41")
    check(uses(salary, "TEMPLATE.VALUE") and service.url in salary.getFormula() and salary.getValue() == 72000,
          f"inserted formulas read the served template: {salary.getFormula()} = {salary.getValue()}")

    # The alignment check against the served template: its version and author, and a salary
    # typed where HR now publishes 72,000.
    cell(doc, "J2").setFormula("=TURNOVER.COST(70000;45000;3;1.5)")
    alignment = deck.show_only("AlignkitAlignmentPanel")
    alignment.press("check", until=lambda: "Checked against" in alignment.label("summary"))
    check(alignment.label("summary").startswith("Checked against Inside sales (SMB, inbound), version 5 by hr.")
          and "1 drift" in alignment.label("summary"), f"checked against the served template: {alignment.label('summary')!r}")
    check(alignment.items("drifts") == ["J2 annual_salary: 70000 typed, 72000 published"],
          f"the typed salary is the one drift: {alignment.items('drifts')}")
    deck.screenshot(artefacts / "sidebar-alignment-service.png")


def test_proposal(deck, doc, artefacts, service, tokens):
    """Sales, who owns the funnel only, thinks HR's salary is wrong: the Turnover panel offers to
    propose it instead of being refused; HR approves over HTTP; the Templates panel shows it
    approved, and the workbook's served formulas follow the version it became."""
    templates = deck.show_only("AlignkitTemplatesPanel")
    templates.type("place", service.url)
    templates.type("token", tokens["sales"])
    templates.press("connect", until=lambda: "Connected" in templates.label("message") or "Cannot" in templates.label("message"))
    items = templates.items("templates")
    templates.control("templates").selectItemPos([i.startswith("inside_sales") for i in items].index(True), True)
    deck.settle()
    wait_for(lambda: "version 5" in templates.label("message"), "the served template is read by Sales")
    templates.press("use", until=lambda: "now use" in templates.label("message"))

    turnover = deck.show_only("AlignkitTurnoverPanel")
    turnover.type("annual_salary", "75000")
    turnover.press("publish", until=lambda: turnover.label("publish_message") != "")
    refusal = turnover.label("publish_message")
    check("nothing was sent" in refusal and "people" in refusal and turnover.enabled("publish_propose"),
          f"a change to HR's group is not sent, and Propose is offered: {refusal!r}")
    # A proposal asks why: without a reason nothing is sent; with one, the owners read it.
    turnover.press("publish_propose", until=lambda: turnover.label("publish_message") != refusal)
    asked = turnover.label("publish_message")
    check("Say why" in asked and turnover.enabled("publish_propose"), f"a proposal without a reason asks for one: {asked!r}")
    turnover.type("publish_reason", "our offers lose candidates at 72k")
    turnover.press("publish_propose", until=lambda: turnover.label("publish_message") != asked)
    proposed = turnover.label("publish_message")
    check(proposed.startswith("Proposed to the owners of people (proposal 1)") and "people.annual_salary: 72000 → 75000" in proposed,
          f"proposed to HR, the change listed: {proposed!r}")
    check(not turnover.enabled("publish_propose"), "proposing once disables Propose")
    deck.screenshot(artefacts / "sidebar-proposed.png")
    listed = service.templates("proposals", "inside_sales").stdout
    check(listed.startswith("proposal 1\t") and "\tsales\t" in listed and "\topen\t" in listed
          and "our offers lose candidates at 72k" in listed, f"the service holds it, open, with the planner's reason: {listed!r}")
    check(service.pull("inside_sales")["people"]["annual_salary"] == 72000, "nothing was published")

    templates = deck.show_only("AlignkitTemplatesPanel")

    def reselect():  # what a planner does to look again: Connect, then choose the template
        templates.press("connect", until=lambda: templates.items("templates") and templates.control("templates").getSelectedItemPos() < 0)
        templates.control("templates").selectItemPos([i.startswith("inside_sales") for i in templates.items("templates")].index(True), True)
        deck.settle()
    reselect()
    wait_for(lambda: "waiting for the owners" in templates.label("proposals"), "the panel lists the open proposal")

    service.templates("approve", "1", "--message", "agreed in the pipeline review", token=tokens["hr"])
    reselect()
    wait_for(lambda: "approved" in templates.label("proposals"), "the panel shows the outcome")
    outcome = templates.label("proposals")
    check("1 (people): approved by hr as version 6" in outcome, f"the Templates panel shows it approved: {outcome!r}")
    deck.screenshot(artefacts / "sidebar-proposal-approved.png")

    time.sleep(5.5)  # past the interval in which the office uses its copy in memory
    doc.calculateAll()
    salary = cell(doc, "G41")
    check(salary.getValue() == 75000, f"the workbook follows the version the proposal became: {salary.getValue()}")


def test_german_numbers(deck, artefacts):
    """Under a German locale setting the panels read and show numbers as a German planner does."""
    turnover = deck.show_only("AlignkitTurnoverPanel")
    check(turnover.label("result") == "Cost of one departure: 103.325", f"German grouping: {turnover.label('result')!r}")
    check(turnover.control("margin").getText() == "0,75", f"margin shown with a decimal comma: {turnover.control('margin').getText()!r}")
    turnover.type("annual_salary", "65.000")
    check(turnover.label("result") == "Cost of one departure: 103.325", "“65.000” is sixty-five thousand in German")
    turnover.type("margin", "0,5")
    # 2,000 + 4,700 + 3,500 + 45,000*0.5*1.5 + 45,000*0.5*3/2 - 65,000/12*1.5 = 10,200 + 33,750 + 33,750 - 8,125
    check(turnover.label("result") == "Cost of one departure: 69.575", f"“0,5” is a half: {turnover.label('result')!r}")
    turnover.type("margin", "0.5")
    check("decimal separator is “,”" in turnover.label("message") and not turnover.enabled("insert"),
          f"“0.5” is refused with the German separators named: {turnover.label('message')!r}")
    deck.screenshot(artefacts / "sidebar-turnover-de-DE.png")
    turnover.type("margin", "0,75")
    funnel = deck.show_only("AlignkitFunnelPanel")
    check(funnel.label("result") == "Budget: 4.000", f"funnel result in German: {funnel.label('result')!r}")
    # The percent sign as the German locale data's percent format writes it: after a no-break space.
    check(funnel.items("stages")[3] == "Sales · 20\u00a0% → 100", f"German percentage: {funnel.items('stages')[3]!r}")
    funnel.type("amount", "1.000")
    check(funnel.label("result") == "Budget: 40.000", f"“1.000” units need 40.000: {funnel.label('result')!r}")


PANELS = ["AlignkitFunnelPanel", "AlignkitTurnoverPanel", "AlignkitGoalCascadePanel", "AlignkitHiringPanel",
          "AlignkitTemplatesPanel", "AlignkitAlignmentPanel"]


def cut_labels(deck):
    """Every caption of every panel that does not fit its control at the deck's default width: a
    text (label) that needs more lines than its height holds, or a check box or radio button wider
    than its control. What the office says it needs (its own text measure), not a guess."""
    import uno
    cut = []
    for panel_id in PANELS:
        panel = deck.show_only(panel_id)
        for control in panel.dialog.getControls():
            model = control.getModel()
            text = getattr(model, "Label", None)
            if not text:
                continue
            place = control.getPosSize()
            if place.Width <= 0 or not control.isVisible() if hasattr(control, "isVisible") else place.Width <= 0:
                continue
            wraps = model.getPropertySetInfo().hasPropertyByName("MultiLine") and model.MultiLine
            if wraps:  # a text that wraps: as many lines as its width makes, in the height it has
                needed = control.calcAdjustedSize(uno.createUnoStruct("com.sun.star.awt.Size", place.Width, 0))
                if needed.Height > place.Height:
                    cut.append(f"{panel_id}: {text!r} needs {needed.Height} of {place.Height} high")
            else:  # one line: the text's width, without what the control adds around any text
                model.Label = ""
                frame = control.getPreferredSize().Width
                model.Label = text
                if control.getPreferredSize().Width - frame > place.Width - 4:
                    cut.append(f"{panel_id}: {text!r} needs {control.getPreferredSize().Width - frame} of {place.Width} wide")
    return cut


def test_language(deck, doc, artefacts, language, po, opened):
    """The deck in the office's language: labels, results, inserted blocks, formulas and help."""
    text = lambda english: po[("", english)]
    before = lambda english: text(english).split("{1}")[0]  # the words ahead of a value
    funnel = deck.show_only("AlignkitFunnelPanel")
    check(funnel.label("result").startswith(before("Budget: {1}")), f"{language} result: {funnel.label('result')!r}")
    check(funnel.items("stages")[0].startswith(text("Impressions") + " → "), f"{language} stages: {funnel.items('stages')}")
    check(funnel.label("insert") == text("Insert into sheet") and funnel.label("help") == text("Help"),
          f"{language} buttons: {funnel.label('insert')!r}, {funnel.label('help')!r}")
    deck.screenshot(artefacts / f"sidebar-funnel-{language}.png")

    select(doc, "B2")
    funnel.press("insert", until=lambda: funnel.label("message").startswith(before("Inserted at {1}. Change a yellow input cell and the sheet follows; Edit ▸ Undo removes it.")))
    check(cell(doc, "B2").getString() == text("Funnel plan: budget for a units target"),
          f"{language} block title: {cell(doc, 'B2').getString()!r}")
    budget = [c for c in (cell(doc, f"C{row}") for row in range(3, 14)) if uses(c, "FUNNEL.BUDGET")]
    name = po[("function name", "FUNNEL.BUDGET")]
    check(len(budget) == 1 and budget[0].getValue() == 4000 and budget[0].FormulaLocal.startswith(f"={name}("),
          f"{language} inserted budget formula: {[(c.FormulaLocal, c.getValue()) for c in budget]}")

    # Help opens the funnel family's page in this language (DESKTOP_LAUNCH records what the
    # office asks the desktop to open).
    funnel.press("help", until=lambda: opened.exists() and opened.read_text().strip())
    url = opened.read_text().strip().strip("'")
    page = Path(uno.fileUrlToSystemPath(url)) if url.startswith("file:") else None
    check(url.endswith(f"/help/{language[:2]}/funnel_budgeting.html") and page and page.exists(),
          f"{language} Help opens {url!r}")
    if page and page.exists():
        html = page.read_text(encoding="utf-8")
        check(text("Funnel budgeting") in html and name in html, f"{language} help page names the family and {name}")

    hiring = deck.show_only("AlignkitHiringPanel")
    check(hiring.label("targets_label") == text("Monthly targets (separated by ;)"),
          f"{language} hiring caption: {hiring.label('targets_label')!r}")
    deck.screenshot(artefacts / f"sidebar-hiring-{language}.png")
    cascade = deck.show_only("AlignkitGoalCascadePanel")
    check(cascade.label("result").startswith(before("Children add up to {1}: {2} over-assigned")),
          f"{language} cascade result: {cascade.label('result')!r}")
    deck.screenshot(artefacts / f"sidebar-goal-cascade-{language}.png")
    cut = cut_labels(deck)
    check(not cut, f"{language}: no caption is cut at the deck's default width: {cut}")


def accessible_texts(context, depth=0):
    """Every accessible name under a window: what a screen reader, and a planner, sees in it."""
    found = []
    try:
        if context.getAccessibleName():
            found.append(context.getAccessibleName())
        children = min(context.getAccessibleChildCount(), 200) if depth < 12 else 0
    except Exception:  # a child gone while walking
        return found
    for i in range(children):
        try:
            found += accessible_texts(context.getAccessibleChild(i).getAccessibleContext(), depth + 1)
        except Exception:
            pass
    return found


def test_function_wizard(deck, doc, office, artefacts, language, po):
    """Calc's own Function Wizard on a formula typed in this language: its description and arguments."""
    name = po[("function name", "TURNOVER.COST")]
    target = cell(doc, "H2")
    target.FormulaLocal = f"={name}(60000;40000;3;2)"
    select(doc, "H2")
    toolkit = deck.toolkit
    windows = lambda: [toolkit.getTopWindow(i) for i in range(toolkit.getTopWindowCount())]
    before = {w.getAccessibleContext().getAccessibleName() for w in windows()}
    frame = doc.getCurrentController().getFrame()
    dispatch = lambda: office.create("com.sun.star.frame.DispatchHelper").executeDispatch(frame, ".uno:FunctionDialog", "", 0, ())
    dispatch()
    wizard = wait_for(lambda: next((w for w in windows() if w.getAccessibleContext().getAccessibleName() not in before), None),
                      "the Function Wizard opens")
    deck.settle()
    shown = accessible_texts(wizard.getAccessibleContext())
    description = po[("", "Cost of one departure and its replacement")]
    argument = po[("argument name", "annual_salary")]
    check(description in shown and argument in shown,
          f"{language} Function Wizard on {name}: shows {description!r} and {argument!r}")
    deck.screenshot(artefacts / f"function-wizard-{language}.png")
    dispatch()  # the wizard is a tool window: the same command closes it
    deck.settle()


def open_alignment_sample(office, workdir):
    """The sample with two drifts, beside its templates, in a visible window of its own."""
    folder = workdir / "alignment"
    if not folder.exists():
        shutil.copytree(REPO / "samples" / "templates", folder / "templates")
        shutil.copy(REPO / "samples" / "alignment_check_example.fods", folder)
    url = uno.systemPathToFileUrl(str(folder / "alignment_check_example.fods"))
    return office.desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=False))


def test_alignment_words(office, artefacts, workdir, language, po=None):
    """The Alignment panel in the planner's locale (numbers) and language (words)."""
    text = (lambda english: po[("", english)]) if po else (lambda english: english)
    sample = open_alignment_sample(office, workdir)
    try:
        deck = Deck(office, sample)
        panel = deck.show_only("AlignkitAlignmentPanel")
        check(panel.label("check") == text("Check the workbook"), f"{language} check button: {panel.label('check')!r}")
        panel.press("check", until=lambda: len(panel.items("drifts")) == 2)
        check(panel.label("summary").startswith(text("Checked against {1}, version {2}.").split("{1}")[0]),
              f"{language} summary: {panel.label('summary')!r}")
        panel.control("drifts").selectItemPos(0, True)
        deck.settle()
        detail = panel.control("detail").getModel().Label
        if language == "de-DE":  # decimal comma, dot grouping
            check(panel.items("drifts")[0] == text("{1} {2}: {3} typed, {4} published")
                  .replace("{1}", "B11").replace("{2}", "rates").replace("{3}", "0,3").replace("{4}", "0,25"),
                  f"German numbers in the list: {panel.items('drifts')}")
            check("46.888,89 → 56.266,67" in detail, f"German numbers in the detail: {detail!r}")
        deck.screenshot(artefacts / f"sidebar-alignment-{language}.png")
        test_why_this_cell(deck, panel, sample, artefacts, po,
                           ("0.02", "0.2") if language.startswith("en") else ("0,02", "0,2"))
    finally:
        sample.setModified(False)
        sample.close(True)


def why(deck, panel, doc, name):
    """Selects a cell of the first sheet and presses Why this cell?; what the panel says."""
    select(doc, name)
    deck.settle()
    before = panel.label("why_text")
    panel.control("why_text").getModel().Label = ""
    panel.press("why", until=lambda: panel.label("why_text") != "")
    return panel.label("why_text") or before


def test_why_this_cell(deck, panel, sample, artefacts, po=None, numbers=("0.02", "0.2")):
    """Why this cell: an Err:502 with the function's own reason, a value from a range, a key of the
    template, a default; a cell with no alignkit function; an error that is not alignkit's."""
    text = (lambda english, context="": po.get((context, english), english)) if po else (lambda english, context="": english)
    plan = sample.Sheets.getByIndex(0)
    plan.getCellRangeByName("H2").setFormula("=FUNNEL.BUDGET(100;{0.02;3;0.2};0.008)")
    plan.getCellRangeByName("H3").setFormula("=FUNNEL.CAC(TEMPLATE.VALUE($B$5;\"funnel.cost_per_click\");2)")
    plan.getCellRangeByName("H4").setFormula("=1/0+FUNNEL.CAC(100;10)")
    # H2 as people also type it: spaces after the separators, the last argument on a line of its own.
    plan.getCellRangeByName("H5").setFormula("=FUNNEL.BUDGET( 100; {0.02;3;0.2};\n0.008 )")
    # An error beside a call whose cost comes from a calculation alignkit cannot follow (SQRT).
    plan.getCellRangeByName("H6").setFormula("=1/0+FUNNEL.CAC(100;SQRT(100))")
    sample.calculateAll()
    said = why(deck, panel, sample, "H2")
    reason = text("Err:502 because {1}").replace("{1}", text("rate {1} ({2}) is outside (0, 1]").replace("{1}", "2").replace("{2}", "3"))
    listed = (text("{1}: {2}, typed in the formula").replace("{1}", text("rates", "argument name"))
              .replace("{2}", f"{numbers[0]}; 3; {numbers[1]}"))
    left_out = text("{1}: left out, so {2}").replace("{1}", text("round_up", "argument name")).replace("{2}", text("FALSE", "value"))
    check(text("FUNNEL.BUDGET", "function name") + ":" in said and listed in said and left_out in said and reason in said,
          f"an Err:502 explained, its reason the function's own: {said!r}")
    deck.screenshot(artefacts / "sidebar-why-this-cell.png")
    spaced = why(deck, panel, sample, "H5")
    check(listed in spaced and left_out in spaced and reason in spaced, f"the same formula with spaces and a line break: {spaced!r}")
    said = why(deck, panel, sample, "C15")
    from_range = text("{1}: {2}, from {3}").replace("{1}", text("rates", "argument name")).split("{2}")[0]
    check(from_range in said and "Plan.B10:B11" in said and text("These arguments are valid.") in said,
          f"arguments read from cells: {said!r}")
    said = why(deck, panel, sample, "H3")
    from_template = (text("{1}: {2}, from the template {3}, key {4}").replace("{1}", text("budget", "argument name"))
                     .split("{2}")[0])
    check(from_template in said and "templates/inside_sales.json" in said and "funnel.cost_per_click" in said,
          f"a value from the template's key: {said!r}")
    said = why(deck, panel, sample, "A1")
    check(text("It holds no alignkit function.") in said, f"a cell without alignkit: {said!r}")
    said = why(deck, panel, sample, "H4")
    check(text("The error is not alignkit's: another part of the formula, or a cell it reads, gives it.") in said,
          f"an error that is not alignkit's: {said!r}")
    said = why(deck, panel, sample, "H6")
    check(text("alignkit cannot tell where the error comes from: an argument above is not known here.") in said
          and text("The error is not alignkit's: another part of the formula, or a cell it reads, gives it.") not in said,
          f"an error beside an argument not known here is not called not alignkit's: {said!r}")


def test_alignment(office, artefacts, workdir):
    """The Alignment panel on the sample with two drifts: list, select, Link, undo, no drift."""
    sample = open_alignment_sample(office, workdir)
    try:
        plan = sample.Sheets.getByName("Plan")
        deck = Deck(office, sample)
        panel = deck.show_only("AlignkitAlignmentPanel")
        panel.press("check", until=lambda: "drift" in panel.label("summary"))
        summary = panel.label("summary")
        check("Checked against Inside sales (SMB, inbound), version 1." in summary and "2 drifts" in summary,
              f"the check's summary: {summary!r}")
        items = panel.items("drifts")
        check(items == ["B11 rates: 0.3 typed, 0.25 published", "B25 annual_salary: 60000 typed, 65000 published"],
              f"the drifts listed: {items}")
        panel.control("drifts").selectItemPos(0, True)
        deck.settle()
        detail = panel.control("detail").getModel().Label
        # Q1: 100 sales / (0.03 * 0.30) * 4.22 = 46,888.89; with 25%: 56,266.67.
        check("FUNNEL.BUDGET in Plan.C15" in detail and "Result: 46,888.89 → 56,266.67" in detail
              and "8 formulas read these cells." in detail, f"the selected drift: {detail!r}")
        selected = wait_for(lambda: sample.getCurrentController().getSelection().AbsoluteName == "$Plan.$B$11",
                            "the drift's cell is selected")
        check(selected, "selecting the drift selects B11")
        check(panel.enabled("link"), "Link is offered for a typed cell")
        deck.screenshot(artefacts / "sidebar-alignment.png")

        panel.press("link", until=lambda: "now follows" in panel.label("message"))
        rate = plan.getCellRangeByName("B11")
        budget = plan.getCellRangeByName("C15")
        check(uses(rate, "TEMPLATE.VALUE") and "funnel.rates.demo_to_sale" in rate.getFormula() and rate.getValue() == 0.25,
              f"Link made B11 follow the template: {rate.getFormula()} = {rate.getValue()}")
        check(abs(budget.getValue() - 100 / (0.03 * 0.25) * 4.22) < 1e-6, f"and Q1's budget follows: {budget.getValue()}")
        check(panel.items("drifts") == ["B25 annual_salary: 60000 typed, 65000 published"],
              f"one drift left: {panel.items('drifts')}")
        sample.getUndoManager().undo()
        deck.settle()
        check(rate.getValue() == 0.3 and not uses(rate, "TEMPLATE.VALUE")
              and abs(budget.getValue() - 100 / (0.03 * 0.3) * 4.22) < 1e-6,
              f"one undo puts the typed 30% back: {rate.getFormula()}, budget {budget.getValue()}")

        panel.press("check", until=lambda: len(panel.items("drifts")) == 2)
        for _ in range(2):
            panel.control("drifts").selectItemPos(0, True)
            deck.settle()
            before = len(panel.items("drifts"))
            panel.press("link", until=lambda: len(panel.items("drifts")) == before - 1)
        salary = plan.getCellRangeByName("B25")
        check("people.annual_salary" in salary.getFormula() and "60000" not in salary.getFormula(),
              f"Link wrote the salary's key into B25's formula: {salary.getFormula()}")
        check("No drift" in panel.label("summary"), f"no drift left: {panel.label('summary')!r}")
        deck.screenshot(artefacts / "sidebar-alignment-linked.png")

        # A likely typo: 3 typed for an annual turnover of 3 %. Said after the drifts, read as what
        # it is (300 %), its cell selected; nothing to link, nothing changed.
        typo = plan.getCellRangeByName("H1")
        typo.setFormula("=TURNOVER.ANNUAL(10;3;1000)")
        panel.press("check", until=lambda: "likely typo" in panel.label("summary"))
        check(panel.items("drifts") == ["H1 turnover_rate: 3, likely a typo"], f"the typo listed: {panel.items('drifts')}")
        panel.control("drifts").selectItemPos(0, True)
        deck.settle()
        detail = panel.control("detail").getModel().Label
        check("3 is read as 300 % — did you mean 3 % (0.03)?" in detail and "nothing is changed" in detail,
              f"what the typo is read as: {detail!r}")
        check(not panel.enabled("link"), "nothing to link for a typo")
        check(wait_for(lambda: sample.getCurrentController().getSelection().AbsoluteName == "$Plan.$H$1",
                       "the typo's cell is selected"), "selecting the typo selects H1")
        check(typo.getValue() == 30000, f"the formula still computes with 3 as typed: {typo.getValue()}")
        deck.screenshot(artefacts / "sidebar-alignment-typo.png")
        test_why_this_cell(deck, panel, sample, artefacts)
    finally:
        sample.setModified(False)
        sample.close(True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--artefacts", required=True)
    parser.add_argument("--locale", default="en-US", help="the office's locale setting; de-DE runs the German checks")
    parser.add_argument("--service", metavar="ALIGNKIT", help="the alignkit command: runs the template service checks")
    parser.add_argument("--ui-language", metavar="de-DE", help="the office's language (and locale): the deck in it")
    parser.add_argument("--po-dir", help="po/, whose translations the deck must show (with --ui-language)")
    args = parser.parse_args()
    artefacts = Path(args.artefacts)
    artefacts.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="alignkit-sidebar-"))
    service = Service(args.service, workdir) if args.service else None
    try:
        if service:
            tokens = service.set_up()
            service.start()
        opened = workdir / "opened-url"
        if args.ui_language:  # what the office asks the desktop to open lands in a file
            launcher = workdir / "record-url"
            launcher.write_text(f"#!/bin/sh\nprintf '%s' \"$1\" > '{opened}'\n")
            launcher.chmod(0o755)
            os.environ["DESKTOP_LAUNCH"] = str(launcher)
        locale = args.ui_language or args.locale
        with virtual_display(), running_office(args.oxt, headless=False, locale=locale,
                                               ui_language=args.ui_language or "en-US") as office:
            doc = office.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=False))
            deck = Deck(office, doc)
            if service:
                with running_office(args.oxt) as sales:  # another planner's office, its own profile
                    test_service(deck, doc, artefacts, service, tokens, sales, args.oxt)
                test_proposal(deck, doc, artefacts, service, tokens)
                test_template_update(office, artefacts, service)
            elif args.ui_language:
                po = read_po(Path(args.po_dir) / f"{args.ui_language[:2]}.po")
                test_language(deck, doc, artefacts, args.ui_language, po, opened)
                test_function_wizard(deck, doc, office, artefacts, args.ui_language, po)
                test_alignment_words(office, artefacts, workdir, args.ui_language, po)
            elif args.locale == "de-DE":
                test_german_numbers(deck, artefacts)
                test_alignment_words(office, artefacts, workdir, "de-DE")
            else:
                test_funnel(deck, doc, artefacts)
                test_turnover(deck, doc, artefacts)
                test_goal_cascade(deck, doc, artefacts)
                test_hiring(deck, doc, artefacts)
                cut = cut_labels(deck)
                check(not cut, f"no caption is cut at the deck's default width: {cut}")
                test_templates(deck, doc, artefacts, workdir)
                test_new_from_sample(office, deck, artefacts)
                test_alignment(office, artefacts, workdir)
            check(office.alive(), "the office is alive at the end")
            doc.setModified(False)
            doc.close(True)
    finally:
        if service:
            service.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print(f"{len(failures)} sidebar checks failed", file=sys.stderr)
        sys.exit(1)
    print("all sidebar checks passed")


if __name__ == "__main__":
    main()
