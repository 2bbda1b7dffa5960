"""The monitoring API: my notifications and deadlines, a unit's dashboard, review rounds; refusals and bad input."""

import datetime
import json

import pytest
import time_machine
from django.test import Client

from hoso.api.auth import issue_token
from hoso.monitoring import services
from hoso.monitoring.enums import NotificationKind
from hoso.monitoring.models import ReviewRound, RoundResponse
from hoso.monitoring.tests.factories import account, at, change_set, make_unit, person_in
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
    b = make_unit("Sở Tài chính")
    users = {
        "officer": account("officer_a", a, "officer"),
        "head": account("head_a", a, "head"),
        "employee": account("employee_a", a),
        "officer_b": account("officer_b", b, "officer"),
    }
    ngoc = person_in(a, "Trần Thị Bích Ngọc", owner=users["employee"])
    change_set(a, users["employee"], S.DRAFT, person=ngoc, entry_due=datetime.date(2026, 11, 10))
    change_set(a, users["officer"], S.FORWARDED, person=ngoc, approval_due=datetime.date(2026, 11, 30))
    return {"a": a, "b": b, "ngoc": ngoc, **users}


def api(user):
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def round_body(world, **overrides):
    body = {
        "title": "Rà soát hồ sơ 2026",
        "units": [{"unit": str(world["a"].uid), "include_subunits": True}],
        "starts_on": "2026-11-18",
        "deadline": "2026-12-15",
        "sections": ["salary"],
    }
    body.update(overrides)
    return body


def test_my_notifications_and_marking_one_read(world):
    mine = services.notify(recipient=world["employee"], kind=NotificationKind.ENTRY_DUE, title="Nhắc việc")
    services.notify(recipient=world["officer"], kind=NotificationKind.ENTRY_DUE, title="Không phải của tôi")
    client = api(world["employee"])

    listed = client.get("/api/v1/monitoring/notifications").json()
    assert listed["unread"] == 1
    assert [item["title"] for item in listed["items"]] == ["Nhắc việc"]

    read = client.post(f"/api/v1/monitoring/notifications/{mine.uid}/read").json()
    assert read["read_at"] is not None
    assert client.get("/api/v1/monitoring/notifications?unread=true").json()["items"] == []
    assert api(world["officer"]).post(f"/api/v1/monitoring/notifications/{mine.uid}/read").status_code == 404
    assert client.post("/api/v1/monitoring/notifications/not-a-uuid/read").status_code == 404


def test_my_deadlines(world):
    mine = api(world["employee"]).get("/api/v1/monitoring/deadlines").json()
    assert [(item["due"], item["overdue"]) for item in mine["mine"]] == [("2026-11-10", True)]
    assert mine["to_approve"] is None

    head = api(world["head"]).get("/api/v1/monitoring/deadlines").json()
    assert len(head["to_approve"]) == 1
    assert head["window"] == {"start": "2026-11-26", "end": "2026-11-30", "deadline": "2026-11-30", "open": False}


def test_a_units_dashboard(world):
    url = f"/api/v1/monitoring/units/{world['a'].uid}/dashboard"

    answer = api(world["head"]).get(url)

    assert answer.status_code == 200
    figures = answer.json()["figures"]
    assert (figures["drafts"], figures["waiting_approval"], figures["overdue_entries"]) == (1, 1, 1)
    assert api(world["employee"]).get(url).status_code == 403
    assert api(world["officer_b"]).get(url).status_code == 404
    assert Client().get(url).status_code == 401


def test_launching_a_round_and_answering(world):
    created = post(api(world["officer"]), "/api/v1/monitoring/rounds", round_body(world))
    assert created.status_code == 201
    uid = created.json()["uid"]

    answered = post(
        api(world["employee"]), f"/api/v1/monitoring/rounds/{uid}/responses", {"person": str(world["ngoc"].uid)}
    )
    assert answered.status_code == 201

    detail = api(world["officer"]).get(f"/api/v1/monitoring/rounds/{uid}").json()
    assert (detail["people"], detail["answered"]) == (1, 1)
    assert [item["uid"] for item in api(world["employee"]).get("/api/v1/monitoring/rounds").json()] == [uid]
    assert api(world["officer_b"]).get(f"/api/v1/monitoring/rounds/{uid}").status_code == 404

    again = post(
        api(world["employee"]), f"/api/v1/monitoring/rounds/{uid}/responses", {"person": str(world["ngoc"].uid)}
    )
    assert again.status_code == 422
    assert RoundResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"units": []}, "units"),
        ({"deadline": "2026-11-01"}, "deadline"),
        ({"sections": ["nonsense"]}, "sections"),
        ({"starts_on": "18/11/2026"}, "starts_on"),
    ],
)
def test_bad_rounds_get_a_message_per_field_and_write_nothing(world, overrides, field):
    answer = post(api(world["officer"]), "/api/v1/monitoring/rounds", round_body(world, **overrides))

    assert answer.status_code == 422
    assert answer["Content-Type"].startswith("application/problem+json")
    assert any(key.startswith(field) for key in answer.json()["errors"])
    assert ReviewRound.objects.count() == 0


def test_launching_is_refused_outside_ones_units(world):
    refused = post(api(world["officer_b"]), "/api/v1/monitoring/rounds", round_body(world))
    assert refused.status_code == 422
    assert "units.0.unit" in refused.json()["errors"]

    forbidden = post(api(world["employee"]), "/api/v1/monitoring/rounds", round_body(world))
    assert forbidden.status_code == 403
    assert ReviewRound.objects.count() == 0


def test_answering_for_a_record_one_cannot_reach(world):
    uid = post(api(world["officer"]), "/api/v1/monitoring/rounds", round_body(world)).json()["uid"]

    answer = post(
        api(world["officer_b"]), f"/api/v1/monitoring/rounds/{uid}/responses", {"person": str(world["ngoc"].uid)}
    )

    assert answer.status_code == 404
    assert RoundResponse.objects.count() == 0
