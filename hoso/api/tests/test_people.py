import datetime

import pytest
from django.utils import timezone

from hoso.organisations import services as unit_services
from hoso.organisations.enums import OrgUnitKind
from hoso.people import selectors, services
from hoso.people.models import Person, RecordVersion
from hoso.people.sections import LAYOUT
from hoso.people.tests.factories import new_record

pytestmark = pytest.mark.django_db

STAFF = [
    ("Nguyễn Thị Hồng", "087185000123"),
    ("Trần Văn Hùng", "087085000456"),
    ("Lê Thị Hồng Nhung", "087185000789"),
    ("Nguyễn Văn An", "087085000111"),
]


def make_person(unit, user, full_name, citizen_id, gender=None):
    gender = gender or ("FEMALE" if citizen_id[3] == "1" else "MALE")
    return new_record(
        unit, user, personal={"full_name": full_name, "gender": gender}, identity={"citizen_id": citizen_id}
    )


@pytest.fixture
def staff(unit, officer):
    return {name: make_person(unit, officer, name, number) for name, number in STAFF}


def names(response):
    assert response.status_code == 200, response.content
    return [row["full_name"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi hong", ["Nguyễn Thị Hồng"]),
        ("NGUYEN", ["Nguyễn Văn An", "Nguyễn Thị Hồng"]),
        ("hong nguyen", ["Nguyễn Thị Hồng"]),
        ("hồng", ["Nguyễn Thị Hồng", "Lê Thị Hồng Nhung"]),
        ("087185", []),  # the ID number is encrypted: only all 12 digits find it, through its blind index
        ("087185000789", ["Lê Thị Hồng Nhung"]),
        ("087 085 000456", ["Trần Văn Hùng"]),
        ("phuong", []),
    ],
)
def test_people_are_searched_ignoring_diacritics_word_order_and_by_whole_id_number(api, staff, query, expected):
    assert names(api.get("/api/v1/people/", {"q": query})) == expected


def test_the_list_item_masks_the_id_number_and_names_unit_and_catalogs(api, staff, unit):
    response = api.get("/api/v1/people/", {"q": "nguyen thi hong"})

    [row] = response.json()["results"]
    assert row == {
        "uid": str(staff["Nguyễn Thị Hồng"].uid),
        "full_name": "Nguyễn Thị Hồng",
        "gender": "FEMALE",
        "date_of_birth": "1985-03-15",
        "citizen_id": "087******123",
        "unit": {"uid": str(unit.uid), "name": unit.name},
        "staff_kind": {"code": "CONG_CHUC", "name": row["staff_kind"]["name"]},
        "employment_status": {"code": "DANG_CONG_TAC", "name": row["employment_status"]["name"]},
        "rank": {"code": "01.003", "name": row["rank"]["name"]},
    }
    assert b"087185000123" not in response.content


def test_the_list_is_in_vietnamese_name_order_and_sortable(api, staff):
    assert names(api.get("/api/v1/people/")) == [
        "Nguyễn Văn An",
        "Nguyễn Thị Hồng",
        "Trần Văn Hùng",
        "Lê Thị Hồng Nhung",
    ]
    assert names(api.get("/api/v1/people/", {"sort": "-name"}))[0] == "Lê Thị Hồng Nhung"


def test_the_list_is_paginated(api, staff):
    first = api.get("/api/v1/people/", {"page_size": 3}).json()
    second = api.get("/api/v1/people/", {"page_size": 3, "page": 2}).json()

    assert (first["count"], first["page"], first["page_size"], len(first["results"])) == (4, 1, 3, 3)
    assert (second["page"], len(second["results"])) == (2, 1)
    assert api.get("/api/v1/people/", {"page": 50}).json()["results"] == []


def test_page_size_is_at_most_100(api, staff):
    assert api.get("/api/v1/people/", {"page_size": 100}).status_code == 200

    response = api.get("/api/v1/people/", {"page_size": 101})

    assert response.status_code == 422
    assert response.json()["errors"] == {"page_size": ["Giá trị lớn nhất được phép là 100."]}


