import ast
import re
from pathlib import Path

from django.utils import translation

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def po_entries() -> list[str]:
    return PO_FILE.read_text(encoding="utf-8").split("\n\n")[1:]  # without the header


def po_field(entry: str, name: str) -> str | None:
    match = re.search(rf'^{name} ("(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)', entry, re.M)
    return "".join(ast.literal_eval(line) for line in match.group(1).split("\n")) if match else None


def test_every_api_string_has_a_vietnamese_translation():
    entries = po_entries()

    assert len(entries) > 40
    assert [entry for entry in entries if not po_field(entry, "msgstr")] == []
    assert [entry for entry in entries if "#, fuzzy" in entry or "#~" in entry] == []


def test_the_compiled_catalog_matches_the_po_file():
    with translation.override("vi"):
        for entry in po_entries():
            context, msgid, msgstr = po_field(entry, "msgctxt"), po_field(entry, "msgid"), po_field(entry, "msgstr")
            shown = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            assert shown == msgstr, msgid
