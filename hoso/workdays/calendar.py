"""The working-day calendar, the monthly approval windows and entry deadlines: the public API of hoso.workdays.

Working days (formats.md §8.1–8.2; Bộ luật Lao động 2019 Art. 111–112): a day is a working day when it is a
declared make-up working day, or a weekday that is not a day off. The `holidays` package for Vietnam gives the
weekends, holidays, days in lieu and the swapped working Saturdays it knows; the administrator's
`CalendarOverride` rows (official decisions the package does not know yet) win over it (REQ-054).

Approval windows (REQ-053/054/057): see `approval_window`. Callers STORE the deadlines they compute
(ChangeSet.approval_due, the approval batch), so a later calendar override never moves a past deadline; this
module always answers with today's calendar.

Overrides are read through a per-process snapshot (a dict), shared through Django's cache and kept at most
`HOSO_CALENDAR_CACHE_SECONDS`; a write through `hoso.workdays.services` drops it at once in its own process, so a
batch that calls `is_working_day` thousands of times costs no query after the first.
"""

import calendar as _stdlib_calendar
import datetime
import functools
import time
import weakref
from dataclasses import dataclass
from typing import Any

import holidays
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoso.workdays.presets import APPROVAL_WINDOW_PRESETS, ENTRY_DEADLINE_PRESETS, WINDOW_KINDS

__all__ = [
    "DayInfo",
    "Window",
    "add_working_days",
    "approval_window",
    "describe_day",
    "describe_rule",
    "entry_due",
    "entry_deadline_kinds",
    "invalidate_cache",
    "is_working_day",
    "next_window",
    "next_working_day",
    "window_on",
    "window_rule",
    "window_rule_names",
    "working_days_between",
]

ONE_DAY = datetime.timedelta(days=1)
CACHE_KEY = "hoso.workdays.overrides"


# --- The holidays package ---------------------------------------------------------------------------------------


@functools.cache
def _country_holidays() -> holidays.HolidayBase:
    """Vietnam's holidays (names in Vietnamese), years added as they are asked for."""
    return holidays.country_holidays("VN")


def _package_is_working_day(day: datetime.date) -> bool:
    return bool(_country_holidays().is_working_day(day))


# --- Overrides, cached ------------------------------------------------------------------------------------------

_snapshot: dict[str, Any] = {"data": None, "loaded_at": 0.0, "dirty": None}


def _load_overrides() -> dict[datetime.date, tuple[bool, str]]:
    from hoso.workdays.models import CalendarOverride

    return {row[0]: (row[1], row[2]) for row in CalendarOverride.objects.values_list("date", "is_working_day", "name")}


def _in_dirty_transaction() -> bool:
    """True while the transaction that wrote an override is still open on this connection.

    Its rows are not committed yet: nothing read inside it may be cached. Once it ends (committed, or rolled back,
    which no hook reports), the snapshot is dropped so the next read sees what the database kept.
    """
    dirty = _snapshot["dirty"]
    if dirty is None:
        return False
    block = dirty()
    if block is not None and any(b is block for b in connection.atomic_blocks):
        return True
    _snapshot["dirty"] = None
    invalidate_cache()
    return False


def _overrides() -> dict[datetime.date, tuple[bool, str]]:
    if _in_dirty_transaction():
        return _load_overrides()
    data = _snapshot["data"]
    ttl = settings.HOSO_CALENDAR_CACHE_SECONDS
    if data is not None and time.monotonic() - _snapshot["loaded_at"] < ttl:
        return data
    data = cache.get(CACHE_KEY)
    if data is None:
        data = _load_overrides()
        cache.set(CACHE_KEY, data, ttl)
    _snapshot["data"], _snapshot["loaded_at"] = data, time.monotonic()
    return data


def invalidate_cache() -> None:
    """Forget the overrides read so far (called by the services after every write, and on commit)."""
    _snapshot["data"] = None
    cache.delete(CACHE_KEY)


def mark_written() -> None:
    """Note that the current transaction wrote overrides: bypass the cache until it ends (see services)."""
    invalidate_cache()
    if connection.in_atomic_block and connection.atomic_blocks:
        _snapshot["dirty"] = weakref.ref(connection.atomic_blocks[0])


# --- Working days -----------------------------------------------------------------------------------------------


