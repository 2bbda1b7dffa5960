"""Account administration: the accounts list, creating one account, bulk creation, the slip shown once."""

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoso.accounts.models import User
from hoso.accounts.tests.manage_support import account, build_tree, person_in, web
from hoso.people.models import Person
from hoso.security.models import AccountSecurity
from hoso.security.services import lock_account

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

LIST = reverse("manage:accounts")
CREATE = reverse("manage:account_create")


@pytest.fixture
def tree():
    return build_tree()


def usernames(response) -> set[str]:
    return {user.username for user in response.context["accounts"]}


def shown_secrets(page: str) -> list[str]:
    """The username and password (or link) of each slip, in order."""
    return [html.unescape(value) for value in re.findall(r'manage-secret[^"]*">([^<]+)<', page)]


def slip_of(client: Client, response) -> str:
    """Follow the redirect to the slip and return its page."""
    assert response.status_code == 302, response.content.decode()[:2000]
    slip = client.get(response["Location"])
    assert slip.status_code == 200
    return slip.content.decode()


# --- the list ----------------------------------------------------------------------------------------------------


def test_a_user_who_administers_nothing_is_refused_the_list(tree):
    assert web(tree.officer_a).get(LIST).status_code == 403


def test_the_list_shows_the_accounts_of_the_administrators_subtree_only(tree):
    account("nhanvien_a1", tree.a1, full_name="Võ Thị Phòng")
    account("nhanvien_b", tree.b, full_name="Hồ Văn Tài")

    response = web(tree.admin_a).get(LIST)

    assert response.status_code == 200
    assert {"qtsonoivu", "canbo_a", "nhanvien_a1"} <= usernames(response)
    assert "nhanvien_b" not in usernames(response)
    assert "quantri" not in usernames(response)  # the province's own account is no unit's to manage


def test_search_ignores_diacritics_and_case_on_name_and_username(tree):
    account("nhanvien_a1", tree.a1, full_name="Võ Thị Phòng")

    client = web(tree.admin_a)

    assert usernames(client.get(LIST, {"q": "vo thi phong"})) == {"nhanvien_a1"}
    assert usernames(client.get(LIST, {"q": "PHÒNG"})) == {"nhanvien_a1"}
    assert usernames(client.get(LIST, {"q": "nhanvien"})) == {"nhanvien_a1"}
    assert usernames(client.get(LIST, {"q": "do van"})) == {"canbo_a"}


def test_filters_by_unit_kind_and_status(tree):
    account("nhanvien_a1", tree.a1, full_name="Võ Thị Phòng")
    locked = account("bikhoa", tree.a, full_name="Mai Văn Khóa")
    lock_account(locked, tree.admin_a, "Mất máy")
    client = web(tree.admin_a)

    only_a1 = client.get(LIST, {"unit": str(tree.a1.uid), "sub": "true"})
    assert usernames(only_a1) == {"nhanvien_a1"}
    admins = client.get(LIST, {"kind": User.Kind.UNIT_ADMIN})
    assert usernames(admins) == {"qtsonoivu"}
    locked_page = client.get(LIST, {"status": "locked"})
    assert usernames(locked_page) == {"bikhoa"}
    assert "bikhoa" not in usernames(client.get(LIST, {"status": "active"}))
    a_without_subunits = client.get(LIST, {"unit": str(tree.a.uid), "sub": "false"})
    assert "nhanvien_a1" not in usernames(a_without_subunits)


def test_an_unknown_unit_in_the_filter_is_a_message_not_an_error(tree):
    response = web(tree.admin_a).get(LIST, {"unit": str(tree.b.uid)})

    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert "nhanvien_b" not in usernames(response)


def test_each_row_shows_unit_kind_roles_in_force_and_last_sign_in(tree):
    page = web(tree.admin_a).get(LIST).content.decode()

    assert "Trần Thị Quản Trị" in page
    assert "Quản trị đơn vị" in page  # the role in force
    assert "Sở Nội vụ" in page
    assert "Chưa bao giờ" in page or "Never" in page


def test_the_number_of_queries_does_not_grow_with_the_rows(tree):
    client = web(tree.admin_a)
    client.get(LIST)  # sessions, sign-in state: the first request of a session does more

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"q": "nhan vien"}).status_code == 200
        return len(queries)

    for index in range(3):
        account(f"nhanvien{index}", tree.a1, "officer", full_name=f"Nhân Viên {index}")
    few = count()
    for index in range(3, 15):
        account(f"nhanvien{index}", tree.a1, "officer", full_name=f"Nhân Viên {index}")
    many = count()

    assert len(client.get(LIST, {"q": "nhan vien"}).context["accounts"]) == 15
    assert many == few


# --- creating one account ----------------------------------------------------------------------------------------


