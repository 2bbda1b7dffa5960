"""Deadlines and dashboards: what is due and late for a person, a unit, a head and the province; who sees what."""

import datetime
from xml.etree import ElementTree

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from hoso.monitoring import selectors
from hoso.monitoring.tests.factories import account, at, change_set, child_of, make_unit, person_in
from hoso.people.enums import ChangeSetStatus as S

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 18)
LAST_MONTH = datetime.date(2026, 10, 28)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(at(TODAY, 9), tick=False):
        yield


@pytest.fixture
def world():
    a = make_unit("Sở Nội vụ")
    a1 = child_of(a, "Phòng Công chức, viên chức")
    b = make_unit("Sở Tài chính")
    users = {
        "province": account("snv", None, "province-admin"),
        "unit_admin": account("unit_admin", a, "unit-admin"),
        "officer": account("officer_a", a, "officer"),
        "head": account("head_a", a, "head"),
        "employee": account("employee_a", a),
        "officer_b": account("officer_b", b, "officer"),
        "leader": account("leader", None, "leadership"),
    }
    with time_machine.travel(at(LAST_MONTH), tick=False):  # the records exist since last month
        person = person_in(a, "Trần Thị Bích Ngọc", owner=users["employee"])
        other = person_in(a1, "Lê Văn Khoa")
        person_b = person_in(b, "Phạm Văn Bình")
    officer, employee = users["officer"], users["employee"]
    rows = {
        "my_late_draft": change_set(a, employee, S.DRAFT, person=person, entry_due=datetime.date(2026, 11, 17)),
        "my_draft": change_set(a, employee, S.DRAFT, person=person, entry_due=datetime.date(2026, 11, 18)),
        "returned": change_set(a1, officer, S.RETURNED, person=other, entry_due=datetime.date(2026, 11, 30)),
        "submitted": change_set(a1, officer, S.SUBMITTED, person=other),
        "forwarded": change_set(a, officer, S.FORWARDED, person=person, approval_due=datetime.date(2026, 11, 30)),
        "late_forwarded": change_set(a, officer, S.FORWARDED, person=person, approval_due=datetime.date(2026, 10, 30)),
        "late_new_record": change_set(a, officer, S.DRAFT, entry_due=datetime.date(2026, 11, 2), title="Tuyển dụng"),
        "on_time": change_set(
            a, officer, S.APPLIED, person=person, applied_at=at(TODAY), approval_due=datetime.date(2026, 11, 30)
        ),
        "late": change_set(
            a1, officer, S.APPLIED, person=other, applied_at=at(TODAY), approval_due=datetime.date(2026, 10, 30)
        ),
        "last_month": change_set(a, officer, S.APPLIED, person=person, applied_at=at(LAST_MONTH)),
        "b_draft": change_set(b, users["officer_b"], S.DRAFT, person=person_b, entry_due=datetime.date(2026, 11, 1)),
    }
    return {"a": a, "a1": a1, "b": b, **users, "rows": rows}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_person_sees_their_drafts_with_what_is_late(world):
    mine = selectors.deadlines_for_person(world["employee"])

    assert [item.change_set for item in mine.items] == [world["rows"]["my_late_draft"], world["rows"]["my_draft"]]
    assert [item.overdue for item in mine.items] == [True, False]  # due today is not late yet
    assert mine.overdue == 1


def test_a_units_figures(world):
    figures = selectors.unit_figures(selectors.unit_change_sets(world["head"], world["a"]))

    assert figures.drafts == 3  # two of the employee's, one new record
    assert figures.returned == 1
    assert figures.waiting_review == 1
    assert figures.waiting_approval == 2
    assert figures.overdue_entries == 2  # the employee's late draft and the late new record
    assert figures.overdue_approvals == 1
    assert figures.overdue_new_records == 1
    assert figures.approved_this_month == 2
    assert figures.approved_on_time == 1
    assert figures.approved_late == 1


def test_a_head_sees_what_waits_for_approval_and_the_window(world):
    head = selectors.deadlines_for_head(world["head"])

    assert {item.change_set for item in head.items} == {world["rows"]["forwarded"], world["rows"]["late_forwarded"]}
    assert head.overdue == 1
    assert not head.window_open
    assert (head.window.start, head.window.deadline) == (datetime.date(2026, 11, 26), datetime.date(2026, 11, 30))
    assert selectors.deadlines_for_head(world["officer_b"]).items == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("province", 200),
        ("unit_admin", 200),  # VIEW_REPORTS on A
        ("officer", 200),  # REVIEW on A
        ("head", 200),  # APPROVE on A
        ("employee", 403),  # sees the unit's page, not its dashboard
        ("officer_b", 404),  # A is out of reach
        ("leader", 200),  # province-wide VIEW_REPORTS
    ],
)
def test_who_sees_a_units_dashboard(world, persona, status):
    response = client_for(world[persona]).get(reverse("monitoring:unit_dashboard", kwargs={"uid": world["a"].uid}))

    assert response.status_code == status


