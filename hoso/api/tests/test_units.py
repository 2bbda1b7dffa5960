import datetime

import pytest

from hoso.accounts.tests.factories import grant
from hoso.catalogs.models import CatalogItem
from hoso.organisations import services
from hoso.organisations.enums import JobPositionCategory, OrgUnitKind
from hoso.organisations.services import Decision

pytestmark = pytest.mark.django_db

JULY_2025 = datetime.date(2025, 7, 1)


@pytest.fixture
def tree(officer):
    """UBND tỉnh > Sở Tài chính > (Phòng Tổ chức, Chi cục Văn thư); Sở Y tế ended 31/12/2025.

    The officer also inspects the whole province, so every unit is in reach.
    """
    grant(officer, "inspector")
    create = services.create_unit
    province = create(
        name="Ủy ban nhân dân tỉnh Đồng Tháp",
        kind=OrgUnitKind.PROVINCIAL_COMMITTEE,
        parent=None,
        acting_user=officer,
        agency_code="000.00.00.H20",
        valid_from=JULY_2025,
        decision=Decision("1/NQ-QH", datetime.date(2025, 6, 12), "Quốc hội"),
    )
    home = create(
        name="Sở Tài chính", kind=OrgUnitKind.DEPARTMENT, parent=province, acting_user=officer, valid_from=JULY_2025
    )
    section = create(
        name="Phòng Tổ chức", kind=OrgUnitKind.INTERNAL_SECTION, parent=home, acting_user=officer, valid_from=JULY_2025
    )
    archive = create(
        name="Chi cục Văn thư", kind=OrgUnitKind.SUB_DEPARTMENT, parent=home, acting_user=officer, valid_from=JULY_2025
    )
    health = create(
        name="Sở Y tế",
        kind=OrgUnitKind.DEPARTMENT,
        parent=province,
        acting_user=officer,
        valid_from=JULY_2025,
        valid_to=datetime.date(2025, 12, 31),
    )
    return {"province": province, "home": home, "section": section, "archive": archive, "health": health}


def names(response):
    return [row["name"] for row in response.json()["results"]]


def test_units_are_listed_in_tree_order_with_their_parent(api, tree):
    response = api.get("/api/v1/units/?page_size=100")

    assert response.status_code == 200
    body = response.json()
    home = next(row for row in body["results"] if row["name"] == "Sở Tài chính")
    assert home["parent"] == str(tree["province"].uid)
    assert home["kind"] == "DEPARTMENT"
    assert body["page"] == 1 and body["page_size"] == 100
    assert body["count"] == len(body["results"]) >= 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("so tai chinh", ["Sở Tài chính"]),
        ("TÀI CHÍNH", ["Sở Tài chính"]),
        ("van thu chi cuc", ["Chi cục Văn thư"]),
        ("dong thap", ["Ủy ban nhân dân tỉnh Đồng Tháp"]),
        ("h20", ["Ủy ban nhân dân tỉnh Đồng Tháp"]),
        ("khong co", []),
    ],
)
def test_units_are_searched_by_name_ignoring_diacritics(api, tree, query, expected):
    assert names(api.get("/api/v1/units/", {"q": query})) == expected


def test_units_are_filtered_by_kind_and_by_the_day_they_exist(api, tree):
    departments = names(api.get("/api/v1/units/", {"kind": "DEPARTMENT"}))
    assert "Sở Tài chính" in departments and "Sở Y tế" in departments and "Phòng Tổ chức" not in departments

    in_2026 = names(api.get("/api/v1/units/", {"kind": "DEPARTMENT", "active": "2026-01-01"}))
    assert "Sở Y tế" not in in_2026 and "Sở Tài chính" in in_2026


def test_the_unit_list_is_paginated(api, tree):
    first = api.get("/api/v1/units/", {"page_size": 2}).json()
    second = api.get("/api/v1/units/", {"page_size": 2, "page": 2}).json()
    beyond = api.get("/api/v1/units/", {"page_size": 2, "page": 999}).json()

    assert first["count"] == second["count"] == beyond["count"]
    assert len(first["results"]) == len(second["results"]) == 2
    assert not {r["uid"] for r in first["results"]} & {r["uid"] for r in second["results"]}
    assert beyond["results"] == []


