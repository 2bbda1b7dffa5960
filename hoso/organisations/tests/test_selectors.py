import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from hoso.accounts.tests.factories import UserFactory, grant
from hoso.organisations import selectors, services
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import OrgUnit
from hoso.organisations.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

DEPARTMENTS, SUBUNITS, SECTIONS = 20, 10, 9  # 1 + 20 + 200 + 1,800 = 2,021 units
ENDED = datetime.date(2024, 12, 31)


def new_unit(**fields: object) -> OrgUnit:
    unit = OrgUnit(**fields)
    unit.search_text = unit.build_search_text()
    return unit


@pytest.fixture
def big_tree() -> OrgUnit:
    """A province of 2,021 units, bulk-created as the demo generator does; the last section of
    every sub-unit ended on 31/12/2024."""
    root = OrgUnit.objects.bulk_create([new_unit(name="Ủy ban nhân dân tỉnh", kind=OrgUnitKind.PROVINCIAL_COMMITTEE)])[
        0
    ]
    departments = OrgUnit.objects.bulk_create(
        [new_unit(name=f"Sở số {d}", kind=OrgUnitKind.DEPARTMENT, parent=root) for d in range(DEPARTMENTS)]
    )
    subunits = OrgUnit.objects.bulk_create(
        [
            new_unit(name=f"Chi cục {d}.{s}", kind=OrgUnitKind.SUB_DEPARTMENT, parent=department)
            for d, department in enumerate(departments)
            for s in range(SUBUNITS)
        ]
    )
    OrgUnit.objects.bulk_create(
        [
            new_unit(
                name=f"Phòng {n}",
                kind=OrgUnitKind.INTERNAL_SECTION,
                parent=subunit,
                valid_to=ENDED if n == SECTIONS - 1 else None,
            )
            for subunit in subunits
            for n in range(SECTIONS)
        ]
    )
    services.rebuild_paths()
    root.refresh_from_db()
    return root


def test_subtree_of_a_2000_unit_tree_in_one_query(big_tree, django_assert_num_queries):
    department = OrgUnit.objects.get(parent=big_tree, name="Sở số 7")

    with django_assert_num_queries(1):
        units = list(selectors.subtree(department))

    assert len(units) == 1 + SUBUNITS + SUBUNITS * SECTIONS
    assert {unit.pk for unit in units} == {department.pk} | {
        unit.pk for unit in OrgUnit.objects.filter(parent__parent=department)
    } | set(OrgUnit.objects.filter(parent=department).values_list("pk", flat=True))
    assert selectors.subtree(big_tree).count() == 1 + DEPARTMENTS + DEPARTMENTS * SUBUNITS * (1 + SECTIONS)


def test_subtree_without_self_and_on_a_date(big_tree):
    department = OrgUnit.objects.get(parent=big_tree, name="Sở số 3")

    assert selectors.subtree(department, include_self=False).count() == SUBUNITS + SUBUNITS * SECTIONS
    assert selectors.subtree(department, on=datetime.date(2025, 1, 1)).count() == 1 + SUBUNITS * SECTIONS
    assert selectors.subtree(department, on=ENDED).count() == 1 + SUBUNITS + SUBUNITS * SECTIONS


def test_ancestors_root_first_in_one_query(big_tree, django_assert_num_queries):
    section = OrgUnit.objects.filter(depth=3).order_by("pk").last()

    with django_assert_num_queries(1):
        chain = list(selectors.ancestors(section))

    assert chain == [big_tree, section.parent.parent, section.parent]
    assert list(selectors.ancestors(big_tree)) == []


