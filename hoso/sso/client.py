"""The OpenID Connect client for the province's identity provider, built from settings.

Authlib's Django client does the protocol: discovery, the authorization code flow with PKCE
(S256), `state` and `nonce` kept in the session, the code exchange and the ID token's signature
checked against the provider's JWKS (fetched again when a new key id appears). This module only
turns the HOSO_OIDC_* settings into that client and keeps one per configuration, so the
discovery document and the keys are fetched once per process, not on every sign-in.
"""

import threading
from dataclasses import dataclass
from typing import Any

from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.conf import settings

PROVIDER_NAME = "province"
DISCOVERY_PATH = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class ProviderSettings:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    end_session_endpoint: str
    client_id: str
    client_secret: str
    token_auth_method: str
    scopes: str
    timeout_seconds: int

    @property
    def uses_discovery(self) -> bool:
        """Explicit endpoints replace discovery only when all three that the flow needs are given."""
        return not (self.authorization_endpoint and self.token_endpoint and self.jwks_uri)

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + DISCOVERY_PATH

    def claims_options(self) -> dict[str, dict[str, Any]]:
        """The ID token must come from the configured issuer and be meant for this client."""
        return {
            "iss": {"essential": True, "value": self.issuer},
            "aud": {"essential": True, "value": self.client_id},
        }


def provider_settings() -> ProviderSettings:
    return ProviderSettings(
        issuer=settings.HOSO_OIDC_ISSUER,
        authorization_endpoint=settings.HOSO_OIDC_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.HOSO_OIDC_TOKEN_ENDPOINT,
        jwks_uri=settings.HOSO_OIDC_JWKS_URI,
        userinfo_endpoint=settings.HOSO_OIDC_USERINFO_ENDPOINT,
        end_session_endpoint=settings.HOSO_OIDC_END_SESSION_ENDPOINT,
        client_id=settings.HOSO_OIDC_CLIENT_ID,
        client_secret=settings.HOSO_OIDC_CLIENT_SECRET,
        token_auth_method=settings.HOSO_OIDC_TOKEN_AUTH_METHOD,
        scopes=settings.HOSO_OIDC_SCOPES,
        timeout_seconds=settings.HOSO_OIDC_TIMEOUT_SECONDS,
    )


_clients: dict[ProviderSettings, DjangoOAuth2App] = {}
_clients_lock = threading.Lock()


def provider_client(config: ProviderSettings | None = None) -> DjangoOAuth2App:
    """The client for the current settings (a changed setting gets a fresh client)."""
    config = config or provider_settings()
    with _clients_lock:
        client = _clients.get(config)
        if client is None:
            client = _clients[config] = _build_client(config)
        return client


def forget_clients() -> None:
    """Drop the cached clients, and with them the cached discovery document and keys."""
    with _clients_lock:
        _clients.clear()


def _build_client(config: ProviderSettings) -> DjangoOAuth2App:
    client_kwargs = {
        "scope": config.scopes,
        "code_challenge_method": "S256",
        "token_endpoint_auth_method": config.token_auth_method,
        "default_timeout": config.timeout_seconds,
    }
    metadata: dict[str, str] = {}
    if not config.uses_discovery:
        metadata = {
            "issuer": config.issuer,
            "authorization_endpoint": config.authorization_endpoint,
            "token_endpoint": config.token_endpoint,
            "jwks_uri": config.jwks_uri,
        }
    return DjangoOAuth2App(
        DjangoIntegration(PROVIDER_NAME),
        name=PROVIDER_NAME,
        client_id=config.client_id,
        client_secret=config.client_secret or None,
        server_metadata_url=config.discovery_url if config.uses_discovery else None,
        client_kwargs=client_kwargs,
        **metadata,
    )


def provider_endpoint(client: DjangoOAuth2App, config: ProviderSettings, name: str) -> str:
    """An optional endpoint (userinfo, end_session): from settings, else from the discovery document."""
    explicit: str = getattr(config, name)
    if explicit:
        return explicit
    return str(client.load_server_metadata().get(name) or "")
