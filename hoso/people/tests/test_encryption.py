"""Encrypted fields of the record: what the database holds, look-ups by ID, duplicates, wrong keys."""

import importlib
import io

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.contrib import admin
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from hoso.core import checks, crypto
from hoso.people import services
from hoso.people.models import ChangeSet, FamilyRelation, Person, RecordVersion
from hoso.people.selectors import people_with_citizen_id, search_filter
from hoso.people.snapshot import content_hash, serialize_person
from hoso.people.tests.factories import IDENTITY, make_unit, make_user, new_record

pytestmark = pytest.mark.django_db

CITIZEN_ID = IDENTITY["citizen_id"]  # 087185000123
PHONE = IDENTITY["phone"]


@pytest.fixture
def unit():
    return make_unit()


@pytest.fixture
def officer(unit):
    return make_user("officer", unit)


@pytest.fixture
def person(unit, officer):
    """A record with a family member (an encrypted section row) and a home address."""
    record = new_record(unit, officer, identity={"current_address": "Số 5, phường Mỹ Phú, Đồng Tháp"})
    change_set = services.start_change_set(person=record, acting_user=officer)
    services.save_section_row(
        change_set=change_set,
        section_key="family_own",
        row_uid=None,
        acting_user=officer,
        data={"relation": "CON_DE", "full_name": "Trần Minh Khôi", "birth_year": "2012", "details": "Học sinh"},
    )
    change_set.refresh_from_db()
    services.apply_change_set(change_set=change_set, acting_user=officer)
    record.refresh_from_db()
    return record


def raw_row(model, pk, *columns):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()


def windows(text, size=6):
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def test_the_database_holds_tokens_and_no_digits_of_the_id(person):
    citizen_id, phone, address, email, search_text, index = raw_row(
        Person, person.pk, "citizen_id", "phone", "current_address", "email", "search_text", "citizen_id_index"
    )

    for stored in (citizen_id, phone, address):
        assert stored.startswith("gAAAAA")
    raw = " ".join(
        str(value) for value in raw_row(Person, person.pk, *[f.column for f in Person._meta.concrete_fields])
    )
    assert not windows(CITIZEN_ID) & windows(raw), "no six consecutive digits of the ID anywhere in the row"
    assert PHONE not in raw and "Mỹ Phú" not in raw
    assert email == ""  # blank stays blank: nothing to hide, nothing to pay
    assert search_text == "nguyen thi hong nhung"
    assert index == crypto.blind_index(CITIZEN_ID)
    # …and the model gives the plaintext back
    assert (person.citizen_id, person.phone, person.current_address) == (
        CITIZEN_ID,
        PHONE,
        "Số 5, phường Mỹ Phú, Đồng Tháp",
    )


def test_section_rows_and_snapshots_are_encrypted_too(person):
    relative = FamilyRelation.objects.get(person=person)
    (full_name, details) = raw_row(FamilyRelation, relative.pk, "full_name", "details")
    version = RecordVersion.objects.filter(person=person).latest("number")
    (snapshot,) = raw_row(RecordVersion, version.pk, "snapshot")
    change_set = ChangeSet.objects.filter(person=person).latest("created_at")
    (proposed,) = raw_row(ChangeSet, change_set.pk, "proposed")

    assert full_name.startswith("gAAAAA") and details.startswith("gAAAAA")
    for stored in (snapshot, proposed):
        assert stored.startswith("gAAAAA")
        assert "Trần Minh Khôi" not in stored and CITIZEN_ID not in stored
    assert relative.full_name == "Trần Minh Khôi"
    assert version.snapshot == serialize_person(person)
    assert version.content_hash == content_hash(version.snapshot)  # the hash is over the plaintext
    assert change_set.proposed["sections"]["family_own"][0]["full_name"] == "Trần Minh Khôi"


def test_an_exact_id_number_finds_the_person_through_the_blind_index(person):
    assert list(people_with_citizen_id("087 185 000 123")) == [person]
    assert list(Person.objects.filter(search_filter(CITIZEN_ID))) == [person]
    assert list(Person.objects.filter(search_filter("087185"))) == []  # a part of a number finds nobody
    assert list(people_with_citizen_id("087185000124")) == []


def test_a_duplicate_id_number_is_a_field_error_when_typed(person, unit, officer):
    draft = services.start_new_record(unit=unit, acting_user=officer)

    with pytest.raises(services.RecordInvalid) as caught:
        services.update_person_group(
            change_set=draft, group_key="identity", data={"citizen_id": CITIZEN_ID}, acting_user=officer
        )

    assert caught.value.errors["person.citizen_id"] == ["Đã có hồ sơ mang số định danh cá nhân này."]
    assert Person.objects.count() == 1


def test_the_database_refuses_a_duplicate_id_number_that_skips_validation(person, unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            employing_unit=unit, full_name="Ai Đó", gender="MALE", date_of_birth=person.date_of_birth,
            birth_place="Đồng Tháp", citizen_id=CITIZEN_ID,
        )  # fmt: skip


def test_keeping_ones_own_id_number_is_not_a_duplicate(person, officer):
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        data={"citizen_id": CITIZEN_ID, "phone": "0987654321"},
        acting_user=officer,
    )
    change_set.refresh_from_db()
    services.apply_change_set(change_set=change_set, acting_user=officer)

    person.refresh_from_db()
    assert (person.phone, person.citizen_id_index) == ("0987654321", crypto.blind_index(CITIZEN_ID))


