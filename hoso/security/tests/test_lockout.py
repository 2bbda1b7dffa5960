import datetime

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from hoso.security import services
from hoso.security.models import LoginThrottle
from hoso.security.tests.factories import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

WRONG = "Sai-mat-khau-1"
LOCKED_MESSAGE = (
    "Đăng nhập sai quá nhiều lần. Tài khoản này tạm bị khóa đăng nhập đến 15:15 ngày 02/03/2026. Hãy thử lại sau "
    "thời điểm đó, hoặc đề nghị quản trị viên của đơn vị mở khóa."
)


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        response = sign_in(client, username, WRONG)
        assert response.status_code == 200


def test_the_fifth_failure_locks_the_username_with_a_message_saying_until_when(client, clock, holder):
    fail(client, "nhung.nguyen", 4)

    response = sign_in(client, "nhung.nguyen", WRONG)

    assert LOCKED_MESSAGE in response.content.decode()  # 08:00 UTC is 15:00 in Hà Nội, plus 15 minutes


def test_the_right_password_is_refused_during_the_lockout(client, clock, holder):
    fail(client, "nhung.nguyen", 5)

    response = sign_in(client, "nhung.nguyen", PASSWORD)

    assert response.status_code == 200
    assert LOCKED_MESSAGE in response.content.decode()
    assert not get_user(client).is_authenticated


def test_after_the_lockout_the_right_password_works_again(client, clock, holder):
    fail(client, "nhung.nguyen", 5)
    clock.shift(datetime.timedelta(minutes=15, seconds=1))

    response = sign_in(client, "nhung.nguyen", PASSWORD)

    assert response.status_code == 302
    assert get_user(client).is_authenticated
    assert not LoginThrottle.objects.filter(key="nhung.nguyen").exists()


def test_failures_spread_over_more_than_the_window_do_not_lock(client, clock, holder):
    fail(client, "nhung.nguyen", 4)
    clock.shift(datetime.timedelta(minutes=16))
    fail(client, "nhung.nguyen", 4)

    assert sign_in(client, "nhung.nguyen", PASSWORD).status_code == 302


def test_an_unknown_username_is_locked_the_same_way(client, clock):
    """The answers for a real and an invented username are the same: nothing tells which exist."""
    fail(client, "khong-co-ai", 4)
    first = sign_in(client, "khong-co-ai", WRONG).content.decode()

    assert LOCKED_MESSAGE in first


def test_a_wrong_password_gets_the_same_message_as_an_unknown_username(client, holder):
    wrong_password = sign_in(client, "nhung.nguyen", WRONG).content.decode()
    unknown_user = sign_in(client, "khong-co-ai", WRONG).content.decode()

    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong_password and message in unknown_user


def test_an_administrator_unlocks_at_once(client, clock, holder, admin_client):
    fail(client, "nhung.nguyen", 5)

    response = admin_client.post(reverse("security:account_unlock", args=[holder.uid]))

    assert response.status_code == 302
    assert sign_in(client, "nhung.nguyen", PASSWORD).status_code == 302


def test_an_administrator_of_another_unit_cannot_unlock(client, clock, holder, other_admin):
    fail(client, "nhung.nguyen", 5)
    outsider = Client()
    outsider.force_login(other_admin)

    response = outsider.post(reverse("security:account_unlock", args=[holder.uid]))

    assert response.status_code == 404
    assert LOCKED_MESSAGE in sign_in(client, "nhung.nguyen", PASSWORD).content.decode()


def test_many_usernames_from_one_address_lock_the_address(settings, clock, holder):
    settings.HOSO_PASSWORD_POLICY = {"lockout_ip_attempts": 3}
    sprayer = Client(REMOTE_ADDR="203.0.113.9")
    for name in ("an", "binh", "chi"):
        sign_in(sprayer, name, WRONG)

    refused = sign_in(sprayer, "nhung.nguyen", PASSWORD).content.decode()
    elsewhere = sign_in(Client(REMOTE_ADDR="198.51.100.1"), "nhung.nguyen", PASSWORD)

    assert "Có quá nhiều lần đăng nhập sai từ máy tính hoặc mạng này." in refused
    assert elsewhere.status_code == 302


def test_a_success_clears_the_username_count(client, clock, holder):
    fail(client, "nhung.nguyen", 4)
    assert sign_in(client, "nhung.nguyen", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    fail(client, "nhung.nguyen", 4)
    assert sign_in(client, "nhung.nguyen", PASSWORD).status_code == 302


def test_an_account_locked_by_an_administrator_cannot_sign_in(client, holder, admin):
    services.lock_account(holder, admin, "Nghi bị lộ")

    response = sign_in(client, "nhung.nguyen", PASSWORD)

    assert "Tài khoản này đã bị quản trị viên khóa." in response.content.decode()
    assert not get_user(client).is_authenticated
