"""Rules of the personal identification number (số định danh cá nhân), formats.md §1.

Digits 1–3: province (or country) where the birth was registered; digit 4: century and sex
(0/1 = male/female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100s …); digits 5–6: the last two
digits of the year of birth; digits 7–12: serial. No check digit exists (TT 07/2016/TT-BCA,
TT 59/2021/TT-BCA).
"""

import datetime
import re
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TWELVE_DIGITS = re.compile(r"^\d{12}$")


def normalise_citizen_id(value: str) -> str:
    """Drop spaces, dots and dashes typed between groups of digits."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_citizen_id_shape(value: str) -> None:
    if not _TWELVE_DIGITS.match(value or ""):
        raise ValidationError(
            _("The personal identification number has exactly 12 digits (%(count)s typed)."),
            code="citizen_id_shape",
            params={"count": len(value or "")},
        )


@dataclass(frozen=True)
class CitizenIdFacts:
    province_prefix: str
    century_start: int
    is_female: bool
    year_two_digits: int


def parse_citizen_id(value: str) -> CitizenIdFacts:
    validate_citizen_id_shape(value)
    digit = int(value[3])
    return CitizenIdFacts(
        province_prefix=value[:3],
        century_start=1900 + (digit // 2) * 100,
        is_female=digit % 2 == 1,
        year_two_digits=int(value[4:6]),
    )


@cache
def known_birth_prefixes() -> frozenset[str]:
    """The 3-digit prefixes of the 63 pre-2025 provinces (catalog provinces_pre2025)."""
    from hoso.catalogs.models import AdminUnit

    prefixes = {
        str(attributes.get("cccd_prefix"))
        for attributes in AdminUnit.objects.filter(key__startswith="tinh-cu:").values_list("attributes", flat=True)
    }
    return frozenset(p for p in prefixes if p)


def citizen_id_errors(value: str, *, date_of_birth: datetime.date | None, is_female: bool | None) -> list[str]:
    """Messages for a 12-digit number that disagrees with the recorded birth date or sex.

    Each mismatch is its own message (formats.md §1): blocking on new entries.
    """
    facts = parse_citizen_id(value)
    messages: list[str] = []
    if not value.startswith("0"):
        messages.append(str(_("The first three digits must be a province code from 001 to 096.")))
    if date_of_birth is not None:
        century = (date_of_birth.year // 100) * 100
        if facts.century_start != century:
            messages.append(
                str(_("Digit 4 of the ID number says born in %(start)s–%(end)s, but the date of birth is in %(year)s."))
                % {"start": facts.century_start, "end": facts.century_start + 99, "year": date_of_birth.year}
            )
        if facts.year_two_digits != date_of_birth.year % 100:
            messages.append(
                str(
                    _(
                        "Digits 5–6 of the ID number (%(digits)s) must be the last two digits of the year of birth (%(year)s)."
                    )
                )
                % {"digits": value[4:6], "year": date_of_birth.year}
            )
    if is_female is not None and facts.is_female != is_female:
        messages.append(
            str(_("Digit 4 of the ID number says the person is %(sex)s, which disagrees with the sex entered."))
            % {"sex": _("female") if facts.is_female else _("male")}
        )
    return messages


def citizen_id_warnings(value: str) -> list[str]:
    """Non-blocking remarks: an unknown birth-registration prefix (may be a post-2025 code)."""
    prefixes = known_birth_prefixes()
    if prefixes and value[:3] not in prefixes:
        return [str(_("The first three digits %(prefix)s are not a known province code.")) % {"prefix": value[:3]}]
    return []
