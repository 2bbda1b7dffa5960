"""Configuration checks for single sign-on (run by `manage.py check` and at start-up)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from hoso.sso.enums import MatchField

TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "none")


@register("sso")
def check_provider_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not settings.HOSO_OIDC_ENABLED:
        return []
    messages: list[CheckMessage] = []
    if not settings.HOSO_OIDC_ISSUER:
        messages.append(Error("HOSO_OIDC_ISSUER must be set when HOSO_OIDC_ENABLED is on.", id="sso.E001"))
    if not settings.HOSO_OIDC_CLIENT_ID:
        messages.append(Error("HOSO_OIDC_CLIENT_ID must be set when HOSO_OIDC_ENABLED is on.", id="sso.E002"))
    if settings.HOSO_OIDC_TOKEN_AUTH_METHOD not in TOKEN_AUTH_METHODS:
        messages.append(
            Error(f"HOSO_OIDC_TOKEN_AUTH_METHOD must be one of {', '.join(TOKEN_AUTH_METHODS)}.", id="sso.E003")
        )
    elif settings.HOSO_OIDC_TOKEN_AUTH_METHOD != "none" and not settings.HOSO_OIDC_CLIENT_SECRET:  # noqa: S105
        messages.append(
            Error(
                "HOSO_OIDC_CLIENT_SECRET (or HOSO_OIDC_CLIENT_SECRET_FILE) must be set for a confidential client.",
                hint="Set HOSO_OIDC_TOKEN_AUTH_METHOD=none only if the provider registered hoso as a public client.",
                id="sso.E004",
            )
        )
    if settings.HOSO_OIDC_MATCH_FIELD not in set(MatchField):
        messages.append(Error(f"HOSO_OIDC_MATCH_FIELD must be one of {', '.join(MatchField)}.", id="sso.E005"))
    if not settings.HOSO_OIDC_MATCH_CLAIM:
        messages.append(Error("HOSO_OIDC_MATCH_CLAIM must name the provider's claim to match.", id="sso.E006"))
    if "openid" not in settings.HOSO_OIDC_SCOPES.split():
        messages.append(Error("HOSO_OIDC_SCOPES must include 'openid'.", id="sso.E007"))
    explicit = [
        settings.HOSO_OIDC_AUTHORIZATION_ENDPOINT,
        settings.HOSO_OIDC_TOKEN_ENDPOINT,
        settings.HOSO_OIDC_JWKS_URI,
    ]
    if any(explicit) and not all(explicit):
        messages.append(
            Warning(
                "Only some of HOSO_OIDC_AUTHORIZATION_ENDPOINT, HOSO_OIDC_TOKEN_ENDPOINT and HOSO_OIDC_JWKS_URI are"
                " set: they are ignored and the discovery document is used.",
                id="sso.W001",
            )
        )
    return messages


@register(Tags.security, deploy=True)
def check_provider_uses_https(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not settings.HOSO_OIDC_ENABLED:
        return []
    names = [
        "HOSO_OIDC_ISSUER",
        "HOSO_OIDC_AUTHORIZATION_ENDPOINT",
        "HOSO_OIDC_TOKEN_ENDPOINT",
        "HOSO_OIDC_JWKS_URI",
        "HOSO_OIDC_USERINFO_ENDPOINT",
        "HOSO_OIDC_END_SESSION_ENDPOINT",
    ]
    insecure = [
        name for name in names if getattr(settings, name) and urlsplit(getattr(settings, name)).scheme != "https"
    ]
    if not insecure:
        return []
    return [Warning(f"{', '.join(insecure)} should use https in production.", id="sso.W002")]
