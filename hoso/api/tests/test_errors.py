"""Every error is problem JSON; no input reaches the 500 handler; bad input writes nothing."""

import json
import logging
import random

import pytest

from hoso.api import reads
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.sections import PERSON_GROUPS, SECTIONS

pytestmark = pytest.mark.django_db

JSON = "application/json"
NIL = "00000000-0000-0000-0000-000000000000"

JUNK_VALUES = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    1e308,
    "",
    " ",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "😀",
    "Nguyễn Thị Hồng",
    "31/02/1985",
    "2025-13-45",
    "0000-00-00",
    "99/99/9999",
    "13/2007",
    "-1",
    "1e10",
    "NaN",
    "Infinity",
    "99999999999999999999999999",
    "<script>alert(1)</script>",
    "'; DROP TABLE people_person; --",
    NIL,
    "not-a-uuid",
    [],
    {},
    [1, "a"],
    {"nested": {"deep": [1]}},
]
JUNK_BODIES = [
    b"",
    b"{",
    b"null",
    b"[]",
    b"[1, 2]",
    b'"text"',
    b"0",
    b"true",
    b"1e999",
    b"NaN",
    b'{"a": NaN}',
    b'{"a": Infinity}',
    b"\xff\xfe\x00",
    b'{"a": "\\ud800"}',
    json.dumps({"x" * 1000: 1}).encode(),
    json.dumps({str(i): i for i in range(2000)}).encode(),
    b"{" * 5000,
]


@pytest.fixture
def change_set(api, person):
    body = api.post("/api/v1/change-sets", {"person": str(person.uid)}, content_type=JSON).json()
    return ChangeSet.objects.get(uid=body["uid"])


def field_names(spec):
    return [f.name for f in spec.fields if f.name != "photo"]


def junk_requests(change_set, row_uid):
    """(method, url, body bytes, content type) for every write endpoint and every kind of junk.

    Junk values go to every group and to one section of each model; unparseable bodies and other
    content types to one endpoint of each kind (they fail before any endpoint code runs).
    """
    base = f"/api/v1/change-sets/{change_set.uid}"
    rng = random.Random(20260101)
    one_section_per_model = {spec.model: key for key, spec in reversed(SECTIONS.items())}.values()
    targets = [("patch", f"{base}/groups/{key}", field_names(group)) for key, group in PERSON_GROUPS.items()]
    targets += [("post", f"{base}/sections/{key}/rows", field_names(SECTIONS[key])) for key in one_section_per_model]
    targets += [("put", f"{base}/sections/work_history/rows/{row_uid}", field_names(SECTIONS["work_history"]))]
    targets += [("post", "/api/v1/change-sets", ["person", "unit", "title"])]
    targets += [("post", "/api/v1/auth/token", ["username", "password"])]
    for method, url, names in targets:
        for value in JUNK_VALUES:
            yield method, url, json.dumps({name: value for name in names}).encode(), JSON
        for _ in range(5):
            body = {name: rng.choice(JUNK_VALUES) for name in rng.sample(names, k=min(len(names), 4))}
            yield method, url, json.dumps(body).encode(), JSON
    for method, url, _names in targets[:1] + targets[-4:]:
        for raw in JUNK_BODIES:
            yield method, url, raw, JSON
        yield method, url, b"phone=0912345678", "application/x-www-form-urlencoded"
        yield (
            method,
            url,
            b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--",
            "multipart/form-data; boundary=x",
        )
        yield method, url, b'{"phone": "0912345678"}', "text/plain"


def test_junk_sent_to_write_endpoints_never_reaches_the_500_handler_and_writes_nothing(api, change_set, person, caplog):
    row = api.post(
        f"/api/v1/change-sets/{change_set.uid}/sections/work_history/rows",
        {"start_date": "01/2010", "organisation": "Sở Nội vụ"},
        content_type=JSON,
    ).json()["uid"]
    versions = RecordVersion.objects.count()
    statuses: dict[int, int] = {}

    with caplog.at_level(logging.ERROR, logger="hoso.api.errors"):
        for method, url, body, content_type in junk_requests(change_set, row):
            before = ChangeSet.objects.get(pk=change_set.pk).proposed
            response = getattr(api, method)(url, body, content_type=content_type)

            assert response.status_code < 500, (method, url, body[:200], response.content[:500])
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                assert response["Content-Type"].startswith("application/problem+json"), (url, body[:200])
                problem = response.json()
                assert problem["status"] == response.status_code
                if response.status_code == 422:
                    assert problem["errors"] and all(problem["errors"].values()), (url, body[:200], problem)
                assert ChangeSet.objects.get(pk=change_set.pk).proposed == before, (url, body[:200])

    assert caplog.records == []
    assert RecordVersion.objects.count() == versions
    assert Person.objects.count() == 1
    assert statuses.get(422, 0) > 500