def test_a_value_under_an_unknown_key_fails_loudly_and_never_shows_the_ciphertext(person):
    stranger = Fernet.generate_key().decode()

    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[stranger]):
        with pytest.raises(crypto.DecryptionError) as caught:
            Person.objects.get(pk=person.pk)
        errors = checks.encrypted_data_readable(databases=["default"])

    message = str(caught.value)
    assert "people.Person." in message and "HOSO_FIELD_ENCRYPTION_KEYS" in message
    assert "gAAAAA" not in message
    assert {error.id for error in errors} == {"hoso.E104"}
    assert any("people.Person.citizen_id" in error.msg for error in errors)


def test_plaintext_in_an_encrypted_column_is_refused_not_shown(person):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_person SET phone = %s WHERE id = %s", ["0900000000", person.pk])

    with pytest.raises(crypto.UnencryptedValueError, match="people.Person.phone holds a value that is not encrypted"):
        Person.objects.get(pk=person.pk)


def test_a_blind_index_built_with_another_key_is_a_check_error(person):
    assert checks.encrypted_data_readable(databases=["default"]) == []

    with override_settings(HOSO_BLIND_INDEX_KEY=Fernet.generate_key().decode()):
        errors = checks.encrypted_data_readable(databases=["default"])

    assert [error.id for error in errors] == ["hoso.E105"]


@pytest.mark.parametrize(
    "condition",
    [
        {"citizen_id": CITIZEN_ID},
        {"citizen_id__startswith": "087"},
        {"phone__icontains": "0912"},
        {"current_address__in": ["x"]},
        {"email__lower": "x"},
    ],
)
def test_looking_inside_an_encrypted_column_is_an_error_that_says_why(condition):
    with pytest.raises(crypto.EncryptedLookupError, match="is encrypted: the database cannot compare"):
        list(Person.objects.filter(**condition))


def test_a_snapshot_cannot_be_queried_inside():
    with pytest.raises(crypto.EncryptedLookupError, match="people.RecordVersion.snapshot is encrypted"):
        list(RecordVersion.objects.filter(snapshot__person__full_name="x"))


def test_blank_and_null_checks_still_work(person):
    assert list(Person.objects.filter(email="")) == [person]
    assert list(Person.objects.exclude(phone="")) == [person]
    assert list(RecordVersion.objects.filter(snapshot__isnull=True)) == []


def test_max_length_and_validators_apply_to_the_plaintext(person):
    from django.core.exceptions import ValidationError

    person.phone = "012"
    person.current_address = "x" * 255  # its token is far longer than 255 characters: still valid
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert set(caught.value.message_dict) == {"phone"}

    person.phone = "0912345678"
    person.save()
    person.refresh_from_db()
    assert person.current_address == "x" * 255


def test_no_admin_lists_searches_or_filters_an_encrypted_field():
    for model, model_admin in admin.site._registry.items():
        encrypted = {field.name for field in crypto.encrypted_fields(model)}
        shown = {str(name).split("__")[0] for name in model_admin.list_display if isinstance(name, str)}
        searched = {str(name).lstrip("^=@").split("__")[0] for name in model_admin.search_fields}
        filtered = {name for name in model_admin.list_filter if isinstance(name, str)}
        assert not encrypted & (shown | searched | filtered), model


def test_the_encryption_migration_encrypts_plaintext_indexes_and_is_reversible(person):
    migration = importlib.import_module("hoso.people.migrations.0004_encrypt_existing_rows")
    version = RecordVersion.objects.filter(person=person).latest("number")
    relative = FamilyRelation.objects.get(person=person)

    class Editor:
        connection = connection

    # Backwards: plaintext again, the index empty and the ID back in search_text (the state before 0004).
    migration.decrypt_rows(django_apps, Editor())
    citizen_id, index, search_text = raw_row(Person, person.pk, "citizen_id", "citizen_id_index", "search_text")
    (snapshot,) = raw_row(RecordVersion, version.pk, "snapshot")
    (full_name,) = raw_row(FamilyRelation, relative.pk, "full_name")
    assert (citizen_id, index, search_text) == (CITIZEN_ID, "", f"nguyen thi hong nhung {CITIZEN_ID}")
    assert snapshot.startswith("{") and full_name == "Trần Minh Khôi"

    # Forwards, twice (an interrupted run is simply run again).
    migration.encrypt_rows(django_apps, Editor())
    first = raw_row(Person, person.pk, "citizen_id", "phone", "citizen_id_index", "search_text")
    migration.encrypt_rows(django_apps, Editor())
    again = raw_row(Person, person.pk, "citizen_id", "phone", "citizen_id_index", "search_text")

    assert first == again
    assert first[0].startswith("gAAAAA") and first[2:] == (crypto.blind_index(CITIZEN_ID), "nguyen thi hong nhung")
    person.refresh_from_db()
    assert person.citizen_id == CITIZEN_ID
    assert RecordVersion.objects.get(pk=version.pk).snapshot == version.snapshot
    assert FamilyRelation.objects.get(pk=relative.pk).full_name == "Trần Minh Khôi"


def test_the_demo_writes_encrypted_rows_with_working_blind_indexes(tmp_path):
    call_command(
        "demo", "--people", "12", "--seed", "3", "--password", "demo-Password-1",
        "--problems-file", str(tmp_path / "problems.json"), stdout=io.StringIO(),
    )  # fmt: skip

    people = list(Person.objects.all())
    assert len(people) == 12
    for someone in people:
        (stored,) = raw_row(Person, someone.pk, "citizen_id")
        assert stored.startswith("gAAAAA")
        assert list(people_with_citizen_id(someone.citizen_id)) == [someone]
        assert someone.citizen_id not in someone.search_text
    versions = RecordVersion.objects.all()
    assert all(version.content_hash == content_hash(version.snapshot) for version in versions)
    assert checks.encrypted_data_readable(databases=["default"]) == []
