import pytest

from hoso.workdays.calendar import invalidate_cache


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test reads the overrides its own database holds."""
    invalidate_cache()
    yield
    invalidate_cache()
