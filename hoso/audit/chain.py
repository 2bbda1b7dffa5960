"""The hash chain: the canonical bytes and SHA-256 of an entry, and the walk that finds the first broken link.

Each entry's hash covers every column it stores (sequence, time, channel, action, actor, actor's unit, address,
browser, unit, person, target, detail) and the previous entry's hash, so changing, inserting or removing an entry
breaks the chain at that point. Canonical bytes follow `hoso/people/snapshot.py` (sorted keys, compact UTF-8 JSON,
NFC text, no floats); the code is repeated here because audit may depend on `core` only.

The chain is not keyed: whoever can write to the database and knows this algorithm can rebuild the tail of the
chain from a point onward. Recording the head outside the database (`audit_verify --print-head`, checked later
with `--expect-head`) makes such a rewrite visible too.
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise

from hoso.core.text import nfc

GENESIS_HASH = "0" * 64
# The columns each hash covers, in the order `values_list` reads them; `hash` itself comes last when verifying.
HASHED_FIELDS: tuple[str, ...] = (
    "sequence",
    "at",
    "channel",
    "action",
    "actor_id",
    "actor_username",
    "actor_name",
    "actor_unit_id",
    "ip",
    "user_agent",
    "unit_id",
    "unit_name",
    "person_id",
    "person_name",
    "target_type",
    "target_id",
    "detail",
    "prev_hash",
)


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(str(k)): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if value is None or isinstance(value, bool | int):
        return value
    raise TypeError(f"{type(value).__name__} has no canonical JSON form here; encode it as a string")


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(_normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def canonical_time(at: datetime.datetime) -> str:
    """UTC with microseconds: the form both databases give back unchanged."""
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(values: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of an entry given its hashed columns by name."""
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["at"] = canonical_time(values["at"])
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def json_safe(value: Any) -> Any:
    """A detail value as JSON with a canonical form: UUIDs, dates, decimals and floats become strings."""
    if isinstance(value, str):
        return nfc(value.replace("\x00", ""))  # PostgreSQL's jsonb refuses NUL characters
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Mapping):
        return {nfc(str(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(str(json_safe(v)) for v in value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value)
    if isinstance(value, uuid.UUID | Promise):  # Promise: a lazy translation
        return str(value)
    raise TypeError(f"Cannot put a {type(value).__name__} in an audit detail; pass text, numbers or lists")


class Break(StrEnum):
    """How the chain is broken at an entry."""

    MODIFIED = "MODIFIED"  # the entry's content no longer matches its hash
    MISSING = "MISSING"  # sequence numbers skip: entries were removed
    UNLINKED = "UNLINKED"  # the entry does not point to the entry before it: something was inserted or removed
    HEAD_MISSING = "HEAD_MISSING"  # the head recorded outside the database is not in the chain (tail removed)


@dataclass(frozen=True)
class Finding:
    kind: Break
    sequence: int
    at: datetime.datetime | None
    expected_sequence: int | None = None


@dataclass(frozen=True)
class Result:
    checked: int
    head_sequence: int
    head_hash: str
    head_at: datetime.datetime | None
    finding: Finding | None

    @property
    def intact(self) -> bool:
        return self.finding is None


def walk(rows: Iterable[tuple[Any, ...]], *, expect_head: str | None = None) -> Result:
    """Check rows of (HASHED_FIELDS..., hash) in sequence order; stop at the first broken link."""
    expected_sequence, previous = 1, GENESIS_HASH
    checked, head_at = 0, None
    head_found = expect_head is None or expect_head == GENESIS_HASH
    rows_iter: Iterator[tuple[Any, ...]] = iter(rows)
    for row in rows_iter:
        values = dict(zip(HASHED_FIELDS, row, strict=False))
        stored_hash = row[len(HASHED_FIELDS)]
        sequence, at = values["sequence"], values["at"]
        finding = None
        if sequence != expected_sequence:
            finding = Finding(Break.MISSING, sequence, at, expected_sequence)
        elif values["prev_hash"] != previous:
            finding = Finding(Break.UNLINKED, sequence, at)
        elif entry_hash(values) != stored_hash:
            finding = Finding(Break.MODIFIED, sequence, at)
        if finding is not None:
            return Result(checked, expected_sequence - 1, previous, head_at, finding)
        checked += 1
        head_found = head_found or stored_hash == expect_head
        expected_sequence, previous, head_at = sequence + 1, stored_hash, at
    finding = None
    if not head_found:
        finding = Finding(Break.HEAD_MISSING, expected_sequence - 1, head_at)
    return Result(checked, expected_sequence - 1, previous, head_at, finding)
