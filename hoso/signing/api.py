"""The JSON API of hoso.signing, mounted under /api/v1/signatures by hoso/api/api.py.

- `GET /people/{uid}/verification`: the verification report of every version of a record (field paths above the
  reader's clearance withheld);
- `GET /people/{uid}/bundle`: the offline bundle of the record's signed versions (readers with full clearance).
Out of scope → 404 (problem details), not allowed → 403.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from hoso.api.auth import api_user
from hoso.api.schemas import Problem
from hoso.people.selectors import person_for_user
from hoso.signing import permissions
from hoso.signing.views import bundle_response, report_for

router = Router(tags=["signing"])
READ = {401: Problem, 403: Problem, 404: Problem}


class FindingOut(Schema):
    status: str
    message: str
    path: str


class VersionReportOut(Schema):
    number: int
    is_current: bool
    status: str
    signed: bool
    signer_name: str
    signer_title: str
    on_behalf_of: str
    signed_at: datetime.datetime | None
    certificate_subject: str
    findings: list[FindingOut]


class RecordReportOut(Schema):
    person: uuid.UUID
    status: str
    ok: bool
    versions: list[VersionReportOut]


@router.get("/people/{uid}/verification", response={200: RecordReportOut, **READ})
def verification(request: HttpRequest, uid: uuid.UUID) -> dict[str, Any]:
    """Check every version of a record: content hash, signature, certificate chain and validity at signing time."""
    user = api_user(request)
    person = person_for_user(user, uid)
    if person is None:
        raise Http404
    if not permissions.can_verify_record(user, person):
        raise PermissionDenied
    report = report_for(user, person, request)
    return {
        "person": person.uid,
        "status": str(report.status),
        "ok": report.ok,
        "versions": [
            {
                "number": v.number,
                "is_current": v.is_current,
                "status": str(v.status),
                "signed": v.signed,
                "signer_name": v.signer_name,
                "signer_title": v.signer_title,
                "on_behalf_of": v.on_behalf_of,
                "signed_at": v.signed_at,
                "certificate_subject": v.certificate_subject,
                "findings": [{"status": str(f.status), "message": f.message, "path": f.path} for f in v.findings],
            }
            for v in report.versions
        ],
    }


@router.get("/people/{uid}/bundle", response={200: dict, **READ})
def bundle(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    """The record's signed versions as a JSON bundle for `python -m hoso.signing.offline` (full clearance only)."""
    user = api_user(request)
    person = person_for_user(user, uid)
    if person is None:
        raise Http404
    if not permissions.can_download_bundle(user, person):
        raise PermissionDenied
    return bundle_response(request, person, user)
