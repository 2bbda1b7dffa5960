"""Working days, approval windows and entry deadlines against an independent computation and the known dates.

The independent computation reads `holidays.country_holidays("VN")` directly, with its own simple loops (it never
calls hoso.workdays.calendar); the pinned values come from STACK.md §5 and formats.md §8.
"""

import calendar as stdlib_calendar
import datetime

import holidays
import pytest

from hoso.workdays.calendar import (
    Window,
    add_working_days,
    approval_window,
    describe_day,
    entry_due,
    is_working_day,
    next_window,
    next_working_day,
    window_on,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date
VN = holidays.country_holidays("VN", years=range(2025, 2029))
MONTHS = [(year, month) for year in (2026, 2027) for month in range(1, 13)]


# --- the independent computation --------------------------------------------------------------------------------


def working(day: datetime.date) -> bool:
    """A declared make-up working day, or a Monday–Friday that is not a holiday (formats.md §8.2)."""
    if day in VN.weekend_workdays:
        return True
    return day.isoweekday() <= 5 and day not in VN


def month_days(year: int, month: int) -> list[datetime.date]:
    return [D(year, month, n) for n in range(1, stdlib_calendar.monthrange(year, month)[1] + 1)]


def rolled(day: datetime.date) -> datetime.date:
    for offset in range(60):
        candidate = day + datetime.timedelta(days=offset)
        if working(candidate):
            return candidate
    raise AssertionError("no working day in 60 days")


def expected(rule: str, year: int, month: int) -> tuple[datetime.date, datetime.date, datetime.date]:
    days = month_days(year, month)
    if rule == "unit":  # last 5 calendar days, roll forward
        return days[-5], days[-1], rolled(days[-1])
    if rule == "last_5_days":  # last 5 calendar days, no roll
        return days[-5], days[-1], days[-1]
    if rule == "lao_cai_unit":  # 21st–25th, roll forward
        return days[20], days[24], rolled(days[24])
    if rule == "department":  # last 5 working days
        last_five = [day for day in days if working(day)][-5:]
        return last_five[0], last_five[-1], last_five[-1]
    raise AssertionError(rule)


@pytest.mark.parametrize("rule", ["unit", "last_5_days", "lao_cai_unit", "department"])
def test_every_month_of_2026_and_2027_matches_the_independent_computation(rule):
    for year, month in MONTHS:
        window = approval_window(year, month, rule)
        assert (window.start, window.end, window.deadline) == expected(rule, year, month), (rule, year, month)
        assert (window.rule, window.year, window.month) == (rule, year, month)


def test_every_day_of_2026_and_2027_matches_the_independent_computation():
    day = D(2026, 1, 1)
    while day.year < 2028:
        assert is_working_day(day) is working(day), day
        day += datetime.timedelta(days=1)


# --- the known values -------------------------------------------------------------------------------------------


def test_the_department_windows_of_2026_are_the_last_five_working_days_of_stack_md():
    pinned = {
        1: [26, 27, 28, 29, 30],
        2: [23, 24, 25, 26, 27],
        3: [25, 26, 27, 30, 31],
        4: [22, 23, 24, 28, 29],  # skips 26, 27 (Giỗ Tổ and its day in lieu) and 30/04
        5: [25, 26, 27, 28, 29],
        6: [24, 25, 26, 29, 30],
        7: [27, 28, 29, 30, 31],
        8: [24, 25, 26, 27, 28],  # 31/08 is the swapped day off
        9: [24, 25, 28, 29, 30],
        10: [26, 27, 28, 29, 30],
        11: [23, 25, 26, 27, 30],  # skips 24/11, Ngày Văn hóa Việt Nam
        12: [25, 28, 29, 30, 31],
    }
    for month, days in pinned.items():
        window = approval_window(2026, month, "department")
        assert (window.start, window.end, window.deadline) == (
            D(2026, month, days[0]),
            D(2026, month, days[-1]),
            D(2026, month, days[-1]),
        )


def test_deadlines_on_days_off_move_to_the_next_working_day_as_stack_md_lists():
    assert next_working_day(D(2026, 1, 1)) == D(2026, 1, 2)
    assert next_working_day(D(2026, 2, 16)) == D(2026, 2, 23)  # Tết Bính Ngọ
    assert next_working_day(D(2026, 2, 17)) == D(2026, 2, 23)
    assert next_working_day(D(2026, 4, 26)) == D(2026, 4, 28)  # Sunday Giỗ Tổ; 27/04 is the day in lieu
    assert next_working_day(D(2026, 4, 30)) == D(2026, 5, 4)
    assert next_working_day(D(2026, 5, 1)) == D(2026, 5, 4)
    assert next_working_day(D(2026, 8, 22)) == D(2026, 8, 22)  # a Saturday made a working day
    assert next_working_day(D(2026, 8, 31)) == D(2026, 9, 3)
    assert next_working_day(D(2026, 9, 2)) == D(2026, 9, 3)
    assert next_working_day(D(2026, 11, 24)) == D(2026, 11, 25)
    assert next_working_day(D(2027, 2, 5)) == D(2027, 2, 11)  # Tết Đinh Mùi
    assert next_working_day(D(2027, 5, 1)) == D(2027, 5, 4)
    # "due on the 5th" in 2026
    assert [next_working_day(D(2026, m, 5)) for m in (4, 7, 9, 12)] == [
        D(2026, 4, 6),
        D(2026, 7, 6),
        D(2026, 9, 7),
        D(2026, 12, 7),
    ]


def test_the_units_window_of_april_and_august_2026_rolls_into_the_next_month():
    assert approval_window(2026, 4) == Window("unit", 2026, 4, D(2026, 4, 26), D(2026, 4, 30), D(2026, 5, 4))
    assert approval_window(2026, 8) == Window("unit", 2026, 8, D(2026, 8, 27), D(2026, 8, 31), D(2026, 9, 3))
    assert approval_window(2026, 8, "last_5_days").deadline == D(2026, 8, 31)
    assert approval_window(2026, 4, "lao_cai_unit").deadline == D(2026, 4, 28)  # Sat 25 → Sun 26 → in lieu 27


def test_describe_day_gives_the_reason():
    assert describe_day(D(2026, 8, 22)).reason == "working_saturday"
    assert describe_day(D(2026, 8, 31)).reason == "holiday"
    assert describe_day(D(2026, 8, 31)).name == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert describe_day(D(2026, 8, 23)).reason == "weekend"
    assert describe_day(D(2026, 8, 24)).reason == "working_day"
    assert describe_day(D(2026, 4, 26)).is_working_day is False


# --- windows around a date --------------------------------------------------------------------------------------


def test_a_rolled_deadline_still_belongs_to_the_earlier_months_window():
    august = approval_window(2026, 8)
    assert window_on(D(2026, 9, 2)) == august
    assert window_on(D(2026, 9, 3)) == august
    assert window_on(D(2026, 9, 4)) is None
    assert window_on(D(2026, 8, 27)) == august
    assert window_on(D(2026, 8, 26)) is None
    assert august.contains(D(2026, 9, 3)) and not august.contains(D(2026, 9, 4))


def test_next_window_is_the_open_one_or_the_next_to_open():
    assert next_window(D(2026, 9, 1)) == approval_window(2026, 8)
    assert next_window(D(2026, 9, 4)) == approval_window(2026, 9)
    assert next_window(D(2026, 12, 28)) == approval_window(2026, 12)
    assert next_window(D(2027, 1, 5)) == approval_window(2027, 1)  # December 2026's deadline is 31/12
    assert next_window(D(2026, 4, 27), "lao_cai_unit") == approval_window(2026, 4, "lao_cai_unit")
    assert next_window(D(2026, 4, 29), "lao_cai_unit") == approval_window(2026, 5, "lao_cai_unit")


def test_the_rule_comes_from_the_setting_when_none_is_named(settings):
    settings.HOSO_APPROVAL_WINDOW_RULE = "lao_cai_unit"
    window = approval_window(2026, 4)
    assert (window.rule, window.start, window.end) == ("lao_cai_unit", D(2026, 4, 21), D(2026, 4, 25))


def test_a_province_rule_from_the_setting(settings):
    settings.HOSO_APPROVAL_WINDOWS = {"late_month": {"kind": "fixed_days", "first_day": 27, "last_day": 31}}
    february = approval_window(2026, 2, "late_month")
    assert (february.start, february.end, february.deadline) == (D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 2))