def test_the_unit_dashboard_shows_pending_late_and_approved(world):
    response = client_for(world["head"]).get(reverse("monitoring:unit_dashboard", kwargs={"uid": world["a"].uid}))

    page = response.content.decode()
    assert 'data-figure="pending">7<' in page
    assert 'data-figure="overdue">3<' in page
    assert 'data-figure="approved">2<' in page
    assert "Tuyển dụng" in page  # the late new record is listed
    assert "Phạm Văn Bình" not in page


@pytest.mark.parametrize(
    ("persona", "status"), [("province", 200), ("leader", 200), ("unit_admin", 403), ("head", 403)]
)
def test_only_province_wide_reports_open_the_province_dashboard(world, persona, status):
    assert client_for(world[persona]).get(reverse("monitoring:province_dashboard")).status_code == status


def test_the_province_dashboard(world):
    dashboard = selectors.province_dashboard()
    rows = {row.unit.pk: row for row in dashboard.rows}

    assert rows[world["a"].pk].timeliness == selectors.Timeliness.ON_TIME
    assert rows[world["a1"].pk].timeliness == selectors.Timeliness.LATE
    assert rows[world["b"].pk].timeliness == selectors.Timeliness.NONE
    assert [row.unit for row in dashboard.not_approved] == [world["b"]]
    assert dashboard.totals.approved_this_month == 2

    response = client_for(world["province"]).get(reverse("monitoring:province_dashboard"))
    page = response.content.decode()
    svg = "<svg" + page.split("<svg", 1)[1].split("</svg>", 1)[0] + "</svg>"
    chart = ElementTree.fromstring(svg)  # noqa: S314 - our own page: well-formed, drawn on the server, no script
    assert chart.findall(".//{http://www.w3.org/2000/svg}script") == []
    assert len(chart.findall("{http://www.w3.org/2000/svg}g")) == 1 + len(dashboard.rows)
    widths = [rect.get("width") for rect in chart.iter("{http://www.w3.org/2000/svg}rect")]
    assert all(float(width) >= 0 for width in widths)  # numbers, not "420,0" as Vietnamese formats decimals
    assert any(float(width) > 10 for width in widths)  # the bars are drawn
    assert 'data-unit="Sở Tài chính"' in page
    not_approved = page.split('id="not-approved"', 1)[1].split("</ul>", 1)[0]
    assert "Sở Tài chính" in not_approved and "Sở Nội vụ" not in not_approved


def _units_with_work(count, officer):
    for index in range(count):
        unit = make_unit(f"Đơn vị {index:02d}")
        change_set(unit, officer, S.DRAFT, entry_due=datetime.date(2026, 11, 1))
        change_set(unit, officer, S.APPLIED, applied_at=at(TODAY), approval_due=datetime.date(2026, 11, 30))


@pytest.mark.parametrize("count", [3, 30])
def test_the_province_dashboard_costs_the_same_for_3_and_30_units(world, count, django_assert_max_num_queries):
    _units_with_work(count, world["officer"])
    client = client_for(world["province"])
    client.get(reverse("monitoring:province_dashboard"))  # session, grants

    with django_assert_max_num_queries(12):
        response = client.get(reverse("monitoring:province_dashboard"))

    assert response.status_code == 200
    assert response.content.decode().count('data-unit="Đơn vị') == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_unit_dashboard_costs_the_same_whatever_the_rows(world, count, django_assert_max_num_queries):
    for _ in range(count):
        change_set(world["a"], world["officer"], S.DRAFT, entry_due=datetime.date(2026, 11, 1))
    client = client_for(world["head"])

    with django_assert_max_num_queries(14):
        response = client.get(reverse("monitoring:unit_dashboard", kwargs={"uid": world["a"].uid}))

    assert response.status_code == 200


def test_the_deadlines_page(world):
    response = client_for(world["head"]).get(reverse("monitoring:deadlines"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "26/11/2026" in page and "30/11/2026" in page
    assert reverse("monitoring:unit_dashboard", kwargs={"uid": world["a"].uid}) in page


def test_the_deadlines_page_of_an_employee(world):
    response = client_for(world["employee"]).get(reverse("monitoring:deadlines"))

    page = response.content.decode()
    assert "17/11/2026" in page
    assert "Phạm Văn Bình" not in page


def test_dashboards_show_the_completeness_of_the_records(world):
    from hoso.people.models import Person
    from hoso.quality.selectors import completeness_by_unit
    from hoso.quality.services import refresh_completeness

    refresh_completeness(list(Person.objects.values_list("pk", flat=True)))
    filled, required = completeness_by_unit([world["b"].pk])[world["b"].pk]

    rows = {row.unit.pk: row for row in selectors.province_dashboard().rows}
    unit = selectors.unit_dashboard(world["officer_b"], world["b"])

    assert required > 0
    assert rows[world["b"].pk].completeness_percent == round(100 * filled / required)
    assert unit.completeness_percent == round(100 * filled / required)
    page = client_for(world["officer_b"]).get(reverse("monitoring:unit_dashboard", kwargs={"uid": world["b"].uid}))
    assert f'data-figure="completeness">{round(100 * filled / required)}%<' in page.content.decode()
