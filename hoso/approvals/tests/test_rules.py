"""Who approves whom: each province preset's distinctive rule (REQ-006, REQ-050, REQ-051)."""

import datetime

import pytest
from django.core.management import call_command

from hoso.accounts.tests.factories import grant
from hoso.approvals.enums import ManagementList
from hoso.approvals.models import ApprovalRule, ManagementListing
from hoso.approvals.permissions import approving_unit, can_approve
from hoso.approvals.rule_loading import load_preset
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import OrgUnit
from hoso.people import services as people_services
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = pytest.mark.django_db
IDS = iter(range(100, 999))


def child_of(parent: OrgUnit, name: str, kind: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=kind, parent=parent, valid_from=datetime.date(2020, 1, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.depth = parent.depth + 1
    unit.save(update_fields=["path", "depth"])
    return unit


def head_of(unit: OrgUnit, name: str, *, include_subunits: bool = True):
    user = make_user(name, unit, roles=())
    grant(user, "head", unit, include_subunits=include_subunits)
    return user


def change_for(unit: OrgUnit, staff_kind: str = "CONG_CHUC"):
    setup = make_user(f"nhap_{next(IDS)}", unit)
    person = new_record(
        unit,
        setup,
        header={
            "employing_unit": str(unit.uid),
            "managing_unit": str(unit.uid),
            "staff_kind": staff_kind,
            "employment_status": "DANG_CONG_TAC",
        },
        identity={"citizen_id": f"087185000{next(IDS)}"},
    )
    return people_services.start_change_set(person=person, acting_user=setup)


@pytest.fixture
def tree(db):
    department = make_unit("Sở Tài chính")
    sub = child_of(department, "Chi cục Quản lý giá", OrgUnitKind.SUB_DEPARTMENT)
    section = child_of(department, "Phòng Ngân sách", OrgUnitKind.INTERNAL_SECTION)
    return department, sub, section


def test_an_giang_a_department_head_approves_own_staff_but_not_a_sub_department(tree):
    department, sub, section = tree
    load_preset("an_giang")
    director = head_of(department, "giam_doc_so")
    sub_head = head_of(sub, "chi_cuc_truong")

    in_sub = change_for(sub)
    in_section = change_for(section)

    assert approving_unit(in_sub) == sub
    assert not can_approve(director, in_sub)
    assert can_approve(sub_head, in_sub)
    # an internal section is part of the department: its head approves
    assert approving_unit(in_section) == department
    assert can_approve(director, in_section)


def test_kon_tum_a_head_approves_the_staff_of_subordinate_units_too(tree):
    department, sub, _section = tree
    load_preset("kon_tum")
    director = head_of(department, "giam_doc_so")

    assert can_approve(director, change_for(sub))


def test_dong_thap_the_director_of_home_affairs_approves_the_standing_committee_list(tree):
    department, _sub, _section = tree
    home_affairs = make_unit("Sở Nội vụ")
    director = head_of(home_affairs, "giam_doc_snv")
    finance_head = head_of(department, "giam_doc_stc")
    load_preset("dong_thap")
    change_set = change_for(department)
    ManagementListing.objects.create(
        person=change_set.person,
        management_list=ManagementList.PROVINCIAL_STANDING_COMMITTEE,
        decision_number="45-QĐ/TU",
        valid_from=datetime.date(2025, 1, 1),
    )

    assert approving_unit(change_set) == home_affairs
    assert can_approve(director, change_set)
    assert not can_approve(finance_head, change_set)


def test_dong_thap_the_district_chair_approves_everyone_in_the_district(db):
    district = make_unit("UBND huyện Tháp Mười", kind=OrgUnitKind.DISTRICT_COMMITTEE)
    commune = child_of(district, "UBND xã Mỹ An", OrgUnitKind.COMMUNE_COMMITTEE)
    chair = head_of(district, "chu_tich_huyen", include_subunits=False)
    commune_chair = head_of(commune, "chu_tich_xa")
    load_preset("dong_thap")

    change_set = change_for(commune)

    assert approving_unit(change_set) == district
    assert can_approve(chair, change_set)
    assert not can_approve(commune_chair, change_set)


def test_dong_thap_a_public_service_unit_head_approves_its_public_employees(tree):
    department, _sub, _section = tree
    school = child_of(department, "Trường Cao đẳng", OrgUnitKind.PUBLIC_SERVICE_UNIT)
    principal = head_of(school, "hieu_truong")
    load_preset("dong_thap")

    change_set = change_for(school, staff_kind="VIEN_CHUC")

    assert approving_unit(change_set) == school
    assert can_approve(principal, change_set)
    assert ApprovalRule.objects.filter(name__startswith="Người đứng đầu đơn vị sự nghiệp").exists()


@pytest.mark.parametrize("preset", ["tien_giang", "lao_cai"])
def test_tien_giang_and_lao_cai_the_competent_person_of_each_agency(tree, preset):
    department, sub, _section = tree
    load_preset(preset)
    director = head_of(department, "giam_doc_so")

    assert not can_approve(director, change_for(sub))
    assert can_approve(director, change_for(department))


def test_without_rules_any_approver_covering_the_unit_approves(tree):
    department, sub, _section = tree
    director = head_of(department, "giam_doc_so")

    assert can_approve(director, change_for(sub))


def test_the_command_loads_a_preset_and_if_empty_keeps_edited_rules(db, settings):
    call_command("load_approval_rules", "--preset", "an_giang", verbosity=0)
    assert ApprovalRule.objects.count() == 3
    ApprovalRule.objects.update(is_active=False)

    call_command("load_approval_rules", "--if-empty", verbosity=0)

    assert ApprovalRule.objects.filter(is_active=False).count() == 3
    settings.HOSO_APPROVAL_RULES_PRESET = "kon_tum"
    call_command("load_approval_rules", verbosity=0)
    assert ApprovalRule.objects.filter(is_active=True).count() == 2


def test_a_preset_loaded_before_the_units_exist_is_completed_later(db):
    load_preset("dong_thap")  # `make migrate` on an empty database
    assert ApprovalRule.objects.get(management_list=ManagementList.PROVINCIAL_STANDING_COMMITTEE).target_unit is None
    home_affairs = make_unit("Sở Nội vụ")

    call_command("load_approval_rules", "--if-empty", verbosity=0)

    assert ApprovalRule.objects.get(management_list=ManagementList.PROVINCIAL_STANDING_COMMITTEE).target_unit == (
        home_affairs
    )
