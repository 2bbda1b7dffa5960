"""Writes to supporting documents: attach one to a change set, remove one from it, hand them to the new version.

A document is attached to a draft by its author while it can be edited (DRAFT or RETURNED), and removed from it
the same way: the removal is recorded and the file kept. Once the change set becomes a version, its documents belong
to that version (REQ-036: kept with every version) and are never removed or replaced: these services refuse it, and
the database refuses any UPDATE or DELETE of a document a version holds (migration 0003).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.core.text import clean_text
from hoso.documents import permissions
from hoso.documents.content import delete_stored, store_content
from hoso.documents.files import UploadRefused, check_upload
from hoso.documents.models import DocumentType, SupportingDocument
from hoso.people import permissions as people_permissions
from hoso.people.models import ChangeSet, RecordVersion
from hoso.people.sections import LAYOUT
from hoso.people.services import EDITABLE, ChangeSetNotEditable, NotAllowed, RecordInvalid

PART_TITLES = {part.key: part.title for part in LAYOUT}
MAX_NUMBER = 100
MAX_ISSUER = 255
MAX_REASON = 255


class DocumentInvalid(RecordInvalid):
    """Invalid input for a document: `errors` maps a field (file, document_type, number, …) to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.message = _("The document was not attached; nothing was saved.")


class DocumentLocked(ChangeSetNotEditable):
    """The document belongs to a version of the record: it can be neither removed nor replaced."""


