"""Database triggers: a document that a version holds is never changed or deleted (REQ-036).

An UPDATE of such a row is refused unless it touches only the encrypted columns (`description`, `original_name`),
which key rotation rewrites (`manage.py rotate_encryption_keys`); a DELETE is refused on PostgreSQL. Setting `version`
on a row that has none (`attach_to_version`) is allowed.

SQLite gets the UPDATE trigger only: the test runner empties SQLite databases with DELETE (`flush`) after every
transactional test, while PostgreSQL's TRUNCATE passes row triggers by. There, no code path deletes a document (no
service does, and every foreign key to it is PROTECT). A later migration that rebuilds this table on SQLite drops the
trigger; it must install it again.
"""

from django.db import migrations

TABLE = "documents_supportingdocument"
# Every column but the encrypted ones (rotation rewrites those) and the primary key.
FIXED = (
    "uid",
    "change_set_id",
    "version_id",
    "person_id",
    "document_type_id",
    "number",
    "issued_on",
    "issuer",
    "parts",
    "file",
    "content_type",
    "size",
    "sha256",
    "restriction",
    "uploaded_by_id",
    "uploaded_at",
    "removed_at",
    "removed_by_id",
    "removal_reason",
)
MESSAGE = "a supporting document that a record version holds is never changed or deleted"

POSTGRESQL_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION documents_versioned_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.version_id IS NOT NULL THEN
            RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.version_id IS NOT NULL AND ({", ".join(f"NEW.{c}" for c in FIXED)})
            IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in FIXED)}) THEN
        RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$""",
    f"CREATE TRIGGER documents_versioned_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION documents_versioned_immutable()",
)
POSTGRESQL_DROP = (
    f"DROP TRIGGER IF EXISTS documents_versioned_no_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS documents_versioned_immutable()",
)
SQLITE_INSTALL = (
    f"CREATE TRIGGER documents_versioned_no_update BEFORE UPDATE ON {TABLE} "
    f"WHEN OLD.version_id IS NOT NULL AND ({' OR '.join(f'NEW.{c} IS NOT OLD.{c}' for c in FIXED)}) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS documents_versioned_no_update",
    "DROP TRIGGER IF EXISTS documents_versioned_no_delete",
)


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL})


def uninstall(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_document_types")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
