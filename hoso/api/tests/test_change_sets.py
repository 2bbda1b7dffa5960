import pytest
from django.test import Client

from hoso.api.auth import issue_token
from hoso.approvals.tests.support import approvals_ready, credential  # noqa: F401 (a fixture)
from hoso.people import services
from hoso.people.models import ChangeSet, Person, RecordVersion, WorkHistoryEntry
from hoso.people.tests.factories import IDENTITY, PERSONAL, SALARY, make_unit, make_user

pytestmark = pytest.mark.django_db

JSON = "application/json"


def start(api, **body):
    response = api.post("/api/v1/change-sets", body, content_type=JSON)
    assert response.status_code == 201, response.content
    return response.json()


def patch(api, change_set_uid, group, data):
    return api.patch(f"/api/v1/change-sets/{change_set_uid}/groups/{group}", data, content_type=JSON)


def add_row(api, change_set_uid, section, data):
    return api.post(f"/api/v1/change-sets/{change_set_uid}/sections/{section}/rows", data, content_type=JSON)


def submit(api, change_set_uid):
    """Submit through the workflow: the officer checks changes, so it goes straight to the approver."""
    return api.post(f"/api/v1/approvals/change-sets/{change_set_uid}/submit", {"confirmed": True}, content_type=JSON)


def proposed(uid):
    return ChangeSet.objects.get(uid=uid).proposed


def assert_problem(response, status, type_uri=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and "detail" in body
    if type_uri:
        assert body["type"] == type_uri
    return body


def test_a_change_set_is_started_from_the_current_version(api, person, unit):
    body = start(api, person=str(person.uid), title="Cập nhật số điện thoại")

    assert body["status"] == "DRAFT"
    assert body["base_version"] == 1
    assert body["person"] == str(person.uid) and body["unit"] == str(unit.uid)
    assert body["title"] == "Cập nhật số điện thoại"
    assert body["proposed"] == RecordVersion.objects.get(person=person).snapshot
    assert api.get(f"/api/v1/change-sets/{body['uid']}").json() == body


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({}, {"person": ["Chỉ ghi một trong hai: người (để sửa hồ sơ) hoặc đơn vị (để tạo hồ sơ mới)."]}),
        ({"person": "x"}, {"person": ["Cần một mã định danh (UUID) hợp lệ."]}),
        ({"person": "00000000-0000-0000-0000-000000000000"}, {"person": ["Không có hồ sơ nào với mã định danh này."]}),
        ({"unit": "00000000-0000-0000-0000-000000000000"}, {"unit": ["Không có đơn vị nào với mã định danh này."]}),
        ({"unit": None, "title": 5}, {"title": ["Cần nhập văn bản."]}),
        ({"person": None, "colour": "red"}, {"colour": ["Trường không có trong phần này."]}),
    ],
)
def test_a_change_set_needs_a_known_person_or_unit(api, person, payload, errors):
    response = api.post("/api/v1/change-sets", payload, content_type=JSON)

    body = assert_problem(response, 422, "https://hoso.invalid/problems/validation")
    assert body["errors"] == errors
    assert ChangeSet.objects.count() == 1  # the one that created the record


def test_patching_a_group_changes_only_the_fields_sent(api, person):
    change_set = start(api, person=str(person.uid))

    response = patch(api, change_set["uid"], "identity", {"phone": "0987654321", "email": "hong@dongthap.gov.vn"})

    assert response.status_code == 200, response.content
    values = response.json()["proposed"]["person"]
    assert (values["phone"], values["email"], values["citizen_id"]) == (
        "0987654321",
        "hong@dongthap.gov.vn",
        "087185000123",
    )
    assert values["citizen_id_issue_date"] == "2021-05-10"
    assert proposed(change_set["uid"])["person"]["phone"] == "0987654321"

    cleared = patch(api, change_set["uid"], "identity", {"email": None}).json()["proposed"]["person"]
    assert cleared["email"] == "" and cleared["phone"] == "0987654321"


