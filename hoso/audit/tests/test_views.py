"""The usage log (auditors, scoped to their units) and "who viewed my record" (every employee)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hoso.accounts.tests.factories import UserFactory
from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.audit.services import record_event
from hoso.audit.tests.factories import make_entries
from hoso.people.models import Person

pytestmark = pytest.mark.django_db

USAGE_URL = "/audit/"
MY_RECORD_URL = "/audit/my-record/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown(response) -> set[int]:
    return {entry.sequence for entry in response.context["entries"]}


def at(day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, 0))


@pytest.fixture
def scoped_entries(unit_a, section_a, unit_b, officer_a, officer_b):
    """One entry of each kind of scope, written on 02/03/2026."""
    with time_machine.travel(at(2), tick=False):
        return {
            "a_actor": record_event(AuditAction.SEARCH, actor=officer_a),  # actor's unit is A
            "a_section": record_event(AuditAction.UNIT_CHANGED, actor=None, unit=section_a),  # a sub-unit of A
            "b_actor": record_event(AuditAction.EXPORT, actor=officer_b),
            "b_unit": record_event(AuditAction.UNIT_CHANGED, unit=unit_b),
            "nowhere": record_event(AuditAction.LOGIN_FAILED),
        }


def test_an_auditor_sees_the_entries_of_their_unit_and_its_sub_units_only(auditor_a, scoped_entries):
    response = client_for(auditor_a).get(USAGE_URL, {"date_from": "01/03/2026"})

    assert response.status_code == 200
    expected = {scoped_entries["a_actor"].sequence, scoped_entries["a_section"].sequence}
    assert shown(response) - {e.sequence for e in AuditEntry.objects.filter(actor=auditor_a)} == expected


def test_an_auditor_of_another_unit_never_sees_unit_a(auditor_b, scoped_entries):
    response = client_for(auditor_b).get(USAGE_URL, {"date_from": "01/03/2026"})

    seen = shown(response)
    assert scoped_entries["b_actor"].sequence in seen and scoped_entries["b_unit"].sequence in seen
    assert scoped_entries["a_actor"].sequence not in seen
    assert scoped_entries["a_section"].sequence not in seen
    assert scoped_entries["nowhere"].sequence not in seen
    assert "Trần Văn An" not in response.content.decode()


def test_the_department_of_home_affairs_sees_everything_including_entries_without_a_unit(
    province_auditor, scoped_entries
):
    response = client_for(province_auditor).get(USAGE_URL, {"date_from": "01/03/2026"})

    assert {e.sequence for e in scoped_entries.values()} <= shown(response)


def test_choosing_a_unit_outside_ones_scope_is_ignored_with_a_message(auditor_b, unit_a, scoped_entries):
    response = client_for(auditor_b).get(USAGE_URL, {"unit": str(unit_a.uid), "date_from": "01/03/2026"})

    assert response.status_code == 200
    [message] = response.context["form"].errors["unit"]
    assert message.startswith("Lựa chọn này không có trong danh sách")
    assert scoped_entries["a_actor"].sequence not in shown(response)


def test_without_the_capability_the_log_is_forbidden_and_nothing_is_logged(officer_a, scoped_entries):
    count = AuditEntry.objects.count()

    response = client_for(officer_a).get(USAGE_URL)

    assert response.status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_VIEWED).count() == 0
    assert AuditEntry.objects.count() == count + 1  # the sign-in of force_login, nothing else


def test_signed_out_visitors_are_sent_to_the_login_page():
    response = Client().get(USAGE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_filters_by_unit_account_action_and_period(province_auditor, section_a, officer_a, officer_b, scoped_entries):
    with time_machine.travel(at(10), tick=False):
        late = record_event(AuditAction.SEARCH, actor=officer_a)
    client = client_for(province_auditor)

    by_unit = shown(client.get(USAGE_URL, {"unit": str(section_a.uid), "date_from": "01/03/2026"}))
    by_account = shown(client.get(USAGE_URL, {"account": "CANBO.B", "date_from": "01/03/2026"}))
    by_action = shown(client.get(USAGE_URL, {"action": "SEARCH", "date_from": "01/03/2026"}))
    by_period = shown(client.get(USAGE_URL, {"date_from": "05/03/2026", "date_to": "10/03/2026"}))
    first_day = shown(client.get(USAGE_URL, {"date_from": "01/03/2026", "date_to": "02/03/2026"}))

    assert by_unit == {scoped_entries["a_section"].sequence}
    assert by_account == {scoped_entries["b_actor"].sequence}
    assert by_action == {scoped_entries["a_actor"].sequence, late.sequence}
    assert by_period == {late.sequence}
    assert {e.sequence for e in scoped_entries.values()} <= first_day and late.sequence not in first_day


def test_a_first_visit_shows_the_last_30_days(province_auditor, officer_a):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40), tick=False):
        old = record_event(AuditAction.SEARCH, actor=officer_a)
    recent = record_event(AuditAction.SEARCH, actor=officer_a)

    response = client_for(province_auditor).get(USAGE_URL)

    assert recent.sequence in shown(response) and old.sequence not in shown(response)
    expected = (timezone.localdate() - datetime.timedelta(days=29)).strftime("%d/%m/%Y")
    assert response.context["form"]["date_from"].value() == expected


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "31/02/2026"}, "date_from", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"date_from": "2026-03-01"}, "date_from", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"date_from": "10/03/2026", "date_to": "01/03/2026"}, "date_to", "Ngày kết thúc trước ngày bắt đầu"),
        ({"unit": "not-a-unit"}, "unit", "không có trong danh sách"),
        ({"action": "DROP TABLE"}, "action", "không có trong danh sách"),
        ({"account": "x" * 151}, "account", "150"),
    ],
)
def test_bad_filters_get_a_message_and_are_ignored(province_auditor, scoped_entries, params, field, message):
    response = client_for(province_auditor).get(USAGE_URL, params | {"page": "not-a-number"})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message.split(" ")[0] in response.content.decode()


def test_the_summary_counts_per_unit_and_per_account(province_auditor, unit_a, officer_a, officer_b):
    with time_machine.travel(at(3), tick=False):
        record_event(AuditAction.LOGIN, actor=officer_a)
        record_event(AuditAction.LOGIN, actor=officer_a)
        record_event(AuditAction.RECORD_CHANGED, actor=officer_a)
        record_event(AuditAction.RECORD_VIEWED, actor=officer_a)
        record_event(AuditAction.EXPORT, actor=officer_b)
        record_event(AuditAction.PRINT, actor=officer_b)

    response = client_for(province_auditor).get(USAGE_URL, {"date_from": "03/03/2026", "date_to": "03/03/2026"})

    by_unit = {
        row.label: (row.logins, row.changes, row.views, row.exports, row.total) for row in response.context["by_unit"]
    }
    assert by_unit == {"Sở Tài chính": (2, 1, 1, 0, 4), "Sở Y tế": (0, 0, 0, 2, 2)}
    by_account = {row.username: (row.logins, row.exports, row.total) for row in response.context["by_account"]}
    assert by_account == {"canbo.a": (2, 0, 4), "canbo.b": (0, 2, 2)}
    assert response.context["by_account"][0].label == "Trần Văn An"


def test_opening_the_log_is_itself_logged_with_the_filters(auditor_a, unit_a):
    client_for(auditor_a).get(USAGE_URL, {"action": "LOGIN", "date_from": "01/03/2026"})

    [entry] = AuditEntry.objects.filter(action=AuditAction.AUDIT_VIEWED)
    assert entry.actor == auditor_a
    assert entry.detail == {"action": "LOGIN", "from": "2026-03-01"}


def test_the_page_shows_entries_in_vietnamese_with_dates_dd_mm_yyyy(province_auditor, officer_a):
    with time_machine.travel(at(4, 14), tick=False):
        record_event(AuditAction.RECORD_VIEWED, actor=officer_a, detail={"fields": "phone"})

    html = client_for(province_auditor).get(USAGE_URL, {"date_from": "04/03/2026"}).content.decode()

    assert "Nhật ký sử dụng" in html
    assert "Xem toàn bộ hồ sơ" in html
    assert "04/03/2026 14:00:00" in html
    assert "Trần Văn An (canbo.a)" in html


def test_the_number_of_queries_does_not_grow_with_the_entries(province_auditor, officer_a, officer_b):
    client = client_for(province_auditor)
    make_entries(2, actor=officer_a)
    client.get(USAGE_URL)  # warm up: session, content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(USAGE_URL).status_code == 200

    make_entries(60, actor=officer_a)
    make_entries(60, actor=officer_b, action=AuditAction.RECORD_VIEWED)
    with CaptureQueriesContext(connection) as many:
        response = client.get(USAGE_URL)

    assert len(response.context["entries"]) == 50
    assert response.context["page_obj"].paginator.num_pages == 3
    assert len(many) == len(few)


# --- who viewed my record -------------------------------------------------------------------------


@pytest.fixture
def employee(unit_a, person_a):
    user = UserFactory(username="nhanvien", full_name=person_a.full_name, unit=unit_a)
    Person.objects.filter(pk=person_a.pk).update(account=user)
    return user


def test_an_employee_sees_who_viewed_exported_or_changed_their_record(employee, person_a, officer_a, officer_b):
    with time_machine.travel(at(6, 8), tick=False):
        viewed = record_event(AuditAction.RECORD_VIEWED, actor=officer_a, person=person_a)
        printed = record_event(AuditAction.PRINT, actor=officer_b, person=person_a)
        record_event(AuditAction.SEARCH, actor=officer_a, detail={"query": "nguyen"})  # not about the record
        record_event(AuditAction.LOGIN, actor=officer_a)

    response = client_for(employee).get(MY_RECORD_URL)

    assert response.status_code == 200
    rows = [e for e in response.context["page_obj"].object_list if e.action not in {"RECORD_CREATED"}]
    assert [e.sequence for e in rows][:2] == [printed.sequence, viewed.sequence]
    assert all(e.person_id == person_a.pk for e in response.context["page_obj"].object_list)
    html = response.content.decode()
    assert "Lê Thị Bình (canbo.b)" in html and "Sở Y tế" in html and "In hồ sơ" in html
    assert "06/03/2026 08:00" in html
    assert AuditAction.SEARCH not in {e.action for e in response.context["page_obj"].object_list}


def test_an_employee_never_sees_entries_about_someone_elses_record(
    employee, person_a, unit_a, records_officer_a, officer_a
):
    from hoso.people.tests.factories import new_record

    other = new_record(unit_a, records_officer_a, identity={"citizen_id": "087185000124"})
    about_other = record_event(AuditAction.RECORD_VIEWED, actor=officer_a, person=other)

    response = client_for(employee).get(MY_RECORD_URL)

    assert about_other.sequence not in {e.sequence for e in response.context["page_obj"].object_list}
    assert {e.person_id for e in response.context["page_obj"].object_list} <= {person_a.pk}


def test_an_account_without_a_record_is_told_so(officer_a):
    response = client_for(officer_a).get(MY_RECORD_URL)

    assert response.status_code == 200
    assert response.context["person"] is None
    assert "Tài khoản của bạn chưa được gắn với hồ sơ cá nhân nào" in response.content.decode()


def test_the_employee_page_is_paginated_newest_first(employee, person_a, officer_a):
    for _ in range(55):
        record_event(AuditAction.RECORD_VIEWED, actor=officer_a, person=person_a)
    client = client_for(employee)

    first = client.get(MY_RECORD_URL).context["page_obj"]
    second = client.get(MY_RECORD_URL, {"page": "2"}).context["page_obj"]

    sequences = [e.sequence for e in first.object_list] + [e.sequence for e in second.object_list]
    assert len(first.object_list) == 50
    assert sequences == sorted(sequences, reverse=True)


def test_the_account_menu_links_the_usage_log_only_for_auditors(auditor_a, officer_a):
    auditor_html = client_for(auditor_a).get(MY_RECORD_URL).content.decode()
    officer_html = client_for(officer_a).get(MY_RECORD_URL).content.decode()

    assert 'href="/audit/"' in auditor_html and 'href="/audit/"' not in officer_html
    assert 'href="/audit/my-record/"' in auditor_html and 'href="/audit/my-record/"' in officer_html
