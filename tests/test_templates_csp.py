"""No template carries inline styles or scripts: the Content-Security-Policy (style-src/script-src 'self') would
silently refuse them in the browser, so a progress bar drawn with style="width: …" shows as empty."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INLINE = re.compile(r"""\sstyle\s*=\s*["']|<style[\s>]|\son[a-z]+\s*=\s*["']|<script(?![^>]*\ssrc=)[^>]*>""", re.I)


def templates() -> list[Path]:
    return sorted([*ROOT.glob("hoso/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")])


def test_the_walk_finds_the_templates():
    assert len(templates()) > 50


def test_no_template_has_inline_styles_or_scripts():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert offenders == []
