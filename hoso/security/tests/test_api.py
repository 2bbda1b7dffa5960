import datetime

import pytest
from django.test import Client

from hoso.accounts.models import ApiToken
from hoso.api.auth import issue_token
from hoso.security import services
from hoso.security.tests.factories import PASSWORD, enrol, totp_code

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"


def post_token(body: dict[str, str], client: Client | None = None):  # type: ignore[no-untyped-def]
    return (client or Client()).post(TOKEN_URL, body, content_type="application/json")


def credentials(**extra: str) -> dict[str, str]:
    return {"username": "nhung.nguyen", "password": PASSWORD, **extra}


def test_repeated_failures_get_a_429_that_says_until_when_even_with_the_right_password(clock, holder):
    for _ in range(4):
        assert post_token(credentials(password="sai")).status_code == 401

    fifth = post_token(credentials(password="sai"))
    right = post_token(credentials())

    for response in (fifth, right):
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/problem+json")
        assert response["Retry-After"] == "901"
        assert response.json()["detail"].startswith("Đăng nhập sai quá nhiều lần.")
        assert "15:15 ngày 02/03/2026" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_a_locked_account_gets_a_403(holder, admin):
    services.lock_account(holder, admin, "Nghi bị lộ")

    response = post_token(credentials())

    assert response.status_code == 403
    assert response.json()["detail"] == "Tài khoản này đã bị quản trị viên khóa. Hãy liên hệ quản trị viên của đơn vị."


def test_an_account_with_an_authenticator_must_send_a_code(clock, holder):
    device = enrol(holder)

    missing = post_token(credentials())
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"otp": ["Nhập mã mà ứng dụng xác thực đang hiển thị."]}

    wrong = post_token(credentials(otp="000000"))
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == {"otp": ["Mã không đúng hoặc đã hết hiệu lực."]}
    clock.shift(datetime.timedelta(seconds=5))

    right = post_token(credentials(otp=totp_code(device)))
    assert right.status_code == 200
    assert ApiToken.objects.filter(user=holder).count() == 1


@pytest.mark.usefixtures("two_factor_required")
def test_an_account_that_must_use_two_factor_without_an_authenticator_gets_no_token(admin):
    response = post_token({"username": "quantri", "password": PASSWORD})

    assert response.status_code == 403
    assert "bắt buộc dùng xác thực hai lớp" in response.json()["detail"]
    assert not ApiToken.objects.exists()


@pytest.mark.usefixtures("two_factor_required")
def test_an_enrolled_administrator_gets_a_token_with_the_code(clock, admin):
    device = enrol(admin)

    response = post_token({"username": "quantri", "password": PASSWORD, "otp": totp_code(device)})

    assert response.status_code == 200


def test_an_account_that_must_change_its_password_gets_no_token(holder, admin):
    services.set_first_password(holder, "Tam-thoi-2026!", admin)

    response = post_token(credentials(password="Tam-thoi-2026!"))

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Phải đổi mật khẩu của tài khoản này trước. Hãy đăng nhập trên trang web và đổi mật khẩu."
    )


def test_a_token_stops_working_when_the_password_expires(clock, holder):
    clock.shift(datetime.timedelta(days=89, hours=23))
    raw, _token = issue_token(user=holder)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/units/").status_code == 200

    clock.shift(datetime.timedelta(hours=2))  # the password is now 90 days old, the token 2 hours
    response = api.get("/api/v1/units/")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert "Phải đổi mật khẩu" in response.json()["detail"]


def test_a_reset_revokes_the_tokens(holder, admin):
    raw, _token = issue_token(user=holder)

    services.reset_password(holder, admin)

    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/units/").status_code == 401
