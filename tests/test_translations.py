"""Everything a user reads has a Vietnamese translation (Vietnamese is the default language).

Messages are extracted afresh from a copy of each source tree with Django's makemessages and
compared with the committed catalogs: a new string without a translation fails here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = sorted(p.parents[3] for p in ROOT.glob("hoso/*/locale/vi/LC_MESSAGES/django.po"))
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=frontend", "--ignore=staticfiles", "--ignore=tests"]


def _entries(po_file: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) for a .po file; plural forms count as translated when all are."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in po_file.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        msgid, msgstrs, current = [], [], None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith("msgid "):
                current = msgid
                current.append(line[6:].strip('"'))
            elif line.startswith("msgid_plural"):
                current = None
            elif line.startswith("msgstr"):
                current = []
                msgstrs.append(current)
                current.append(line.split(" ", 1)[1].strip('"'))
            elif line.startswith('"') and current is not None:
                current.append(line.strip('"'))
        key = "".join(msgid)
        if key or msgstrs:
            entries[key] = (min(("".join(s) for s in msgstrs), key=len, default=""), fuzzy)
    entries.pop("", None)
    return entries


def _extract(source: Path, tmp_path: Path, extra: list[str]) -> dict[str, tuple[str, bool]]:
    copy = tmp_path / source.name
    shutil.copytree(
        source, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo", ".venv", "node_modules")
    )
    (copy / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "vi", "--no-location", *IGNORE, *extra],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return _entries(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")


CATALOGS = [*APPS, ROOT]


@pytest.mark.parametrize("source", CATALOGS, ids=[p.name if p != ROOT else "templates" for p in CATALOGS])
def test_every_message_has_a_vietnamese_translation(source, tmp_path):
    committed = _entries(source / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    untranslated = sorted(k for k, (v, fuzzy) in committed.items() if not v or fuzzy)
    assert untranslated == []

    if source == ROOT:  # the root catalog covers templates/ and config/ only
        copy_root = tmp_path / "root"
        for part in ("templates", "config"):
            shutil.copytree(ROOT / part, copy_root / part)
        fresh = _extract(copy_root, tmp_path / "x", [])
    else:
        fresh = _extract(source, tmp_path, [])
    missing = sorted(set(fresh) - set(committed))
    assert missing == [], f"run makemessages -l vi in {source} and translate these"


def _uses_gettext(app: Path) -> bool:
    sources = [f for f in app.rglob("*.py") if "migrations" not in f.parts and "tests" not in f.parts]
    return any("gettext" in f.read_text(encoding="utf-8") for f in sources) or any(app.rglob("*.html"))


def test_every_app_with_messages_has_a_catalog():
    apps = {p.parent for p in ROOT.glob("hoso/*/apps.py")}
    assert sorted(a.name for a in apps if _uses_gettext(a) and a not in APPS) == []
