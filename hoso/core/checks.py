"""System checks of the field-encryption configuration (hoso/core/crypto.py).

`encryption_keys` runs with every `manage.py check` (and `check --deploy`, and before `runserver`
and every command): a missing or malformed key is an error in every environment. dev and test
settings always provide keys, so in practice it bites in production.

`encrypted_data_readable` is a database check (Django runs those with `check --database default`
and before `migrate`): it decrypts one stored value of each encrypted field, and recomputes one
blind index, so a wrong key fails here, loudly, instead of on the first page that shows a record.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError, connections

from hoso.core import crypto


@register(Tags.security, deploy=False)
def encryption_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    keys = getattr(settings, "HOSO_FIELD_ENCRYPTION_KEYS", None)
    errors: list[CheckMessage] = [
        Error(problem, id="hoso.E101", hint="See README, 'Field encryption'.")
        for problem in crypto.encryption_key_problems(keys)
    ]
    for problem in crypto.blind_index_key_problems(getattr(settings, "HOSO_BLIND_INDEX_KEY", None), keys):
        errors.append(Error(problem, id="hoso.E102", hint="See README, 'Field encryption'."))
    secret = getattr(settings, "SECRET_KEY", "")
    index_key = getattr(settings, "HOSO_BLIND_INDEX_KEY", None)
    if secret and isinstance(keys, list | tuple) and (secret in keys or secret == index_key):
        errors.append(Error("SECRET_KEY must not be used as an encryption or blind-index key.", id="hoso.E103"))
    return errors


def _sample(model: Any, field: Any, databases: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for alias in databases or []:
        table = model._meta.db_table
        try:
            with connections[alias].cursor() as cursor:
                if table not in connections[alias].introspection.table_names(cursor):
                    continue
            rows = model._base_manager.using(alias).filter(**{f"{field.name}__isnull": False})
            if not isinstance(field, crypto.EncryptedJSONField):  # "" is a JSON value there, stored encrypted
                rows = rows.exclude(**{field.name: ""})
            stored = list(rows.order_by("pk").values_list(field.name, flat=True)[:1])
        except crypto.UnencryptedValueError as error:
            messages.append(
                Warning(str(error), id="hoso.W104", hint="`python manage.py migrate` encrypts existing rows.")
            )
            continue
        except crypto.DecryptionError as error:
            messages.append(Error(str(error), id="hoso.E104"))
            continue
        except DatabaseError:
            continue  # a column not created yet: `migrate` is about to run
        if stored and isinstance(field, crypto.EncryptedFieldMixin):
            messages.extend(_check_blind_indexes(model, field, stored[0], alias))
    return messages


def _check_blind_indexes(model: Any, field: Any, plaintext: Any, alias: str) -> list[CheckMessage]:
    """A blind index over this field must equal the one recomputed with the configured key."""
    messages: list[CheckMessage] = []
    for index in model._meta.concrete_fields:
        if not isinstance(index, crypto.BlindIndexField) or index.source != field.name:
            continue
        try:
            stored = (
                model._base_manager.using(alias)
                .exclude(**{index.name: ""})
                .values_list(field.name, index.name)
                .order_by("pk")
                .first()
            )
        except DatabaseError:
            continue
        if stored and stored[0] and crypto.blind_index(stored[0]) != stored[1]:
            messages.append(
                Error(
                    f"{model._meta.label}.{index.name} was built with another HOSO_BLIND_INDEX_KEY: exact "
                    "look-ups would find nothing and duplicates would pass. Configure the key the index was "
                    "built with, or rebuild it: `python manage.py rotate_encryption_keys --rebuild-blind-indexes`.",
                    id="hoso.E105",
                )
            )
    return messages


@register(Tags.database)
def encrypted_data_readable(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if encryption_keys() or not databases:
        return []  # the key errors are reported by the check above
    messages: list[CheckMessage] = []
    for model, fields in crypto.encrypted_models():
        if app_configs is not None and model._meta.app_config not in app_configs:
            continue
        for field in fields:
            messages.extend(_sample(model, field, databases))
    return messages