def is_working_day(day: datetime.date) -> bool:
    """Whether `day` is a working day: an administrator's override if any, else the holidays package for Vietnam.

    (formats.md §8.2: a declared make-up working day, or a weekday that is not a day off; REQ-054.)
    """
    override = _overrides().get(day)
    if override is not None:
        return override[0]
    return _package_is_working_day(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it (REQ-054's roll-forward)."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start`, `start` not counted ("trong vòng n ngày làm việc", REQ-042/059).

    n = 0 gives `start` itself. A negative n is refused.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    while n:
        day += ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The number of working days in (start, end]; negative when `end` is before `start` (days overdue)."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day)
    return count


@dataclass(frozen=True)
class DayInfo:
    """One day of the calendar and why it is (not) a working day."""

    date: datetime.date
    is_working_day: bool
    reason: str  # "working_day", "weekend", "holiday", "working_saturday", "override_working", "override_day_off"
    name: str

    @property
    def reason_label(self) -> str:
        return str(REASON_LABELS[self.reason])


REASON_LABELS = {
    "working_day": _("Working day"),
    "weekend": _("Weekend"),
    "holiday": _("Public holiday or day off"),
    "working_saturday": _("Make-up working day"),
    "override_working": _("Working day by decision"),
    "override_day_off": _("Day off by decision"),
}


def describe_day(day: datetime.date) -> DayInfo:
    """The day's status and its reason, for the calendar page and the API."""
    override = _overrides().get(day)
    if override is not None:
        working, name = override
        return DayInfo(day, working, "override_working" if working else "override_day_off", name)
    vn = _country_holidays()
    name = vn.get(day) or ""
    if day in vn:
        return DayInfo(day, False, "holiday", name)
    if _package_is_working_day(day):
        if day.weekday() in vn.weekend:
            return DayInfo(day, True, "working_saturday", "")
        return DayInfo(day, True, "working_day", "")
    return DayInfo(day, False, "weekend", "")


# --- Approval windows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """One monthly approval window (thời hạn phê duyệt): the days it runs and its deadline (REQ-053/054)."""

    rule: str
    year: int
    month: int
    start: datetime.date
    end: datetime.date
    deadline: datetime.date

    def contains(self, day: datetime.date) -> bool:
        """Whether `day` falls in the window: start <= day <= deadline (a rolled deadline included)."""
        return self.start <= day <= self.deadline


def window_rule_names() -> list[str]:
    """The rules a caller may name: the presets and the setting `HOSO_APPROVAL_WINDOWS`."""
    return sorted({**APPROVAL_WINDOW_PRESETS, **settings.HOSO_APPROVAL_WINDOWS})


def window_rule(rule: str | None = None) -> tuple[str, dict[str, Any]]:
    """The name and definition of `rule` (None: `HOSO_APPROVAL_WINDOW_RULE`); ValueError when unknown or invalid."""
    name = rule or settings.HOSO_APPROVAL_WINDOW_RULE
    rules = {**APPROVAL_WINDOW_PRESETS, **settings.HOSO_APPROVAL_WINDOWS}
    if name not in rules:
        raise ValueError(f"unknown approval window rule {name!r}")
    definition = rules[name]
    kind = definition.get("kind")
    if kind not in WINDOW_KINDS:
        raise ValueError(f"approval window rule {name!r}: unknown kind {kind!r}")
    if kind == "fixed_days":
        first, last = definition.get("first_day"), definition.get("last_day")
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last <= 31):
            raise ValueError(f"approval window rule {name!r}: first_day and last_day must be 1 <= first <= last <= 31")
    else:
        days = definition.get("days")
        if not (isinstance(days, int) and 1 <= days <= 28):
            raise ValueError(f"approval window rule {name!r}: days must be between 1 and 28")
    return name, definition


def describe_rule(rule: str | None = None) -> str:
    """The rule in words, for pages and messages, e.g. "the last 5 days of each month; …"."""
    _name, definition = window_rule(rule)
    kind = definition["kind"]
    if kind == "last_working_days":
        return gettext("the last %(days)s working days of each month") % {"days": definition["days"]}
    if kind == "fixed_days":
        text = gettext("from the %(first)s to the %(last)s of each month") % {
            "first": definition["first_day"],
            "last": definition["last_day"],
        }
    else:
        text = gettext("the last %(days)s days of each month") % {"days": definition["days"]}
    if definition.get("roll_forward", True):
        text += gettext("; a deadline on a day off moves to the next working day")
    return text


def approval_window(year: int, month: int, rule: str | None = None) -> Window:
    """The approval window of `month` under `rule` (formats.md §8.2).

    - last_days: from (last day − N + 1) to the month's last day;
    - fixed_days: `first_day`..`last_day` (cut to the month's length), e.g. Lào Cai's 21–25;
    for both, the deadline is the window's last day, moved forward day by day to a working day when
    `roll_forward` (possibly into the next month: the window still belongs to `month`);
    - last_working_days: the last N working days of the month; the deadline is the last of them.
    """
    name, definition = window_rule(rule)
    month_length = _stdlib_calendar.monthrange(year, month)[1]
    last = datetime.date(year, month, month_length)
    kind = definition["kind"]
    if kind == "last_working_days":
        days: list[datetime.date] = []
        day = last
        while len(days) < definition["days"]:
            if is_working_day(day):
                days.append(day)
            day -= ONE_DAY
        return Window(name, year, month, days[-1], days[0], days[0])
    if kind == "fixed_days":
        start = datetime.date(year, month, min(definition["first_day"], month_length))
        end = datetime.date(year, month, min(definition["last_day"], month_length))
    else:
        end = last
        start = last - datetime.timedelta(days=definition["days"] - 1)
    deadline = next_working_day(end) if definition.get("roll_forward", True) else end
    return Window(name, year, month, start, end, deadline)


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def window_on(day: datetime.date, rule: str | None = None) -> Window | None:
    """The window open on `day`, or None. A deadline rolled into the next month belongs to the earlier month."""
    for year, month in (_month_before(day.year, day.month), (day.year, day.month)):
        window = approval_window(year, month, rule)
        if window.contains(day):
            return window
    return None


def next_window(day: datetime.date, rule: str | None = None) -> Window:
    """The window open on `day`, else the next one to open (for "the window opens on …" messages)."""
    open_now = window_on(day, rule)
    if open_now is not None:
        return open_now
    window = approval_window(day.year, day.month, rule)
    if window.start > day:
        return window
    return approval_window(*_month_after(day.year, day.month), rule)


# --- Entry deadlines --------------------------------------------------------------------------------------------


def entry_deadline_kinds() -> list[str]:
    """The kinds `entry_due` knows: the monthly rhythm's and NĐ 27/2026's."""
    return sorted({**ENTRY_DEADLINE_PRESETS, **settings.HOSO_ENTRY_DEADLINES, **settings.HOSO_EVENT_DEADLINES})


def _deadline_rule(trigger: datetime.date, kind: str) -> dict[str, Any]:
    entry = {**ENTRY_DEADLINE_PRESETS, **settings.HOSO_ENTRY_DEADLINES}
    events = settings.HOSO_EVENT_DEADLINES
    if kind in events:
        in_force = settings.HOSO_EVENT_DEADLINES_ENABLED and trigger >= settings.HOSO_EVENT_DEADLINES_FROM
        if in_force:
            return events[kind]
        fallback = events[kind].get("before")
        if fallback not in entry:
            raise ValueError(f"deadline kind {kind!r} is not in force on {trigger:%d/%m/%Y}")
        return entry[fallback]
    if kind in entry:
        return entry[kind]
    raise ValueError(f"unknown deadline kind {kind!r}")


def entry_due(trigger: datetime.date, kind: str) -> datetime.date:
    """The deadline of an entry triggered on `trigger` (REQ-041/042/059).

    Kinds of the monthly rhythm (`HOSO_ENTRY_DEADLINES`): "change", 15 working days from the event (Lào Cai, Kon Tum),
    "new_record", 30 working days from the recruitment decision (Kon Tum). Kinds of NĐ 27/2026 and NĐ 233/2026
    (`HOSO_EVENT_DEADLINES`: "e_dossier", "sync", "operational", "evaluation") apply to triggers on or after
    `HOSO_EVENT_DEADLINES_FROM` when `HOSO_EVENT_DEADLINES_ENABLED`; before that date (or when off) their
    `before` kind of the monthly rhythm applies. The decrees were not read (only the summaries in formats.md
    §8.3, which say "read the decree before coding"): every figure is a setting.

    Working days count from the day after the trigger. A period in calendar days that ends on a day off ends on the
    next working day (Bộ luật Dân sự 2015 Art. 148(5)), unless the rule says `"roll_forward": False`.
    """
    definition = _deadline_rule(trigger, kind)
    days = int(definition["days"])
    if definition.get("working", True):
        return add_working_days(trigger, days)
    due = trigger + datetime.timedelta(days=days)
    return next_working_day(due) if definition.get("roll_forward", True) else due
