"""The configuration checks catch a half-configured provider before anyone tries to sign in."""

import pytest

from hoso.sso.checks import check_provider_settings, check_provider_uses_https


@pytest.fixture
def enabled(settings):
    settings.HOSO_OIDC_ENABLED = True
    settings.HOSO_OIDC_ISSUER = "https://sso.laocai.gov.vn"
    settings.HOSO_OIDC_CLIENT_ID = "hoso"
    settings.HOSO_OIDC_CLIENT_SECRET = "secret"
    return settings


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_nothing_is_checked_while_single_sign_on_is_off(settings):
    settings.HOSO_OIDC_ENABLED = False
    settings.HOSO_OIDC_ISSUER = ""

    assert check_provider_settings(None) == []
    assert check_provider_uses_https(None) == []


def test_a_complete_configuration_passes(enabled):
    assert check_provider_settings(None) == []
    assert check_provider_uses_https(None) == []


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("HOSO_OIDC_ISSUER", "", "sso.E001"),
        ("HOSO_OIDC_CLIENT_ID", "", "sso.E002"),
        ("HOSO_OIDC_TOKEN_AUTH_METHOD", "private_key_jwt", "sso.E003"),
        ("HOSO_OIDC_CLIENT_SECRET", "", "sso.E004"),
        ("HOSO_OIDC_MATCH_FIELD", "email", "sso.E005"),
        ("HOSO_OIDC_MATCH_CLAIM", "", "sso.E006"),
        ("HOSO_OIDC_SCOPES", "profile email", "sso.E007"),
        ("HOSO_OIDC_TOKEN_ENDPOINT", "https://sso.laocai.gov.vn/token", "sso.W001"),
    ],
)
def test_each_mistake_has_its_check(enabled, name, value, expected):
    setattr(enabled, name, value)

    assert ids(check_provider_settings(None)) == [expected]


def test_a_public_client_needs_no_secret(enabled):
    enabled.HOSO_OIDC_CLIENT_SECRET = ""
    enabled.HOSO_OIDC_TOKEN_AUTH_METHOD = "none"

    assert check_provider_settings(None) == []


def test_production_wants_https_endpoints(enabled):
    enabled.HOSO_OIDC_ISSUER = "http://sso.laocai.gov.vn"

    assert ids(check_provider_uses_https(None)) == ["sso.W002"]
