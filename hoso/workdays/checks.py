"""Start-up checks of the working-day settings: a misspelt rule or deadline fails at start, not at the first approval."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from hoso.workdays.calendar import window_rule, window_rule_names


@register()
def check_workday_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    for name in sorted(
        {*window_rule_names(), settings.HOSO_APPROVAL_WINDOW_RULE, settings.HOSO_DEPARTMENT_WINDOW_RULE}
    ):
        try:
            window_rule(name)
        except ValueError as error:
            errors.append(Error(str(error), hint="See hoso/workdays/presets.py.", id="workdays.E001"))
    entry = {**settings.HOSO_ENTRY_DEADLINES}
    for kind, rule in {**entry, **settings.HOSO_EVENT_DEADLINES}.items():
        if not isinstance(rule, dict) or not isinstance(rule.get("days"), int) or rule["days"] < 0:
            errors.append(Error(f"deadline kind {kind!r}: 'days' must be a whole number >= 0", id="workdays.E002"))
    for kind, rule in settings.HOSO_EVENT_DEADLINES.items():
        if isinstance(rule, dict) and rule.get("before") not in entry:
            errors.append(
                Error(f"deadline kind {kind!r}: 'before' must name a kind of HOSO_ENTRY_DEADLINES", id="workdays.E003")
            )
    return errors
