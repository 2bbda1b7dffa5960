"""Supporting documents over the API: attach one to a change set (multipart), list them, download, remove.

Scope comes from the same selectors as the pages: a change set or document out of the user's scope, or above their
clearance, answers 404. Bad input answers 422 with a message per field (problem details) and writes nothing.
"""

import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from hoso.accounts.models import User
from hoso.api.auth import api_user
from hoso.api.errors import ApiInvalid
from hoso.api.reads import parse_uid, visible_change_set
from hoso.api.schemas import Problem
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.documents import services
from hoso.documents.content import read_content
from hoso.documents.models import SupportingDocument
from hoso.documents.selectors import active_types, change_set_documents, document_for_user
from hoso.people import permissions as people_permissions
from hoso.people.forms import DATE_FORMATS

router = Router(tags=["documents"])

READ = {401: Problem, 404: Problem}
WRITE = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class DocumentTypeOut(Schema):
    code: str
    name: str
    group: str
    parts: list[str]


class DocumentOut(Schema):
    uid: uuid.UUID
    change_set: uuid.UUID
    version: int | None
    type: str
    type_name: str
    number: str
    issued_on: datetime.date
    issuer: str
    description: str
    parts: list[str]
    content_type: str
    size: int
    sha256: str
    restriction: int
    uploaded_at: datetime.datetime
    removed_at: datetime.datetime | None
    removal_reason: str


class DocumentList(Schema):
    documents: list[DocumentOut]
    withheld: int  # documents above the reader's clearance, not shown


def _out(document: SupportingDocument) -> dict[str, Any]:
    return {
        "uid": document.uid,
        "change_set": document.change_set.uid,
        "version": document.version.number if document.version is not None else None,
        "type": document.document_type.code,
        "type_name": document.document_type.name,
        "number": document.number,
        "issued_on": document.issued_on,
        "issuer": document.issuer,
        "description": document.description,
        "parts": list(document.parts),
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "restriction": int(document.restriction),
        "uploaded_at": document.uploaded_at,
        "removed_at": document.removed_at,
        "removal_reason": document.removal_reason,
    }


def _document(user: User, uid: str) -> SupportingDocument:
    document = document_for_user(user, parse_uid(uid))
    if document is None:
        raise Http404
    return document


def _date(value: str) -> datetime.date | None:
    """YYYY-MM-DD or dd/mm/yyyy; "" is None (the service says it is required); anything else is refused."""
    text = value.strip()
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ApiInvalid({"issued_on": [_("Enter the date of issue as dd/mm/yyyy or YYYY-MM-DD.")]})


@router.get("/types", response={200: list[DocumentTypeOut], 401: Problem})
def list_types(request: HttpRequest) -> list[dict[str, Any]]:
    """The active document types (REQ-034) and the parts of the record each can support ([]: any part)."""
    return [{"code": t.code, "name": t.name, "group": t.group, "parts": list(t.parts)} for t in active_types()]


@router.post("/change-sets/{uid}", response={201: DocumentOut, **WRITE})
def upload(
    request: HttpRequest,
    uid: str,
    file: UploadedFile | None = File(None),  # noqa: B008 - how ninja declares a multipart file
    document_type: Form[str] = "",
    number: Form[str] = "",
    issued_on: Form[str] = "",
    issuer: Form[str] = "",
    description: Form[str] = "",
    parts: Form[list[str]] = [],  # noqa: B006 - ninja copies the default
) -> Status[dict[str, Any]]:
    """Attach a document (multipart/form-data): `file` (PDF, JPEG or PNG), `document_type` (a code of /types),
    `number`, `issued_on`, `issuer`, `parts` (repeated, or comma-separated part keys), optional `description`.

    Only the change set's author, while it is a draft or returned for correction.
    """
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    keys = [key.strip() for value in parts for key in value.split(",") if key.strip()]
    document = services.upload_document(
        change_set=change_set,
        acting_user=user,
        file=file,
        document_type=document_type.strip(),
        number=number,
        issued_on=_date(issued_on),
        issuer=issuer,
        description=description,
        parts=keys,
    )
    return Status(201, _out(document))


@router.get("/change-sets/{uid}", response={200: DocumentList, **READ})
def list_documents(request: HttpRequest, uid: str, include_removed: bool = False) -> dict[str, Any]:
    """The change set's documents within the reader's clearance (`withheld` counts the others)."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    level = people_permissions.change_set_clearance(user, change_set)
    documents = list(change_set_documents(change_set, include_removed=include_removed))
    shown = [d for d in documents if d.restriction <= level]
    return {"documents": [_out(d) for d in shown], "withheld": len(documents) - len(shown)}


@router.get("/{uid}", response={200: DocumentOut, **READ})
def get_document(request: HttpRequest, uid: str) -> dict[str, Any]:
    return _out(_document(api_user(request), uid))


@router.get(
    "/{uid}/content",
    response={200: None, **READ},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The decrypted file",
                "content": {
                    t: {"schema": {"type": "string", "format": "binary"}}
                    for t in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
def download(request: HttpRequest, uid: str) -> HttpResponse:
    """The file as uploaded (decrypted here); each download is logged."""
    user = api_user(request)
    document = _document(user, uid)
    content = read_content(document)
    record_event(
        AuditAction.ATTACHMENT_VIEWED,
        actor=user,
        request=request,
        person=document.person or document.change_set.person,
        unit=document.change_set.unit,
        target=document,
        detail={"sha256": document.sha256, "type": document.document_type.code},
    )
    response = HttpResponse(content, content_type=document.content_type)
    filename = document.original_name or f"{document.document_type.code.lower()}-{document.uid}.{document.extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@router.delete("/{uid}", response={200: DocumentOut, **WRITE})
def remove(request: HttpRequest, uid: str, reason: str = "") -> dict[str, Any]:
    """Take a document off a draft or returned change set (recorded; the file is kept). A document that belongs
    to a version of the record is never removed (409)."""
    user = api_user(request)
    document = _document(user, uid)
    removed = services.remove_document(document=document, acting_user=user, reason=reason)
    removed.refresh_from_db()
    return _out(SupportingDocument.objects.select_related("document_type", "change_set", "version").get(pk=removed.pk))
