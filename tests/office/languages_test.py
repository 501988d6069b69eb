#!/usr/bin/python3
"""alignkit in German, French and Spanish, in real offices started in each language.

  languages_test.py --oxt build/alignkit.oxt --catalog SIGNATURES --po-dir po

For de-DE, fr-FR and es-ES (user interface and locale setting), in an office of that language:
  * the Extension Manager names and describes alignkit in that language;
  * the Function Wizard's list (the office's FunctionDescriptions, which the wizard shows) names
    every alignkit function, argument and description as po/<language>.po translates the
    English the same list shows in an English office — nothing left in English;
  * tests/office/workbooks/languages/<language>.fods: each formula, typed with the localized
    names and a decimal comma, computes the value worked out by hand, the same as the English
    formula; both are stored under the same programmatic name;
  * the formula corpus (tests/office/formula_corpus.py) typed with the localized names in every
    style: the alignment check and "Why this cell?" say what they say of the English formulas;
  * the workbook is saved, and the next language's office (and finally an English one) opens
    it and recalculates the same values, showing the formulas in its own language.
"""
import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import uno

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import props, running_office  # noqa: E402
from po_file import read_po  # noqa: E402
from report import Report  # noqa: E402
import formula_corpus  # noqa: E402

LANGUAGES = ["de-DE", "fr-FR", "es-ES"]
WORKBOOKS = Path(__file__).resolve().parent / "workbooks" / "languages"
FIRST_ROW, LAST_ROW = 3, 11  # the typed formulas; A: localized, B: English, C: worked out by hand
report = Report()


def wizard_entries(office, names):
    """The office's function list for the given display names: name -> (description, [(arg, description)])."""
    descriptions = office.create("com.sun.star.sheet.FunctionDescriptions")
    found = {}
    for i in range(descriptions.getCount()):
        entry = {p.Name: p.Value for p in descriptions.getByIndex(i)}
        if entry["Name"] in names:
            found[entry["Name"]] = (entry["Description"], [(a.Name, a.Description) for a in entry["Arguments"]])
    return found


def check_extension_manager(office, language, po):
    """Tools ▸ Extension Manager shows the extension's name and description in this language."""
    manager = office.context.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
    ours = [p for p in manager.getDeployedExtensions("shared", None, None) if p.getIdentifier().Value == "org.alignkit.calc"]
    report.check(len(ours) == 1, f"{language}: alignkit is installed once ({len(ours)})")
    if ours:
        name = po[("", "alignkit — HR and Sales planning functions")]
        report.check(ours[0].getDisplayName() == name, f"{language}: Extension Manager shows {ours[0].getDisplayName()!r}")
        description = ours[0].getDescription()
        report.check(description.startswith("alignkit") and description.strip() in po.values(),
                     f"{language}: Extension Manager describes it as {description[:60]!r}…")


def english_function(text):
    return re.match(r"=([A-Z.]+)\(", text).group(1)


def check_typed_formulas(office, language, names, work):
    """Types each localized formula as a planner would and compares it with the English one."""
    copy = work / f"{language[:2]}.fods"  # the office locks what it opens: not in the source tree
    shutil.copy(WORKBOOKS / copy.name, copy)
    doc = office.load(copy)
    sheet = doc.Sheets.getByIndex(0)
    for row in range(FIRST_ROW, LAST_ROW + 1):
        typed, english, by_hand = (sheet.getCellRangeByName(f"{c}{row}") for c in "ABC")
        local_cell, english_cell = sheet.getCellRangeByName(f"E{row}"), sheet.getCellRangeByName(f"F{row}")
        local_cell.FormulaLocal = typed.getString()
        english_cell.Formula = english.getString()
        doc.calculateAll()
        want = by_hand.getValue()
        for what, cell in (("typed in " + language, local_cell), ("in English", english_cell)):
            ok = cell.getError() == 0 and abs(cell.getValue() - want) <= 1e-12 * max(1.0, abs(want))
            report.check(ok, f"{language} row {row}: {english.getString()} {what} = {cell.getValue()} "
                             f"(Err:{cell.getError()}), by hand {want}")
        report.check(local_cell.Formula == english_cell.Formula,
                     f"{language} row {row}: stored as {local_cell.Formula!r} and {english_cell.Formula!r}")
        function = english_function(english.getString())
        report.check(english_cell.FormulaLocal.startswith("=" + names[function] + "("),
                     f"{language} row {row}: the English formula shows as {english_cell.FormulaLocal!r}")
    return doc


