"""Reads of hoso.workdays: the year view of the calendar, and the overrides of a year."""

import calendar as _stdlib_calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from hoso.workdays.calendar import DayInfo, Window, approval_window, describe_day
from hoso.workdays.models import CalendarOverride

FIRST_YEAR, LAST_YEAR = 2000, 2100  # years the calendar page and the API answer for


@dataclass(frozen=True)
class MonthView:
    """One month of the year view: its weeks of days (None outside the month) and its approval windows."""

    year: int
    month: int
    weeks: list[list[DayInfo | None]]
    days_off: list[DayInfo]  # weekdays off and working weekend days, with their names
    unit_window: Window
    department_window: Window

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)


def month_view(year: int, month: int) -> MonthView:
    weeks: list[list[DayInfo | None]] = []
    notable: list[DayInfo] = []
    for week in _stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row: list[DayInfo | None] = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            info = describe_day(day)
            row.append(info)
            if info.reason not in ("working_day", "weekend"):
                notable.append(info)
        weeks.append(row)
    return MonthView(
        year=year,
        month=month,
        weeks=weeks,
        days_off=notable,
        unit_window=approval_window(year, month, settings.HOSO_APPROVAL_WINDOW_RULE),
        department_window=approval_window(year, month, settings.HOSO_DEPARTMENT_WINDOW_RULE),
    )


def year_view(year: int) -> list[MonthView]:
    """The twelve months of `year` (the overrides are read once, through the calendar's cache)."""
    return [month_view(year, month) for month in range(1, 13)]


def overrides_in_year(year: int) -> QuerySet[CalendarOverride]:
    return CalendarOverride.objects.filter(date__year=year).select_related("created_by").order_by("date")


def days_between(start: datetime.date, end: datetime.date) -> list[DayInfo]:
    """Each day from `start` to `end` inclusive, working or not, and why."""
    return [describe_day(start + datetime.timedelta(days=n)) for n in range((end - start).days + 1)]