def test_junk_sent_to_apply_and_delete_is_ignored_or_refused(api, change_set, person):
    base = f"/api/v1/change-sets/{change_set.uid}"
    for period in ("01/2010", "06/2011"):  # overlapping: apply always refuses this change set
        api.post(f"{base}/sections/work_history/rows", {"start_date": period, "organisation": "Sở"}, content_type=JSON)
    before = ChangeSet.objects.get(pk=change_set.pk).proposed

    for raw in JUNK_BODIES + [json.dumps({"effective_at": value}).encode() for value in JUNK_VALUES]:
        apply = api.post(f"{base}/apply", raw, content_type=JSON)
        delete = api.delete(f"{base}/sections/work_history/rows/{NIL}", raw, content_type=JSON)
        assert apply.status_code == 422 and delete.status_code == 404, (raw[:100], apply.content, delete.content)

    assert ChangeSet.objects.get(pk=change_set.pk).proposed == before
    assert RecordVersion.objects.filter(person=person).count() == 1


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "a" * 201},
        {"page": "-1"},
        {"page": str(10**30)},
        {"page": "1.5"},
        {"page_size": "abc"},
        {"page_size": "0"},
        {"unit": "not-a-uuid"},
        {"unit": NIL},
        {"include_subunits": "maybe"},
        {"sort": "salary"},
        {"staff_kind": "x\x00"},
        {"rank": "r" * 41},
        {"kind": "PLANET"},
        {"active": "31/02/2025"},
        {"active": "0001-01-01"},
        {"date": "9999-12-31"},
        {"date": "0001-01-01"},
        {"date": "tomorrow"},
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/people/", "/api/v1/units/", "/as-of", "/subtree"])
def test_junk_query_parameters_get_problems_not_500s(api, person, unit, path, query):
    if path == "/as-of":
        path = f"/api/v1/people/{person.uid}/as-of"
    elif path == "/subtree":
        path = f"/api/v1/units/{unit.uid}/subtree"

    response = api.get(path, query)

    assert response.status_code in {200, 404, 422}, response.content
    if response.status_code != 200:
        assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people/%00",
        "/api/v1/people/" + "9" * 3000,
        "/api/v1/people/😀/versions/1",
        "/api/v1/change-sets/%E2%80%AE/diff",
        "/api/v1/units/../../admin/",
    ],
)
def test_junk_in_the_path_is_a_404_problem(api, url):
    response = api.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_unknown_addresses_and_methods_answer_problem_json(api):
    missing = api.get("/api/v1/nothing/here")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Không có điểm truy cập API nào tại địa chỉ này."

    no_slash = api.get("/api/v1/units")
    assert no_slash.status_code == 404
    assert "/api/v1/units/" in no_slash.json()["detail"]

    wrong_method = api.delete("/api/v1/units/")
    assert wrong_method.status_code == 405
    assert wrong_method["Content-Type"].startswith("application/problem+json")
    assert wrong_method["Allow"] == "GET"
    assert wrong_method.json()["title"] == "Phương thức không được phép"


def test_a_genuine_bug_is_logged_and_answered_as_a_500_problem(api, person, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr(reads, "change_sets_visible_to", broken)

    with caplog.at_level(logging.ERROR, logger="hoso.api.errors"):
        response = api.get(f"/api/v1/change-sets/{NIL}")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["title"] == "Lỗi máy chủ"
    assert "a bug" not in response.content.decode()
    [record] = [record for record in caplog.records if record.name == "hoso.api.errors"]
    assert record.exc_info[1].args == ("a bug",)


def test_problems_follow_the_language_of_the_request(api):
    vietnamese = api.get("/api/v1/people/", {"page_size": 0}).json()
    english = api.get("/api/v1/people/", {"page_size": 0}, HTTP_ACCEPT_LANGUAGE="en").json()

    assert vietnamese["title"] == "Dữ liệu không hợp lệ"
    assert vietnamese["errors"] == {"page_size": ["Giá trị nhỏ nhất được phép là 1."]}
    assert english["title"] == "Invalid input"
    assert english["errors"] == {"page_size": ["The smallest value allowed is 1."]}


def test_an_oversized_body_is_a_413_problem(api, change_set, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api.patch(
        f"/api/v1/change-sets/{change_set.uid}/groups/identity", {"phone": "0" * 2000}, content_type=JSON
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")