def test_a_user_who_administers_nothing_is_refused_the_create_page(tree):
    client = web(tree.officer_a)

    assert client.get(CREATE).status_code == 403
    response = client.post(CREATE, {"kind": "UNIT", "unit": str(tree.a.uid), "username": "x", "full_name": "X"})
    assert response.status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_a_unit_administrator_creates_a_unit_account_shown_once_on_a_slip(tree):
    client = web(tree.admin_a)

    response = client.post(
        CREATE,
        {
            "kind": User.Kind.UNIT,
            "unit": str(tree.a1.uid),
            "username": "phongtochuc",
            "full_name": "Phòng Tổ chức cán bộ",
            "email": "ptc@example.vn",
            "hand_over": "slip",
        },
    )
    slip_url = response["Location"]
    page = slip_of(client, response)

    created = User.objects.get(username="phongtochuc")
    assert created.kind == User.Kind.UNIT and created.unit == tree.a1 and created.email == "ptc@example.vn"
    username, temporary = shown_secrets(page)
    assert username == "phongtochuc"
    assert created.check_password(temporary)
    assert AccountSecurity.objects.get(user=created).must_change_password
    assert "Mật khẩu tạm thời" in page

    again = client.get(slip_url)
    assert again.status_code == 410
    assert temporary not in again.content.decode()
    assert temporary not in client.get(reverse("manage:account", args=[created.uid])).content.decode()


def test_a_one_time_link_instead_of_a_password(tree):
    client = web(tree.admin_a)

    response = client.post(
        CREATE,
        {"kind": "UNIT", "unit": str(tree.a.uid), "username": "vanthu", "full_name": "Văn thư", "hand_over": "link"},
    )
    page = slip_of(client, response)

    created = User.objects.get(username="vanthu")
    assert not created.has_usable_password()
    assert "/accounts/password/setup/" in page
    assert "http://testserver/" in page