def test_unknown_or_malformed_rules_are_refused(settings):
    with pytest.raises(ValueError, match="unknown approval window rule"):
        approval_window(2026, 1, "nope")
    settings.HOSO_APPROVAL_WINDOWS = {"bad": {"kind": "last_days", "days": 0}, "odd": {"kind": "weekly"}}
    with pytest.raises(ValueError, match="days must be"):
        approval_window(2026, 1, "bad")
    with pytest.raises(ValueError, match="unknown kind"):
        approval_window(2026, 1, "odd")


# --- counting working days --------------------------------------------------------------------------------------


def test_adding_and_counting_working_days_agree_with_a_simple_count():
    start = D(2026, 2, 10)
    for n in (0, 1, 3, 15, 30, 250):
        due = add_working_days(start, n)
        simple = start
        remaining = n
        while remaining:
            simple += datetime.timedelta(days=1)
            remaining -= working(simple)
        assert due == simple, n
        assert working_days_between(start, due) == n
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)  # the working Saturday counts
    assert working_days_between(D(2026, 3, 10), D(2026, 2, 10)) == -15
    with pytest.raises(ValueError):
        add_working_days(start, -1)


def test_entry_deadlines_count_working_days_across_tet():
    # 15 working days from Tuesday 10/02/2026: 11–13/02, then Tết 16–20/02, then 23/02 onwards.
    assert entry_due(D(2026, 2, 10), "change") == D(2026, 3, 10)
    # 30 working days from a recruitment decision of 25/01/2027, across Tết Đinh Mùi (04–10/02/2027).
    assert entry_due(D(2027, 1, 25), "new_record") == D(2027, 3, 15)
    assert working_days_between(D(2027, 1, 25), D(2027, 3, 15)) == 30


