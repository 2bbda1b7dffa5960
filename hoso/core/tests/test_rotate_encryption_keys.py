"""`manage.py rotate_encryption_keys`: a new key first, rotate, drop the old key; a missing key fails loudly."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from hoso.core import checks, crypto
from hoso.people import services
from hoso.people.models import FamilyRelation, Person, RecordVersion
from hoso.people.selectors import people_with_citizen_id
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def rotate(*args):
    output = io.StringIO()
    call_command("rotate_encryption_keys", *args, stdout=output)
    return output.getvalue()


def stored_citizen_ids():
    with connection.cursor() as cursor:
        cursor.execute("SELECT citizen_id FROM people_person ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def records_under_key_a():
    """Two records, one with a family member, every value encrypted under key A alone."""
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_A]):
        unit = make_unit()
        officer = make_user("officer", unit)
        first = new_record(unit, officer)
        second = new_record(
            unit,
            officer,
            personal={"full_name": "Trần Văn An", "gender": "MALE"},
            identity={"citizen_id": "087085000456", "email": "an.tv@dongthap.gov.vn"},
        )
        change_set = services.start_change_set(person=first, acting_user=officer)
        services.save_section_row(
            change_set=change_set,
            section_key="family_own",
            row_uid=None,
            acting_user=officer,
            data={"relation": "CON_DE", "full_name": "Trần Minh Khôi", "birth_year": "2012"},
        )
        change_set.refresh_from_db()
        services.apply_change_set(change_set=change_set, acting_user=officer)
    return first, second


def read_everything():
    """Load every encrypted value through the models (raises if any does not decrypt)."""
    people = {p.full_name: (p.citizen_id, p.email, p.phone) for p in Person.objects.all()}
    relatives = [r.full_name for r in FamilyRelation.objects.all()]
    snapshots = [v.snapshot["person"]["citizen_id"] for v in RecordVersion.objects.order_by("id")]
    return people, relatives, snapshots


def test_rotation_moves_every_value_to_the_new_key_and_the_old_key_can_then_be_removed(records_under_key_a):
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_A]):
        before = read_everything()
        tokens_before = stored_citizen_ids()

    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        assert read_everything() == before  # a new key first: old values still read
        checked = rotate("--check")
        assert "people.Person.citizen_id: 0 under the newest key, 2 under an older key" in checked
        assert "run this command without --check before removing an older key" in checked
        assert stored_citizen_ids() == tokens_before  # --check changes nothing

        rotated = rotate()
        assert "people.Person: 2 rows, 2 rewritten" in rotated
        assert "people.FamilyRelation.full_name: 0 under the newest key, 1 under an older key" in rotated
        assert "people.RecordVersion.snapshot: 0 under the newest key, 3 under an older key" in rotated
        assert "Every value is now under the newest key" in rotated
        assert "people.Person.citizen_id: 2 under the newest key, 0 under an older key" in rotate("--check")
        assert "people.Person: 2 rows\n" in rotate()  # a second run has nothing to do

    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert read_everything() == before
        assert "Every value decrypts; 0 are still under an older key: older keys can be removed." in rotate("--check")
        assert checks.encrypted_data_readable(databases=["default"]) == []
        assert [p.full_name for p in people_with_citizen_id("087085000456")] == ["Trần Văn An"]
    assert all(token.startswith("gAAAAA") for token in stored_citizen_ids())
    assert stored_citizen_ids() != tokens_before


def test_with_only_the_old_key_everything_fails_loudly(records_under_key_a):
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate()

    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_A]):
        with pytest.raises(crypto.DecryptionError, match="people.Person.citizen_id: a stored value does not decrypt"):
            list(Person.objects.all())
        with pytest.raises(CommandError, match="values do not decrypt with the configured keys"):
            rotate("--check")
        with pytest.raises(CommandError, match="does not decrypt with any configured key"):
            rotate()
        errors = checks.encrypted_data_readable(databases=["default"])
    assert errors and {error.id for error in errors} == {"hoso.E104"}


def test_a_new_blind_index_key_needs_the_indexes_rebuilt(records_under_key_a):
    new_index_key = Fernet.generate_key().decode()
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_A], HOSO_BLIND_INDEX_KEY=new_index_key):
        assert list(people_with_citizen_id("087085000456")) == []  # built with the other key
        with pytest.raises(CommandError, match="2 blind-index values do not match"):
            rotate("--check")

        assert "people.Person.citizen_id_index: 2 rebuilt, 0 already matching" in rotate("--rebuild-blind-indexes")

        assert [p.full_name for p in people_with_citizen_id("087085000456")] == ["Trần Văn An"]
        assert "people.Person.citizen_id_index: 2 match the configured key" in rotate("--check")


def test_generate_key_prints_a_usable_key():
    key = rotate("--generate-key").strip()

    assert crypto.encryption_key_problems([key]) == []
    assert key not in rotate("--generate-key")
