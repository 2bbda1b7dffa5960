"""Sign-in, failed sign-in and sign-out are logged with the address they came from; never a password."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from hoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from hoso.audit.enums import AuditAction, Channel
from hoso.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
TOKEN_URL = "/api/v1/auth/token"


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("sequence"))


def all_text(entry: AuditEntry) -> str:
    return " ".join(str(value) for value in entry.hashed_values().values())


def test_signing_in_on_the_login_page_is_logged_with_the_address(officer_a, unit_a):
    client = Client(REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")

    response = client.post(LOGIN_URL, {"username": "canbo.a", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    [entry] = entries(AuditAction.LOGIN)
    assert entry.actor == officer_a
    assert entry.actor_unit == unit_a
    assert entry.ip == "192.0.2.10"
    assert entry.user_agent == "Mozilla/5.0 (X11; Linux x86_64)"
    assert entry.channel == Channel.WEB
    assert entry.detail == {"backend": "ModelBackend"}


def test_a_failed_sign_in_keeps_the_username_and_address_but_never_the_password(officer_a, unit_a):
    client = Client(REMOTE_ADDR="198.51.100.4")

    response = client.post(LOGIN_URL, {"username": "canbo.a", "password": "Sai-mat-khau-99"})

    assert response.status_code == 200
    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.actor_username == "canbo.a"
    assert entry.ip == "198.51.100.4"
    assert (entry.target_type, entry.target_id) == ("accounts.user", str(officer_a.uid))
    assert entry.unit == unit_a  # the unit's auditors see attempts on their accounts
    assert entry.detail == {"known_account": True}
    assert "Sai-mat-khau-99" not in all_text(entry)
    assert "****" not in all_text(entry)
    assert not entries(AuditAction.LOGIN)


def test_a_failed_sign_in_with_an_unknown_name_has_no_target(officer_a):
    Client(REMOTE_ADDR="198.51.100.5").post(LOGIN_URL, {"username": "khong-ton-tai", "password": "x"})

    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.actor_username == "khong-ton-tai"
    assert (entry.target_type, entry.target_id, entry.unit) == ("", "", None)
    assert entry.detail == {"known_account": False}


def test_a_username_that_is_an_id_number_is_masked():
    authenticate(RequestFactory().post(LOGIN_URL, REMOTE_ADDR="10.9.8.7"), username="087185000123", password="x")

    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.actor_username == "087******123"
    assert "087185000123" not in all_text(entry)
    assert entry.ip == "10.9.8.7"


def test_signing_out_is_logged(officer_a):
    client = Client(REMOTE_ADDR="192.0.2.11")
    client.post(LOGIN_URL, {"username": "canbo.a", "password": DEFAULT_PASSWORD})

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    [entry] = entries(AuditAction.LOGOUT)
    assert entry.actor == officer_a
    assert entry.ip == "192.0.2.11"


def test_an_api_token_issued_is_a_login_on_the_api_channel(officer_a):
    client = Client(REMOTE_ADDR="203.0.113.20")

    response = client.post(
        TOKEN_URL, {"username": "canbo.a", "password": DEFAULT_PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 200
    [entry] = entries(AuditAction.LOGIN)
    assert entry.actor == officer_a
    assert entry.channel == Channel.API
    assert entry.ip == "203.0.113.20"
    assert entry.detail == {"channel": "api"}
    assert response.json()["token"] not in all_text(entry)


def test_a_refused_api_token_is_a_failed_login_on_the_api_channel(officer_a):
    client = Client(REMOTE_ADDR="203.0.113.21")

    response = client.post(TOKEN_URL, {"username": "canbo.a", "password": "wrong"}, content_type="application/json")

    assert response.status_code == 401
    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.channel == Channel.API
    assert entry.ip == "203.0.113.21"
    assert entry.actor_username == "canbo.a"
    assert not entries(AuditAction.LOGIN)


def test_an_inactive_account_signing_in_is_a_failed_login():
    UserFactory(username="da-nghi", is_active=False)

    Client().post(LOGIN_URL, {"username": "da-nghi", "password": DEFAULT_PASSWORD})

    assert [e.actor_username for e in entries(AuditAction.LOGIN_FAILED)] == ["da-nghi"]
    assert not entries(AuditAction.LOGIN)
