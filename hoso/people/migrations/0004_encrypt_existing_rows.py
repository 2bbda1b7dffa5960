"""Encrypt the values already stored in the columns 0003 made encrypted, fill the ID number's blind
index, and take the ID number out of `search_text`, where it was kept in plaintext.

Batched (a transaction per 500 rows, the rows locked) and idempotent: a value that is already a Fernet
token is left as it is, so an interrupted run can simply run again (the migration is not atomic for
that reason). Backwards decrypts everything again, so 0003 can be reversed.

The columns are read and written as stored (`hoso.core.crypto.transform_columns`, raw SQL), because the
historical models already carry the encrypted field types, which would refuse to load plaintext. The
values go through `hoso.core.crypto` (encrypt_text, decrypt_text, blind_index), the one implementation
of the keys in settings; the list of columns is frozen here, as it was when this migration was written.
"""

from django.db import migrations

from hoso.core import crypto

BATCH = 500
ENCRYPTED = {
    "Person": [
        "citizen_id",
        "phone",
        "email",
        "social_insurance_number",
        "health_insurance_card_number",
        "current_address",
        "permanent_address",
        "first_sociopolitical_org",
        "military_highest_rank",
        "succession_planned_title",
        "party_position",
        "party_concurrent_positions",
        "health_status",
        "blood_group",
        "arrest_history",
    ],
    "LegacyIdNumber": ["number"],
    "OrganisationMembership": ["organisation_name", "position_held", "card_number"],
    "PolicyStatus": ["note"],
    "FormerRegimeService": ["details"],
    "ForeignOrganisationLink": ["organisation", "address", "work_done"],
    "DisciplinaryAction": ["violation", "decision_number", "decision_issuer"],
    "FamilyRelation": ["full_name", "details"],
    "PropertyHolding": ["description", "certificate"],
    "RecordVersion": ["snapshot"],
    "ChangeSet": ["proposed"],
}


def _encrypt(value):
    if value is None or value == "" or crypto.looks_encrypted(value):
        return value
    return crypto.encrypt_text(value)


def _decrypt(value):
    if value is None or value == "" or not crypto.looks_encrypted(value):
        return value
    return crypto.decrypt_text(value)


def _search_text_without(search_text, citizen_id):
    return " ".join(word for word in (search_text or "").split(" ") if word and word != citizen_id)


def encrypt_rows(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name, columns in ENCRYPTED.items():
        model = apps.get_model("people", model_name)
        if model_name == "Person":
            continue
        crypto.transform_columns(
            model,
            columns,
            lambda row: tuple(_encrypt(value) for value in row[1:]),
            batch_size=BATCH,
            using=alias,
        )
    person_columns = [*ENCRYPTED["Person"], "citizen_id_index", "search_text"]

    def person_forward(row):
        values = list(row[1:])
        citizen_id = _decrypt(values[0])  # plaintext, whether this row was encrypted already or not
        encrypted = [_encrypt(value) for value in values[: len(ENCRYPTED["Person"])]]
        index = crypto.blind_index(citizen_id) if citizen_id else ""
        return (*encrypted, index, _search_text_without(values[-1], citizen_id))

    crypto.transform_columns(
        apps.get_model("people", "Person"), person_columns, person_forward, batch_size=BATCH, using=alias
    )


def decrypt_rows(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name, columns in ENCRYPTED.items():
        if model_name == "Person":
            continue
        crypto.transform_columns(
            apps.get_model("people", model_name),
            columns,
            lambda row: tuple(_decrypt(value) for value in row[1:]),
            batch_size=BATCH,
            using=alias,
        )
    person_columns = [*ENCRYPTED["Person"], "citizen_id_index", "search_text"]

    def person_backward(row):
        values = list(row[1:])
        decrypted = [_decrypt(value) for value in values[: len(ENCRYPTED["Person"])]]
        citizen_id = decrypted[0]
        search_text = _search_text_without(values[-1], citizen_id)
        return (*decrypted, "", f"{search_text} {citizen_id}".strip()[:400])

    crypto.transform_columns(
        apps.get_model("people", "Person"), person_columns, person_backward, batch_size=BATCH, using=alias
    )


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("people", "0003_encrypted_fields_and_citizen_id_blind_index")]
    operations = [migrations.RunPython(encrypt_rows, decrypt_rows)]
