"""Who may attach, remove and open supporting documents, on the one access policy.

A document carries the restriction level of the parts of the record it supports (REQ-037): whoever may not read
those parts may not open it either. Before the change set is applied the change set's clearance decides; afterwards
the record's (the document is then part of a version, read with the record).
"""

from hoso.accounts.models import User
from hoso.documents.models import SupportingDocument
from hoso.people import permissions as people_permissions
from hoso.people.models import ChangeSet
from hoso.people.sections import LAYOUT

PART_LEVELS: dict[str, int] = {part.key: max(int(spec.restriction) for spec in part.fields) for part in LAYOUT}


def restriction_of_parts(parts: list[str]) -> int:
    """The highest restriction level of the given parts (the level a document supporting them carries)."""
    return max((PART_LEVELS.get(key, 0) for key in parts), default=0)


def can_add_document(user: User, change_set: ChangeSet) -> bool:
    """The author of the draft adds documents to it, as they edit it (REQ-039/040)."""
    return people_permissions.can_edit_change_set(user, change_set)


def can_remove_document(user: User, document: SupportingDocument) -> bool:
    return people_permissions.can_edit_change_set(user, document.change_set)


def document_clearance(user: User, document: SupportingDocument) -> int:
    if document.person_id is not None and document.version_id is not None:
        return people_permissions.record_clearance(user, document.person)  # type: ignore[arg-type]
    return people_permissions.change_set_clearance(user, document.change_set)


def can_read_document(user: User, document: SupportingDocument) -> bool:
    return document_clearance(user, document) >= document.restriction