def test_a_bad_id_number_is_a_422_on_its_field_and_writes_nothing(api, person):
    change_set = start(api, person=str(person.uid))
    before = proposed(change_set["uid"])

    response = patch(api, change_set["uid"], "identity", {"citizen_id": "0871850001"})

    body = assert_problem(response, 422, "https://hoso.invalid/problems/validation")
    assert list(body["errors"]) == ["person.citizen_id"]
    assert "12" in body["errors"]["person.citizen_id"][0]
    assert proposed(change_set["uid"]) == before


def test_an_unknown_code_and_an_impossible_date_get_messages_in_vietnamese(api, person):
    change_set = start(api, person=str(person.uid))
    before = proposed(change_set["uid"])

    response = patch(
        api, change_set["uid"], "personal", {"ethnicity": "99", "date_of_birth": "31/02/1985", "full_name": ""}
    )

    errors = assert_problem(response, 422)["errors"]
    assert set(errors) == {"person.ethnicity", "person.date_of_birth", "person.full_name"}
    assert "99" in errors["person.ethnicity"][0]
    assert errors["person.date_of_birth"] == ["Nhập một ngày hợp lệ."]
    assert errors["person.full_name"] == ["Trường này là bắt buộc."]
    assert proposed(change_set["uid"]) == before


def test_dates_are_accepted_as_dd_mm_yyyy_or_iso(api, person):
    change_set = start(api, person=str(person.uid))

    for typed in ("16/03/1985", "1985-03-16"):
        response = patch(api, change_set["uid"], "personal", {"date_of_birth": typed})
        assert response.status_code == 200, response.content
        assert response.json()["proposed"]["person"]["date_of_birth"] == "1985-03-16"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"nickname": "Hồng"}, {"person.nickname": ["Trường không có trong phần này."]}),
        ({"photo": "x.jpg"}, {"person.photo": ["Trường không có trong phần này."]}),
        ({"phone": ["0912345678"]}, {"person.phone": ["Cần một giá trị đơn, không phải danh sách hay đối tượng."]}),
        ({"phone": {"mobile": "1"}}, {"person.phone": ["Cần một giá trị đơn, không phải danh sách hay đối tượng."]}),
        ({"phone": "09\x0012"}, {"person.phone": ["Văn bản không được chứa ký tự null."]}),
    ],
)
def test_unknown_fields_and_non_scalar_values_are_refused(api, person, data, errors):
    change_set = start(api, person=str(person.uid))
    before = proposed(change_set["uid"])

    assert assert_problem(patch(api, change_set["uid"], "identity", data), 422)["errors"] == errors
    assert proposed(change_set["uid"]) == before


def test_unknown_groups_sections_rows_and_change_sets_are_404(api, person):
    change_set = start(api, person=str(person.uid))
    base = f"/api/v1/change-sets/{change_set['uid']}"

    assert_problem(patch(api, change_set["uid"], "nonsense", {}), 404)
    assert_problem(add_row(api, change_set["uid"], "nonsense", {}), 404)
    assert_problem(api.put(f"{base}/sections/work_history/rows/nope", {}, content_type=JSON), 404)
    assert_problem(api.delete(f"{base}/sections/work_history/rows/nope"), 404)
    for uid in ("nope", "00000000-0000-0000-0000-000000000000"):
        assert_problem(api.get(f"/api/v1/change-sets/{uid}"), 404)
        assert_problem(api.post(f"/api/v1/change-sets/{uid}/apply"), 404)


def test_change_sets_of_records_out_of_scope_are_404(api, person):
    change_set = start(api, person=str(person.uid))
    raw, _token = issue_token(user=make_user("officer_b", make_unit("Sở Tài chính")))
    outsider = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert_problem(outsider.get(f"/api/v1/change-sets/{change_set['uid']}"), 404)
    assert_problem(patch(outsider, change_set["uid"], "identity", {"phone": "0987654321"}), 404)
    assert_problem(outsider.post(f"/api/v1/change-sets/{change_set['uid']}/apply"), 404)
    assert proposed(change_set["uid"])["person"]["phone"] == "0912345678"


