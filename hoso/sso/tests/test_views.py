"""Signing in with the province's shared account against a real OIDC provider running on 127.0.0.1."""

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from hoso.accounts.tests.factories import UserFactory
from hoso.audit.models import AuditEntry
from hoso.people.models import Person
from hoso.people.tests.factories import IDENTITY, make_unit, make_user, new_record
from hoso.sso.client import forget_clients
from hoso.sso.enums import Refusal
from hoso.sso.models import ExternalIdentity
from hoso.sso.services import REFUSAL_MESSAGES
from hoso.sso.tests.conftest import CLIENT_ID
from hoso.sso.tests.flow import come_back, go_to_provider, provider_answer, sign_in
from hoso.sso.views import ID_TOKEN_SESSION_KEY, ISSUER_SESSION_KEY

CITIZEN_ID = IDENTITY["citizen_id"]
SUBJECT = "tkdc-0001"

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee():
    """An existing personal account linked to the record whose ID number the provider will assert."""
    unit = make_unit()
    person = new_record(unit, make_user("officer", unit))
    user = UserFactory(username="nhung", unit=unit, full_name="Nguyễn Thị Hồng Nhung")
    Person.objects.filter(pk=person.pk).update(account=user)
    return user


def as_citizen(citizen_id: str = CITIZEN_ID, subject: str = SUBJECT, **claims: str) -> dict[str, str]:
    return {"sub": subject, "citizen_id": citizen_id, "name": "Nguyễn Thị Hồng Nhung", **claims}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_refused(client, response, refusal: Refusal) -> None:
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert messages_of(response) == [str(REFUSAL_MESSAGES[refusal])]
    assert SESSION_KEY not in client.session


# --- Off by default ---------------------------------------------------------------------------


def test_single_sign_on_is_off_by_default(client, settings):
    assert settings.HOSO_OIDC_ENABLED is False

    assert client.get(reverse("sso:login")).status_code == 404
    assert client.get(reverse("sso:callback"), {"code": "x", "state": "y"}).status_code == 404
    assert client.post(reverse("sso:logout")).status_code == 404
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert reverse("sso:login") not in page.text


def test_the_login_page_offers_the_shared_account_when_on(client, provider, settings):
    page = client.get(reverse("accounts:login"), {"next": "/people/"})

    assert "Đăng nhập bằng tài khoản dùng chung của tỉnh" in page.text
    assert f'href="{reverse("sso:login")}?next=/people/"' in page.text

    settings.HOSO_OIDC_BUTTON_LABEL = "Đăng nhập qua Cổng dịch vụ công tỉnh"
    assert "Đăng nhập qua Cổng dịch vụ công tỉnh" in client.get(reverse("accounts:login")).text


# --- The flow ---------------------------------------------------------------------------------


def test_the_request_to_the_provider_uses_the_code_flow_with_pkce_state_and_nonce(client, provider):
    location = urlsplit(go_to_provider(client))
    params = {key: values[0] for key, values in parse_qs(location.query).items()}

    assert f"{location.scheme}://{location.netloc}" == provider.issuer
    assert location.path == "/authorize"
    assert params["response_type"] == "code"
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == "http://testserver/sso/callback/"
    assert set(params["scope"].split()) == {"openid", "profile"}
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43
    assert params["state"] and params["nonce"]
    assert SESSION_KEY not in client.session


def test_a_person_with_a_linked_account_is_signed_in_and_linked(client, provider, employee):
    provider.identity = as_citizen()

    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home")
    assert client.session[SESSION_KEY] == str(employee.pk)
    assert client.session[ISSUER_SESSION_KEY] == provider.issuer
    assert ID_TOKEN_SESSION_KEY not in client.session
    employee.refresh_from_db()
    assert employee.last_login is not None  # user_logged_in fired, as after a password
    link = ExternalIdentity.objects.get()
    assert (link.issuer, link.subject, link.user) == (provider.issuer, SUBJECT, employee)
    assert client.get(reverse("organisations:home")).status_code == 200
    entries = list(AuditEntry.objects.filter(actor=employee).order_by("sequence").values_list("action", "detail"))
    assert entries == [
        ("ACCOUNT_CHANGED", {"shared_account": "linked", "issuer": provider.issuer}),
        ("LOGIN", {"backend": "SharedAccountBackend"}),
    ]


def test_a_linked_identity_signs_in_by_its_subject_alone(client, provider, employee):
    ExternalIdentity.objects.create(issuer=provider.issuer, subject=SUBJECT, user=employee)
    provider.identity = {"sub": SUBJECT}  # no ID number at all

    response = sign_in(client)

    assert response["Location"] == reverse("organisations:home")
    assert client.session[SESSION_KEY] == str(employee.pk)
    assert ExternalIdentity.objects.get().last_used_at is not None


def test_the_two_factor_step_still_applies_after_the_provider(client, provider, employee):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=employee, name="phone", confirmed=True)
    provider.identity = as_citizen()

    sign_in(client)
    page = client.get(reverse("organisations:home"))

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login_verify"))