def test_unit_tree_of_2000_units_is_built_from_one_query(big_tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        roots = selectors.unit_tree()

    assert [root.unit for root in roots] == [big_tree]
    assert selectors.count_nodes(roots) == OrgUnit.objects.count()
    departments = roots[0].children
    assert len(departments) == DEPARTMENTS
    assert all(len(department.children) == SUBUNITS for department in departments)
    # Vietnamese order with numbers: "Sở số 10" after "Sở số 1", before "Sở số 2"
    assert [node.unit.name for node in departments[:3]] == ["Sở số 0", "Sở số 1", "Sở số 10"]


def test_unit_tree_on_a_date_leaves_out_ended_units(big_tree):
    roots = selectors.unit_tree(on=datetime.date(2025, 1, 1))

    assert selectors.count_nodes(roots) == OrgUnit.objects.count() - DEPARTMENTS * SUBUNITS


def test_unit_tree_of_a_subtree(big_tree):
    department = OrgUnit.objects.get(parent=big_tree, name="Sở số 5")

    roots = selectors.unit_tree(root=department)

    assert [root.unit for root in roots] == [department]
    assert roots[0].size == 1 + SUBUNITS + SUBUNITS * SECTIONS


def test_unit_tree_search_ignores_diacritics_and_keeps_ancestors():
    province = OrgUnitFactory(province=True)
    home_affairs = OrgUnitFactory(name="Sở Nội vụ", short_name="SNV", parent=province)
    archive = OrgUnitFactory(name="Trung tâm Lưu trữ lịch sử", parent=home_affairs)
    OrgUnitFactory(name="Sở Tài chính", parent=province, agency_code="000.00.03.H20")
    OrgUnitFactory(name="Đội Quản lý thị trường", parent=province)

    def shown(search: str) -> list[tuple[str, list[str]]]:
        return [
            (node.unit.name, [child.unit.name for child in node.children])
            for node in selectors.unit_tree(search=search)
        ]

    assert shown("luu tru") == [(province.name, [home_affairs.name])]
    assert selectors.unit_tree(search="LƯU TRỮ")[0].children[0].children[0].unit == archive
    assert shown("so noi") == [(province.name, [home_affairs.name])]
    assert shown("000.00.03") == [(province.name, ["Sở Tài chính"])]
    assert shown("doi quan ly") == [(province.name, ["Đội Quản lý thị trường"])]
    assert shown("khong co") == []


def test_unit_tree_makes_units_whose_parent_is_not_shown_top_level():
    province = OrgUnitFactory(province=True)
    department = OrgUnitFactory(name="Sở Nội vụ", parent=province)
    OrgUnitFactory(name="Văn phòng Sở", parent=department, kind=OrgUnitKind.INTERNAL_SECTION)

    roots = selectors.unit_tree(units=OrgUnit.objects.exclude(pk=province.pk))

    assert [(root.unit, root.size) for root in roots] == [(department, 2)]


def test_units_visible_to():
    """A user sees the units of their roles (with sub-units when the role says so) and their own unit."""
    unit = OrgUnitFactory()
    child = OrgUnitFactory(parent=unit)
    other = OrgUnitFactory()
    officer = UserFactory(unit=unit)
    grant(officer, "officer", unit)

    assert set(selectors.units_visible_to(officer)) == {unit, child}
    assert list(selectors.units_visible_to(UserFactory(unit=other))) == [other]
    assert list(selectors.units_visible_to(UserFactory())) == []
    inspector = UserFactory()
    grant(inspector, "inspector")
    assert set(selectors.units_visible_to(inspector)) == {unit, child, other}
    inactive = UserFactory(is_active=False, unit=unit)
    grant(inactive, "officer", unit)
    assert list(selectors.units_visible_to(inactive)) == []
    assert list(selectors.units_visible_to(AnonymousUser())) == []


def test_unit_detail_reads_each_part_in_one_query(django_assert_num_queries):
    province = OrgUnitFactory(province=True)
    department = services.create_unit(name="Sở Nội vụ", kind=OrgUnitKind.DEPARTMENT, parent=province, acting_user=None)
    for name in ["Văn phòng Sở", "Phòng Công chức, viên chức", "Ban Thi đua – Khen thưởng"]:
        OrgUnitFactory(name=name, parent=department)
    OrgUnitFactory(name="Phòng cũ", parent=department, ended=True)
    old = OrgUnitFactory(name="Sở cũ", parent=province)
    services.merge_unit(old, into=department, effective_date=datetime.date(2025, 3, 1), acting_user=None)
    services.set_staffing_quota(department, year=2025, civil_servants=10, acting_user=None)
    services.set_staffing_quota(department, year=2026, civil_servants=12, acting_user=None)

    with django_assert_num_queries(6):
        detail = selectors.unit_detail(department)

    assert detail.ancestors == [province]
    assert [child.name for child in detail.children] == [
        "Ban Thi đua – Khen thưởng",
        "Phòng Công chức, viên chức",
        "Văn phòng Sở",
        "Phòng cũ",
    ]
    assert detail.predecessors == [old]
    assert [quota.year for quota in detail.staffing_quotas] == [2026, 2025]
    assert [event.kind for event in detail.events] == ["CREATED"]
