"""The backend of SSO sessions signs nobody in by itself and drops locked accounts."""

import pytest
from django.contrib.auth import authenticate

from hoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from hoso.sso.backends import SharedAccountBackend

pytestmark = pytest.mark.django_db


def test_it_authenticates_nobody():
    user = UserFactory()

    assert SharedAccountBackend().authenticate(None, username=user.username, password=DEFAULT_PASSWORD) is None
    assert authenticate(username=user.username, password=DEFAULT_PASSWORD).backend == (
        "django.contrib.auth.backends.ModelBackend"
    )


def test_a_session_of_a_locked_account_is_dropped(client):
    user = UserFactory()
    client.force_login(user, backend="hoso.sso.backends.SharedAccountBackend")
    assert SharedAccountBackend().get_user(user.pk) == user

    user.is_active = False
    user.save(update_fields=["is_active"])

    assert SharedAccountBackend().get_user(user.pk) is None
    assert SharedAccountBackend().get_user(-1) is None