def test_the_page_asked_for_before_signing_in_is_shown_after(client, provider, employee):
    provider.identity = as_citizen()

    assert sign_in(client, next_url="/people/")["Location"] == "/people/"


def test_a_next_url_on_another_site_is_ignored(client, provider, employee):
    provider.identity = as_citizen()

    assert sign_in(client, next_url="https://evil.example/")["Location"] == reverse("organisations:home")


def test_the_match_claim_may_come_from_userinfo_only(client, provider, employee):
    provider.identity = {"sub": SUBJECT}
    provider.userinfo_only_claims = {"citizen_id": CITIZEN_ID}

    sign_in(client)

    assert client.session[SESSION_KEY] == str(employee.pk)


def test_accounts_can_be_matched_by_username(client, provider, settings):
    settings.HOSO_OIDC_MATCH_CLAIM = "preferred_username"
    settings.HOSO_OIDC_MATCH_FIELD = "username"
    user = UserFactory(username="nhung.nth")
    provider.identity = {"sub": SUBJECT, "preferred_username": "nhung.nth"}

    sign_in(client)

    assert client.session[SESSION_KEY] == str(user.pk)


def test_explicit_endpoints_work_without_discovery(client, provider, employee, settings):
    settings.HOSO_OIDC_AUTHORIZATION_ENDPOINT = f"{provider.issuer}/authorize"
    settings.HOSO_OIDC_TOKEN_ENDPOINT = f"{provider.issuer}/token"
    settings.HOSO_OIDC_JWKS_URI = f"{provider.issuer}/jwks"
    settings.HOSO_OIDC_USERINFO_ENDPOINT = f"{provider.issuer}/userinfo"
    provider.identity = {"sub": SUBJECT}
    provider.userinfo_only_claims = {"citizen_id": CITIZEN_ID}

    sign_in(client)

    assert client.session[SESSION_KEY] == str(employee.pk)


def test_a_new_signing_key_of_the_provider_is_fetched_from_its_jwks(client, provider, employee):
    provider.identity = as_citizen()
    sign_in(client)
    client.logout()

    provider.rotate_key("fake-provider-key-2")
    sign_in(client)

    assert client.session[SESSION_KEY] == str(employee.pk)


# --- Refusals ---------------------------------------------------------------------------------


def test_an_unknown_identity_is_refused_with_a_message_and_no_session(client, provider, employee):
    provider.identity = as_citizen(citizen_id="001090000001", subject="someone-else")

    response = sign_in(client)

    assert_refused(client, response, Refusal.NOT_LINKED)
    assert not ExternalIdentity.objects.exists()
    failure = AuditEntry.objects.get(action="LOGIN_FAILED")
    assert (failure.actor, failure.target_id) == (None, "")
    assert failure.detail == {"method": "shared_account", "reason": "NOT_LINKED"}
    page = client.get(response["Location"])
    assert "Tài khoản dùng chung của bạn chưa được liên kết" in page.text
    assert "liên hệ quản trị đơn vị" in page.text


def test_a_person_without_an_account_is_refused(client, provider, employee):
    Person.objects.update(account=None)
    provider.identity = as_citizen()

    assert_refused(client, sign_in(client), Refusal.NOT_LINKED)


def test_an_inactive_account_is_refused(client, provider, employee):
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    provider.identity = as_citizen()

    assert_refused(client, sign_in(client), Refusal.INACTIVE)
    assert not ExternalIdentity.objects.exists()
    failure = AuditEntry.objects.get(action="LOGIN_FAILED")
    assert failure.target_id == str(employee.uid)
    assert failure.detail == {"method": "shared_account", "reason": "INACTIVE"}


def test_a_linked_but_locked_account_is_refused(client, provider, employee):
    ExternalIdentity.objects.create(issuer=provider.issuer, subject=SUBJECT, user=employee)
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    provider.identity = as_citizen()

    assert_refused(client, sign_in(client), Refusal.INACTIVE)


def test_an_account_linked_to_another_identity_is_not_taken_over(client, provider, employee):
    ExternalIdentity.objects.create(issuer=provider.issuer, subject="the-first-one", user=employee)
    provider.identity = as_citizen(subject="a-second-one")

    assert_refused(client, sign_in(client), Refusal.LINKED_ELSEWHERE)
    assert list(ExternalIdentity.objects.values_list("subject", flat=True)) == ["the-first-one"]


def test_a_tampered_state_is_refused(client, provider, employee):
    provider.identity = as_citizen()
    back = provider_answer(go_to_provider(client))
    state = parse_qs(urlsplit(back).query)["state"][0]

    tampered = state[:-1] + ("X" if state[-1] != "X" else "Y")  # never the same state by chance
    response = come_back(client, back.replace(f"state={state}", f"state={tampered}"))

    assert_refused(client, response, Refusal.INVALID_STATE)


