"""Root fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Every test database starts with the official catalogs loaded from hoso/catalogs/data."""
    with django_db_blocker.unblock():
        call_command("load_catalogs", verbosity=0)
