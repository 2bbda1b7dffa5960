"""PostgreSQL only: trigram index for diacritic-free contains search, and a byte-order collation for
the Vietnamese sort key (whatever the database's default collation is). SQLite needs neither: its
default BINARY collation already compares the ASCII sort key byte by byte."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_search_trgm ON people_person USING gin (search_text gin_trgm_ops)",
    'ALTER TABLE people_person ALTER COLUMN name_sort_key TYPE varchar(255) COLLATE "C"',
]
BACKWARD = [
    "DROP INDEX IF EXISTS person_search_trgm",
    "ALTER TABLE people_person ALTER COLUMN name_sort_key TYPE varchar(255)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