def test_a_callback_cannot_be_replayed(client, provider, employee):
    provider.identity = as_citizen()
    back = provider_answer(go_to_provider(client))
    come_back(client, back)
    client.logout()

    assert_refused(client, come_back(client, back), Refusal.INVALID_STATE)


def test_a_callback_started_in_another_browser_is_refused(client, provider, employee, django_user_model):
    from django.test import Client

    provider.identity = as_citizen()
    back = provider_answer(go_to_provider(Client()))  # an attacker's own sign-in, fed to the victim

    assert_refused(client, come_back(client, back), Refusal.INVALID_STATE)


def test_an_id_token_signed_by_another_key_is_refused(client, provider, employee):
    provider.identity = as_citizen()
    provider.sign_with_foreign_key()

    assert_refused(client, sign_in(client), Refusal.UNVERIFIED)
    assert not ExternalIdentity.objects.exists()


def test_an_id_token_with_another_nonce_is_refused(client, provider, employee):
    provider.identity = as_citizen()
    provider.nonce_override = "a-nonce-from-another-request"

    assert_refused(client, sign_in(client), Refusal.UNVERIFIED)


def test_an_id_token_for_another_client_is_refused(client, provider, employee):
    provider.identity = as_citizen()
    provider.audience_override = "another-application"

    assert_refused(client, sign_in(client), Refusal.UNVERIFIED)


def test_an_id_token_from_another_issuer_is_refused(client, provider, employee, settings):
    settings.HOSO_OIDC_AUTHORIZATION_ENDPOINT = f"{provider.issuer}/authorize"
    settings.HOSO_OIDC_TOKEN_ENDPOINT = f"{provider.issuer}/token"
    settings.HOSO_OIDC_JWKS_URI = f"{provider.issuer}/jwks"
    settings.HOSO_OIDC_ISSUER = "https://sso.another-province.gov.vn"
    provider.identity = as_citizen()

    assert_refused(client, sign_in(client), Refusal.UNVERIFIED)


def test_a_code_exchanged_with_a_wrong_client_secret_is_refused(client, provider, employee, settings):
    provider.identity = as_citizen()
    back = provider_answer(go_to_provider(client))
    settings.HOSO_OIDC_CLIENT_SECRET = "not-the-secret"  # noqa: S105

    assert_refused(client, come_back(client, back), Refusal.UNVERIFIED)


def test_a_refusal_at_the_provider_is_reported(client, provider, employee):
    provider.identity = None  # nobody consents: the provider answers error=access_denied

    assert_refused(client, sign_in(client), Refusal.CANCELLED)


def test_a_provider_that_does_not_answer_gives_a_message_not_an_error(client, provider, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.HOSO_OIDC_ISSUER = f"http://127.0.0.1:{closed_port}"
    forget_clients()

    response = client.get(reverse("sso:login"))

    assert_refused(client, response, Refusal.PROVIDER_UNAVAILABLE)


def test_an_authenticated_user_is_not_sent_to_the_provider(client, provider, employee):
    client.force_login(employee)

    assert client.get(reverse("sso:login"))["Location"] == reverse("organisations:home")


# --- Signing out -------------------------------------------------------------------------------


def test_signing_out_is_local_by_default(client, provider, employee):
    provider.identity = as_citizen()
    sign_in(client)
    home = client.get(reverse("organisations:home"))
    assert f'action="{reverse("accounts:logout")}"' in home.text

    response = client.post(reverse("sso:logout"))

    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session
    assert provider.logout_requests == []


def test_signing_out_at_the_provider_when_asked(client, provider, employee, settings):
    settings.HOSO_OIDC_LOGOUT_AT_PROVIDER = True
    provider.identity = as_citizen()
    sign_in(client)
    id_token = client.session[ID_TOKEN_SESSION_KEY]
    home = client.get(reverse("organisations:home"))
    assert f'action="{reverse("sso:logout")}"' in home.text

    page = client.post(reverse("sso:logout"))

    assert page.status_code == 200
    assert SESSION_KEY not in client.session
    end_session_url = page.context["end_session_url"]
    assert end_session_url.startswith(f"{provider.issuer}/logout?")
    assert f'content="0;url={end_session_url.replace("&", "&amp;")}"' in page.text
    provider_reply = requests.get(end_session_url, allow_redirects=False, timeout=10)
    assert provider_reply.headers["Location"] == "http://testserver/accounts/login/"
    assert provider.logout_requests == [
        {
            "client_id": CLIENT_ID,
            "id_token_hint": id_token,
            "post_logout_redirect_uri": "http://testserver/accounts/login/",
        }
    ]


def test_signing_out_stays_local_when_the_provider_has_no_end_session_endpoint(client, provider, employee, settings):
    settings.HOSO_OIDC_LOGOUT_AT_PROVIDER = True
    provider.advertise_end_session = False
    provider.identity = as_citizen()
    sign_in(client)

    response = client.post(reverse("sso:logout"))

    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def test_signing_out_needs_a_post(client, provider, employee):
    client.force_login(employee)

    assert client.get(reverse("sso:logout")).status_code == 405
    assert SESSION_KEY in client.session