def test_a_unit_shows_its_parent_decision_quotas_and_job_positions(api, tree, officer):
    home = tree["home"]
    services.set_staffing_quota(home, year=2026, acting_user=officer, civil_servants=40, public_employees=5)
    rank = CatalogItem.objects.get(code="01.003")
    services.create_job_position(
        unit=home,
        code="CV-TC",
        name="Chuyên viên về tổ chức bộ máy",
        category=JobPositionCategory.PROFESSIONAL,
        acting_user=officer,
        required_rank=rank,
        valid_from=JULY_2025,
    )

    response = api.get(f"/api/v1/units/{home.uid}")

    assert response.status_code == 200
    body = response.json()
    assert body["parent"] == {"uid": str(tree["province"].uid), "name": "Ủy ban nhân dân tỉnh Đồng Tháp"}
    assert body["ancestors"] == [body["parent"]]
    assert sorted(child["name"] for child in body["children"]) == ["Chi cục Văn thư", "Phòng Tổ chức"]
    assert body["valid_from"] == "2025-07-01" and body["valid_to"] is None
    assert body["staffing_quotas"] == [
        {
            "year": 2026,
            "civil_servants": 40,
            "public_employees": 5,
            "contract_workers": 0,
            "decision_number": "",
            "decision_date": None,
        }
    ]
    [position] = body["job_positions"]
    assert position["code"] == "CV-TC"
    assert position["required_rank"] == {"code": "01.003", "name": rank.name}

    province = api.get(f"/api/v1/units/{tree['province'].uid}").json()
    assert province["agency_code"] == "000.00.00.H20"
    assert province["decision"] == {"number": "1/NQ-QH", "date": "2025-06-12", "issuer": "Quốc hội"}
    assert province["parent"] is None


def test_a_subtree_is_a_flat_list_with_depth_and_parent(api, tree):
    response = api.get(f"/api/v1/units/{tree['province'].uid}/subtree")

    assert response.status_code == 200
    body = response.json()
    rows = [(row["name"], row["depth"]) for row in body["results"]]
    assert body["root"]["uid"] == str(tree["province"].uid)
    assert body["count"] == 4
    assert rows == [("Sở Tài chính", 1), ("Chi cục Văn thư", 2), ("Phòng Tổ chức", 2), ("Sở Y tế", 1)]
    by_name = {row["name"]: row for row in body["results"]}
    assert by_name["Phòng Tổ chức"]["parent"] == str(tree["home"].uid)
    assert by_name["Sở Tài chính"]["parent"] == str(tree["province"].uid)

    later = api.get(f"/api/v1/units/{tree['province'].uid}/subtree", {"active": "2026-01-01"}).json()
    assert "Sở Y tế" not in [row["name"] for row in later["results"]]


@pytest.mark.parametrize("uid", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_unit_is_a_404_problem(api, tree, uid):
    for url in (f"/api/v1/units/{uid}", f"/api/v1/units/{uid}/subtree"):
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["title"] == "Không tìm thấy"


def test_bad_unit_filters_are_422_problems(api, tree):
    response = api.get("/api/v1/units/", {"kind": "PLANET", "active": "31/02/2025", "page": "0"})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"kind", "active", "page"}
    assert errors["active"] == ["Cần một ngày hợp lệ (YYYY-MM-DD)."]
    assert errors["page"] == ["Giá trị nhỏ nhất được phép là 1."]
    assert errors["kind"][0].startswith("Chọn một trong các giá trị:")


def test_unit_queries_do_not_grow_with_the_tree(api, tree, officer, django_assert_max_num_queries):
    for index in range(10):
        services.create_unit(
            name=f"Phòng {index}", kind=OrgUnitKind.INTERNAL_SECTION, parent=tree["archive"], acting_user=officer
        )
    with django_assert_max_num_queries(7):  # 4, and the caller's rights (3)
        api.get("/api/v1/units/")
    with django_assert_max_num_queries(12):
        api.get(f"/api/v1/units/{tree['home'].uid}")
    with django_assert_max_num_queries(7):  # 4, and the caller's rights (3)
        assert api.get(f"/api/v1/units/{tree['province'].uid}/subtree").json()["count"] == 14
