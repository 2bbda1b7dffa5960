"""The administrator's overrides: they win over the holidays package, move future deadlines, never stored ones."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hoso.audit.models import AuditEntry
from hoso.people import services as people_services
from hoso.people.models import ChangeSet
from hoso.people.tests.factories import make_unit, make_user
from hoso.workdays import services
from hoso.workdays.calendar import approval_window, describe_day, is_working_day
from hoso.workdays.models import CalendarOverride
from hoso.workdays.tests.factories import add_day_off, make_catalog_admin, make_employee

pytestmark = pytest.mark.django_db

D = datetime.date


def test_an_extra_day_off_moves_the_deadline_computed_from_then_on():
    admin = make_catalog_admin()
    assert approval_window(2026, 3).deadline == D(2026, 3, 31)
    add_day_off(admin, D(2026, 3, 31), "Nghỉ bổ sung theo quyết định")
    assert is_working_day(D(2026, 3, 31)) is False
    assert approval_window(2026, 3).deadline == D(2026, 4, 1)
    department = approval_window(2026, 3, "department")
    assert (department.start, department.end) == (D(2026, 3, 24), D(2026, 3, 30))
    info = describe_day(D(2026, 3, 31))
    assert (info.reason, info.name) == ("override_day_off", "Nghỉ bổ sung theo quyết định")


def test_a_stored_deadline_does_not_move_when_the_calendar_changes():
    unit = make_unit()
    officer = make_user("officer", unit)
    change_set = people_services.start_new_record(unit=unit, acting_user=officer)
    ChangeSet.objects.filter(pk=change_set.pk).update(approval_due=approval_window(2026, 3).deadline)
    add_day_off(make_catalog_admin(), D(2026, 3, 31))
    assert approval_window(2026, 3).deadline == D(2026, 4, 1)
    change_set.refresh_from_db()
    assert change_set.approval_due == D(2026, 3, 31)


def test_a_saturday_made_a_working_day_joins_the_last_working_days():
    admin = make_catalog_admin()
    services.add_override(
        acting_user=admin,
        date=D(2026, 3, 28),
        is_working_day=True,
        name="Làm bù",
        decision_number="45/QĐ-UBND",
        decision_date=D(2026, 1, 5),
        decision_issuer="UBND tỉnh",
    )
    window = approval_window(2026, 3, "department")
    assert (window.start, window.end) == (D(2026, 3, 26), D(2026, 3, 31))
    assert describe_day(D(2026, 3, 28)).reason == "override_working"


def test_an_override_wins_over_a_holiday_of_the_package_and_removing_it_restores_the_package():
    admin = make_catalog_admin()
    override = services.add_override(
        acting_user=admin,
        date=D(2026, 11, 24),
        is_working_day=True,
        name="Ngày Văn hóa Việt Nam chưa là ngày nghỉ",
        decision_number="01/CV-SNV",
        decision_date=D(2026, 1, 10),
        decision_issuer="Sở Nội vụ",
    )
    assert is_working_day(D(2026, 11, 24)) is True
    services.remove_override(acting_user=admin, override=override)
    assert is_working_day(D(2026, 11, 24)) is False
    assert not CalendarOverride.objects.exists()


def test_each_change_is_audited():
    admin = make_catalog_admin()
    override = add_day_off(admin, D(2026, 3, 31))
    services.remove_override(acting_user=admin, override=override)
    entries = list(AuditEntry.objects.filter(action="CATALOG_CHANGED").order_by("sequence"))
    assert [entry.actor for entry in entries] == [admin, admin]
    assert entries[0].detail["catalog"] == "calendar"
    assert entries[0].detail["date"] == "2026-03-31"
    assert entries[0].detail["decision_number"] == "123/QĐ-TTg"
    assert entries[1].detail["removed"] is True


def test_only_province_catalog_administrators_change_the_calendar():
    employee = make_employee()
    with pytest.raises(PermissionDenied):
        add_day_off(employee, D(2026, 3, 31))
    override = add_day_off(make_catalog_admin(), D(2026, 3, 31))
    with pytest.raises(PermissionDenied):
        services.remove_override(acting_user=employee, override=override)
    assert CalendarOverride.objects.count() == 1


def test_bad_input_is_refused_per_field_and_nothing_is_written():
    admin = make_catalog_admin()
    add_day_off(admin, D(2026, 3, 31))
    with pytest.raises(ValidationError) as refused:
        services.add_override(
            acting_user=admin,
            date=D(2026, 3, 31),
            is_working_day=False,
            name="Lần hai",
            decision_number="1",
            decision_date=datetime.date.today() + datetime.timedelta(days=2),
            decision_issuer="UBND tỉnh",
        )
    assert set(refused.value.message_dict) == {"date", "decision_date"}
    assert CalendarOverride.objects.count() == 1
    assert AuditEntry.objects.filter(action="CATALOG_CHANGED").count() == 1


def test_overrides_are_read_once_then_served_from_the_cache(django_assert_num_queries):
    # A row committed earlier (by another process, say): this process reads the table once, then not again.
    CalendarOverride.objects.create(
        date=D(2026, 3, 31),
        is_working_day=False,
        name="Nghỉ bổ sung",
        decision_number="123/QĐ-TTg",
        decision_date=D(2025, 12, 1),
        decision_issuer="Thủ tướng Chính phủ",
    )
    with django_assert_num_queries(1):
        is_working_day(D(2026, 1, 2))
    with django_assert_num_queries(0):
        for month in range(1, 13):
            approval_window(2026, month, "department")
        assert is_working_day(D(2026, 3, 31)) is False


def test_a_rolled_back_override_is_forgotten():
    admin = make_catalog_admin()
    with pytest.raises(RuntimeError), transaction.atomic():
        add_day_off(admin, D(2026, 3, 31))
        assert is_working_day(D(2026, 3, 31)) is False
        raise RuntimeError("the caller fails after the write")
    assert is_working_day(D(2026, 3, 31)) is True
