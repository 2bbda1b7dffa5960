"""Field encryption at rest and a keyed-hash blind index (docs/adr/0002-field-encryption.md).

Values of an encrypted field are stored as Fernet tokens (AES-128-CBC + HMAC-SHA256, from the
`cryptography` package) under `settings.HOSO_FIELD_ENCRYPTION_KEYS`, newest key first:
`MultiFernet` encrypts with the first key and decrypts with any, so a new key is put first, the
data is re-encrypted (`manage.py rotate_encryption_keys`), then the old key is removed.

Decisions that the rest of the code relies on:

- An empty string and None are stored as they are, not encrypted: a blank field costs nothing,
  "is it filled in" stays a cheap query (`exact` against "" and `isnull` are the only lookups
  allowed), and what that reveals ("this person has no e-mail") is not a secret worth the cost.
- Every other lookup, and every transform, raises `EncryptedLookupError`: each write produces a
  different token, so `=`, `LIKE` or ordering on the column would silently find nothing or sort
  noise. Exact matches go through a `BlindIndexField` (HMAC-SHA256 under a separate key).
- A stored value that does not decrypt raises `DecryptionError` naming the model and field.
  The ciphertext is never returned as if it were the value.
- Keys come from settings (the environment or a key file), never from SECRET_KEY and never from
  the database. The system checks of `hoso.core.checks` refuse a missing or malformed key, and
  (`check --database default`, and `migrate`) a key that cannot read the stored data.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.models.lookups import Exact, IsNull, Lookup, Transform

# Every Fernet token starts with the version byte 0x80 and a 64-bit timestamp whose high bits are
# zero for millennia: in url-safe base64 that is "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a secret
KEY_BYTES = 32


class EncryptionConfigError(ImproperlyConfigured):
    """The keys in the settings are missing or malformed."""


class DecryptionError(Exception):
    """A stored value does not decrypt with the configured keys (or is not a token at all)."""


class UnencryptedValueError(DecryptionError):
    """An encrypted column holds plaintext: rows written before the encryption migration ran, or by raw SQL."""


class EncryptedLookupError(FieldError):
    """A query asked an encrypted column for something only plaintext could answer."""


# --- keys -----------------------------------------------------------------------------------------


def _decoded_key(key: str) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(key.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    return raw if len(raw) == KEY_BYTES else None


def encryption_key_problems(keys: object) -> list[str]:
    """What is wrong with a HOSO_FIELD_ENCRYPTION_KEYS value; empty when it is usable. Never shows a key."""
    if isinstance(keys, str) or not isinstance(keys, list | tuple):
        return ["HOSO_FIELD_ENCRYPTION_KEYS must be a list of keys, newest first."]
    if not keys:
        return [
            "HOSO_FIELD_ENCRYPTION_KEYS is empty: set HOSO_FIELD_ENCRYPTION_KEYS (comma-separated) or "
            "HOSO_FIELD_ENCRYPTION_KEYS_FILE (one key a line), newest first."
        ]
    problems = []
    for position, key in enumerate(keys, start=1):
        if not isinstance(key, str) or _decoded_key(key) is None:
            problems.append(
                f"HOSO_FIELD_ENCRYPTION_KEYS: key {position} of {len(keys)} is not a Fernet key "
                "(32 bytes in url-safe base64, 44 characters; make one with "
                "`python manage.py rotate_encryption_keys --generate-key`)."
            )
    if len(set(keys)) != len(keys):
        problems.append("HOSO_FIELD_ENCRYPTION_KEYS lists the same key twice.")
    return problems


def blind_index_key_problems(key: object, encryption_keys: object = ()) -> list[str]:
    """What is wrong with HOSO_BLIND_INDEX_KEY; empty when it is usable. Never shows a key."""
    if not key:
        return [
            "HOSO_BLIND_INDEX_KEY is empty: set HOSO_BLIND_INDEX_KEY or HOSO_BLIND_INDEX_KEY_FILE "
            "(a key of its own, not one of the encryption keys)."
        ]
    if not isinstance(key, str) or _decoded_key(key) is None:
        return ["HOSO_BLIND_INDEX_KEY is not a key of 32 bytes in url-safe base64 (44 characters)."]
    if isinstance(encryption_keys, list | tuple) and key in encryption_keys:
        return ["HOSO_BLIND_INDEX_KEY must not be one of the HOSO_FIELD_ENCRYPTION_KEYS."]
    return []


def generate_key() -> str:
    """A new random key, in the format both settings take."""
    return Fernet.generate_key().decode("ascii")


@functools.lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    problems = encryption_key_problems(list(keys))
    if problems:
        raise EncryptionConfigError(" ".join(problems))
    return MultiFernet([Fernet(key) for key in keys])


@functools.lru_cache(maxsize=8)
def _fernet(key: str) -> Fernet:
    return Fernet(key)


def configured_keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "HOSO_FIELD_ENCRYPTION_KEYS", ()) or ())


def multi_fernet() -> MultiFernet:
    """Encrypts with the newest configured key, decrypts with any (cached per key list)."""
    return _multi_fernet(configured_keys())


def newest_fernet() -> Fernet:
    multi_fernet()  # validates the whole list first
    return _fernet(configured_keys()[0])


@functools.lru_cache(maxsize=8)
def _index_key(key: str, encryption_keys: tuple[str, ...]) -> bytes:
    problems = blind_index_key_problems(key, list(encryption_keys))
    if problems:
        raise EncryptionConfigError(" ".join(problems))
    return base64.urlsafe_b64decode(key.encode("ascii"))


# --- values -----------------------------------------------------------------------------------------


def encrypt_text(value: str) -> str:
    """A Fernet token (text) of `value` under the newest key."""
    return multi_fernet().encrypt(value.encode("utf-8")).decode("ascii")


def encrypt_optional(value: str | None) -> str | None:
    """`encrypt_text`, except that "" and None stay as they are (the field's storage rule)."""
    if value is None or value == "":
        return value
    return encrypt_text(value)


def decrypt_text(token: str) -> str:
    """The plaintext of a token; raises `InvalidToken` when no configured key opens it."""
    return multi_fernet().decrypt(token.encode("ascii")).decode("utf-8")


def looks_encrypted(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


_INDEX_SEPARATORS = re.compile(r"[\s.\-/]")


def normalise_for_index(value: str) -> str:
    """The form a value is indexed in: NFC, separators (spaces, dots, dashes, slashes) dropped, upper case.

    For an ID number that leaves the digits only, so "087 185.000-123" and "087185000123" index alike.
    """
    return _INDEX_SEPARATORS.sub("", unicodedata.normalize("NFC", value)).upper()


def blind_index(value: str) -> str:
    """HMAC-SHA256 (64 hex digits) of the normalised value under HOSO_BLIND_INDEX_KEY, for exact look-ups."""
    key = _index_key(getattr(settings, "HOSO_BLIND_INDEX_KEY", "") or "", configured_keys())
    return hmac.new(key, normalise_for_index(value).encode("utf-8"), hashlib.sha256).hexdigest()


# --- fields -----------------------------------------------------------------------------------------


class EncryptedExact(Exact):
    """`exact` on an encrypted column: only against "" (an unfilled field), which is stored as is."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise EncryptedLookupError(_lookup_message(self.lhs.output_field, "exact"))
        return super().get_prep_lookup()


def _label(field: models.Field[Any, Any]) -> str:
    model = getattr(field, "model", None)
    return f"{model._meta.label}.{field.name}" if model is not None else str(field.name)


def _lookup_message(field: models.Field[Any, Any], lookup_name: str) -> str:
    return (
        f"{_label(field)} is encrypted: the database cannot compare, search or sort its values "
        f"('{lookup_name}' asked). Only `isnull` and `exact` against '' work; find rows by a blind index "
        "(e.g. Person.citizen_id_index, see hoso.people.selectors.people_with_citizen_id) or filter in Python."
    )


class EncryptedFieldMixin:
    """Stores the value as a Fernet token in a text column; decrypts on load. See the module docstring."""

    encrypted = True

    def get_internal_type(self) -> str:
        return "TextField"  # a token is about 4/3 of the value plus 76 characters: no length fits

    def _serialise(self, value: Any) -> str:
        return str(value)

    def _deserialise(self, text: str) -> Any:
        return text

    def _is_stored_plain(self, value: Any) -> bool:
        return value is None or value == ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if self._is_stored_plain(value):
            return value
        return encrypt_text(self._serialise(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self._deserialise(self.decrypt_stored(value))

    def decrypt_stored(self, value: str) -> str:
        """The plaintext of a stored token, or `DecryptionError` naming this field (never the token itself)."""
        field = self  # type: Any
        if not isinstance(value, str) or not looks_encrypted(value):
            raise UnencryptedValueError(
                f"{_label(field)} holds a value that is not encrypted. Run `python manage.py migrate` "
                "(the migration encrypts existing rows) or `python manage.py rotate_encryption_keys`."
            )
        try:
            return decrypt_text(value)
        except (InvalidToken, UnicodeError):
            raise DecryptionError(
                f"{_label(field)}: a stored value does not decrypt with the configured HOSO_FIELD_ENCRYPTION_KEYS. "
                "The keys are wrong or the key this value was encrypted with has been removed; restore it "
                "(as the last key of the list) and run `python manage.py rotate_encryption_keys --check`."
            ) from None

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return EncryptedExact
        raise EncryptedLookupError(_lookup_message(self, lookup_name))  # type: ignore[arg-type]

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise EncryptedLookupError(_lookup_message(self, lookup_name))  # type: ignore[arg-type]


class EncryptedCharField(EncryptedFieldMixin, models.CharField):  # type: ignore[misc,type-arg]
    """A CharField whose `max_length` and validators apply to the plaintext; stored as an encrypted text column."""


class EncryptedEmailField(EncryptedFieldMixin, models.EmailField):  # type: ignore[misc,type-arg]
    """An e-mail address, validated as one, stored encrypted."""


class EncryptedTextField(EncryptedFieldMixin, models.TextField):  # type: ignore[misc,type-arg]
    """Free text stored encrypted."""


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):  # type: ignore[misc,type-arg]
    """A JSON value encrypted as a whole (compact UTF-8 JSON inside the token). Only NULL stays plain.

    Nothing can be queried inside it: use it for documents that are read whole (snapshots).
    """

    # For django-stubs: the attribute holds any JSON value, as a JSONField's does (not a str).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def __init__(self, *args: Any, encoder: type[json.JSONEncoder] | None = None, **kwargs: Any) -> None:
        self.encoder = encoder or DjangoJSONEncoder
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not DjangoJSONEncoder:
            kwargs["encoder"] = self.encoder
        return name, path, args, kwargs

    def _is_stored_plain(self, value: Any) -> bool:
        return value is None

    def _serialise(self, value: Any) -> str:
        return json.dumps(value, cls=self.encoder, ensure_ascii=False, separators=(",", ":"))

    def _deserialise(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value  # already a Python value (TextField would turn it into its repr)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt_text(self._serialise(value))

    def value_to_string(self, obj: models.Model) -> str:
        return self._serialise(self.value_from_object(obj))

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name == "isnull":
            return IsNull
        raise EncryptedLookupError(_lookup_message(self, lookup_name))


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """`blind_index(<source field>)`, recomputed whenever the row is saved; "" while the source is empty.

    Derived, never typed (editable=False). `QuerySet.update()` and raw SQL bypass it: whoever writes
    the source that way writes the index too (the demo generator does).
    """

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def index_of(self, instance: models.Model) -> str:
        value = getattr(instance, self.source)
        return blind_index(value) if value else ""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.index_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def is_encrypted(field: object) -> bool:
    return bool(getattr(field, "encrypted", False))


def encrypted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [field for field in model._meta.concrete_fields if is_encrypted(field)]


def encrypted_models() -> Iterator[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    """Every installed model that stores encrypted fields, with those fields (app registry order)."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = encrypted_fields(model)
        if fields:
            yield model, fields


# --- raw column passes (rotation, migrations) ------------------------------------------------------


def _select_batch(
    model: type[models.Model], columns: Sequence[str], after: Any, batch_size: int, using: str, lock: bool
) -> list[tuple[Any, ...]]:
    connection = connections[using]
    quote = connection.ops.quote_name
    pk = quote(str(model._meta.pk.column))  # type: ignore[union-attr]
    selected = ", ".join([pk, *(quote(c) for c in columns)])
    where = f" WHERE {pk} > %s" if after is not None else ""
    locking = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {selected} FROM {quote(model._meta.db_table)}{where} "  # noqa: S608
            f"ORDER BY {pk} LIMIT {int(batch_size)}{locking}",
            [after] if after is not None else [],
        )
        return [tuple(row) for row in cursor.fetchall()]


def raw_batches(
    model: type[models.Model], columns: Sequence[str], *, batch_size: int, using: str = "default"
) -> Iterator[list[tuple[Any, ...]]]:
    """Rows `(pk, *columns)` as stored (no decryption), in primary-key order, `batch_size` at a time.

    Works on historical models in migrations too: only `_meta.db_table` and `_meta.pk` are read.
    """
    after: Any = None
    while rows := _select_batch(model, columns, after, batch_size, using, lock=False):
        yield rows
        after = rows[-1][0]


def write_raw(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]], *, using: str = "default"
) -> None:
    """UPDATE the given columns of each `(pk, *values)` row to the values as given (already encrypted)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(str(model._meta.pk.column))} = %s"  # type: ignore[union-attr]
    )
    params = [(*values, pk) for pk, *values in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def transform_columns(
    model: type[models.Model],
    columns: Sequence[str],
    transform: Callable[[tuple[Any, ...]], tuple[Any, ...] | None],
    *,
    batch_size: int = 500,
    using: str = "default",
) -> int:
    """Apply `transform((pk, *values)) -> new values, or None to leave the row` to every row of a table.

    One transaction per batch, its rows locked while they are read and rewritten (SELECT … FOR UPDATE
    on PostgreSQL; SQLite's immediate transactions hold the write lock), so a record saved by the
    application at the same time is not overwritten with its older value. Returns the rows written.
    Used by the encryption migrations and by key rotation; works on historical models.
    """
    written = 0
    after: Any = None
    while True:
        with transaction.atomic(using=using):
            batch = _select_batch(model, columns, after, batch_size, using, lock=True)
            if not batch:
                return written
            changed = []
            for row in batch:
                new = transform(row)
                if new is not None:
                    changed.append((row[0], *new))
            write_raw(model, columns, changed, using=using)
        written += len(changed)
        after = batch[-1][0]
