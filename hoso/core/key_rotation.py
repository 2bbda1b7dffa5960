"""Re-encrypting every encrypted value under the newest key, verifying them, rebuilding blind indexes.

The procedure (README, "Field encryption"): put a new key first in HOSO_FIELD_ENCRYPTION_KEYS and
keep the old ones after it; restart; run `manage.py rotate_encryption_keys`; check with `--check`
that nothing is left under an older key; remove the old key; restart.

Values are read and written as stored (raw columns, no model instances), a transaction per batch
with the rows locked, so the application can keep running while a rotation goes on.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import InvalidToken
from django.db import models

from hoso.core import crypto

DEFAULT_BATCH = 1000
FAILURES_SHOWN = 5


class RotationFailed(Exception):
    """A stored value does not decrypt with any configured key; the batch holding it was not changed."""


@dataclass
class ColumnReport:
    label: str  # app_label.Model.field
    current: int = 0  # already under the newest key
    older: int = 0  # under an older configured key (re-encrypted unless checking)
    plaintext: int = 0  # not a token at all (encrypted unless checking)
    failed: list[Any] = field(default_factory=list)  # primary keys of values no key opens

    @property
    def values(self) -> int:
        return self.current + self.older + self.plaintext + len(self.failed)


@dataclass
class IndexReport:
    label: str
    matching: int = 0
    stale: list[Any] = field(default_factory=list)  # primary keys whose index is not the recomputed one
    rebuilt: int = 0


@dataclass
class ModelReport:
    label: str
    rows: int = 0
    rows_written: int = 0
    columns: list[ColumnReport] = field(default_factory=list)
    indexes: list[IndexReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(c.failed or c.plaintext for c in self.columns) and not any(i.stale for i in self.indexes)


def _classify(value: Any) -> str:
    """ "empty", "plaintext", "current", "older" or "failed" for one stored value."""
    if value is None or value == "":
        return "empty"
    if not isinstance(value, str) or not crypto.looks_encrypted(value):
        return "plaintext"
    try:
        token = value.encode("ascii")
    except UnicodeError:
        return "failed"
    try:
        crypto.newest_fernet().decrypt(token)
        return "current"
    except InvalidToken:
        pass
    try:
        crypto.multi_fernet().decrypt(token)
        return "older"
    except InvalidToken:
        return "failed"


def _new_value(kind: str, value: str) -> str:
    if kind == "plaintext":
        return crypto.encrypt_text(str(value))
    return crypto.multi_fernet().rotate(value.encode("ascii")).decode("ascii")


def _blind_indexes(model: type[models.Model]) -> list[crypto.BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, crypto.BlindIndexField)]


def process_model(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    *,
    write: bool,
    batch_size: int = DEFAULT_BATCH,
) -> ModelReport:
    """Check (write=False) or re-encrypt (write=True) every encrypted value of one model, then its blind indexes."""
    report = ModelReport(label=model._meta.label)
    columns = [str(f.column) for f in fields]
    report.columns = [ColumnReport(label=f"{model._meta.label}.{f.name}") for f in fields]

    def visit(row: tuple[Any, ...]) -> tuple[Any, ...] | None:
        report.rows += 1
        pk, values = row[0], row[1:]
        new_values = list(values)
        changed = False
        for position, value in enumerate(values):
            kind = _classify(value)
            column = report.columns[position]
            if kind == "empty":
                continue
            if kind == "failed":
                column.failed.append(pk)
                if write:
                    raise RotationFailed(
                        f"{column.label} of row {pk} does not decrypt with any configured key. Nothing in its "
                        f"batch was changed; earlier batches are under the newest key. Add the missing key to "
                        "HOSO_FIELD_ENCRYPTION_KEYS (after the newest) and run the command again."
                    )
                continue
            setattr(column, kind, getattr(column, kind) + 1)
            if write and kind in {"older", "plaintext"}:
                new_values[position] = _new_value(kind, value)
                changed = True
        return tuple(new_values) if changed else None

    if write:
        report.rows_written = crypto.transform_columns(model, columns, visit, batch_size=batch_size)
    else:
        for batch in crypto.raw_batches(model, columns, batch_size=batch_size):
            for row in batch:
                visit(row)
    report.indexes = [check_blind_index(model, index, batch_size=batch_size) for index in _blind_indexes(model)]
    return report


def check_blind_index(
    model: type[models.Model], index: crypto.BlindIndexField, *, batch_size: int = DEFAULT_BATCH, rebuild: bool = False
) -> IndexReport:
    """Compare (or, with rebuild, rewrite) each row's blind index with the one the configured key gives."""
    source: Any = model._meta.get_field(index.source)  # an encrypted field (EncryptedFieldMixin)
    report = IndexReport(label=f"{model._meta.label}.{index.name}")

    def visit(row: tuple[Any, ...]) -> tuple[Any, ...] | None:
        pk, stored_source, stored_index = row
        try:
            plaintext = source.decrypt_stored(stored_source) if stored_source else ""
        except crypto.DecryptionError:
            return None  # reported with the encrypted column
        expected = crypto.blind_index(plaintext) if plaintext else ""
        if expected == stored_index:
            report.matching += 1
            return None
        report.stale.append(pk)
        if rebuild:
            report.rebuilt += 1
            return (stored_source, expected)
        return None

    columns = [str(source.column), str(index.column)]
    if rebuild:
        crypto.transform_columns(model, columns, visit, batch_size=batch_size)
    else:
        for batch in crypto.raw_batches(model, columns, batch_size=batch_size):
            for row in batch:
                visit(row)
    return report


def rotate_all(
    *, write: bool, batch_size: int = DEFAULT_BATCH, on_model: Callable[[ModelReport], None] | None = None
) -> list[ModelReport]:
    """Every model with encrypted fields (found through the app registry), one after the other."""
    reports = []
    for model, fields in crypto.encrypted_models():
        report = process_model(model, fields, write=write, batch_size=batch_size)
        reports.append(report)
        if on_model is not None:
            on_model(report)
    return reports


def rebuild_blind_indexes(*, batch_size: int = DEFAULT_BATCH) -> list[IndexReport]:
    """After HOSO_BLIND_INDEX_KEY changed: recompute every blind index from the decrypted values."""
    from django.apps import apps

    return [
        check_blind_index(model, index, batch_size=batch_size, rebuild=True)
        for model in apps.get_models()
        for index in _blind_indexes(model)
    ]
