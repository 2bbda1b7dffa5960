import datetime
import uuid

import pytest
from django.urls import reverse

from hoso.accounts.tests.factories import UserFactory, grant
from hoso.organisations import services
from hoso.organisations.enums import JobPositionCategory, OrgUnitKind
from hoso.organisations.models import OrgUnit
from hoso.organisations.services import Decision
from hoso.organisations.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

# session, user, the user's unit (page header), the user's rights (roles, delegations, written consent), then the
# page's own reads
TREE_PAGE_QUERIES = 7
DETAIL_PAGE_QUERIES = 13


@pytest.fixture
def officer_client(client):  # type: ignore[no-untyped-def]
    user = UserFactory(full_name="Trần Văn Bình")
    grant(user, "inspector")  # reads the whole province
    client.force_login(user)
    return client


def content(response) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in text
    return text


def add_units(parent: OrgUnit, count: int) -> None:
    for number in range(count):
        child = OrgUnitFactory(name=f"Phòng số {number}", parent=parent, kind=OrgUnitKind.INTERNAL_SECTION)
        OrgUnitFactory(name=f"Tổ {number}", parent=child, kind=OrgUnitKind.INTERNAL_SECTION)


@pytest.mark.parametrize(
    "url",
    ["/", "/units/7d1f2c3e-9b4a-4c1e-8f0a-2b6d5e4c3a21/", "/units/7d1f2c3e-9b4a-4c1e-8f0a-2b6d5e4c3a21/children/"],
)
def test_pages_need_a_signed_in_user(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_tree_page_shows_the_tree_in_vietnamese(officer_client, django_assert_max_num_queries):
    province = OrgUnitFactory(province=True)
    department = OrgUnitFactory(name="Sở Nội vụ", parent=province, agency_code="000.00.02.H20")
    OrgUnitFactory(name="Ủy ban nhân dân huyện Cao Lãnh", parent=province, district=True)
    add_units(department, 3)

    with django_assert_max_num_queries(TREE_PAGE_QUERIES):
        response = officer_client.get(reverse("organisations:home"))

    assert response.status_code == 200
    text = content(response)
    assert '<html lang="vi"' in text
    assert "Cơ quan, đơn vị" in text
    assert "Tỉnh Đồng Tháp" in text
    assert "Trần Văn Bình" in text
    assert f'href="{reverse("organisations:unit_detail", args=[department.uid])}"' in text
    assert "000.00.02.H20" in text
    assert "Ủy ban nhân dân tỉnh" in text  # the kind's label
    assert "Cao Lãnh" not in text  # ended: hidden by default
    assert "8 đơn vị" in text


def test_tree_page_query_count_does_not_grow_with_the_tree(officer_client, django_assert_max_num_queries):
    province = OrgUnitFactory(province=True)
    add_units(province, 60)

    with django_assert_max_num_queries(TREE_PAGE_QUERIES):
        response = officer_client.get(reverse("organisations:home"))

    text = content(response)
    assert text.count('class="hoso-tree-item"') == 1 + 60  # deeper levels load when opened
    assert text.count('hx-trigger="click once"') == 60
    assert "121 đơn vị" in text


def test_tree_children_are_loaded_when_a_unit_is_opened(officer_client, django_assert_max_num_queries):
    province = OrgUnitFactory(province=True)
    department = OrgUnitFactory(name="Sở Nội vụ", parent=province)
    add_units(department, 30)
    OrgUnitFactory(name="Phòng đã giải thể", parent=department, ended=True)
    url = reverse("organisations:unit_children", args=[department.uid])

    with django_assert_max_num_queries(TREE_PAGE_QUERIES):
        response = officer_client.get(url, headers={"HX-Request": "true"})

    text = content(response)
    assert text.count('class="hoso-tree-item"') == 30
    assert "Phòng số 0" in text and "Tổ 0" not in text
    assert text.count('hx-trigger="click once"') == 30
    assert "Phòng đã giải thể" not in text
    assert "Phòng đã giải thể" in content(officer_client.get(url, {"ended": "1"}))


def test_tree_page_with_ended_units_shows_when_they_ended(officer_client):
    province = OrgUnitFactory(province=True)
    OrgUnitFactory(name="Ủy ban nhân dân huyện Cao Lãnh", parent=province, district=True)

    response = officer_client.get(reverse("organisations:home"), {"ended": "1"})

    text = content(response)
    assert "Ủy ban nhân dân huyện Cao Lãnh" in text
    assert "Đã giải thể/sáp nhập từ 01/07/2025" in text


def test_tree_search_ignores_diacritics_and_htmx_gets_only_the_tree(officer_client):
    province = OrgUnitFactory(province=True)
    OrgUnitFactory(name="Sở Nội vụ", parent=province)
    OrgUnitFactory(name="Sở Tài chính", parent=province)

    response = officer_client.get(reverse("organisations:home"), {"q": "so noi vu"}, headers={"HX-Request": "true"})

    text = content(response)
    assert "<html" not in text
    assert "Sở Nội vụ" in text
    assert "Sở Tài chính" not in text
    assert "2 đơn vị phù hợp với “so noi vu”" in text


def test_tree_page_says_when_nothing_matches(officer_client):
    OrgUnitFactory(province=True)

    response = officer_client.get(reverse("organisations:home"), {"q": "không có"})

    assert "Không có đơn vị nào phù hợp với “không có”." in content(response)


@pytest.fixture
def department() -> OrgUnit:
    """Sở Nội vụ with sub-units, quotas, job positions and a history."""
    province = OrgUnitFactory(province=True)
    unit = services.create_unit(
        name="Sở Nội vụ",
        kind=OrgUnitKind.DEPARTMENT,
        parent=province,
        agency_code="000.00.02.H20",
        valid_from=datetime.date(2008, 4, 1),
        decision=Decision("1043/QĐ-UBND", datetime.date(2008, 3, 20), "UBND tỉnh Đồng Tháp"),
        acting_user=None,
    )
    services.rename_unit(
        unit, name="Sở Nội vụ tỉnh Đồng Tháp", effective_date=datetime.date(2025, 3, 1), acting_user=None
    )
    services.set_staffing_quota(unit, year=2026, civil_servants=64, public_employees=12, acting_user=None)
    services.create_job_position(
        unit=unit,
        code="CM-05",
        name="Chuyên viên về công chức",
        category=JobPositionCategory.PROFESSIONAL,
        acting_user=None,
    )
    return OrgUnit.objects.get(pk=unit.pk)


def test_detail_page_shows_the_unit(officer_client, department, django_assert_max_num_queries):
    OrgUnitFactory(name="Văn phòng Sở", parent=department, kind=OrgUnitKind.INTERNAL_SECTION)

    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        response = officer_client.get(reverse("organisations:unit_detail", args=[department.uid]))

    assert response.status_code == 200
    text = content(response)
    assert "Sở Nội vụ tỉnh Đồng Tháp" in text
    assert "Thông tin chung" in text
    assert "000.00.02.H20" in text
    assert "01/04/2008" in text
    assert "Quyết định số 1043/QĐ-UBND ngày 20/03/2008 của UBND tỉnh Đồng Tháp" in text
    assert 'class="breadcrumb-item"><a href="/units/' in text
    assert "UBND tỉnh" in text  # the parent's short name in the breadcrumbs
    assert "Văn phòng Sở" in text
    assert "76" in text  # quota total
    assert "Chuyên viên về công chức" in text
    assert "Đổi tên từ “Sở Nội vụ” thành “Sở Nội vụ tỉnh Đồng Tháp”" in text
    assert "Đang hoạt động" in text


def test_detail_page_query_count_does_not_grow_with_children_and_history(
    officer_client, department, django_assert_max_num_queries
):
    add_units(department, 25)
    for year in range(2010, 2026):
        services.set_staffing_quota(department, year=year, civil_servants=year - 1990, acting_user=None)
    for number in range(10):
        services.create_job_position(
            unit=department, code=f"HT-{number}", name="Văn thư", category=JobPositionCategory.SUPPORT, acting_user=None
        )
    other = OrgUnitFactory(name="Sở Tài chính", parent=department.parent)
    for number in range(5):
        services.move_unit(
            OrgUnit.objects.get(name=f"Phòng số {number}"),
            new_parent=other,
            effective_date=datetime.date(2025, 3, 1),
            acting_user=None,
        )

    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        response = officer_client.get(reverse("organisations:unit_detail", args=[department.uid]))

    assert response.status_code == 200
    content(response)


def test_detail_page_of_an_ended_unit(officer_client, department):
    closed = OrgUnitFactory(name="Ủy ban nhân dân huyện Cao Lãnh", parent=department.parent, district=True)
    OrgUnit.objects.filter(pk=closed.pk).update(successor=department)

    response = officer_client.get(reverse("organisations:unit_detail", args=[closed.uid]))

    text = content(response)
    assert "Đã giải thể/sáp nhập từ 01/07/2025" in text
    assert "Đơn vị này không còn hoạt động" in text
    assert f'href="{reverse("organisations:unit_detail", args=[department.uid])}"' in text


def test_detail_page_of_an_unknown_unit_is_404(officer_client):
    response = officer_client.get(reverse("organisations:unit_detail", args=[uuid.uuid4()]))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in content(response)


def test_pages_in_english(officer_client, department):
    officer_client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = officer_client.get(reverse("organisations:unit_detail", args=[department.uid]))

    text = content(response)
    assert '<html lang="en"' in text
    assert "General information" in text
