"""Reads of supporting documents that carry rules: scope, required documents, what a signature covers.

The documents a user may reach come from the change sets and records the one access policy lets them see
(`change_sets_visible_to`, `people_visible_to`); a document above the reader's clearance is withheld (REQ-037).
"""

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hoso.accounts.models import User
from hoso.documents.models import DocumentType, SupportingDocument
from hoso.documents.permissions import can_read_document
from hoso.people.models import ChangeSet, RecordVersion
from hoso.people.sections import LAYOUT, PersonGroup
from hoso.people.selectors import change_sets_visible_to, people_visible_to
from hoso.people.services import base_snapshot

RELATED = ("document_type", "uploaded_by", "removed_by", "change_set", "person", "version")


def active_types() -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(is_active=True).order_by("position", "code")


def documents_visible_to(user: User) -> QuerySet[SupportingDocument]:
    """Documents of change sets the user may open, and documents of versions of records the user may see."""
    if not user.is_authenticated:
        return SupportingDocument.objects.none()
    change_sets = change_sets_visible_to(user).values("pk")
    people = people_visible_to(user).values("pk")
    return SupportingDocument.objects.filter(
        Q(change_set__in=change_sets) | Q(version__isnull=False, person__in=people)
    ).select_related(*RELATED)


def document_for_user(user: User, uid: Any) -> SupportingDocument | None:
    """One document by public id, when it is in the user's scope and within their clearance; None otherwise."""
    document = documents_visible_to(user).filter(uid=uid).first()
    if document is None or not can_read_document(user, document):
        return None
    return document


def change_set_documents(change_set: ChangeSet, *, include_removed: bool = False) -> QuerySet[SupportingDocument]:
    documents = SupportingDocument.objects.filter(change_set=change_set).select_related(*RELATED)
    if not include_removed:
        documents = documents.filter(removed_at__isnull=True)
    return documents.order_by("uploaded_at", "id")


def version_documents(version: RecordVersion) -> QuerySet[SupportingDocument]:
    return SupportingDocument.objects.filter(version=version).select_related(*RELATED).order_by("uploaded_at", "id")


def changed_parts(change_set: ChangeSet) -> list[str]:
    """Keys of the parts (person groups and sections) whose values differ between the base version and the proposal.

    For a new record the base is empty, so every part that was filled in counts as changed.
    """
    base = base_snapshot(change_set)
    proposed = change_set.proposed
    changed: list[str] = []
    for part in LAYOUT:
        if isinstance(part, PersonGroup):
            names = [spec.name for spec in part.fields]
            if any((base["person"].get(n) or None) != (proposed["person"].get(n) or None) for n in names):
                changed.append(part.key)
        elif base["sections"].get(part.key, []) != proposed["sections"].get(part.key, []):
            changed.append(part.key)
    return changed


def required_types(part_key: str) -> list[str] | None:
    """The acceptable type codes for a change to this part ([] any type; None no document needed)."""
    rules: dict[str, list[str] | None] = getattr(settings, "HOSO_REQUIRED_DOCUMENTS", {"*": []})
    if part_key in rules:
        return rules[part_key]
    return rules.get("*")


def missing_documents(change_set: ChangeSet) -> list[str]:
    """A message for each changed part that lacks a document of an acceptable type (REQ-033; setting
    HOSO_REQUIRED_DOCUMENTS). Empty when the change set may go to review and approval.

    Bổ sung, thay đổi, đính chính thông tin phải kèm bản số hóa tài liệu được cơ quan có thẩm quyền xác nhận
    (TT 06/2023/TT-BNV Điều 6.3).
    """
    documents = list(change_set_documents(change_set))
    names = dict(DocumentType.objects.values_list("code", "name"))
    titles = {part.key: str(part.title) for part in LAYOUT}
    messages: list[str] = []
    for key in changed_parts(change_set):
        accepted = required_types(key)
        if accepted is None:
            continue
        supporting = [d for d in documents if key in d.parts]
        if accepted:
            supporting = [d for d in supporting if d.document_type.code in accepted]
        if supporting:
            continue
        if accepted:
            messages.append(
                _("“%(part)s” was changed but has no supporting document of an accepted type: %(types)s.")
                % {"part": titles[key], "types": "; ".join(names.get(code, code) for code in accepted)}
            )
        else:
            messages.append(_("“%(part)s” was changed but has no supporting document.") % {"part": titles[key]})
    return messages


def signed_entries(change_set: ChangeSet) -> list[dict[str, Any]]:
    """The documents a signature of this change set's version covers, in a stable order (by public id).

    Each entry holds strings only, except `parts` (the sorted part keys): uid, type code, number, issued_on
    (YYYY-MM-DD), issuer, sha256 of the plain content, size in bytes (as text), content_type. Removed documents are
    not covered. The same list before and after `attach_to_version`.
    """
    entries = [
        {
            "uid": str(document.uid),
            "type": document.document_type.code,
            "number": document.number,
            "issued_on": document.issued_on.isoformat(),
            "issuer": document.issuer,
            "sha256": document.sha256,
            "size": str(document.size),
            "content_type": document.content_type,
            "parts": sorted(document.parts),
        }
        for document in change_set_documents(change_set)
    ]
    return sorted(entries, key=lambda entry: entry["uid"])
