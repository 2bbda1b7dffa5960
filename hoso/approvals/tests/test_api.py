"""The workflow in the API: problem details, 404 out of scope, 403 without the right, per-item batch results."""

import json

import pytest
from django.test import Client

from hoso.api.auth import issue_token
from hoso.approvals import services
from hoso.approvals.tests.conftest import OUTSIDE_WINDOW, propose
from hoso.people.enums import ChangeSetStatus
from hoso.people.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, path: str, body: dict) -> object:
    return client.post(f"/api/v1/approvals{path}", data=json.dumps(body), content_type="application/json")


def test_the_whole_path_through_the_api(world, in_window):
    change_set = propose(world.person, world.employee)
    employee, officer, head = api(world.employee), api(world.officer), api(world.head)

    answer = post(employee, f"/change-sets/{change_set.uid}/submit", {"confirmed": True})
    assert answer.status_code == 200 and answer.json()["status"] == ChangeSetStatus.SUBMITTED
    assert [row["uid"] for row in officer.get("/api/v1/approvals/queues/review").json()] == [str(change_set.uid)]
    answer = post(officer, f"/change-sets/{change_set.uid}/return", {"comment": "Thiếu quyết định"})
    assert answer.json()["status"] == ChangeSetStatus.RETURNED
    post(employee, f"/change-sets/{change_set.uid}/submit", {"confirmed": True})
    answer = post(officer, f"/change-sets/{change_set.uid}/forward", {})
    assert answer.json()["status"] == ChangeSetStatus.FORWARDED
    assert [row["uid"] for row in head.get("/api/v1/approvals/queues/approval").json()] == [str(change_set.uid)]

    answer = post(head, f"/change-sets/{change_set.uid}/approve", {})

    assert answer.status_code == 200, answer.content
    assert answer.json()["items"][0]["version"] == 2
    steps = employee.get(f"/api/v1/approvals/change-sets/{change_set.uid}/steps").json()
    assert [step["action"] for step in steps] == ["SUBMIT", "RETURN", "SUBMIT", "FORWARD", "APPROVE"]
    assert steps[1]["comment"] == "Thiếu quyết định"


def test_submitting_without_confirmation_is_a_field_error(world):
    change_set = propose(world.person, world.employee)

    answer = post(api(world.employee), f"/change-sets/{change_set.uid}/submit", {"confirmed": False})

    assert answer.status_code == 422
    assert answer["Content-Type"].startswith("application/problem+json")
    assert "confirmed" in answer.json()["errors"]


def test_returning_without_a_comment_is_a_field_error(world):
    change_set = propose(world.person, world.employee)
    services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)

    answer = post(api(world.officer), f"/change-sets/{change_set.uid}/return", {"comment": ""})

    assert answer.status_code == 422 and "comment" in answer.json()["errors"]


def test_out_of_scope_is_404_and_without_the_right_403(world, in_window):
    change_set = propose(world.person, world.officer)
    services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)
    stranger = make_user("can_bo_khac", make_unit("Sở Tài chính"))

    assert post(api(stranger), f"/change-sets/{change_set.uid}/approve", {}).status_code == 404
    assert post(api(world.officer), f"/change-sets/{change_set.uid}/approve", {}).status_code == 403
    assert change_set.__class__.objects.get(pk=change_set.pk).status == ChangeSetStatus.FORWARDED


def test_approving_outside_the_window_is_refused_with_the_dates(world):
    import time_machine

    with time_machine.travel(OUTSIDE_WINDOW, tick=False):
        change_set = propose(world.person, world.officer)
        services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)
        answer = post(api(world.head), f"/change-sets/{change_set.uid}/approve", {})
        old_apply = api(world.head).post(f"/api/v1/change-sets/{change_set.uid}/apply")

    assert answer.status_code == 422
    assert "27/12/2026" in answer.json()["detail"]
    assert old_apply.status_code == 422


def test_a_batch_reports_each_change_set(world, in_window):
    good = propose(world.person, world.officer)
    services.submit(change_set=good, acting_user=world.officer, confirmed=True)
    draft = propose(world.other, world.officer)

    answer = post(api(world.head), "/batches", {"change_sets": [str(good.uid), str(draft.uid)]})

    assert answer.status_code == 200
    body = answer.json()
    assert (body["approved"], body["refused"]) == (1, 1)
    assert [item["approved"] for item in body["items"]] == [True, False]
    assert body["items"][1]["message"]


def test_a_batch_with_an_unknown_change_set_is_a_field_error(world, in_window):
    answer = post(api(world.head), "/batches", {"change_sets": ["00000000-0000-0000-0000-000000000000"]})

    assert answer.status_code == 422 and "change_sets" in answer.json()["errors"]


def test_without_a_certificate_the_approval_says_so(world, in_window):
    change_set = propose(world.person, world.officer)
    services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)
    world.head.signing_credentials.all().delete()

    answer = post(api(world.head), f"/change-sets/{change_set.uid}/approve", {})

    assert answer.status_code == 422
    assert answer.json()["type"].endswith("/signing")
