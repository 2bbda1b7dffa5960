import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hoso.accounts.models import ApiToken, User
from hoso.accounts.tests.factories import UserFactory
from hoso.organisations.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(superuser=True))
    return client


def test_user_admin_pages_open(admin_client):
    user = UserFactory(unit=OrgUnitFactory())

    assert admin_client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:accounts_user_add")).status_code == 200
    response = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert 'name="full_name"' in response.content.decode()
    assert 'name="kind"' in response.content.decode()


def test_user_admin_adds_a_unit_account(admin_client):
    unit = OrgUnitFactory()

    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "donvi",
            "full_name": "Sở Nội vụ",
            "kind": User.Kind.UNIT,
            "unit": unit.pk,
            "usable_password": "true",
            "password1": "Mat-khau-2026!",
            "password2": "Mat-khau-2026!",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="donvi").unit == unit


def test_api_tokens_are_read_only(admin_client):
    token = ApiToken.objects.create(
        user=UserFactory(), token_hash=ApiToken.hash("x"), expires_at=timezone.now() + datetime.timedelta(days=30)
    )

    assert admin_client.get(reverse("admin:accounts_apitoken_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    response = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert response.status_code == 200
    assert token.token_hash not in response.content.decode()
    assert 'name="expires_at"' not in response.content.decode()
