"""Root fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Every test database starts with the official catalogs loaded from hoso/catalogs/data."""
    with django_db_blocker.unblock():
        call_command("load_catalogs", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_catalog_cache():
    """The per-process catalog index must not outlive a test whose writes are rolled back."""
    from hoso.catalogs.selectors import clear_catalog_cache

    clear_catalog_cache()
    yield
    clear_catalog_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English must not leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