def test_people_are_filtered_by_unit_with_or_without_sub_units(api, officer, unit):
    sub = unit_services.create_unit(
        name="Phòng Tổ chức", kind=OrgUnitKind.INTERNAL_SECTION, parent=unit, acting_user=officer
    )
    make_person(unit, officer, "Nguyễn Thị Hồng", "087185000123")
    make_person(sub, officer, "Trần Văn Hùng", "087085000456")

    assert names(api.get("/api/v1/people/", {"unit": str(unit.uid)})) == ["Nguyễn Thị Hồng", "Trần Văn Hùng"]
    assert names(api.get("/api/v1/people/", {"unit": str(unit.uid), "include_subunits": "false"})) == [
        "Nguyễn Thị Hồng"
    ]
    assert names(api.get("/api/v1/people/", {"unit": str(sub.uid)})) == ["Trần Văn Hùng"]
    assert names(api.get("/api/v1/people/", {"staff_kind": "CONG_CHUC", "status": "DANG_CONG_TAC"})) == [
        "Nguyễn Thị Hồng",
        "Trần Văn Hùng",
    ]
    assert names(api.get("/api/v1/people/", {"rank": "01.002"})) == []

    unknown = api.get("/api/v1/people/", {"unit": "00000000-0000-0000-0000-000000000000"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {"unit": ["Không có đơn vị nào với mã định danh này."]}


def test_the_list_takes_the_same_number_of_queries_for_1_or_30_people(
    api, unit, officer, django_assert_max_num_queries
):
    make_person(unit, officer, "Nguyễn Thị Hồng", "087185000123")
    api.get("/api/v1/people/")  # the token's first use is recorded once
    # token, the caller's rights (roles, delegations, written consent), count, page
    # ... and the ids of the units in the caller's subtree
    with django_assert_max_num_queries(7) as one:
        api.get("/api/v1/people/")
    for index in range(29):
        make_person(unit, officer, f"Nguyễn Văn Số {index}", f"087085{index:06d}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(api.get("/api/v1/people/").json()["results"]) == 30
    # the unit, and the search's audit entry (the last entry's hash, then the insert, in a savepoint)
    with django_assert_max_num_queries(len(one.captured_queries) + 5):
        assert api.get("/api/v1/people/", {"unit": str(unit.uid), "q": "nguyen"}).json()["count"] == 30


def test_the_record_is_the_current_version_laid_out_by_the_registry(api, staff, unit):
    person = staff["Nguyễn Thị Hồng"]

    response = api.get(f"/api/v1/people/{person.uid}")

    assert response.status_code == 200
    body = response.json()
    version = RecordVersion.objects.get(person=person, number=1)
    assert (body["uid"], body["version"], body["content_hash"]) == (str(person.uid), 1, version.content_hash)
    assert [part["key"] for part in body["parts"]] == [part.key for part in LAYOUT]
    identity = next(part for part in body["parts"] if part["key"] == "identity")
    assert identity["is_section"] is False and identity["items"] == "8–12"
    citizen_id = next(field for field in identity["fields"] if field["name"] == "citizen_id")
    assert citizen_id["value"] == "087185000123"  # in full on the record itself
    assert citizen_id["item"] == "8" and citizen_id["restriction"] == 1
    personal = next(part for part in body["parts"] if part["key"] == "personal")
    fields = {field["name"]: field for field in personal["fields"]}
    assert fields["date_of_birth"]["value"] == "1985-03-15"
    assert fields["date_of_birth"]["display"] == "15/03/1985"
    assert fields["ethnicity"]["value"] == "01" and fields["ethnicity"]["display"]
    header = next(part for part in body["parts"] if part["key"] == "header")
    employing = next(field for field in header["fields"] if field["name"] == "employing_unit")
    assert employing["display"] == unit.name
    work = next(part for part in body["parts"] if part["key"] == "work_history")
    assert work["is_section"] is True and work["rows"] == []


def test_catalog_values_are_named_from_their_own_catalog(api, staff):
    body = api.get(f"/api/v1/people/{staff['Nguyễn Thị Hồng'].uid}").json()
    personal = next(part for part in body["parts"] if part["key"] == "personal")
    fields = {field["name"]: field for field in personal["fields"]}

    assert (fields["ethnicity"]["value"], fields["ethnicity"]["display"]) == ("01", "Kinh")


def add_work_history(person, officer, periods):
    change_set = services.start_change_set(person=person, acting_user=officer)
    for start, end in periods:
        services.save_section_row(
            change_set=change_set,
            section_key="work_history",
            row_uid=None,
            acting_user=officer,
            data={
                "start_date": start,
                "end_date": end,
                "organisation": f"Sở Nội vụ {start}",
                "unit": str(person.employing_unit.uid),
            },
        )
    change_set.refresh_from_db()
    return services.apply_change_set(change_set=change_set, acting_user=officer)


def test_the_record_takes_the_same_number_of_queries_however_many_rows(
    api, staff, officer, django_assert_max_num_queries
):
    person = staff["Nguyễn Thị Hồng"]
    api.get("/api/v1/people/")  # the token's first use is recorded once
    with django_assert_max_num_queries(11) as few:  # 8, and the caller's rights (3)
        api.get(f"/api/v1/people/{person.uid}")
    add_work_history(person, officer, [(f"01/{2005 + i}", f"12/{2005 + i}") for i in range(15)])

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = api.get(f"/api/v1/people/{person.uid}").json()
    work = next(part for part in body["parts"] if part["key"] == "work_history")
    assert len(work["rows"]) == 15
    start = work["rows"][0]["fields"][0]
    assert start.pop("label")
    assert start == {"name": "start_date", "item": "33", "value": "2005-01-01", "display": "01/2005", "restriction": 0}
    assert body["version"] == 2


def test_versions_are_listed_and_each_can_be_read(api, staff, officer):
    person = staff["Trần Văn Hùng"]
    add_work_history(person, officer, [("01/2010", "12/2015")])

    listing = api.get(f"/api/v1/people/{person.uid}/versions").json()
    assert [v["number"] for v in listing["results"]] == [2, 1]
    assert listing["results"][0]["created_by"] == "officer"

    first = api.get(f"/api/v1/people/{person.uid}/versions/1").json()
    work = next(part for part in first["parts"] if part["key"] == "work_history")
    assert first["version"] == 1 and work["rows"] == []
    second = api.get(f"/api/v1/people/{person.uid}/versions/2").json()
    assert len(next(part for part in second["parts"] if part["key"] == "work_history")["rows"]) == 1

    assert api.get(f"/api/v1/people/{person.uid}/versions/3").status_code == 404
    assert api.get(f"/api/v1/people/{person.uid}/versions/0").status_code == 422
    assert api.get(f"/api/v1/people/{person.uid}/versions/99999999999999999999").status_code == 422


def test_the_record_as_of_a_date_is_the_version_then_in_force(api, staff, officer):
    person = staff["Trần Văn Hùng"]
    RecordVersion.objects.filter(person=person).update(effective_at=timezone.make_aware(datetime.datetime(2025, 1, 1)))
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087085000456", "phone": "0987654321"},
    )
    services.apply_change_set(
        change_set=change_set, acting_user=officer, effective_at=timezone.make_aware(datetime.datetime(2026, 1, 1))
    )

    def phone_on(day):
        body = api.get(f"/api/v1/people/{person.uid}/as-of", {"date": day}).json()
        identity = next(part for part in body["parts"] if part["key"] == "identity")
        return body["version"], next(f["value"] for f in identity["fields"] if f["name"] == "phone")

    assert phone_on("2025-06-01") == (1, "0912345678")
    assert phone_on("2026-06-01") == (2, "0987654321")
    before = api.get(f"/api/v1/people/{person.uid}/as-of", {"date": "2024-12-31"})
    assert before.status_code == 404
    assert before.json()["detail"] == "Không có phiên bản nào của hồ sơ có hiệu lực vào ngày 31/12/2024."
    missing = api.get(f"/api/v1/people/{person.uid}/as-of")
    assert missing.status_code == 422 and missing.json()["errors"] == {"date": ["Trường này là bắt buộc."]}
    assert api.get(f"/api/v1/people/{person.uid}/as-of", {"date": "31/02/2025"}).status_code == 422


@pytest.mark.parametrize("suffix", ["", "/versions", "/versions/1", "/as-of?date=2030-01-01"])
def test_unknown_and_out_of_scope_people_are_404_problems(api, staff, monkeypatch, suffix):
    person = staff["Nguyễn Thị Hồng"]
    for uid in ("nonsense", "00000000-0000-0000-0000-000000000000"):
        response = api.get(f"/api/v1/people/{uid}{suffix}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")

    assert api.get(f"/api/v1/people/{person.uid}{suffix}").status_code == 200
    monkeypatch.setattr(selectors, "people_visible_to", lambda user: Person.objects.exclude(pk=person.pk))
    assert api.get(f"/api/v1/people/{person.uid}{suffix}").status_code == 404
    assert api.get("/api/v1/people/").json()["count"] == len(STAFF) - 1
