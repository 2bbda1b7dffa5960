import datetime

import pytest
import time_machine
from django.test import Client

from hoso.security.tests.factories import make_account, make_admin, make_unit

NOW = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    """A frozen clock that tests move on explicitly (TOTP codes and lock-outs depend on time)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def two_factor_required(settings):
    """Administrators and approvers must use two-factor authentication (the test settings turn it off)."""
    settings.HOSO_REQUIRE_TWO_FACTOR = True


@pytest.fixture
def unit():
    return make_unit()


@pytest.fixture
def holder(unit):
    """A civil servant's personal account in `unit`."""
    return make_account("nhung.nguyen", unit)


@pytest.fixture
def admin(unit):
    return make_admin(unit)


@pytest.fixture
def other_admin():
    """The administrator of another unit: outside `holder`'s scope."""
    return make_admin(make_unit("Sở Xây dựng", "SXD"), username="quantri.sxd")


@pytest.fixture
def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client
