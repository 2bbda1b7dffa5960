"""Real-browser tests: Debian's Chromium driven by Playwright against Django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety check is
relaxed for these tests only (STACK.md §7). They are grouped on one xdist worker.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1366, "height": 900}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture
def catalogs(transactional_db):
    """Catalogs for a live-server test: a transactional test empties the tables when it ends."""
    from django.core.management import call_command

    from hoso.catalogs.models import CatalogItem

    if not CatalogItem.objects.exists():
        call_command("load_catalogs", verbosity=0)
