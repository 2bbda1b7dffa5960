"""The JSON API of hoso.workdays, mounted under /api/v1/workdays by hoso/api/api.py.

- `GET /windows?year=2026[&rule=…]`: each month's approval window and deadline under a rule (REQ-053/054/057);
- `GET /days?from=2026-01-01&to=2026-01-31`: each day, working or not, and why (REQ-054).

Any signed-in token holder may read them (the calendar is public inside the province). Bad parameters answer 422
problem details with a message per parameter.
"""

import datetime
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from hoso.api.errors import ApiInvalid
from hoso.api.schemas import Problem
from hoso.workdays.calendar import approval_window, window_rule, window_rule_names
from hoso.workdays.selectors import FIRST_YEAR, LAST_YEAR, days_between

router = Router(tags=["workdays"])

MAX_DAYS = 366  # the longest range /days answers at once


class WindowOut(Schema):
    year: int
    month: int
    start: datetime.date
    end: datetime.date
    deadline: datetime.date


class WindowsOut(Schema):
    rule: str
    kind: str
    roll_forward: bool
    windows: list[WindowOut]


class DayOut(Schema):
    date: datetime.date
    is_working_day: bool
    reason: str
    reason_label: str
    name: str


class DaysOut(Schema):
    days: list[DayOut]


@router.get("/windows", response={200: WindowsOut, 401: Problem, 422: Problem})
def windows(
    request: HttpRequest,
    year: Annotated[int, Query(description="The year, e.g. 2026.")],
    rule: Annotated[str | None, Query(description="A window rule; by default the units' rule.")] = None,
) -> dict[str, Any]:
    """Each month's approval window and its deadline (a deadline on a day off moved to the next working day)."""
    errors: dict[str, list[str]] = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [_("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]
    name = rule or settings.HOSO_APPROVAL_WINDOW_RULE
    if name not in window_rule_names():
        errors["rule"] = [_("Unknown rule; known rules: %(rules)s.") % {"rules": ", ".join(window_rule_names())}]
    if errors:
        raise ApiInvalid(errors)
    name, definition = window_rule(name)
    return {
        "rule": name,
        "kind": definition["kind"],
        "roll_forward": bool(definition.get("roll_forward", True)),
        "windows": [approval_window(year, month, name) for month in range(1, 13)],
    }


@router.get("/days", response={200: DaysOut, 401: Problem, 422: Problem})
def days(
    request: HttpRequest,
    start: Annotated[datetime.date, Query(alias="from", description="First day (YYYY-MM-DD).")],
    end: Annotated[datetime.date, Query(alias="to", description="Last day, included (YYYY-MM-DD).")],
) -> dict[str, Any]:
    """Each day from `from` to `to`, whether it is a working day and why (holiday, weekend, decision …)."""
    errors: dict[str, list[str]] = {}
    if end < start:
        errors["to"] = [_("The last day must not be before the first.")]
    elif (end - start).days >= MAX_DAYS:
        errors["to"] = [_("Ask for at most %(days)s days at once.") % {"days": MAX_DAYS}]
    for key, value in (("from", start), ("to", end)):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            errors[key] = [_("Give a date from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]
    if errors:
        raise ApiInvalid(errors)
    return {
        "days": [
            {
                "date": info.date,
                "is_working_day": info.is_working_day,
                "reason": info.reason,
                "reason_label": info.reason_label,
                "name": info.name,
            }
            for info in days_between(start, end)
        ]
    }
