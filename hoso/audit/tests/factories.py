"""Audit test helpers: entries written the one real way (record_event), and the attacker's raw SQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from hoso.audit import triggers
from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.audit.services import record_event


def make_entries(count: int, action: str = AuditAction.SEARCH, **kwargs: Any) -> list[AuditEntry]:
    return [record_event(action, detail={"n": index}, **kwargs) for index in range(count)]


@contextmanager
def without_triggers() -> Iterator[None]:
    """Play an attacker who owns the database: drop the append-only triggers (inside the test's transaction,
    so they come back when it rolls back), then edit rows with raw SQL as anyone with `psql` or `sqlite3` could."""
    triggers.drop(connection)
    try:
        yield
    finally:
        triggers.install(connection)


def raw_sql(sql: str, params: list[Any] | None = None) -> None:
    with without_triggers(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def column(name: str) -> str:
    return connection.ops.quote_name(name)


def insert_raw(values: dict[str, Any]) -> None:
    """INSERT a row straight into the table, as a forger would (the triggers allow inserts)."""
    import json

    from hoso.audit.chain import HASHED_FIELDS

    names = [*HASHED_FIELDS, "hash"]
    row = values | {
        "detail": json.dumps(values["detail"]),
        "at": connection.ops.adapt_datetimefield_value(values["at"]),
    }
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO audit_auditentry ({columns}) VALUES ({placeholders})",  # noqa: S608
            [row[name] for name in names],
        )
