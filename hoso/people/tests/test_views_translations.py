import re
from pathlib import Path

from django.utils import translation

from hoso.people.enums import ChangeSetStatus, RestrictionLevel
from hoso.people.sections import LAYOUT

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_string_of_the_people_app_has_a_vietnamese_translation():
    entries = PO_FILE.read_text(encoding="utf-8").split("\n\n")[1:]  # without the header

    assert len(entries) > 400
    assert [e for e in entries if re.search(r'^msgstr(\[0\])? ""\Z', e.strip(), re.M)] == []
    assert [e for e in entries if "#, fuzzy" in e or "#~" in e] == []


def test_the_parts_of_the_form_and_the_states_read_in_vietnamese():
    with translation.override("vi"):
        titles = [str(part.title) for part in LAYOUT]
        states = [str(label) for label in ChangeSetStatus.labels]

    assert "Tóm tắt quá trình công tác" in titles
    assert "Diễn biến quá trình lương" in titles
    assert states[0] == "Bản nháp"
    with translation.override("vi"):
        assert str(RestrictionLevel.SENSITIVE.label) == "Dữ liệu cá nhân nhạy cảm"