def test_per_event_deadlines_apply_from_july_2026(settings):
    # After 01/07/2026: the e-dossier within 3 days of the decision, moved off a day off (31/08 → 03/09).
    assert entry_due(D(2026, 8, 3), "e_dossier") == D(2026, 8, 6)
    assert entry_due(D(2026, 8, 28), "e_dossier") == D(2026, 9, 3)
    assert entry_due(D(2026, 8, 3), "operational") == D(2026, 8, 6)
    # 3 working days from Friday 28/08: the weekend and 31/08–02/09 are off, so 03/09, 04/09 and Monday 07/09.
    assert entry_due(D(2026, 8, 28), "operational") == D(2026, 9, 7)
    assert entry_due(D(2026, 7, 1), "sync") == D(2026, 7, 2)
    assert entry_due(D(2026, 7, 1), "evaluation") == D(2026, 7, 6)
    # Before the date, the monthly rhythm's kind applies.
    assert entry_due(D(2026, 6, 30), "e_dossier") == entry_due(D(2026, 6, 30), "new_record")
    assert entry_due(D(2026, 6, 30), "operational") == entry_due(D(2026, 6, 30), "change")
    # Turned off by the province: the monthly rhythm again.
    settings.HOSO_EVENT_DEADLINES_ENABLED = False
    assert entry_due(D(2026, 8, 3), "e_dossier") == entry_due(D(2026, 8, 3), "new_record")
    with pytest.raises(ValueError, match="unknown deadline kind"):
        entry_due(D(2026, 8, 3), "nope")


def test_entry_deadlines_follow_the_setting(settings):
    settings.HOSO_ENTRY_DEADLINES = {"change": {"days": 10, "working": False}}
    assert entry_due(D(2026, 8, 21), "change") == D(2026, 9, 3)  # 31/08 falls on a day off → next working day
    assert entry_due(D(2026, 2, 10), "new_record") == add_working_days(D(2026, 2, 10), 30)


def test_the_official_days_of_the_catalog_agree_with_the_calendar():
    """Every dated day of hoso/catalogs/data/ngay_le_2025_2026.csv (days off, swaps, make-up Saturdays) agrees."""
    import csv
    from pathlib import Path

    import hoso.catalogs

    path = Path(hoso.catalogs.__file__).parent / "data" / "ngay_le_2025_2026.csv"
    with path.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            day = D.fromisoformat(row["date"])
            assert is_working_day(day) is (row["day_type"] == "makeup_workday"), row


def test_start_up_checks_catch_a_misspelt_rule_or_deadline(settings):
    from hoso.workdays.checks import check_workday_settings

    assert check_workday_settings() == []
    settings.HOSO_APPROVAL_WINDOW_RULE = "lao_cai"
    settings.HOSO_EVENT_DEADLINES = {"sync": {"days": "1", "before": "changes"}}
    assert [error.id for error in check_workday_settings()] == ["workdays.E001", "workdays.E002", "workdays.E003"]