def test_a_personal_account_for_a_record_uses_the_personal_id_and_links_the_record(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "citizen_id"
    person = person_in(tree.a1, 11)
    client = web(tree.admin_a)

    response = client.post(
        CREATE,
        {"kind": "PERSONAL", "unit": str(tree.a1.uid), "person": str(person.uid), "hand_over": "slip"},
    )
    slip_of(client, response)

    person.refresh_from_db()
    assert person.account is not None
    assert person.account.username == "087185000011"
    assert person.account.full_name == "Nguyễn Thị Hồng Nhung"


def test_a_generated_username_when_the_province_says_so(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "username"
    account("nhungnth", tree.b)
    person = person_in(tree.a, 12)

    response = web(tree.admin_a).post(
        CREATE, {"kind": "PERSONAL", "unit": str(tree.a.uid), "person": str(person.uid), "hand_over": "slip"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.account.username == "nhungnth2"


def test_bad_input_gets_a_vietnamese_message_per_field_and_writes_nothing(tree):
    before = User.objects.count()

    response = web(tree.admin_a).post(
        CREATE, {"kind": "UNIT", "unit": "", "username": "", "full_name": "", "email": "khong-phai-email"}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["unit"] == ["Chọn đơn vị mà tài khoản thuộc về."]
    assert errors["username"] == ["Nhập tên đăng nhập."]
    assert errors["full_name"] == ["Nhập họ và tên người dùng tài khoản."]
    assert "email" in errors
    assert User.objects.count() == before


def test_a_unit_outside_the_subtree_or_a_system_account_cannot_be_chosen(tree):
    client = web(tree.admin_a)

    outside = client.post(CREATE, {"kind": "UNIT", "unit": str(tree.b.uid), "username": "ngoai", "full_name": "Ngoài"})
    system = client.post(CREATE, {"kind": "SYSTEM_ADMIN", "unit": "", "username": "sa2", "full_name": "Hệ thống"})

    assert outside.context["form"].errors["unit"] == ["Đơn vị này không thuộc các đơn vị bạn quản trị."]
    assert "kind" in system.context["form"].errors
    assert not User.objects.filter(username__in=["ngoai", "sa2"]).exists()


def test_a_taken_username_or_a_record_outside_the_scope_is_a_field_error(tree):
    person_b = person_in(tree.b, 13)
    client = web(tree.admin_a)

    taken = client.post(CREATE, {"kind": "UNIT", "unit": str(tree.a.uid), "username": "canbo_a", "full_name": "Trùng"})
    outside = client.post(CREATE, {"kind": "PERSONAL", "unit": str(tree.a.uid), "person": str(person_b.uid)})

    assert taken.status_code == 200 and "username" in taken.context["form"].errors
    assert outside.context["form"].errors["person"] == ["Hãy chọn trong danh sách."]
    person_b.refresh_from_db()
    assert person_b.account_id is None


def test_the_system_administrator_creates_a_unit_administrator_for_a_top_level_unit(tree):
    client = web(tree.province_admin)

    response = client.post(
        CREATE, {"kind": "UNIT_ADMIN", "unit": str(tree.b.uid), "username": "qt_b2", "full_name": "Quản trị B"}
    )

    assert response.status_code == 302
    assert User.objects.get(username="qt_b2").kind == User.Kind.UNIT_ADMIN


def test_csrf_is_enforced_on_creation(tree):
    client = web(tree.admin_a, enforce_csrf_checks=True)

    response = client.post(CREATE, {"kind": "UNIT", "unit": str(tree.a.uid), "username": "csrf", "full_name": "C"})

    assert response.status_code == 403
    assert not User.objects.filter(username="csrf").exists()


# --- bulk creation -----------------------------------------------------------------------------------------------


def bulk_url(unit) -> str:
    return reverse("manage:bulk_create", args=[unit.uid])


def test_bulk_creation_refuses_non_administrators_and_other_units(tree):
    assert web(tree.officer_a).get(bulk_url(tree.a)).status_code == 403
    assert web(tree.admin_a).get(bulk_url(tree.b)).status_code == 404


def test_bulk_creation_makes_every_ticked_account_and_one_slip_each(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "citizen_id"
    first = person_in(tree.a, 21, "Nguyễn Văn An")
    second = person_in(tree.a1, 22, "Lê Thị Bình")
    client = web(tree.admin_a)

    listed = client.get(bulk_url(tree.a), {"sub": "true"})
    assert {row["person"].uid for row in listed.context["rows"]} == {first.uid, second.uid}
    assert all(row["checked"] for row in listed.context["rows"])

    response = client.post(
        bulk_url(tree.a), {"sub": "true", "people": [str(first.uid), str(second.uid)], "hand_over": "slip"}
    )
    page = slip_of(client, response)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.account.username == "087185000021" and first.account.unit == tree.a
    assert second.account.username == "087185000022" and second.account.unit == tree.a1
    assert page.count("manage-slip ") + page.count('manage-slip"') == 2
    assert AccountSecurity.objects.get(user=first.account).must_change_password
    assert client.get(bulk_url(tree.a), {"sub": "true"}).context["rows"] == []


def test_bulk_creation_is_all_or_nothing_and_names_each_duplicate(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "citizen_id"
    first = person_in(tree.a, 31, "Nguyễn Văn An")
    second = person_in(tree.a, 32, "Lê Thị Bình")
    account("087185000032", tree.b)  # that login is taken by another account
    before = User.objects.count()

    response = web(tree.admin_a).post(
        bulk_url(tree.a), {"people": [str(first.uid), str(second.uid)], "hand_over": "slip"}
    )

    assert response.status_code == 200
    rows = {row["person"].uid: row for row in response.context["rows"]}
    assert rows[second.uid]["problems"] == ["Tên đăng nhập 087185000032 đã được một tài khoản khác dùng."]
    assert rows[first.uid]["problems"] == []
    assert User.objects.count() == before
    assert not Person.objects.filter(pk__in=[first.pk, second.pk], account__isnull=False).exists()


def test_bulk_creation_without_anyone_ticked_says_so(tree):
    person_in(tree.a, 41)

    response = web(tree.admin_a).post(bulk_url(tree.a), {"hand_over": "slip"})

    assert response.context["form"].errors["people"] == ["Hãy chọn ít nhất một người."]


def test_bulk_creation_caps_the_number_per_run(tree, settings):
    settings.HOSO_BULK_ACCOUNTS_MAX = 1
    first = person_in(tree.a, 51, "Nguyễn Văn An")
    second = person_in(tree.a, 52, "Lê Thị Bình")

    response = web(tree.admin_a).post(
        bulk_url(tree.a), {"people": [str(first.uid), str(second.uid)], "hand_over": "slip"}
    )

    assert response.context["form"].errors["people"] == ["Mỗi lần chỉ chọn tối đa 1 người."]
    assert not User.objects.filter(username__startswith="087185").exists()


def test_signing_in_with_the_slip_forces_a_new_password(tree):
    client = web(tree.admin_a)
    response = client.post(
        CREATE,
        {"kind": "UNIT", "unit": str(tree.a.uid), "username": "vanthu2", "full_name": "Văn thư", "hand_over": "slip"},
    )
    page = slip_of(client, response)
    _username, temporary = shown_secrets(page)

    holder = Client()
    signed_in = holder.post(reverse("accounts:login"), {"username": "vanthu2", "password": temporary}, follow=True)

    assert signed_in.redirect_chain[-1][0] == reverse("accounts:password_change")
