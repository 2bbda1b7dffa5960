"""What a signature covers: the canonical bytes of a record version with its supporting documents' hashes.

`signed_content` is canonical JSON (the canonicaliser of `hoso.people.snapshot`: sorted keys, compact, NFC text,
numbers as strings; STACK.md §4) of

    {"format": "hoso.record-version/1", "person": <uid>, "version": <n>, "effective_at": <ISO>,
     "content_hash": <SHA-256 of the snapshot>, "record": <the snapshot>, "documents": [<entries>]}

Each document entry comes from `hoso.documents.selectors.signed_entries` and carries the SHA-256 of the file, so
the signature covers the documents without embedding them (REQ-036, REQ-049). The bytes are self-describing:
`hoso.signing.offline` reads them without Django.
"""

import datetime
import json
from typing import Any

from hoso.people.models import RecordVersion
from hoso.people.snapshot import canonical_bytes

FORMAT = "hoso.record-version/1"


def signed_document(*, version: RecordVersion, documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "person": str(version.person.uid),
        "version": str(version.number),
        "effective_at": version.effective_at.astimezone(datetime.UTC).isoformat(),
        "content_hash": version.content_hash,
        "record": version.snapshot,
        "documents": [{key: _text(value) for key, value in entry.items()} for entry in documents],
    }


def _text(value: Any) -> Any:
    """Numbers become strings (the canonical form has no floats); lists and text stay as they are."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return [_text(item) for item in value]
    return value


def signed_content(*, version: RecordVersion, documents: list[dict[str, Any]]) -> bytes:
    """The exact bytes the approver signs for `version` (see the module docstring)."""
    return canonical_bytes(signed_document(version=version, documents=documents))


def parse(content: bytes) -> dict[str, Any]:
    """The signed document back from its bytes."""
    return json.loads(content.decode("utf-8"))  # type: ignore[no-any-return]
