"""Account administration: one account's page, its rights (grant, restrict, expand, revoke), lock, reset, hand-over."""

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import Role, RoleAssignment, UnitAccountHolder, User
from hoso.accounts.services import current_holder
from hoso.accounts.tests.manage_support import account, build_tree, person_in, web
from hoso.security.models import AccountSecurity
from hoso.security.services import is_locked

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def tree():
    return build_tree()


def page_url(user: User) -> str:
    return reverse("manage:account", args=[user.uid])


def grant_data(role: str, unit, **overrides) -> dict:
    data = {
        "role": str(Role.objects.get(code=role).pk),
        "unit": str(unit.uid) if unit is not None else "province",
        "include_subunits": "on",
        "valid_from": "01/01/2026",
        "valid_to": "",
        "decision_number": "15/QĐ-SNV",
        "decision_date": "20/12/2025",
        "note": "",
    }
    data.update(overrides)
    return data


# --- the page ----------------------------------------------------------------------------------------------------


def test_the_account_page_refuses_non_administrators_and_other_subtrees(tree):
    staff_b = account("nhanvien_b", tree.b)

    assert web(tree.officer_a).get(page_url(tree.officer_a)).status_code == 403
    assert web(tree.admin_a).get(page_url(staff_b)).status_code == 404
    assert web(tree.admin_a).get(page_url(tree.province_admin)).status_code == 404
    assert web(tree.admin_b).get(page_url(tree.officer_a)).status_code == 404


def test_the_page_shows_the_facts_and_the_rights_with_their_decisions(tree):
    RoleAssignment.objects.filter(user=tree.officer_a).update(decision_number="07/QĐ-SNV", granted_by=tree.admin_a)

    response = web(tree.admin_a).get(page_url(tree.officer_a))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Đỗ Văn Cán" in page and "canbo_a" in page
    assert "Cán bộ quản lý hồ sơ" in page  # the role
    assert "Số 07/QĐ-SNV" in page
    assert "do Trần Thị Quản Trị cấp" in page
    assert "Nhập thay đổi và hồ sơ mới" in page  # a capability of the role


# --- grant, restrict, expand, revoke -----------------------------------------------------------------------------


def test_granting_a_role_on_a_sub_unit_with_restricted_capabilities(tree):
    target = account("nhanvien_a1", tree.a1)

    response = web(tree.admin_a).post(
        reverse("manage:role_grant", args=[target.uid]),
        grant_data("officer", tree.a1, capabilities=["VIEW_RECORD", "EDIT_RECORD"], include_subunits=""),
    )

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert assignment.capabilities == ["VIEW_RECORD", "EDIT_RECORD"]
    assert assignment.unit == tree.a1 and not assignment.include_subunits
    assert assignment.decision_number == "15/QĐ-SNV" and assignment.decision_date == datetime.date(2025, 12, 20)
    assert assignment.granted_by == tree.admin_a
    assert policy.has_capability(target, Capability.EDIT_RECORD, tree.a1)


def test_no_capability_ticked_gives_the_roles_own(tree):
    target = account("nhanvien_a1", tree.a1)

    web(tree.admin_a).post(reverse("manage:role_grant", args=[target.uid]), grant_data("head", tree.a1))

    assert RoleAssignment.objects.get(user=target).capabilities == Role.objects.get(code="head").capabilities


def test_the_role_capabilities_are_pre_filled_for_the_chosen_role(tree):
    role = Role.objects.get(code="inspector")

    response = web(tree.admin_a).get(reverse("manage:role_capabilities"), {"role": role.pk})

    ticked = set(re.findall(r'value="([A-Z_]+)"[^>]*checked', response.content.decode()))
    assert ticked == set(role.capabilities)


@pytest.mark.parametrize("raw", ["abc", "99999999999999999999999", "-1", ""])
def test_a_made_up_role_ticks_nothing_and_never_fails(tree, raw):
    response = web(tree.admin_a).get(reverse("manage:role_capabilities"), {"role": raw})

    assert response.status_code == 200
    assert "checked" not in response.content.decode()


