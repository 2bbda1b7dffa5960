"""Snapshots: the content of a record version as plain JSON, and its canonical bytes and hash.

A snapshot is `{"schema": 1, "person": {field: value}, "sections": {key: [row, …]}}`. Values are
JSON-safe and stable for years: catalog entries by official code, administrative units by key,
units and job positions by public UUID, dates as ISO strings, decimals as strings (RFC 8785 and
Python disagree on floats; STACK.md §4). Canonical bytes are sorted-key compact UTF-8 JSON of
NFC text, which is what a signature will cover.
"""

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models

from hoso.catalogs.models import AdminUnit, CatalogItem
from hoso.core.text import nfc
from hoso.organisations.models import JobPosition, OrgUnit
from hoso.people.models import Person
from hoso.people.sections import SECTIONS, SectionSpec, person_field_names

SCHEMA_VERSION = 1
Snapshot = dict[str, Any]

# How a foreign key is written in a snapshot: the target's stable natural key.
NATURAL_KEYS: dict[type[models.Model], str] = {
    CatalogItem: "code",
    AdminUnit: "key",
    OrgUnit: "uid",
    JobPosition: "uid",
}


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    return model._meta.get_field(name)  # type: ignore[return-value]


def encode_scalar(field: models.Field[Any, Any], value: Any) -> Any:
    """A Python value of a non-relational field as its snapshot value."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return format(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)), "f")
    if isinstance(field, models.DateField):
        return value.isoformat()
    if isinstance(field, models.FileField):
        return str(value.name if hasattr(value, "name") else value) or ""
    if isinstance(value, str):
        return nfc(value)
    return value


def encode_value(field: models.Field[Any, Any], value: Any) -> Any:
    """A cleaned form value (model instances for foreign keys) as its snapshot value."""
    if field.is_relation:
        if value is None:
            return None
        return str(getattr(value, NATURAL_KEYS[type(value)]))
    return encode_scalar(field, value)


class _KeyResolver:
    """Turns foreign-key ids into natural keys with one query per target model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        self.resolved: dict[type[models.Model], dict[int, str]] = {}

    def want(self, target: type[models.Model], pk: int | None) -> None:
        if pk is not None:
            self.wanted[target].add(pk)

    def resolve(self) -> None:
        for target, ids in self.wanted.items():
            key = NATURAL_KEYS[target]
            self.resolved[target] = {
                pk: str(natural) for pk, natural in target._default_manager.filter(pk__in=ids).values_list("pk", key)
            }

    def get(self, target: type[models.Model], pk: int | None) -> str | None:
        return None if pk is None else self.resolved[target][pk]


def _encode_rows(
    model: type[models.Model], names: list[str], rows: list[dict[str, Any]], resolver: _KeyResolver
) -> None:
    """Encode `.values()` rows in place, after `resolver.resolve()`."""
    for name in names:
        field = model_field(model, name)
        if field.is_relation:
            target = field.related_model
            for row in rows:
                row[name] = resolver.get(target, row[name])  # type: ignore[arg-type]
        else:
            for row in rows:
                row[name] = encode_scalar(field, row[name])


def _fetch_sections(person_ids: list[int]) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """Rows of every section for these people: one query per section model."""
    by_section: dict[str, dict[int, list[dict[str, Any]]]] = {key: defaultdict(list) for key in SECTIONS}
    by_model: dict[type[models.Model], list[SectionSpec]] = defaultdict(list)
    for spec in SECTIONS.values():
        by_model[spec.model].append(spec)
    for model, specs in by_model.items():
        discriminators = sorted({name for spec in specs for name in spec.fixed})
        names = sorted({name for spec in specs for name in spec.field_names})
        rows = model._default_manager.filter(person_id__in=person_ids).order_by("person_id", "position", "id")
        for row in rows.values("person_id", "uid", *names, *discriminators):
            for spec in specs:
                if all(row[k] == v for k, v in spec.fixed.items()):
                    by_section[spec.key][row["person_id"]].append(row)
    return by_section


def serialize_people(person_ids: Iterable[int]) -> dict[int, Snapshot]:
    """The snapshot of each person's live record, with a constant number of queries."""
    ids = list(person_ids)
    if not ids:
        return {}
    person_names = list(person_field_names())
    people = list(Person.objects.filter(pk__in=ids).values("pk", *person_names))
    sections = _fetch_sections(ids)

    resolver = _KeyResolver()
    for name in person_names:
        field = model_field(Person, name)
        if field.is_relation:
            for row in people:
                resolver.want(field.related_model, row[name])  # type: ignore[arg-type]
    for key, spec in SECTIONS.items():
        for name in spec.field_names:
            field = model_field(spec.model, name)
            if field.is_relation:
                for rows in sections[key].values():
                    for row in rows:
                        resolver.want(field.related_model, row[name])  # type: ignore[arg-type]
    resolver.resolve()

    _encode_rows(Person, person_names, people, resolver)
    result: dict[int, Snapshot] = {}
    for row in people:
        pk = row.pop("pk")
        result[pk] = {"schema": SCHEMA_VERSION, "person": row, "sections": {}}
    for key, spec in SECTIONS.items():
        for person_id, rows in sections[key].items():
            _encode_rows(spec.model, spec.field_names, rows, resolver)
            result[person_id]["sections"][key] = [
                {"uid": str(row["uid"]), **{name: row[name] for name in spec.field_names}} for row in rows
            ]
    for snapshot in result.values():
        for key in SECTIONS:
            snapshot["sections"].setdefault(key, [])
    return result


def serialize_person(person: Person) -> Snapshot:
    return serialize_people([person.pk])[person.pk]


def empty_snapshot() -> Snapshot:
    person: dict[str, Any] = {}
    for name in person_field_names():
        field = model_field(Person, name)
        if field.is_relation or field.null:
            person[name] = None
        elif isinstance(field, models.BooleanField):
            person[name] = bool(field.default)
        elif field.has_default() and not callable(field.default):
            person[name] = encode_scalar(field, field.default)
        else:
            person[name] = "" if isinstance(field, models.CharField | models.TextField | models.FileField) else None
    return {"schema": SCHEMA_VERSION, "person": person, "sections": {key: [] for key in SECTIONS}}


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, float | Decimal | datetime.date):
        raise TypeError(f"{type(value).__name__} has no canonical JSON form here; encode it as a string")
    return value


def canonical_bytes(snapshot: Snapshot) -> bytes:
    return json.dumps(_normalise(snapshot), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(snapshot: Snapshot) -> str:
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()
