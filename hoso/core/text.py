"""Vietnamese text: NFC normalisation, diacritic folding for search, and a collation key.

Search ignores diacritics and case, and đ/Đ fold to d (NFD decomposition does not do that,
because đ is its own letter). Sorting follows the Vietnamese alphabet
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y) and then the tones
(ngang, huyền, hỏi, ngã, sắc, nặng), the order of Vietnamese dictionaries and personnel lists.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str | None) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed to one space."""
    if not text:
        return ""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str | None) -> str:
    """Lower-case text without diacritics: 'Nguyễn Thị Hồng, ĐẮK LẮK' -> 'nguyen thi hong, dak lak'."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


# --- collation ------------------------------------------------------------------------------
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks as combining characters, in dictionary order after "no tone".
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Combining marks that make a base letter (breve, circumflex, horn).
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _letters(word: str) -> list[tuple[str, int]]:
    """Split a word into (base letter, tone) pairs."""
    result: list[tuple[str, int]] = []
    for char in nfc(word.lower()):
        if char == "đ":
            result.append(("đ", 0))
            continue
        parts = unicodedata.normalize("NFD", char)
        base, tone = parts[0], 0
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                base = _LETTER_MARKS.get((base, mark), base)
        result.append((base, tone))
    return result


def _primary(letter: str) -> str:
    index = _BASE_ORDER.get(letter)
    if index is not None:
        return chr(0x41 + index)  # 'A'..  for the Vietnamese alphabet
    if letter.isdigit():
        return "0" + letter
    if letter.isalpha():
        return "~" + letter  # foreign letters (f, j, w, z) after the alphabet
    return "!"  # word boundary and punctuation: below every letter and digit


def collation_key(text: str | None) -> str:
    """An ASCII key whose byte order is Vietnamese dictionary order (compare with COLLATE "C")."""
    if not text:
        return ""
    pairs = [pair for word in clean_text(text).split(" ") for pair in (_letters(word) + [(" ", 0)])]
    primary = "".join(_primary(base) for base, _ in pairs).rstrip("!")
    tones = "".join(str(tone) for _, tone in pairs)
    # The space sorts below every character a primary key uses, so "An" < "Anh" < "An Khang".
    return f"{primary} {tones}"


def name_sort_key(full_name: str | None) -> str:
    """Personnel-list order: by given name (the last word), then the rest of the name."""
    name = clean_text(full_name)
    if not name:
        return ""
    words = name.split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    return f"{collation_key(given)}#{collation_key(rest)}"