def test_bad_grant_input_gets_vietnamese_messages_per_field_and_writes_nothing(tree):
    target = account("nhanvien_a1", tree.a1)

    response = web(tree.admin_a).post(
        reverse("manage:role_grant", args=[target.uid]),
        grant_data(
            "officer",
            tree.b,
            valid_from="31/02/2026",
            valid_to="",
            decision_number="",
            decision_date="hôm qua",
            capabilities=["FLY"],
        ),
    )

    assert response.status_code == 200
    errors = response.context["grant_form"].errors
    assert errors["unit"] == ["Đơn vị này không thuộc các đơn vị bạn quản trị."]
    assert errors["valid_from"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2026."]
    assert errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assert errors["decision_date"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2026."]
    assert errors["capabilities"] == ["Hãy chọn quyền trong danh sách."]
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_an_end_before_the_start_is_refused(tree):
    target = account("nhanvien_a1", tree.a1)

    response = web(tree.admin_a).post(
        reverse("manage:role_grant", args=[target.uid]),
        grant_data("officer", tree.a1, valid_from="01/06/2026", valid_to="01/01/2026"),
    )

    assert response.context["grant_form"].errors["valid_to"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_a_unit_administrator_cannot_grant_over_the_whole_province(tree):
    target = account("nhanvien_a1", tree.a1)

    response = web(tree.admin_a).post(reverse("manage:role_grant", args=[target.uid]), grant_data("officer", None))

    assert "unit" in response.context["grant_form"].errors
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_nobody_grants_rights_to_themselves(tree):
    response = web(tree.admin_a).post(reverse("manage:role_grant", args=[tree.admin_a.uid]), grant_data("head", tree.a))

    assert response.status_code == 200
    assert response.context["grant_form"].non_field_errors() == [
        "Không ai được tự cấp hoặc thay đổi quyền cho tài khoản của chính mình."
    ]
    assert RoleAssignment.objects.filter(user=tree.admin_a).count() == 1


def test_restricting_and_expanding_a_role(tree):
    assignment = RoleAssignment.objects.get(user=tree.officer_a)
    url = reverse("manage:role_change", args=[tree.officer_a.uid, assignment.uid])
    client = web(tree.admin_a)

    restricted = client.post(
        url,
        {
            "capabilities": ["VIEW_RECORD"],
            "include_subunits": "",
            "valid_to": "31/12/2026",
            "decision_number": "20/QĐ-SNV",
            "decision_date": "01/03/2026",
        },
    )
    assert restricted.status_code == 302
    assignment.refresh_from_db()
    assert assignment.capabilities == ["VIEW_RECORD"]
    assert not assignment.include_subunits
    assert assignment.valid_to == datetime.date(2026, 12, 31)
    assert assignment.decision_number == "20/QĐ-SNV"

    client.post(
        url,
        {
            "capabilities": ["VIEW_RECORD", "VIEW_SENSITIVE", "EXPORT"],
            "include_subunits": "on",
            "valid_to": "",
            "decision_number": "21/QĐ-SNV",
            "decision_date": "02/03/2026",
        },
    )
    assignment.refresh_from_db()
    assert assignment.capabilities == ["VIEW_RECORD", "VIEW_SENSITIVE", "EXPORT"]
    assert assignment.include_subunits and assignment.valid_to is None


def test_a_change_without_capabilities_or_decision_is_refused_and_changes_nothing(tree):
    assignment = RoleAssignment.objects.get(user=tree.officer_a)
    before = list(assignment.capabilities)

    response = web(tree.admin_a).post(
        reverse("manage:role_change", args=[tree.officer_a.uid, assignment.uid]),
        {"capabilities": [], "valid_to": "", "decision_number": "", "decision_date": ""},
    )

    assert response.status_code == 200
    form = next(row["change_form"] for row in response.context["roles_current"] if row["assignment"] == assignment)
    assert form.errors["capabilities"] == ["Hãy chọn ít nhất một quyền."]
    assert form.errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assignment.refresh_from_db()
    assert assignment.capabilities == before


def test_a_role_of_another_account_cannot_be_reached_through_this_one(tree):
    staff = account("nhanvien_a1", tree.a1, "officer")
    foreign = RoleAssignment.objects.get(user=tree.officer_a)

    response = web(tree.admin_a).post(
        reverse("manage:role_revoke", args=[staff.uid, foreign.uid]), {"decision_number": "1/QĐ"}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_revoking_needs_a_decision_number(tree):
    assignment = RoleAssignment.objects.get(user=tree.officer_a)

    response = web(tree.admin_a).post(
        reverse("manage:role_revoke", args=[tree.officer_a.uid, assignment.uid]), {"decision_number": ""}
    )

    form = next(row["revoke_form"] for row in response.context["roles_current"] if row["assignment"] == assignment)
    assert form.errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assignment.refresh_from_db()
    assert assignment.revoked_at is None


def test_a_revoked_role_ends_access_for_an_open_session(tree):
    person = person_in(tree.a, 61)
    record = reverse("people:detail", args=[person.uid])
    officer = Client()
    officer.force_login(tree.officer_a)
    assert officer.get(record).status_code == 200

    assignment = RoleAssignment.objects.get(user=tree.officer_a)
    response = web(tree.admin_a).post(
        reverse("manage:role_revoke", args=[tree.officer_a.uid, assignment.uid]), {"decision_number": "30/QĐ-SNV"}
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None and assignment.revoked_by == tree.admin_a
    assert officer.get(record).status_code == 404


def test_an_out_of_scope_administrator_cannot_grant_change_or_revoke(tree):
    assignment = RoleAssignment.objects.get(user=tree.officer_a)
    client = web(tree.admin_b)

    assert (
        client.post(reverse("manage:role_grant", args=[tree.officer_a.uid]), grant_data("head", tree.a)).status_code
        == 404
    )
    assert (
        client.post(
            reverse("manage:role_revoke", args=[tree.officer_a.uid, assignment.uid]), {"decision_number": "1"}
        ).status_code
        == 404
    )
    assert web(tree.officer_a).post(reverse("manage:role_grant", args=[tree.officer_a.uid]), {}).status_code == 403
    assignment.refresh_from_db()
    assert assignment.revoked_at is None
    assert RoleAssignment.objects.filter(user=tree.officer_a).count() == 1


# --- lock, unlock, reset ------------------------------------------------------------------------------------------


def test_locking_needs_a_reason_then_locks_and_unlocking_lifts_it(tree):
    client = web(tree.admin_a)

    refused = client.post(reverse("manage:account_lock", args=[tree.officer_a.uid]), {"reason": ""})
    assert refused.context["lock_form"].errors["reason"] == ["Nhập lý do khóa tài khoản."]
    assert not is_locked(tree.officer_a)

    client.post(reverse("manage:account_lock", args=[tree.officer_a.uid]), {"reason": "Mất điện thoại"})
    assert is_locked(tree.officer_a)
    client.post(reverse("manage:account_unlock", args=[tree.officer_a.uid]))
    assert not is_locked(tree.officer_a)


def test_nobody_locks_their_own_account_and_other_subtrees_are_out_of_reach(tree):
    assert (
        web(tree.admin_a).post(reverse("manage:account_lock", args=[tree.admin_a.uid]), {"reason": "x"}).status_code
        == 403
    )
    assert (
        web(tree.admin_b).post(reverse("manage:account_lock", args=[tree.officer_a.uid]), {"reason": "x"}).status_code
        == 404
    )
    assert not is_locked(tree.admin_a) and not is_locked(tree.officer_a)


def test_resetting_the_password_ends_sessions_and_shows_the_new_one_once(tree):
    holder = Client()
    holder.force_login(tree.officer_a)
    client = web(tree.admin_a)

    response = client.post(reverse("manage:password_reset", args=[tree.officer_a.uid]), {"hand_over": "slip"})
    slip = client.get(response["Location"]).content.decode()

    username, temporary = (html.unescape(v) for v in re.findall(r'manage-secret[^"]*">([^<]+)<', slip))
    tree.officer_a.refresh_from_db()
    assert username == "canbo_a" and tree.officer_a.check_password(temporary)
    assert AccountSecurity.objects.get(user=tree.officer_a).must_change_password
    assert holder.get(reverse("organisations:home")).status_code == 302  # the open session has ended
    assert client.get(response["Location"]).status_code == 410


def test_a_reset_by_link(tree):
    client = web(tree.admin_a)

    response = client.post(reverse("manage:password_reset", args=[tree.officer_a.uid]), {"hand_over": "link"})

    assert "/accounts/password/setup/" in client.get(response["Location"]).content.decode()
    tree.officer_a.refresh_from_db()
    assert not tree.officer_a.has_usable_password()


# --- unit accounts and their holders (REQ-013) -------------------------------------------------------------------


def test_handing_a_unit_account_over_records_the_holder_and_forces_a_new_password(tree):
    unit_account = account("donvi_a", tree.a, kind=User.Kind.UNIT, full_name="Sở Nội vụ")
    person = person_in(tree.a, 71, "Bùi Thị Văn Thư")
    url = reverse("manage:holder_assign", args=[unit_account.uid])
    client = web(tree.admin_a)

    first = client.post(
        url,
        {
            "holder_person": str(person.uid),
            "holder_name": "",
            "decision_number": "05/QĐ-SNV",
            "decision_date": "02/01/2026",
            "valid_from": "05/01/2026",
        },
    )
    assert first.status_code == 302
    second = client.post(
        url,
        {
            "holder_person": "",
            "holder_name": "Hà Văn Mới",
            "decision_number": "40/QĐ-SNV",
            "decision_date": "01/03/2026",
            "valid_from": "10/03/2026",
        },
    )
    assert second.status_code == 302

    old, new = UnitAccountHolder.objects.filter(account=unit_account).order_by("valid_from")
    assert old.holder_name == "Bùi Thị Văn Thư" and old.holder_person == person
    assert old.valid_to == datetime.date(2026, 3, 10)
    assert new.holder_name == "Hà Văn Mới" and new.valid_to is None and new.recorded_by == tree.admin_a
    assert current_holder(unit_account, datetime.date(2026, 2, 1)) == old
    assert current_holder(unit_account, max(datetime.date(2026, 3, 11), timezone.localdate())) == new
    security = AccountSecurity.objects.get(user=unit_account)
    assert security.must_change_password and security.change_reason == "HOLDER_CHANGED"
    page = client.get(page_url(unit_account)).content.decode()
    assert "Hà Văn Mới" in page and "Bùi Thị Văn Thư" in page and "Số 40/QĐ-SNV" in page


def test_a_hand_over_without_holder_or_decision_writes_nothing(tree):
    unit_account = account("donvi_a", tree.a, kind=User.Kind.UNIT)

    response = web(tree.admin_a).post(
        reverse("manage:holder_assign", args=[unit_account.uid]),
        {
            "holder_person": "",
            "holder_name": "",
            "decision_number": "",
            "decision_date": "",
            "valid_from": "01/01/2026",
        },
    )

    errors = response.context["holder_form"].errors
    assert errors["holder_name"] == ["Chọn hồ sơ hoặc nhập họ tên người được giao."]
    assert errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assert errors["decision_date"] == ["Trường này là bắt buộc."]
    assert not UnitAccountHolder.objects.exists()
    assert not AccountSecurity.objects.filter(user=unit_account, must_change_password=True).exists()


def test_only_unit_accounts_are_handed_over(tree):
    response = web(tree.admin_a).post(
        reverse("manage:holder_assign", args=[tree.officer_a.uid]),
        {"holder_name": "X", "decision_number": "1", "decision_date": "01/01/2026", "valid_from": "01/01/2026"},
    )

    assert response.status_code == 404
    assert not UnitAccountHolder.objects.exists()
