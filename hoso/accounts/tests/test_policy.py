"""The one access policy: scope by the unit tree, validity, revocation, delegation, written consent, clearance."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from hoso.accounts import policy, services
from hoso.accounts.enums import Capability
from hoso.accounts.models import Role, User
from hoso.accounts.tests.factories import grant
from hoso.organisations.models import OrgUnit
from hoso.people.selectors import people_for, people_visible_to
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def child_of(parent: OrgUnit, name: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=parent.kind, parent=parent, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.depth = parent.depth + 1
    unit.save(update_fields=["path", "depth"])
    return unit


def person_in(unit: OrgUnit, serial: int, **groups):
    clerk = make_user(f"clerk{serial}", unit)
    return new_record(unit, clerk, identity={"citizen_id": f"087185{serial:06d}"}, **groups)


@pytest.fixture
def tree():
    """Unit A with a sub-unit A1, and an unrelated unit B, each with one record."""
    a = make_unit("Sở Nội vụ")
    a1 = child_of(a, "Phòng Tổ chức")
    b = make_unit("Sở Tài chính")
    return {
        "a": a,
        "a1": a1,
        "b": b,
        "in_a": person_in(a, 1),
        "in_a1": person_in(a1, 2),
        "in_b": person_in(b, 3),
    }


def uids(*people) -> set:
    return {p.uid for p in people}


def test_an_officer_sees_the_unit_and_its_sub_units_and_nothing_else(tree):
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    grant(officer, "officer", tree["a"])

    assert set(people_visible_to(officer).values_list("uid", flat=True)) == uids(tree["in_a"], tree["in_a1"])
    assert policy.can(officer, Capability.VIEW_RECORD, tree["in_a1"])
    assert not policy.can(officer, Capability.VIEW_RECORD, tree["in_b"])


def test_without_sub_units_only_the_unit_itself(tree):
    head = User.objects.create_user("head_a", password="x", unit=tree["a"])
    grant(head, "head", tree["a"], include_subunits=False)

    assert set(people_visible_to(head).values_list("uid", flat=True)) == uids(tree["in_a"])
    assert not policy.can(head, Capability.APPROVE, tree["in_a1"])


def test_a_record_managed_by_a_unit_is_in_that_units_scope(tree):
    officer_b = User.objects.create_user("officer_b", password="x", unit=tree["b"])
    grant(officer_b, "officer", tree["b"])
    tree["in_a"].managing_unit = tree["b"]
    tree["in_a"].save(update_fields=["managing_unit"])

    assert set(people_visible_to(officer_b).values_list("uid", flat=True)) == uids(tree["in_a"], tree["in_b"])


@pytest.mark.parametrize(
    ("valid_from", "valid_to"),
    [
        (datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)),  # ended
        (datetime.date(2099, 1, 1), None),  # not yet begun
    ],
)
def test_a_role_outside_its_period_gives_nothing(tree, valid_from, valid_to):
    officer = User.objects.create_user("late", password="x", unit=tree["a"])
    grant(officer, "officer", tree["a"], valid_from=valid_from, valid_to=valid_to)

    assert not people_visible_to(officer).exists()
    assert not policy.has_capability(officer, Capability.VIEW_RECORD)


def test_a_revoked_role_ends_at_once(tree):
    admin = User.objects.create_user("snv", password="x")
    grant(admin, "province-admin")
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    assignment = grant(officer, "officer", tree["a"])
    assert people_visible_to(officer).exists()

    services.revoke_role(acting_user=admin, assignment=assignment)

    assert not people_visible_to(User.objects.get(pk=officer.pk)).exists()  # from the next request on


def test_an_inactive_account_sees_nothing(tree):
    officer = User.objects.create_user("gone", password="x", unit=tree["a"], is_active=False)
    grant(officer, "officer", tree["a"])
    assert not people_visible_to(officer).exists()


def test_an_employee_sees_only_their_own_record_in_full(tree):
    employee = User.objects.create_user("nhanvien", password="x", unit=tree["a"])
    tree["in_a"].account = employee
    tree["in_a"].save(update_fields=["account"])

    assert set(people_visible_to(employee).values_list("uid", flat=True)) == uids(tree["in_a"])
    assert policy.clearance(employee, tree["in_a"]) == policy.SECRET
    assert not people_for(employee, Capability.EDIT_RECORD).exists()
    assert not people_for(employee, Capability.APPROVE).exists()


@pytest.mark.parametrize(
    ("role", "level"),
    [("unit-admin", policy.PERSONAL), ("officer", policy.SENSITIVE), ("head", policy.SECRET)],
)
def test_the_role_decides_the_restriction_level_a_reader_reaches(tree, role, level):
    user = User.objects.create_user("reader", password="x", unit=tree["a"])
    grant(user, role, tree["a"])

    assert policy.clearance(user, tree["in_a"]) == level
    assert policy.clearance(user, tree["in_b"]) == policy.NO_ACCESS


def test_written_consent_opens_one_record_for_its_period_only(tree):
    admin_a = User.objects.create_user("qtdv", password="x", unit=tree["a"])
    grant(admin_a, "unit-admin", tree["a"])
    outsider = User.objects.create_user("thanhtra", password="x", unit=tree["b"])
    today = timezone.localdate()

    consent = services.grant_consent(
        acting_user=admin_a,
        grantee=outsider,
        person=tree["in_a"],
        issuer="Giám đốc Sở Nội vụ",
        purpose="Xác minh hồ sơ",
        decision_number="15/QĐ-SNV",
        decision_date=today,
        valid_from=today,
        valid_to=today + datetime.timedelta(days=30),
    )

    assert set(people_visible_to(outsider).values_list("uid", flat=True)) == uids(tree["in_a"])
    assert policy.clearance(outsider, tree["in_a"]) == policy.PERSONAL
    assert not policy.can(outsider, Capability.EDIT_RECORD, tree["in_a"])

    consent.valid_from = consent.valid_to = today - datetime.timedelta(days=1)
    consent.save()
    policy.forget(outsider)
    assert not people_visible_to(outsider).exists()  # it lapsed by itself


def test_consent_needs_its_decision_and_writes_nothing_without_it(tree):
    admin_a = User.objects.create_user("qtdv", password="x", unit=tree["a"])
    grant(admin_a, "unit-admin", tree["a"])
    outsider = User.objects.create_user("thanhtra", password="x", unit=tree["b"])
    today = timezone.localdate()

    with pytest.raises(ValidationError) as raised:
        services.grant_consent(
            acting_user=admin_a,
            grantee=outsider,
            person=tree["in_a"],
            issuer="",
            purpose="",
            decision_number=" ",
            decision_date=None,
            valid_from=today,
            valid_to=today - datetime.timedelta(days=1),
        )
    assert set(raised.value.message_dict) == {"issuer", "purpose", "decision_number", "decision_date", "valid_to"}
    assert not people_visible_to(outsider).exists()


def test_consent_for_a_record_outside_the_administrators_units_is_refused(tree):
    admin_b = User.objects.create_user("qtdv_b", password="x", unit=tree["b"])
    grant(admin_b, "unit-admin", tree["b"])
    today = timezone.localdate()
    with pytest.raises(services.OutOfScope):
        services.grant_consent(
            acting_user=admin_b,
            grantee=admin_b,
            person=tree["in_a"],
            issuer="x",
            purpose="x",
            decision_number="1",
            decision_date=today,
            valid_from=today,
            valid_to=today,
        )


def test_delegation_lends_some_capabilities_on_the_delegators_units_for_a_period(tree):
    head = User.objects.create_user("head_a", password="x", unit=tree["a"])
    grant(head, "head", tree["a"])
    deputy = User.objects.create_user("deputy_a", password="x", unit=tree["a"])
    today = timezone.localdate()

    services.delegate_rights(
        acting_user=head,
        delegate=deputy,
        capabilities=[Capability.VIEW_RECORD, Capability.REVIEW],
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
        decision_number="20/QĐ-SNV",
    )

    assert policy.can(deputy, Capability.REVIEW, tree["in_a1"])
    assert not policy.can(deputy, Capability.APPROVE, tree["in_a"])  # not delegated
    assert not policy.can(deputy, Capability.REVIEW, tree["in_b"])


@override_settings(HOSO_DELEGABLE_CAPABILITIES=["VIEW_RECORD"])
def test_a_capability_the_province_keeps_from_delegation_cannot_be_delegated(tree):
    head = User.objects.create_user("head_a", password="x", unit=tree["a"])
    grant(head, "head", tree["a"])
    deputy = User.objects.create_user("deputy_a", password="x", unit=tree["a"])
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        services.delegate_rights(
            acting_user=head,
            delegate=deputy,
            capabilities=[Capability.APPROVE],
            valid_from=today,
            valid_to=today,
            decision_number="1",
        )
    assert "capabilities" in raised.value.message_dict


def test_nobody_delegates_what_they_do_not_hold(tree):
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    grant(officer, "officer", tree["a"])
    other = User.objects.create_user("other", password="x", unit=tree["a"])
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.delegate_rights(
            acting_user=officer,
            delegate=other,
            capabilities=[Capability.APPROVE],
            valid_from=today,
            valid_to=today,
            decision_number="1",
        )
    assert not policy.has_capability(other, Capability.APPROVE)


# --- accounts follow the hierarchy (REQ-010, REQ-011) ---------------------------------------------


def test_a_unit_administrator_creates_accounts_in_its_subtree_only(tree):
    admin_a = User.objects.create_user("qtdv", password="x", unit=tree["a"])
    grant(admin_a, "unit-admin", tree["a"])

    created = services.create_user(
        username="qtdv_a1",
        password="Mat-khau-2026!",
        full_name="Lê Văn Tâm",
        kind=User.Kind.UNIT_ADMIN,
        unit=tree["a1"],
        acting_user=admin_a,
    )
    assert created.unit == tree["a1"]

    for kind, unit in ((User.Kind.PERSONAL, tree["b"]), (User.Kind.SYSTEM_ADMIN, None)):
        with pytest.raises(services.OutOfScope):
            services.create_user(
                username="x1", password="Mat-khau-2026!", full_name="X", kind=kind, unit=unit, acting_user=admin_a
            )
    assert not User.objects.filter(username="x1").exists()
    managed = set(policy.manageable_users(admin_a))
    assert {admin_a, created} <= managed
    assert not any(user.unit == tree["b"] for user in managed)


def test_rights_are_granted_within_the_subtree_and_never_to_oneself(tree):
    admin_a = User.objects.create_user("qtdv", password="x", unit=tree["a"])
    grant(admin_a, "unit-admin", tree["a"])
    clerk = User.objects.create_user("clerk", password="x", unit=tree["a1"])
    officer = Role.objects.get(code="officer")

    assignment = services.grant_role(
        acting_user=admin_a, user=clerk, role=officer, unit=tree["a1"], decision_number="7/QĐ"
    )
    assert policy.can(clerk, Capability.EDIT_RECORD, tree["in_a1"])
    assert assignment.granted_by == admin_a

    with pytest.raises(services.OutOfScope):
        services.grant_role(acting_user=admin_a, user=clerk, role=officer, unit=tree["b"])
    with pytest.raises(services.OutOfScope):
        services.grant_role(acting_user=admin_a, user=clerk, role=officer, unit=None)
    with pytest.raises(services.OutOfScope):
        services.grant_role(acting_user=admin_a, user=admin_a, role=officer, unit=tree["a1"])


def test_restricting_a_right_narrows_what_it_opens(tree):
    admin = User.objects.create_user("snv", password="x")
    grant(admin, "province-admin")
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    assignment = grant(officer, "officer", tree["a"])

    services.change_role(
        acting_user=admin, assignment=assignment, capabilities=[Capability.VIEW_RECORD], include_subunits=False
    )

    assert not policy.can(officer, Capability.EDIT_RECORD, tree["in_a"])
    assert set(people_visible_to(officer).values_list("uid", flat=True)) == uids(tree["in_a"])
    assert policy.clearance(officer, tree["in_a"]) == policy.PERSONAL


def test_two_factor_is_required_for_administrators_and_approvers(tree):
    head = User.objects.create_user("head_a", password="x", unit=tree["a"])
    grant(head, "head", tree["a"])
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    grant(officer, "officer", tree["a"])
    with override_settings(HOSO_REQUIRE_TWO_FACTOR=True):
        assert policy.requires_two_factor(head)
        assert not policy.requires_two_factor(officer)
    with override_settings(HOSO_REQUIRE_TWO_FACTOR=False):
        assert not policy.requires_two_factor(head)


def test_the_scope_is_a_condition_on_the_unit_path_not_a_list_of_people(tree):
    officer = User.objects.create_user("officer_a", password="x", unit=tree["a"])
    grant(officer, "officer", tree["a"])
    sql = str(people_visible_to(officer).query).upper()
    unit_ids = re.search(r'"EMPLOYING_UNIT_ID" IN \(([\d, ]+)\)', sql)
    assert unit_ids is not None
    # the units of the subtree (A and A1), found by their path; never the people in them
    assert sorted(int(pk) for pk in unit_ids.group(1).split(",")) == sorted([tree["a"].pk, tree["a1"].pk])
    assert '"PEOPLE_PERSON"."ID" IN' not in sql
