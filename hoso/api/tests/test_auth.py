import datetime

import pytest
from django.test import Client
from django.utils import timezone

from hoso.accounts.models import ApiToken
from hoso.api.auth import TOKEN_LIFETIME
from hoso.people.tests.factories import make_user

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"


def post_token(client: Client, body: object) -> object:
    return client.post(TOKEN_URL, body, content_type="application/json")


def test_a_token_is_issued_for_good_credentials_and_only_its_hash_is_stored(anonymous, officer):
    response = post_token(anonymous, {"username": "officer", "password": "x-Password-1"})

    assert response.status_code == 200
    body = response.json()
    stored = ApiToken.objects.get(user=officer)
    assert stored.token_hash == ApiToken.hash(body["token"])
    assert body["token"] not in stored.token_hash
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - stored.expires_at) < datetime.timedelta(milliseconds=1)
    assert abs(stored.expires_at - timezone.now() - TOKEN_LIFETIME) < datetime.timedelta(minutes=1)

    api = Client(HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert api.get("/api/v1/units/").status_code == 200


@pytest.mark.parametrize(
    ("username", "password"),
    [("officer", "wrong"), ("nobody", "x-Password-1"), ("OFFICER", "x-Password-1"), ("", "")],
)
def test_wrong_credentials_get_a_401_problem_in_vietnamese_and_no_token(anonymous, officer, username, password):
    response = post_token(anonymous, {"username": username, "password": password})

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu."
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token_and_their_tokens_stop_working(anonymous, officer, api):
    officer.is_active = False
    officer.save()

    assert post_token(anonymous, {"username": "officer", "password": "x-Password-1"}).status_code == 401
    assert api.get("/api/v1/units/").status_code == 401


def test_a_malformed_token_request_is_a_422_with_field_messages(anonymous, officer):
    response = post_token(anonymous, {"username": "officer"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"password": ["Trường này là bắt buộc."]}
    assert response.json()["title"] == "Dữ liệu không hợp lệ"

    response = post_token(anonymous, {"username": "officer", "password": "x-Password-1", "remember": True})
    assert response.json()["errors"] == {"remember": ["Trường không có trong phần này."]}


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Bearer nonsense", "Token abc", "Basic b2ZmaWNlcjp4", "Bearer " + "x" * 5000],
)
def test_missing_or_invalid_tokens_get_a_401_problem(officer, header):
    client = Client(HTTP_AUTHORIZATION=header) if header is not None else Client()

    response = client.get("/api/v1/people/")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Cần xác thực"
    assert "mã truy cập api" in body["detail"].lower()


def test_an_expired_token_is_refused_and_says_so(api, officer):
    ApiToken.objects.filter(user=officer).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = api.get("/api/v1/units/")

    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_a_session_login_does_not_authenticate_the_api(officer):
    client = Client()
    client.force_login(officer)

    assert client.get("/api/v1/units/").status_code == 401


def test_a_token_records_when_it_was_last_used(api, officer):
    assert ApiToken.objects.get(user=officer).last_used_at is None

    api.get("/api/v1/units/")

    assert ApiToken.objects.get(user=officer).last_used_at is not None


def test_issuing_a_token_removes_the_users_expired_tokens(anonymous, officer):
    other = make_user("other")
    for user in (officer, other):
        ApiToken.objects.create(
            user=user, token_hash=ApiToken.hash(f"old-{user.pk}"), expires_at=timezone.now() - datetime.timedelta(1)
        )

    post_token(anonymous, {"username": "officer", "password": "x-Password-1"})

    assert ApiToken.objects.filter(user=officer).count() == 1
    assert ApiToken.objects.filter(user=other).count() == 1


def test_english_is_selectable_with_accept_language(anonymous, officer):
    response = anonymous.post(
        TOKEN_URL,
        {"username": "officer", "password": "wrong"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.json()["detail"] == "Wrong username or password."
