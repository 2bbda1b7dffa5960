"""GET /api/v1/workdays/windows and /days: any token holder; bad parameters answer 422 problem details."""

import pytest
from django.test import Client

from hoso.api.auth import issue_token
from hoso.workdays.tests.factories import make_employee

pytestmark = pytest.mark.django_db

WINDOWS = "/api/v1/workdays/windows"
DAYS = "/api/v1/workdays/days"


@pytest.fixture
def api():
    raw, _token = issue_token(user=make_employee())
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_each_months_window_under_the_units_rule(api):
    response = api.get(WINDOWS, {"year": "2026"})
    assert response.status_code == 200
    body = response.json()
    assert (body["rule"], body["kind"], body["roll_forward"]) == ("unit", "last_days", True)
    assert len(body["windows"]) == 12
    assert body["windows"][3] == {
        "year": 2026,
        "month": 4,
        "start": "2026-04-26",
        "end": "2026-04-30",
        "deadline": "2026-05-04",
    }


def test_each_months_window_under_a_named_rule(api):
    body = api.get(WINDOWS, {"year": "2026", "rule": "department"}).json()
    assert body["kind"] == "last_working_days"
    assert (body["windows"][10]["start"], body["windows"][10]["end"]) == ("2026-11-23", "2026-11-30")


def test_each_day_and_why(api):
    response = api.get(DAYS, {"from": "2026-08-21", "to": "2026-09-03"})
    assert response.status_code == 200
    days = {day["date"]: day for day in response.json()["days"]}
    assert len(days) == 14
    assert (days["2026-08-22"]["is_working_day"], days["2026-08-22"]["reason"]) == (True, "working_saturday")
    assert days["2026-08-22"]["reason_label"] == "Ngày làm việc bù"
    assert (days["2026-08-23"]["is_working_day"], days["2026-08-23"]["reason"]) == (False, "weekend")
    assert days["2026-08-31"] == {
        "date": "2026-08-31",
        "is_working_day": False,
        "reason": "holiday",
        "reason_label": "Ngày lễ, Tết hoặc ngày nghỉ",
        "name": "Ngày nghỉ (thay cho ngày 22/08/2026)",
    }
    assert days["2026-09-03"]["is_working_day"] is True


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        (WINDOWS, {"year": "abc"}, "year"),
        (WINDOWS, {}, "year"),
        (WINDOWS, {"year": "1800"}, "year"),
        (WINDOWS, {"year": "2026", "rule": "nope"}, "rule"),
        (DAYS, {"from": "2026-02-30", "to": "2026-03-01"}, "from"),
        (DAYS, {"from": "2026-03-01"}, "to"),
        (DAYS, {"from": "2026-03-10", "to": "2026-03-01"}, "to"),
        (DAYS, {"from": "2026-01-01", "to": "2027-06-01"}, "to"),
        (DAYS, {"from": "1900-01-01", "to": "1900-01-02"}, "from"),
    ],
)
def test_bad_parameters_answer_422_problem_details(api, path, query, field):
    response = api.get(path, query)
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert any(key == field or key.endswith(f".{field}") for key in problem["errors"]), problem


def test_a_token_is_required():
    assert Client().get(WINDOWS, {"year": "2026"}).status_code == 401
    assert Client().get(DAYS, {"from": "2026-01-01", "to": "2026-01-02"}).status_code == 401
