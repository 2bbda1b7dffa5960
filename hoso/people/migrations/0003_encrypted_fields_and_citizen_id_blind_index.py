"""Encrypted field types for identity numbers, contacts, sensitive free text and the snapshots, and the
blind index of the ID number replacing its plaintext unique and 12-digit check constraints (which cannot
work on ciphertext). The columns become text; 0004 encrypts the values already there.
(docs/adr/0002-field-encryption.md)
"""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

import hoso.core.crypto
import hoso.people.validators


class Migration(migrations.Migration):
    dependencies = [
        ("catalogs", "0002_retirement_age_verbose_names"),
        ("organisations", "0002_unit_rules_and_event_author"),
        ("people", "0002_postgresql_search_and_sort"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="person",
            name="person_citizen_id_12_digits",
        ),
        migrations.AddField(
            model_name="person",
            name="citizen_id_index",
            field=hoso.core.crypto.BlindIndexField(
                blank=True,
                default="",
                editable=False,
                max_length=64,
                source="citizen_id",
                verbose_name="blind index of the personal identification number",
            ),
        ),
        migrations.AlterField(
            model_name="changeset",
            name="proposed",
            field=hoso.core.crypto.EncryptedJSONField(verbose_name="proposed record"),
        ),
        migrations.AlterField(
            model_name="disciplinaryaction",
            name="decision_issuer",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=255, verbose_name="issued by"),
        ),
        migrations.AlterField(
            model_name="disciplinaryaction",
            name="decision_number",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=60, verbose_name="decision number"),
        ),
        migrations.AlterField(
            model_name="disciplinaryaction",
            name="violation",
            field=hoso.core.crypto.EncryptedCharField(max_length=500, verbose_name="main violation"),
        ),
        migrations.AlterField(
            model_name="familyrelation",
            name="details",
            field=hoso.core.crypto.EncryptedTextField(
                blank=True,
                max_length=2000,
                verbose_name="home town, occupation, position, unit, residence, memberships, history",
            ),
        ),
        migrations.AlterField(
            model_name="familyrelation",
            name="full_name",
            field=hoso.core.crypto.EncryptedCharField(max_length=100, verbose_name="full name"),
        ),
        migrations.AlterField(
            model_name="foreignorganisationlink",
            name="address",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=255, verbose_name="headquarters"),
        ),
        migrations.AlterField(
            model_name="foreignorganisationlink",
            name="organisation",
            field=hoso.core.crypto.EncryptedCharField(max_length=255, verbose_name="organisation"),
        ),
        migrations.AlterField(
            model_name="foreignorganisationlink",
            name="work_done",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=500, verbose_name="work done"),
        ),
        migrations.AlterField(
            model_name="formerregimeservice",
            name="details",
            field=hoso.core.crypto.EncryptedCharField(max_length=500, verbose_name="title, position, unit, place"),
        ),
        migrations.AlterField(
            model_name="legacyidnumber",
            name="number",
            field=hoso.core.crypto.EncryptedCharField(
                max_length=20,
                validators=[django.core.validators.RegexValidator("^[A-Z0-9]{6,20}$")],
                verbose_name="number",
            ),
        ),
        migrations.AlterField(
            model_name="organisationmembership",
            name="card_number",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=30, verbose_name="card number"),
        ),
        migrations.AlterField(
            model_name="organisationmembership",
            name="organisation_name",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True, max_length=200, verbose_name="name of the organisation"
            ),
        ),
        migrations.AlterField(
            model_name="organisationmembership",
            name="position_held",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=200, verbose_name="position held"),
        ),
        migrations.AlterField(
            model_name="person",
            name="arrest_history",
            field=hoso.core.crypto.EncryptedTextField(
                blank=True, max_length=4000, verbose_name="arrest or imprisonment history"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="blood_group",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True,
                choices=[("A", "A"), ("B", "B"), ("AB", "AB"), ("O", "O")],
                max_length=2,
                verbose_name="blood group",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="citizen_id",
            field=hoso.core.crypto.EncryptedCharField(
                max_length=12,
                validators=[hoso.people.validators.validate_citizen_id_shape],
                verbose_name="personal identification number",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="current_address",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=255, verbose_name="current residence"),
        ),
        migrations.AlterField(
            model_name="person",
            name="email",
            field=hoso.core.crypto.EncryptedEmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AlterField(
            model_name="person",
            name="first_sociopolitical_org",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True, max_length=200, verbose_name="first socio-political organisation"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="health_insurance_card_number",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True,
                max_length=15,
                validators=[
                    django.core.validators.RegexValidator(
                        "^([A-Z]{2}\\d{13}|\\d{10})$", "The health-insurance card number has 2 letters and 13 digits."
                    )
                ],
                verbose_name="health-insurance card number",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="health_status",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=60, verbose_name="health status"),
        ),
        migrations.AlterField(
            model_name="person",
            name="military_highest_rank",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=80, verbose_name="highest military rank"),
        ),
        migrations.AlterField(
            model_name="person",
            name="party_concurrent_positions",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True, max_length=255, verbose_name="concurrent Party positions"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="party_position",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True, max_length=200, verbose_name="current Party position"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="permanent_address",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True, max_length=255, verbose_name="permanent residence (2C/2008 item 8)"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True,
                max_length=11,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(0[35789]\\d{8}|02\\d{8,9})$",
                        "Enter a 10-digit mobile number starting with 03, 05, 07, 08 or 09, or a landline.",
                    )
                ],
                verbose_name="contact phone",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="social_insurance_number",
            field=hoso.core.crypto.EncryptedCharField(
                blank=True,
                max_length=12,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(\\d{10}|\\d{12})$", "The social-insurance number has 10 or 12 digits."
                    )
                ],
                verbose_name="social-insurance number",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="succession_planned_title",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=200, verbose_name="position planned for"),
        ),
        migrations.AlterField(
            model_name="policystatus",
            name="note",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=255, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="propertyholding",
            name="certificate",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=120, verbose_name="certificate of rights"),
        ),
        migrations.AlterField(
            model_name="propertyholding",
            name="description",
            field=hoso.core.crypto.EncryptedCharField(blank=True, max_length=255, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="recordversion",
            name="snapshot",
            field=hoso.core.crypto.EncryptedJSONField(verbose_name="content"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["citizen_id_index"], name="person_citizen_id_index_idx"),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("citizen_id_index", ""), _negated=True),
                fields=("citizen_id_index",),
                name="person_citizen_id_index_unique",
            ),
        ),
    ]
