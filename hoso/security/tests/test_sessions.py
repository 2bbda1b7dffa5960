"""The gate every signed-in page passes: forced change, expiry, reminder, session lifetime, headers, CSRF."""

import datetime

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from hoso.security import services
from hoso.security.models import UserSession
from hoso.security.tests.factories import PASSWORD, make_account, sign_in

pytestmark = pytest.mark.django_db

HOME = reverse("organisations:home")
CHANGE = reverse("accounts:password_change")


def change_password(client: Client, old: str, new: str):  # type: ignore[no-untyped-def]
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})


def test_a_first_password_must_be_changed_at_the_first_sign_in(client, unit, admin):
    account = make_account("tran.binh", unit, full_name="Trần Văn Bình")
    services.set_first_password(account, "Tam-thoi-2026!", admin)

    response = sign_in(client, "tran.binh", "Tam-thoi-2026!")
    assert response.status_code == 302

    response = client.get(HOME, follow=True)
    assert response.redirect_chain == [(CHANGE, 302)]
    text = response.content.decode()
    assert "Mật khẩu này do quản trị viên đặt; hãy đặt mật khẩu của riêng bạn trước khi bắt đầu làm việc." in text
    assert client.get(reverse("people:list")).url == CHANGE

    response = change_password(client, "Tam-thoi-2026!", "Rieng-cua-toi-9")
    assert response.url == reverse("accounts:password_change_done")
    assert client.get(HOME).status_code == 200


def test_the_forced_change_refuses_the_same_password(client, holder, admin):
    services.set_first_password(holder, "Tam-thoi-2026!", admin)
    sign_in(client, "nhung.nguyen", "Tam-thoi-2026!")

    response = change_password(client, "Tam-thoi-2026!", "Tam-thoi-2026!")

    assert "Mật khẩu phải khác 5 mật khẩu gần nhất của bạn." in response.content.decode()
    assert client.get(HOME).url == CHANGE


def test_each_broken_rule_shows_under_the_new_password(client, holder):
    client.force_login(holder)

    response = change_password(client, PASSWORD, "nhung")

    text = response.content.decode()
    assert 'id="id_new_password1_error"' in text
    for message in (
        "Mật khẩu phải có ít nhất 8 ký tự.",
        "Mật khẩu phải có chữ in hoa.",
        "Mật khẩu phải có chữ số.",
        "Mật khẩu phải có ký tự đặc biệt, ví dụ ! @ # $ % - _ .",
        "Mật khẩu không được chứa họ tên của bạn.",
    ):
        assert message in text
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_an_expired_password_sends_every_page_to_the_change(client, clock, holder):
    clock.shift(datetime.timedelta(days=91))

    sign_in(client, "nhung.nguyen", PASSWORD)
    response = client.get(HOME, follow=True)

    assert response.redirect_chain == [(CHANGE, 302)]
    assert "Mật khẩu của bạn đã hết hạn; hãy đặt mật khẩu mới trước khi tiếp tục." in response.content.decode()


def test_a_password_expiring_soon_is_reminded_once(client, clock, holder):
    clock.shift(datetime.timedelta(days=80))
    sign_in(client, "nhung.nguyen", PASSWORD)

    first = client.get(HOME).content.decode()
    second = client.get(HOME).content.decode()

    reminder = "Mật khẩu của bạn sẽ hết hạn sau 10 ngày."
    assert reminder in first
    assert reminder not in second


def test_a_handed_over_unit_account_must_change_its_password(client, unit, admin):
    account = make_account("vanthu.stc", unit, full_name="Văn thư", kind="UNIT")
    services.require_password_change(account, admin)
    sign_in(client, "vanthu.stc", PASSWORD)

    response = client.get(HOME, follow=True)

    assert response.redirect_chain == [(CHANGE, 302)]
    assert "Tài khoản đơn vị này vừa được bàn giao cho bạn" in response.content.decode()


def test_a_session_ends_after_its_maximum_length_however_active(client, clock, holder):
    sign_in(client, "nhung.nguyen", PASSWORD)
    for _ in range(20):
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
    clock.shift(datetime.timedelta(minutes=29))

    response = client.get(HOME, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "Phiên làm việc đã đến thời hạn tối đa." in response.content.decode()
    assert not get_user(client).is_authenticated


def test_an_idle_session_ends(client, clock, holder):
    sign_in(client, "nhung.nguyen", PASSWORD)
    clock.shift(datetime.timedelta(minutes=31))

    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_session_of_an_account_locked_meanwhile_is_signed_out(client, clock, holder, admin):
    """Sessions opened before the session index existed are caught by the gate at its next check."""
    client.force_login(holder)
    UserSession.objects.all().delete()  # as if opened before the index existed
    services.lock_account(holder, admin, "Mất máy")
    clock.shift(datetime.timedelta(minutes=2))

    response = client.get(HOME, follow=True)

    assert "Tài khoản này đã bị quản trị viên khóa." in response.content.decode()
    assert not get_user(client).is_authenticated


def test_signed_in_pages_are_not_stored_by_caches(client, holder):
    client.force_login(holder)

    response = client.get(HOME)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_session_cookie_settings(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize("url_name", ["accounts:login", "security:report_public"])
def test_csrf_is_enforced_on_the_sign_in_forms(holder, url_name):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse(url_name), {"username": "nhung.nguyen", "password": PASSWORD})

    assert response.status_code == 403
    assert not get_user(client).is_authenticated


def test_csrf_is_enforced_on_the_password_form(holder):
    client = Client(enforce_csrf_checks=True)
    client.force_login(holder)

    response = change_password(client, PASSWORD, "Rieng-cua-toi-9")

    assert response.status_code == 403
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_the_login_page_reminds_that_credentials_are_not_shared(client):
    text = client.get(reverse("accounts:login")).content.decode()

    assert "Tên đăng nhập và mật khẩu là của riêng bạn." in text
    assert "văn bản đồng ý của cơ quan có thẩm quyền" in text
    assert reverse("security:report_public") in text


def test_the_password_page_reminds_it_too(client, holder):
    client.force_login(holder)

    assert "Tên đăng nhập và mật khẩu là của riêng bạn." in client.get(CHANGE).content.decode()


def test_the_admin_site_signs_in_on_our_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login") + "?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_a_one_time_link_sets_the_password_once(client, holder, admin):
    link = services.reset_password_with_link(holder, admin)

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "set-password" in response.redirect_chain[-1][0]  # the token left the address bar
    url = response.redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "Moi-cua-toi-77", "new_password2": "Moi-cua-toi-77"})
    assert response.url == reverse("accounts:login")

    assert sign_in(client, "nhung.nguyen", "Moi-cua-toi-77").status_code == 302
    client.post(reverse("accounts:logout"))
    assert "Đường dẫn này không hợp lệ" in client.get(link, follow=True).content.decode()
