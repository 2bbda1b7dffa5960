"""`flush` (which the test runner uses between transactional tests) works in development and tests only."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from hoso.audit import triggers
from hoso.audit.models import AuditEntry
from hoso.audit.tests.factories import make_entries

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_empties_the_log_in_tests_and_puts_the_triggers_back():
    make_entries(3)

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEntry.objects.exists()
    assert triggers.missing(connection) == set()


def test_flush_is_refused_in_production_and_erases_nothing():
    make_entries(2)

    with override_settings(APP_ENVIRONMENT="prod"), pytest.raises(CommandError, match="chỉ được ghi thêm"):
        call_command("flush", interactive=False, verbosity=0)

    assert AuditEntry.objects.count() == 2
    assert triggers.missing(connection) == set()