def check_reopened(office, path, language, names, came_from):
    """A workbook saved in another language: the same values, its formulas in this language."""
    doc = office.load(path)
    try:
        doc.calculateAll()
        sheet = doc.Sheets.getByIndex(0)
        for row in range(FIRST_ROW, LAST_ROW + 1):
            want = sheet.getCellRangeByName(f"C{row}").getValue()
            function = english_function(sheet.getCellRangeByName(f"B{row}").getString())
            cell = sheet.getCellRangeByName(f"E{row}")
            report.check(cell.getError() == 0 and abs(cell.getValue() - want) <= 1e-12 * max(1.0, abs(want)),
                         f"{came_from} workbook in {language}, row {row}: {cell.getValue()}, by hand {want}")
            report.check(cell.FormulaLocal.startswith("=" + names[function] + "("),
                         f"{came_from} workbook in {language}, row {row}: shows {cell.FormulaLocal!r}")
    finally:
        doc.close(True)


def save(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(str(path)), props(FilterName="OpenDocument Spreadsheet Flat XML"))
    doc.close(True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--catalog", required=True, help="function_signatures.txt")
    parser.add_argument("--po-dir", required=True)
    args = parser.parse_args()
    english_names = [line.split("\t")[0] for line in Path(args.catalog).read_text().splitlines() if line]
    work = Path(tempfile.mkdtemp(prefix="alignkit-languages-"))
    seen = {}  # language -> the wizard's entries in that language
    template = work / "team.json"
    template.write_text(json.dumps(formula_corpus.TEMPLATE))
    try:
        previous = None
        for language in LANGUAGES:
            po = read_po(Path(args.po_dir) / f"{language[:2]}.po")
            names = {name: po[("function name", name)] for name in english_names}
            with running_office(args.oxt, locale=language, ui_language=language) as office:
                check_extension_manager(office, language, po)
                formula_corpus.check_language(office, language, template, report)
                doc = check_typed_formulas(office, language, names, work)
                seen[language] = (po, names, wizard_entries(office, set(names.values())))
                if previous:
                    check_reopened(office, previous[0], language, names, previous[1])
                saved = work / f"typed-in-{language}.fods"
                save(doc, saved)
                previous = (saved, language)
        english = {name: name for name in english_names}
        with running_office(args.oxt, locale="en-US") as office:
            check_reopened(office, previous[0], "en-US", english, previous[1])
            originals = wizard_entries(office, set(english_names))  # the English the translations start from
        for language, (po, names, entries) in seen.items():
            for name in english_names:
                description, arguments = originals[name]
                local = entries.get(names[name])
                if not report_found(local, language, name, names[name]):
                    continue
                report.check(local[0] == po[("", description)],
                             f"{language} {names[name]}: description {local[0]!r}")
                for (argument, text), (local_argument, local_text) in zip(arguments, local[1]):
                    report.check(local_argument == po[("argument name", argument)],
                                 f"{language} {names[name]}: argument {argument} shown as {local_argument!r}")
                    want = translated_description(po, text)
                    report.check(local_text == want, f"{language} {names[name]} {argument}: {local_text!r}, want {want!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(report.finish())


DEFAULT_SAID = re.compile(r"^(?P<summary>.*) \((?:default: (?P<only_meaning>.+)|default (?P<value>\S+)(?: (?P<meaning>.+))?)\)$")


def translated_description(po, english):
    """An argument's description as the translator's words put it together: the summary, then its
    default in the language's own words (TRUE/FALSE and the decimal separator as Calc writes them),
    then "(optional)"."""
    optional = english.endswith(" (optional)")
    text = english[:-len(" (optional)")] if optional else english
    said = DEFAULT_SAID.match(text)
    if said is None:
        want = po[("", text)]
    else:
        want = po[("", said["summary"])] + " "
        if said["only_meaning"]:
            want += po[("", "(default: {1})")].replace("{1}", po[("", said["only_meaning"])])
        else:
            value = said["value"]
            if value in ("TRUE", "FALSE"):
                value = po[("value", value)]
            else:
                value = value.replace(".", po[("decimal separator", ".")])
            if said["meaning"]:
                want += po[("", "(default {1} {2})")].replace("{1}", value).replace("{2}", po[("", said["meaning"])])
            else:
                want += po[("", "(default {1})")].replace("{1}", value)
    if optional:
        want += " " + po[("", "(optional)")]
    return want


def report_found(entry, language, english, local):
    report.check(entry is not None, f"{language}: the Function Wizard has no {local} (for {english})")
    return entry is not None


if __name__ == "__main__":
    main()
