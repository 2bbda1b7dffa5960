"""Password rules as AUTH_PASSWORD_VALIDATORS, one message per broken rule (REQ-015; Đồng Tháp Điều 10).

Each class reads the province's policy (`hoso.security.conf.password_policy`) when it runs, so a change of the
setting HOSO_PASSWORD_POLICY applies without touching AUTH_PASSWORD_VALIDATORS. Messages never repeat the
password or a part of it.
"""

import datetime
import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hoso.core.text import fold
from hoso.security.conf import password_policy

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str, min_length: int) -> set[str]:
    """Folded words of `text` with a letter in them and at least `min_length` characters."""
    return {w for w in _WORD.findall(fold(text)) if len(w) >= min_length and any(c.isalpha() for c in w)}


def _compact(text: str) -> str:
    return "".join(_WORD.findall(fold(text)))


def _person(user: Any) -> Any:
    try:
        return user.person if getattr(user, "pk", None) else None
    except (ObjectDoesNotExist, ValueError):
        return None


def _unit(user: Any) -> Any:
    try:
        return getattr(user, "unit", None)
    except ObjectDoesNotExist:
        return None


def birth_date_forms(day: datetime.date, precision: str = "DAY") -> set[str]:
    """Common ways of writing a date of birth: 15031985, 15/03/1985, 15-3-1985, 150385, 19850315, 1985."""
    year = f"{day.year:04d}"
    forms = {year}
    if precision in ("DAY", "MONTH"):
        forms |= {f"{day.month:02d}{year}", f"{day.month:02d}/{year}", f"{year}{day.month:02d}"}
    if precision == "DAY":
        for d, m in ((f"{day.day:02d}", f"{day.month:02d}"), (str(day.day), str(day.month))):
            forms |= {f"{d}{m}{year}", f"{d}{m}{year[2:]}", f"{year}{m}{d}"}
            forms |= {f"{d}{sep}{m}{sep}{year}" for sep in "/-."}
    return forms


class LengthValidator:
    def validate(self, password: str, user: Any = None) -> None:
        minimum = password_policy().min_length
        if len(password) < minimum:
            raise ValidationError(
                ngettext(
                    "The password must have at least %(count)d character.",
                    "The password must have at least %(count)d characters.",
                    minimum,
                )
                % {"count": minimum},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        minimum = password_policy().min_length
        return ngettext("At least %(count)d character.", "At least %(count)d characters.", minimum) % {"count": minimum}


class CharacterClassValidator:
    """Upper-case and lower-case letters, digits and special characters, each as the policy asks."""

    def validate(self, password: str, user: Any = None) -> None:
        policy = password_policy()
        errors = []
        if policy.require_upper and not any(ch.isupper() for ch in password):
            errors.append(ValidationError(_("The password must contain an upper-case letter."), code="no_upper"))
        if policy.require_lower and not any(ch.islower() for ch in password):
            errors.append(ValidationError(_("The password must contain a lower-case letter."), code="no_lower"))
        if policy.require_digit and not any(ch.isdecimal() for ch in password):
            errors.append(ValidationError(_("The password must contain a digit."), code="no_digit"))
        if policy.require_special and all(ch.isalnum() for ch in password):
            errors.append(
                ValidationError(
                    _("The password must contain a special character, such as ! @ # $ % - _ ."), code="no_special"
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        policy = password_policy()
        parts = []
        if policy.require_upper:
            parts.append(_("an upper-case letter"))
        if policy.require_lower:
            parts.append(_("a lower-case letter"))
        if policy.require_digit:
            parts.append(_("a digit"))
        if policy.require_special:
            parts.append(_("a special character"))
        if not parts:
            return ""
        return _("It contains %(parts)s.") % {"parts": ", ".join(str(p) for p in parts)}


class PersonalInformationValidator:
    """Nothing easy to guess: the username, the holder's name, date of birth, the unit's name (Điều 10.1–10.2).

    Names are compared folded (no diacritics, no case): "Nhung@2026" contains "Nhung" of "Nguyễn Thị Hồng
    Nhung". Words shorter than `name_min_word_length` are skipped, the whole name written together is not.
    """

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        policy = password_policy()
        folded = fold(password)
        compact = _compact(password)
        digits = re.sub(r"\s", "", password)
        errors = []
        username = fold(getattr(user, "username", "") or "")
        if policy.forbid_username and len(username) >= 3 and (username in folded or _compact(username) in compact):
            errors.append(ValidationError(_("The password must not contain the username."), code="has_username"))
        person = _person(user)
        names = [getattr(user, "full_name", "") or "", getattr(person, "full_name", "") or ""]
        if policy.forbid_name and self._contains_name(folded, compact, names, policy.name_min_word_length):
            errors.append(ValidationError(_("The password must not contain your name."), code="has_name"))
        birth = getattr(person, "date_of_birth", None)
        if policy.forbid_birth_date and isinstance(birth, datetime.date):
            precision = getattr(person, "date_of_birth_precision", "DAY") or "DAY"
            if any(form in digits for form in birth_date_forms(birth, precision)):
                errors.append(
                    ValidationError(_("The password must not contain your date of birth."), code="has_birth_date")
                )
        unit = _unit(user)
        if policy.forbid_unit_name and unit is not None:
            unit_names = [unit.name or "", getattr(unit, "short_name", "") or ""]
            if self._contains_name(folded, compact, unit_names, policy.name_min_word_length):
                errors.append(
                    ValidationError(_("The password must not contain the name of your unit."), code="has_unit_name")
                )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _contains_name(folded: str, compact: str, names: list[str], min_length: int) -> bool:
        for name in names:
            whole = _compact(name)
            if len(whole) >= min_length and whole in compact:
                return True
            if any(word in folded for word in _words(name, min_length)):
                return True
        return False

    def get_help_text(self) -> str:
        policy = password_policy()
        parts = []
        if policy.forbid_username:
            parts.append(_("the username"))
        if policy.forbid_name:
            parts.append(_("your name"))
        if policy.forbid_birth_date:
            parts.append(_("your date of birth"))
        if policy.forbid_unit_name:
            parts.append(_("the name of your unit"))
        if not parts:
            return ""
        return _("It does not contain %(parts)s.") % {"parts": ", ".join(str(p) for p in parts)}


class PasswordHistoryValidator:
    """Not one of the account's last `history_depth` passwords (the current one included).

    Also the hook that keeps the history: Django calls `password_changed` after every `set_password` + `save`,
    whichever screen, command or service changed it.
    """

    def validate(self, password: str, user: Any = None) -> None:
        depth = password_policy().history_depth
        if user is None or not getattr(user, "pk", None) or depth <= 0:
            return
        from hoso.security.models import PasswordHistoryEntry

        recent = list(
            PasswordHistoryEntry.objects.filter(user_id=user.pk)
            .order_by("-created_at", "-pk")
            .values_list("password_hash", flat=True)[:depth]
        )
        current = get_user_model()._default_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        if current and current not in recent:
            recent = [current, *recent][:depth]
        if any(check_password(password, encoded) for encoded in recent if encoded):
            raise ValidationError(
                ngettext(
                    "The password must differ from your last password.",
                    "The password must differ from your last %(count)d passwords.",
                    depth,
                )
                % {"count": depth},
                code="password_reused",
            )

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from hoso.security.services import record_password_set

        record_password_set(user)

    def get_help_text(self) -> str:
        depth = password_policy().history_depth
        if depth <= 0:
            return ""
        return ngettext("It is not your last password.", "It is none of your last %(count)d passwords.", depth) % {
            "count": depth
        }