def _lock_change_set(change_set: ChangeSet, acting_user: User) -> ChangeSet:
    locked = ChangeSet.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=change_set.pk)
    if not permissions.can_add_document(acting_user, locked):
        raise NotAllowed(_("Only the author of this change set can attach or remove its documents."))
    if locked.status not in EDITABLE:
        raise ChangeSetNotEditable(
            _("This change set is %(status)s: its documents can no longer be changed.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _document_type(value: DocumentType | str | None) -> DocumentType | None:
    if isinstance(value, DocumentType):
        return value if value.is_active else None
    if not value:
        return None
    return DocumentType.objects.filter(code=value, is_active=True).first()


def _check_fields(
    *,
    document_type: DocumentType | None,
    number: str,
    issued_on: datetime.date | None,
    issuer: str,
    parts: list[str],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if document_type is None:
        errors["document_type"] = [_("Choose the type of document.")]
    if not number:
        errors["number"] = [_("Enter the number of the document (e.g. 125/QĐ-UBND).")]
    elif len(number) > MAX_NUMBER:
        errors["number"] = [_("At most %(count)s characters are allowed.") % {"count": MAX_NUMBER}]
    if issued_on is None:
        errors["issued_on"] = [_("Enter the date of issue as dd/mm/yyyy.")]
    elif issued_on > timezone.localdate():
        errors["issued_on"] = [_("The date of issue is in the future.")]
    if not issuer:
        errors["issuer"] = [_("Enter the body that issued the document.")]
    elif len(issuer) > MAX_ISSUER:
        errors["issuer"] = [_("At most %(count)s characters are allowed.") % {"count": MAX_ISSUER}]
    unknown = [key for key in parts if key not in PART_TITLES]
    if not parts:
        errors["parts"] = [_("Choose the parts of the record this document supports.")]
    elif unknown:
        errors["parts"] = [_("Unknown part of the record: %(keys)s.") % {"keys": ", ".join(unknown)}]
    elif document_type is not None:
        unsupported = [str(PART_TITLES[key]) for key in parts if not document_type.supports(key)]
        if unsupported:
            errors["parts"] = [
                _("A document of type “%(type)s” does not support: %(parts)s.")
                % {"type": document_type.name, "parts": "; ".join(unsupported)}
            ]
    return errors


def upload_document(
    *,
    change_set: ChangeSet,
    acting_user: User,
    file: UploadedFile | None,
    document_type: DocumentType | str | None,
    number: str,
    issued_on: datetime.date | None,
    issuer: str,
    description: str = "",
    parts: Iterable[str] = (),
) -> SupportingDocument:
    """Attach a supporting document to a change set (REQ-033–037).

    Only the change set's author, while it is a draft or returned for correction. The file must be a PDF, JPEG or
    PNG by its content, agree with its name and declared type, parse, and not exceed HOSO_UPLOAD_MAX_BYTES. The
    document carries the highest restriction level of the parts it supports, which the uploader must be cleared
    for. Bad input raises `DocumentInvalid` with a message per field and writes nothing, in the database or in
    storage.
    """
    chosen_type = _document_type(document_type)
    number = clean_text(number)
    issuer = clean_text(issuer)
    part_keys = list(dict.fromkeys(str(key) for key in parts))
    stored: SupportingDocument | None = None
    try:
        with transaction.atomic():
            locked = _lock_change_set(change_set, acting_user)
            errors = _check_fields(
                document_type=chosen_type, number=number, issued_on=issued_on, issuer=issuer, parts=part_keys
            )
            restriction = permissions.restriction_of_parts([k for k in part_keys if k in PART_TITLES])
            if "parts" not in errors and restriction > people_permissions.change_set_clearance(acting_user, locked):
                errors["parts"] = [_("You may not attach documents to parts of the record above your access level.")]
            checked = None
            if file is None:
                errors["file"] = [_("Choose a PDF, JPEG or PNG file.")]
            else:
                try:
                    checked = check_upload(file)
                except UploadRefused as refusal:
                    errors["file"] = [refusal.message]
            if errors or checked is None or chosen_type is None or issued_on is None:
                raise DocumentInvalid(errors)
            document = SupportingDocument(
                change_set=locked,
                person=locked.person,
                document_type=chosen_type,
                number=number,
                issued_on=issued_on,
                issuer=issuer,
                description=(description or "").strip(),
                parts=part_keys,
                original_name=checked.original_name,
                content_type=checked.content_type,
                restriction=restriction,
                uploaded_by=acting_user,
            )
            stored = document
            store_content(document, checked.content)
            document.full_clean()
            document.save()
            record_event(
                AuditAction.DOCUMENT_ADDED,
                actor=acting_user,
                person=locked.person,
                unit=locked.unit,
                target=document,
                detail={
                    "change_set": str(locked.uid),
                    "type": chosen_type.code,
                    "number": number,
                    "sha256": document.sha256,
                    "size": document.size,
                    "parts": part_keys,
                },
            )
    except BaseException:
        if stored is not None:
            delete_stored(stored)
        raise
    return document


def remove_document(*, document: SupportingDocument, acting_user: User, reason: str = "") -> SupportingDocument:
    """Take a document off a draft or returned change set: recorded (who, when, why), the file kept.

    A document that a version holds is never removed (REQ-036): `DocumentLocked`.
    """
    with transaction.atomic():
        locked_document = SupportingDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
        if locked_document.version_id is not None:
            raise DocumentLocked(
                _("This document is part of an approved version of the record: it can be neither removed nor replaced.")
            )
        change_set = _lock_change_set(locked_document.change_set, acting_user)
        if locked_document.removed_at is not None:
            raise DocumentInvalid({"document": [_("This document was already removed.")]})
        locked_document.removed_at = timezone.now()
        locked_document.removed_by = acting_user
        locked_document.removal_reason = clean_text(reason)[:MAX_REASON]
        locked_document.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        record_event(
            AuditAction.DOCUMENT_REMOVED,
            actor=acting_user,
            person=change_set.person,
            unit=change_set.unit,
            target=locked_document,
            detail={"change_set": str(change_set.uid), "reason": locked_document.removal_reason},
        )
    return locked_document


def attach_to_version(*, change_set: ChangeSet, version: RecordVersion) -> None:
    """Make the change set's current documents part of the version it became (called inside the approval).

    Sets `version` and `person` (a new record has a person only from now on). Removed documents stay with the change
    set only. From here on the database refuses to change or delete these rows.
    """
    if version.change_set_id != change_set.pk:
        raise ValueError("attach_to_version: the version was not made from this change set.")
    SupportingDocument.objects.filter(change_set=change_set, removed_at__isnull=True, version__isnull=True).update(
        version=version, person_id=version.person_id
    )


def document_summary(document: SupportingDocument) -> dict[str, Any]:
    """The facts of a document for lists and the API (no content, no decrypted description)."""
    return {
        "uid": str(document.uid),
        "type": document.document_type.code,
        "type_name": document.document_type.name,
        "number": document.number,
        "issued_on": document.issued_on,
        "issuer": document.issuer,
        "parts": list(document.parts),
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "restriction": int(document.restriction),
    }
