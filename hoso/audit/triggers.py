"""The database refuses to change or remove audit entries, whatever code runs: triggers per vendor.

Migration 0002 installs these (a frozen copy of the statements). Someone with the database owner's rights can still
drop them (`DROP TRIGGER …`) and edit rows; the hash chain is what shows that afterwards (`manage.py audit_verify`).
The application's own database role should not own the table: then it can insert and read, nothing else.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditentry"

POSTGRESQL_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on {TABLE} refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$""",
    f"CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    f"CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
)
POSTGRESQL_DROP = (
    f"DROP TRIGGER IF EXISTS audit_entry_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
)
SQLITE_INSTALL = (
    f"CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END",
    f"CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
)
EXPECTED = {
    "postgresql": {"audit_entry_no_change", "audit_entry_no_truncate"},
    "sqlite": {"audit_entry_no_update", "audit_entry_no_delete"},
}


def install(connection: BaseDatabaseWrapper) -> None:
    statements = {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}.get(connection.vendor, ())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(connection: BaseDatabaseWrapper) -> None:
    """Remove the triggers: for tests that play the attacker, and for `flush` in development and tests."""
    statements = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, ())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def missing(connection: BaseDatabaseWrapper) -> set[str]:
    """The append-only triggers absent (or disabled) in this database; empty when all are in place.

    On SQLite a migration that rebuilds the table (most `AlterField`s do) drops its triggers: a new migration on
    this table must install them again, and `audit_verify` warns when it finds them gone.
    """
    expected = EXPECTED.get(connection.vendor, set())
    if not expected:
        return set()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        present = {row[0] for row in cursor.fetchall()}
    return expected - present
