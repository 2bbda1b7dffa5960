"""Review rounds (đợt rà soát, REQ-038): launching, scope, answers and progress; refusals write nothing."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from hoso.audit.models import AuditEntry
from hoso.monitoring import selectors, services
from hoso.monitoring.enums import NotificationKind
from hoso.monitoring.models import Notification, ReviewRound, RoundResponse
from hoso.monitoring.tests.factories import account, at, change_set, child_of, make_unit, person_in
from hoso.people.enums import ChangeSetStatus as S

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 18)


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
        "employee_a1": account("employee_a1", a1),
        "officer_b": account("officer_b", b, "officer"),
    }
    people = {
        "ngoc": person_in(a, "Trần Thị Bích Ngọc", owner=users["employee"]),
        "khoa": person_in(a1, "Lê Văn Khoa", owner=users["employee_a1"]),
        "lan": person_in(a1, "Võ Thị Lan"),
        "binh": person_in(b, "Phạm Văn Bình"),
    }
    return {"a": a, "a1": a1, "b": b, **users, **people}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def launch(world, user="officer", **overrides):
    arguments = {
        "acting_user": world[user],
        "title": "Rà soát, bổ sung hồ sơ năm 2026",
        "units": [(world["a"], True)],
        "starts_on": TODAY,
        "deadline": datetime.date(2026, 12, 15),
        "sections": ["training_professional", "salary"],
        "decision_number": "123/QĐ-SNV",
    }
    return services.launch_round(**{**arguments, **overrides})


def form_data(world, **overrides):
    data = {
        "title": "Rà soát hồ sơ quý IV",
        "units": [str(world["a"].uid)],
        "include_subunits": "on",
        "sections": ["salary"],
        "starts_on": "18/11/2026",
        "deadline": "15/12/2026",
        "decision_number": "45/QĐ-SNV",
        "decision_date": "17/11/2026",
        "instructions": "",
    }
    data.update(overrides)
    return data


def test_launching_a_round_tells_the_staff_in_scope(world):
    round_ = launch(world)

    told = set(Notification.objects.filter(kind=NotificationKind.ROUND_LAUNCHED).values_list("recipient", flat=True))
    assert told == {world["employee"].pk, world["employee_a1"].pk}
    assert AuditEntry.objects.filter(action="REVIEW_ROUND_LAUNCHED").count() == 1
    assert round_.launching_unit == world["a"]


def test_progress_counts_answers_and_submitted_changes(world):
    round_ = launch(world)
    services.record_response(round_=round_, person=world["ngoc"], acting_user=world["employee"])
    change_set(world["a1"], world["officer"], S.SUBMITTED, person=world["khoa"], submitted_at=at(TODAY, 10))
    # a change submitted before the round started does not count
    change_set(
        world["a1"],
        world["officer"],
        S.SUBMITTED,
        person=world["lan"],
        submitted_at=at(TODAY - datetime.timedelta(days=3)),
    )

    progress = selectors.round_progress(world["province"], round_)

    assert [(item.unit, item.people, item.answered) for item in progress.units] == [
        (world["a"], 1, 1),
        (world["a1"], 2, 1),
    ]
    assert (progress.people, progress.answered, progress.percent) == (3, 2, 67)
    assert selectors.unanswered_people(world["officer"], round_) == [world["lan"]]


def test_a_round_without_sub_units_leaves_them_out(world):
    round_ = launch(world, units=[(world["a"], False)])

    assert selectors.round_progress(world["province"], round_).people == 1


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("province", True),
        ("unit_admin", True),
        ("officer", True),
        ("head", True),
        ("employee", True),  # asked to answer
        ("employee_a1", True),  # in a sub-unit of the scope
        ("officer_b", False),
    ],
)
def test_who_sees_a_round(world, persona, visible):
    round_ = launch(world)

    assert (selectors.round_for(world[persona], round_.uid) is not None) is visible
    status = client_for(world[persona]).get(reverse("monitoring:round_detail", kwargs={"uid": round_.uid})).status_code
    assert status == (200 if visible else 404)


def test_a_round_of_a_sub_unit_is_seen_from_above_but_not_by_its_sibling(world):
    round_ = launch(world, units=[(world["a1"], True)])

    assert selectors.round_for(world["officer"], round_.uid) is not None  # A's officer covers A1
    assert selectors.round_for(world["employee"], round_.uid) is None  # works in A, not asked


@pytest.mark.parametrize(("persona", "status"), [("employee", 403), ("employee_a1", 403)])
def test_launching_is_refused_without_the_right(world, persona, status):
    response = client_for(world[persona]).post(reverse("monitoring:round_create"), form_data(world))

    assert response.status_code == status
    assert ReviewRound.objects.count() == 0


def test_launching_over_a_unit_out_of_scope_is_refused(world):
    response = client_for(world["officer_b"]).get(reverse("monitoring:round_create"))
    assert response.status_code == 200  # B's officer launches for B …

    response = client_for(world["officer_b"]).post(reverse("monitoring:round_create"), form_data(world))

    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert ReviewRound.objects.count() == 0
    with pytest.raises(PermissionDenied):
        launch(world, user="officer_b")
    assert ReviewRound.objects.count() == 0


def test_the_form_launches_a_round(world):
    response = client_for(world["unit_admin"]).post(reverse("monitoring:round_create"), form_data(world))

    round_ = ReviewRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:round_detail", kwargs={"uid": round_.uid})
    assert round_.sections == ["salary"]
    assert round_.decision_date == datetime.date(2026, 11, 17)
    assert list(round_.scope.values_list("unit", "include_subunits")) == [(world["a"].pk, True)]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("units", []),
        ("deadline", "01/11/2026"),  # before the start
        ("starts_on", "31/02/2026"),
        ("sections", ["nonsense"]),
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(world, field, value):
    response = client_for(world["officer"]).post(reverse("monitoring:round_create"), form_data(world, **{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ReviewRound.objects.count() == 0
    assert AuditEntry.objects.filter(action="REVIEW_ROUND_LAUNCHED").count() == 0


def test_an_employee_confirms_no_change_from_the_round_page(world):
    round_ = launch(world)
    client = client_for(world["employee"])
    page = client.get(reverse("monitoring:round_detail", kwargs={"uid": round_.uid})).content.decode()
    url = reverse("monitoring:round_respond", kwargs={"uid": round_.uid, "person_uid": world["ngoc"].uid})
    assert url in page

    response = client.post(url, {"note": ""})

    assert response.status_code == 302
    assert RoundResponse.objects.get().recorded_by == world["employee"]
    assert AuditEntry.objects.filter(action="REVIEW_ROUND_ANSWERED").count() == 1
    # a second answer is refused with a message, nothing more is written
    client.post(url, {"note": ""})
    assert RoundResponse.objects.count() == 1


def test_an_officer_answers_for_a_record_in_the_unit(world):
    round_ = launch(world)

    response = client_for(world["officer"]).post(
        reverse("monitoring:round_respond", kwargs={"uid": round_.uid, "person_uid": world["lan"].uid})
    )

    assert response.status_code == 302
    assert RoundResponse.objects.get().person == world["lan"]


@pytest.mark.parametrize(
    ("persona", "person", "status"),
    [
        ("employee", "khoa", 404),  # another employee's record is out of reach
        ("unit_admin", "lan", 403),  # sees the record, does not enter changes
        ("officer_b", "lan", 404),  # neither the round nor the record
    ],
)
def test_answering_for_someone_else_is_refused(world, persona, person, status):
    round_ = launch(world)

    response = client_for(world[persona]).post(
        reverse("monitoring:round_respond", kwargs={"uid": round_.uid, "person_uid": world[person].uid})
    )

    assert response.status_code == status
    assert RoundResponse.objects.count() == 0


def test_a_record_outside_the_scope_cannot_answer(world):
    round_ = launch(world, units=[(world["a1"], True)])

    with pytest.raises(services.MonitoringInvalid) as refused:
        services.record_response(round_=round_, person=world["ngoc"], acting_user=world["officer"])

    assert "person" in refused.value.errors
    assert RoundResponse.objects.count() == 0


def test_rounds_near_their_deadline_remind_those_who_have_not_answered(world, django_capture_on_commit_callbacks):
    round_ = launch(world, deadline=datetime.date(2026, 11, 20))
    services.record_response(round_=round_, person=world["ngoc"], acting_user=world["employee"])

    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders(today=TODAY, wet_run=True)
        services.send_reminders(today=TODAY, wet_run=True)

    reminded = Notification.objects.filter(kind=NotificationKind.ROUND_DUE)
    assert list(reminded.values_list("recipient", flat=True)) == [world["employee_a1"].pk]
    assert "20/11/2026" in reminded.get().body


def test_the_rounds_list(world):
    launch(world)
    launch(world, user="officer_b", units=[(world["b"], True)], title="Rà soát Sở Tài chính")

    page = client_for(world["officer"]).get(reverse("monitoring:rounds")).content.decode()

    assert "Rà soát, bổ sung hồ sơ năm 2026" in page
    assert "Rà soát Sở Tài chính" not in page
