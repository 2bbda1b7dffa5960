"""The province's password and lock-out policy, read from the setting HOSO_PASSWORD_POLICY.

Defaults follow Đồng Tháp's regulation (Điều 10 of the seed 003): upper and lower case, digits and special
characters, nothing easy to guess such as the name, the date of birth or the unit's name, periodic change. The
regulation gives no length or period; 8 characters and 90 days are the usual floor of the national guidance on
information security and are settings, as REQ-015 asks.
"""

import dataclasses
import datetime
from typing import Any

from django.conf import settings


@dataclasses.dataclass(frozen=True, slots=True)
class PasswordPolicy:
    min_length: int = 8
    require_upper: bool = True
    require_lower: bool = True
    require_digit: bool = True
    require_special: bool = True
    forbid_username: bool = True
    forbid_name: bool = True
    forbid_birth_date: bool = True
    forbid_unit_name: bool = True
    # Words of a name shorter than this are not looked for (Vietnamese has many two-letter syllables: "An", "Lê").
    name_min_word_length: int = 3
    history_depth: int = 5
    max_age_days: int = 90  # 0: passwords never expire
    reminder_days: int = 14
    lockout_attempts: int = 5  # failed sign-ins for one username within lockout_minutes; 0: no lock-out
    lockout_minutes: int = 15
    lockout_ip_attempts: int = 30  # failed sign-ins from one address within lockout_minutes; 0: no limit

    @property
    def lockout_duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.lockout_minutes)


POLICY_FIELDS = frozenset(field.name for field in dataclasses.fields(PasswordPolicy))


def password_policy() -> PasswordPolicy:
    """The policy in force: the defaults above overridden by HOSO_PASSWORD_POLICY (read on every call)."""
    configured: dict[str, Any] = getattr(settings, "HOSO_PASSWORD_POLICY", {}) or {}
    return PasswordPolicy(**{key: value for key, value in configured.items() if key in POLICY_FIELDS})


def session_max_age() -> datetime.timedelta:
    """The absolute lifetime of a signed-in session, however active (HOSO_SESSION_MAX_AGE, seconds)."""
    return datetime.timedelta(seconds=int(getattr(settings, "HOSO_SESSION_MAX_AGE", 10 * 3600)))
