"""What the document panels show a reader: the documents within their clearance, next to the parts they support.

Shared by the views (which re-render a panel after an upload) and the template tags that the people pages include.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from hoso.accounts.models import User
from hoso.documents.forms import UploadForm
from hoso.documents.models import SupportingDocument
from hoso.documents.permissions import can_add_document
from hoso.documents.selectors import change_set_documents, changed_parts, missing_documents, version_documents
from hoso.people import permissions as people_permissions
from hoso.people.diff import RecordDiff
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.sections import LAYOUT
from hoso.people.services import EDITABLE

PART_TITLES: dict[str, str | Promise] = {part.key: part.title for part in LAYOUT}
PART_ITEMS: dict[str, str] = {part.key: part.items for part in LAYOUT}


@dataclass(frozen=True)
class DocumentRow:
    document: SupportingDocument
    part_titles: list[str]
    removable: bool = False


@dataclass
class PartDocuments:
    key: str
    title: str | Promise
    items: str
    documents: list[DocumentRow] = field(default_factory=list)


def _row(document: SupportingDocument, removable: bool = False) -> DocumentRow:
    titles = [f"{PART_ITEMS[key]} {PART_TITLES[key]}" for key in document.parts if key in PART_TITLES]
    return DocumentRow(document, titles, removable and document.version_id is None)


def _split(documents: list[SupportingDocument], level: int) -> tuple[list[SupportingDocument], int]:
    shown = [d for d in documents if d.restriction <= level]
    return shown, len(documents) - len(shown)


def change_set_panel(user: User, change_set: ChangeSet, *, form: UploadForm | None = None) -> dict[str, Any]:
    """The documents of a change set as its author edits it, with the upload form while it can be edited."""
    level = people_permissions.change_set_clearance(user, change_set)
    everything = list(change_set_documents(change_set, include_removed=True))
    current, withheld = _split([d for d in everything if d.removed_at is None], level)
    removed, _withheld_removed = _split([d for d in everything if d.removed_at is not None], level)
    can_upload = change_set.status in EDITABLE and can_add_document(user, change_set)
    if can_upload and form is None:
        form = UploadForm(initial_parts=changed_parts(change_set), auto_id="doc_%s")
    return {
        "change_set": change_set,
        "documents": [_row(d, removable=can_upload) for d in current],
        "removed": [_row(d) for d in removed],
        "withheld": withheld,
        "can_upload": can_upload,
        "upload_form": form if can_upload else None,
        "missing": missing_documents(change_set) if change_set.status in EDITABLE else [],
    }


def diff_panel(user: User, change_set: ChangeSet, diff: RecordDiff) -> dict[str, Any]:
    """Each changed part of the diff with the documents that support it (REQ-036), for the reviewer and approver."""
    level = people_permissions.change_set_clearance(user, change_set)
    shown, withheld = _split(list(change_set_documents(change_set)), level)
    parts = [
        PartDocuments(part.key, part.title, part.items, [_row(d) for d in shown if part.key in d.parts])
        for part in diff.parts
    ]
    changed = {part.key for part in diff.parts}
    others = [_row(d) for d in shown if not changed.intersection(d.parts)]
    return {
        "change_set": change_set,
        "parts": parts,
        "others": others,
        "withheld": withheld,
        "count": len(shown),
        "missing": missing_documents(change_set),
    }


def version_panel(user: User, person: Person, version: RecordVersion | None) -> dict[str, Any]:
    """The documents a version of the record holds (REQ-036: kept with every version)."""
    documents = list(version_documents(version)) if version is not None else []
    shown, withheld = _split(documents, people_permissions.record_clearance(user, person))
    return {"version": version, "documents": [_row(d) for d in shown], "withheld": withheld}
