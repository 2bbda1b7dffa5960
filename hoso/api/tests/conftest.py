import pytest
from django.test import Client

from hoso.api.auth import issue_token
from hoso.people.tests.factories import make_unit, make_user, new_record


@pytest.fixture
def unit():
    return make_unit()


@pytest.fixture
def officer(unit):
    return make_user("officer", unit)


@pytest.fixture
def token(officer) -> str:
    raw, _ = issue_token(user=officer)
    return raw


@pytest.fixture
def api(token) -> Client:
    """A client that sends the officer's bearer token and no session cookie."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def person(unit, officer):
    return new_record(unit, officer)
