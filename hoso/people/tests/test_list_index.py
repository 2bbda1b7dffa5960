"""The SQLite-only covering index of the staff list (migration 0005) exists after every migration.

Django rebuilds a SQLite table for many schema changes and recreates only the indexes the model declares: a later
migration that rebuilds people_person must create this one again, and this test says so.
"""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL searches through its trigram index instead")
def test_sqlite_has_the_covering_index_of_the_staff_list():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "people_person")

    assert indexes["person_list_covering_idx"]["columns"] == [
        "name_sort_key",
        "id",
        "search_text",
        "employing_unit_id",
        "managing_unit_id",
        "account_id",
    ]