def test_rows_are_added_replaced_and_removed(api, person):
    change_set = start(api, person=str(person.uid))
    base = f"/api/v1/change-sets/{change_set['uid']}/sections/work_history/rows"

    added = add_row(
        api,
        change_set["uid"],
        "work_history",
        {"start_date": "09/2007", "end_date": "12/2015", "organisation": "UBND huyện Tháp Mười"},
    )
    assert added.status_code == 201, added.content
    row_uid = added.json()["uid"]
    assert added.json()["row"]["start_date"] == "2007-09-01"
    assert added.json()["section"] == "work_history"

    replaced = api.put(
        f"{base}/{row_uid}",
        {
            "start_date": "09/2007",
            "end_date": "12/2015",
            "organisation": "UBND huyện Tháp Mười",
            "title": "Chuyên viên",
            "is_concurrent": False,
        },
        content_type=JSON,
    )
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["uid"] == row_uid and replaced.json()["row"]["title"] == "Chuyên viên"
    [row] = proposed(change_set["uid"])["sections"]["work_history"]
    assert (row["uid"], row["title"]) == (row_uid, "Chuyên viên")

    assert api.delete(f"{base}/{row_uid}").status_code == 204
    assert proposed(change_set["uid"])["sections"]["work_history"] == []
    assert_problem(api.delete(f"{base}/{row_uid}"), 404)


def test_an_invalid_row_is_a_422_on_its_fields_and_writes_nothing(api, person):
    change_set = start(api, person=str(person.uid))

    response = add_row(api, change_set["uid"], "work_history", {"start_date": "13/2007", "organisation": ""})

    errors = assert_problem(response, 422)["errors"]
    assert errors["work_history.new.organisation"] == ["Trường này là bắt buộc."]
    assert set(errors) == {"work_history.new.start_date", "work_history.new.organisation"}
    assert proposed(change_set["uid"])["sections"]["work_history"] == []


def test_the_diff_shows_what_the_change_set_changes(api, person):
    change_set = start(api, person=str(person.uid))
    patch(api, change_set["uid"], "identity", {"phone": "0987654321"})
    add_row(api, change_set["uid"], "work_history", {"start_date": "01/2016", "organisation": "Sở Nội vụ"})

    response = api.get(f"/api/v1/change-sets/{change_set['uid']}/diff")

    assert response.status_code == 200
    parts = {part["key"]: part for part in response.json()}
    assert [(f["name"], f["old"], f["new"]) for f in parts["identity"]["fields"]] == [
        ("phone", "0912345678", "0987654321")
    ]
    assert [row["change"] for row in parts["work_history"]["rows"]] == ["added"]
    assert response.json() == services.diff_change_set(ChangeSet.objects.get(uid=change_set["uid"])).as_json()


@pytest.mark.usefixtures("approvals_ready")
def test_apply_makes_the_next_version(api, person, officer):
    credential(officer)
    change_set = start(api, person=str(person.uid))
    patch(api, change_set["uid"], "identity", {"phone": "0987654321"})
    assert submit(api, change_set["uid"]).status_code == 200

    response = api.post(f"/api/v1/change-sets/{change_set['uid']}/apply")

    assert response.status_code == 200, response.content
    body = response.json()
    version = RecordVersion.objects.get(person=person, number=2)
    assert body["version"] == 2 and body["content_hash"] == version.content_hash
    assert body["person"] == str(person.uid)
    person.refresh_from_db()
    assert person.phone == "0987654321"
    assert api.get(f"/api/v1/change-sets/{change_set['uid']}").json()["status"] == "APPLIED"


