"""Writers on separate connections keep one unbroken chain (PostgreSQL: the advisory lock serialises them)."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.audit.services import record_event

WRITERS = 2
ENTRIES_EACH = 25


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent connections need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_an_unbroken_chain():
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            start.wait()
            for index in range(ENTRIES_EACH):
                # Each act is its own transaction, with a little work after logging, as a service would do.
                with transaction.atomic():
                    record_event(AuditAction.SEARCH, detail={"writer": writer, "n": index})
                    AuditEntry.objects.count()
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, WRITERS * ENTRIES_EACH + 1))
    writers = AuditEntry.objects.values_list("detail__writer", flat=True)
    assert sorted(set(writers)) == list(range(WRITERS))
    out = io.StringIO()
    call_command("audit_verify", "--language", "en", stdout=out)
    assert out.getvalue().strip() == f"The audit log is intact: {WRITERS * ENTRIES_EACH} entries checked."
