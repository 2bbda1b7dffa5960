import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from hoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def content(response) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in text
    return text


def test_login_page_is_in_vietnamese(client):
    response = client.get(reverse("accounts:login"))

    text = content(response)
    assert response.status_code == 200
    assert '<html lang="vi"' in text
    assert "Đăng nhập" in text
    assert "Tên đăng nhập" in text
    assert "Mật khẩu" in text
    assert "Hồ sơ cán bộ, công chức, viên chức Tỉnh Đồng Tháp" in text
    assert 'autocomplete="current-password"' in text


def test_bad_login_shows_a_vietnamese_error(client):
    UserFactory(username="canbo")

    response = client.post(reverse("accounts:login"), {"username": "canbo", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in content(response)
    assert not get_user(client).is_authenticated


def test_login_then_logout(client):
    UserFactory(username="canbo", full_name="Trần Văn Bình")

    response = client.post(reverse("accounts:login"), {"username": "canbo", "password": DEFAULT_PASSWORD, "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert get_user(client).is_authenticated
    assert "Trần Văn Bình" in content(client.get("/"))

    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert "Bạn đã đăng xuất." in content(response)
    assert not get_user(client).is_authenticated


def test_logout_refuses_get(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert get_user(client).is_authenticated


def test_signed_in_user_is_sent_on_from_the_login_page(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response.url == reverse("organisations:home")


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    assert "Đổi mật khẩu" in content(client.get(reverse("accounts:password_change")))

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("accounts:password_change_done"), 302)]
    assert "Mật khẩu của bạn đã được thay đổi." in content(response)
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")


def test_password_change_shows_errors_next_to_the_field(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )

    text = content(response)
    assert 'id="id_old_password_error"' in text
    assert 'aria-describedby="id_old_password_error"' in text
    assert 'aria-invalid="true"' in text
    assert "is-invalid" in text


def test_password_change_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