@pytest.mark.usefixtures("approvals_ready")
def test_overlapping_work_periods_block_submitting_and_nothing_is_written(api, person):
    change_set = start(api, person=str(person.uid))
    for period in ({"start_date": "01/2010", "end_date": "12/2015"}, {"start_date": "06/2015", "end_date": ""}):
        assert (
            add_row(api, change_set["uid"], "work_history", {**period, "organisation": "Sở Nội vụ"}).status_code == 201
        )

    response = submit(api, change_set["uid"])

    errors = assert_problem(response, 422, "https://hoso.invalid/problems/validation")["errors"]
    assert any(key.startswith("work_history.") and key.endswith(".start_date") for key in errors)
    person.refresh_from_db()
    assert person.current_version == 1
    assert not WorkHistoryEntry.objects.filter(person=person).exists()
    assert ChangeSet.objects.get(uid=change_set["uid"]).status == "DRAFT"


@pytest.mark.usefixtures("approvals_ready")
def test_a_stale_change_set_is_a_409_and_writes_nothing(api, person, officer):
    credential(officer)
    early = start(api, person=str(person.uid))
    late = start(api, person=str(person.uid))
    patch(api, early["uid"], "identity", {"phone": "0900000000"})
    patch(api, late["uid"], "identity", {"phone": "0987654321"})
    assert submit(api, early["uid"]).status_code == submit(api, late["uid"]).status_code == 200
    assert api.post(f"/api/v1/change-sets/{late['uid']}/apply").status_code == 200

    response = api.post(f"/api/v1/change-sets/{early['uid']}/apply")

    body = assert_problem(response, 409, "https://hoso.invalid/problems/stale-change-set")
    assert "2" in body["detail"] and "1" in body["detail"]
    person.refresh_from_db()
    assert (person.current_version, person.phone) == (2, "0987654321")


@pytest.mark.usefixtures("approvals_ready")
def test_an_applied_change_set_can_no_longer_be_edited_or_applied(api, person, officer):
    credential(officer)
    change_set = start(api, person=str(person.uid))
    patch(api, change_set["uid"], "identity", {"phone": "0911111111"})
    submit(api, change_set["uid"])
    assert api.post(f"/api/v1/change-sets/{change_set['uid']}/apply").status_code == 200
    base = f"/api/v1/change-sets/{change_set['uid']}"

    for response in (
        patch(api, change_set["uid"], "identity", {"phone": "0987654321"}),
        add_row(api, change_set["uid"], "work_history", {"start_date": "01/2016", "organisation": "Sở Nội vụ"}),
        api.post(f"{base}/apply"),
    ):
        assert_problem(response, 409, "https://hoso.invalid/problems/change-set-not-editable")
    assert RecordVersion.objects.filter(person=person).count() == 2


@pytest.mark.usefixtures("approvals_ready")
def test_a_new_record_is_written_through_the_api(api, unit, officer):
    credential(officer)
    change_set = start(api, unit=str(unit.uid))
    assert change_set["person"] is None and change_set["base_version"] == 0
    header = {
        "employing_unit": str(unit.uid),
        "managing_unit": str(unit.uid),
        "staff_kind": "CONG_CHUC",
        "employment_status": "DANG_CONG_TAC",
    }
    for group, data in (("header", header), ("personal", PERSONAL), ("identity", IDENTITY), ("salary", SALARY)):
        response = patch(api, change_set["uid"], group, data)
        assert response.status_code == 200, response.content
    assert submit(api, change_set["uid"]).status_code == 200

    response = api.post(f"/api/v1/change-sets/{change_set['uid']}/apply")

    assert response.status_code == 200, response.content
    person = Person.objects.get(uid=response.json()["person"])
    assert (person.full_name, person.current_version, person.rank.code) == ("Nguyễn Thị Hồng Nhung", 1, "01.003")
    assert api.get(f"/api/v1/change-sets/{change_set['uid']}").json()["person"] == str(person.uid)
    assert api.get(f"/api/v1/people/{person.uid}").json()["version"] == 1
