"""Fast bulk writes of generated records: people, section rows and version 1 of each record.

Rows arrive in snapshot form (catalog codes, UUID strings, ISO dates, decimal strings). A
`TableWriter` turns them into database rows with explicit primary keys and writes them with
`COPY … FROM STDIN` on PostgreSQL or `executemany` on SQLite, which is several times faster
than `bulk_create` for millions of rows. The values written are the ones Django itself would
write (UUIDs as 32 hex digits on SQLite, decimals as text, dates as ISO text, encrypted fields
as Fernet tokens, blank ones as ""), so reading
them back with the ORM gives the same snapshot: `test_demo.py` checks it against
`serialize_people`.

Version 1 is written from the same dictionaries (`version_row`) instead of reading the rows
back as `services.create_initial_versions` does; its canonical JSON is built with one
`json.dumps` because every generated string is already NFC (see `hoso/people/snapshot.py`).
"""

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, cast

from django.core.management.color import no_style
from django.db import connection, models

from hoso.catalogs.models import AdminUnit, CatalogItem
from hoso.core.crypto import encrypt_optional, is_encrypted
from hoso.organisations.models import JobPosition, OrgUnit
from hoso.people.demo.catalogs import DemoCatalogs
from hoso.people.snapshot import SCHEMA_VERSION

Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class KeyMaps:
    """Natural keys of the snapshot form -> primary keys."""

    catalogs: DemoCatalogs
    units: dict[str, int]  # OrgUnit uid -> id
    job_positions: dict[str, int]  # JobPosition uid -> id

    def converter(self, field: models.Field[Any, Any]) -> Converter:
        target = field.related_model
        if target is CatalogItem:
            limits = cast(models.ForeignKey[Any, Any], field).get_limit_choices_to()
            mapping = self.catalogs.codes_for(list(limits.get("kind__in", [])))  # type: ignore[union-attr]
        elif target is AdminUnit:
            mapping = self.catalogs.admin_unit_ids
        elif target is OrgUnit:
            mapping = self.units
        elif target is JobPosition:
            mapping = self.job_positions
        else:
            return _identity  # people and users are written by id

        def convert(value: Any) -> Any:
            return None if value is None else mapping[value]

        return convert


def _identity(value: Any) -> Any:
    return value


def _uuid_hex(value: Any) -> Any:
    return value.replace("-", "") if isinstance(value, str) else value


class TableWriter:
    """Rows of one table built from dictionaries in snapshot form, then written in one go.

    `extras` are passed positionally to `add` (ids, the person, the row order, timestamps);
    `present` are read from the dictionary (natural keys converted to ids); `fixed` are
    constants (a section's discriminator); every other column gets its default. The column
    order is chosen so that a row is `extras + constants + itemgetter(plain) + converted`.
    """

    def __init__(
        self,
        model: type[models.Model],
        keys: KeyMaps,
        *,
        extras: Sequence[str] = (),
        present: Iterable[str] = (),
        fixed: dict[str, Any] | None = None,
    ) -> None:
        self.table = model._meta.db_table
        fixed = fixed or {}
        by_name = {field.name: field for field in model._meta.concrete_fields}
        column = {name: str(field.column) for name, field in by_name.items()}
        present_names = [name for name in present if name in by_name and name not in extras and name not in fixed]
        constants: list[tuple[str, Any]] = []
        for name, field in by_name.items():
            if name in extras or name in present_names:
                continue
            if name in fixed:
                constants.append((column[name], fixed[name]))
            elif field.primary_key or (field.has_default() and callable(field.default)):
                raise ValueError(f"{model.__name__}.{name} must be given")
            else:
                constants.append((column[name], field.get_default()))
        plain: list[str] = []
        converted: list[tuple[str, Converter]] = []
        for name in present_names:
            field = by_name[name]
            if field.is_relation:
                converted.append((name, keys.converter(field)))
            elif is_encrypted(field):
                converted.append((name, encrypt_optional))  # what the field's get_prep_value stores
            elif isinstance(field, models.UUIDField) and not connection.features.has_native_uuid_field:
                converted.append((name, _uuid_hex))
            else:
                plain.append(name)
        self.columns = (
            [column[name] for name in extras]
            + [name for name, _ in constants]
            + [column[name] for name in plain]
            + [column[name] for name, _ in converted]
        )
        self.constants = tuple(value for _, value in constants)
        getter = itemgetter(*plain) if plain else None
        self.plain: Callable[[dict[str, Any]], tuple[Any, ...]] = (
            (lambda values: ()) if getter is None else getter if len(plain) > 1 else (lambda values: (getter(values),))
        )
        self.converted = converted
        self.rows: list[tuple[Any, ...]] = []

    def add(self, values: dict[str, Any], *extras: Any) -> None:
        self.rows.append(
            extras
            + self.constants
            + self.plain(values)
            + tuple([convert(values[name]) for name, convert in self.converted])
        )

    def flush(self) -> int:
        written = len(self.rows)
        if written:
            insert_rows(self.table, self.columns, self.rows)
            self.rows = []
        return written


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3
            with raw.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})", rows)  # noqa: S608


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of a table (rows are written with explicit keys)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        (highest,) = cursor.fetchone()
    return (highest or 0) + 1


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the explicitly written keys (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def db_datetime(moment: datetime.datetime) -> Any:
    """A timezone-aware datetime as this database stores it."""
    return connection.ops.adapt_datetimefield_value(moment)


def canonical_json(snapshot: dict[str, Any]) -> str:
    """`snapshot.canonical_bytes` for a snapshot whose strings are all NFC, without the extra pass."""
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def version_json(person: dict[str, Any], sections: dict[str, list[dict[str, Any]]]) -> tuple[str, str]:
    """Canonical JSON of a generated record's version 1 and its SHA-256 (= snapshot.content_hash)."""
    text = canonical_json({"schema": SCHEMA_VERSION, "person": person, "sections": sections})
    return text, hashlib.sha256(text.encode()).hexdigest()
