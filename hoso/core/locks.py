"""Transaction-scoped advisory locks: the PostgreSQL path and the SQLite fallback behind one function."""

import hashlib

from django.db import DEFAULT_DB_ALIAS, connections


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (pg_advisory_xact_lock takes a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def advisory_xact_lock(name: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Wait for, then hold until the end of the current transaction, the lock called `name`.

    On PostgreSQL this is `pg_advisory_xact_lock`: concurrent writers of the same kind queue up
    and the lock is released at commit or rollback. On SQLite it does nothing: the project opens
    SQLite transactions as IMMEDIATE, so writers are already serialised.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("advisory_xact_lock() must be called inside transaction.atomic().")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
