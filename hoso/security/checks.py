"""System checks: a misspelt key of HOSO_PASSWORD_POLICY must not silently fall back to a default."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from hoso.security.conf import POLICY_FIELDS


@register()
def check_password_policy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    configured = getattr(settings, "HOSO_PASSWORD_POLICY", {}) or {}
    errors: list[CheckMessage] = []
    unknown = sorted(set(configured) - POLICY_FIELDS)
    if unknown:
        errors.append(
            Error(
                f"HOSO_PASSWORD_POLICY has unknown keys: {', '.join(unknown)}.",
                hint=f"Known keys: {', '.join(sorted(POLICY_FIELDS))}.",
                id="security.E001",
            )
        )
    for key in ("min_length", "history_depth", "max_age_days", "reminder_days", "lockout_minutes"):
        value = configured.get(key, 0)
        if not isinstance(value, int) or value < 0:
            errors.append(Error(f"HOSO_PASSWORD_POLICY[{key!r}] must be a whole number ≥ 0.", id="security.E002"))
    return errors
