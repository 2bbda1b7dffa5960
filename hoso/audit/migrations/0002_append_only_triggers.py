"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit entries.

A frozen copy of hoso/audit/triggers.py as it was when this migration was written (migrations never import app
code). On SQLite, a later migration that rebuilds this table drops these triggers; it must install them again.
"""

from django.db import migrations

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


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL})


def uninstall(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_entry")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
