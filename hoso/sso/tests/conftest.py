"""A real OpenID Connect provider on 127.0.0.1 for the whole session, and hoso configured to use it."""

from collections.abc import Iterator

import pytest

from hoso.sso.client import forget_clients
from hoso.sso.tests.fake_provider import FakeProvider

CLIENT_ID = "hoso-test"
CLIENT_SECRET = "fake-provider-client-secret"
CALLBACK_URL = "http://testserver/sso/callback/"


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[FakeProvider]:
    provider = FakeProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(oidc_provider: FakeProvider, settings) -> Iterator[FakeProvider]:  # type: ignore[no-untyped-def]
    """The provider, honest and with nobody signed in, and hoso's SSO switched on against it."""
    oidc_provider.reset()
    oidc_provider.redirect_uris = [CALLBACK_URL]
    settings.HOSO_OIDC_ENABLED = True
    settings.HOSO_OIDC_ISSUER = oidc_provider.issuer
    settings.HOSO_OIDC_CLIENT_ID = CLIENT_ID
    settings.HOSO_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.HOSO_OIDC_MATCH_CLAIM = "citizen_id"
    settings.HOSO_OIDC_MATCH_FIELD = "citizen_id"
    forget_clients()
    yield oidc_provider
    forget_clients()
