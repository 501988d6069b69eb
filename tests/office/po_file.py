"""Reads po/<language>.po as translators keep it: the expected texts of the localized office tests."""
from pathlib import Path


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text):
    out, chars = [], iter(text.strip()[1:-1])
    for c in chars:
        out.append(ESCAPES[next(chars)] if c == "\\" else c)
    return "".join(out)


def read_po(path):
    """(msgctxt or '', msgid) -> msgstr."""
    entries, current, field = {}, {}, None
    for line in list(Path(path).read_text(encoding="utf-8").splitlines()) + [""]:
        if line.startswith("msgctxt "):
            current, field = {"msgctxt": _unquote(line[8:])}, "msgctxt"
        elif line.startswith("msgid "):
            current.setdefault("msgctxt", "")
            current["msgid"], field = _unquote(line[6:]), "msgid"
        elif line.startswith("msgstr "):
            current["msgstr"], field = _unquote(line[7:]), "msgstr"
        elif line.startswith('"') and field:
            current[field] += _unquote(line)
        elif not line.strip() and "msgstr" in current:
            if current["msgid"]:
                entries[(current["msgctxt"], current["msgid"])] = current["msgstr"]
            current, field = {}, None
    return entries
