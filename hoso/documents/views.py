"""Pages of supporting documents: upload to a change set, remove from it, download (decrypted, after the checks).

The lists themselves are panels included in the people pages (see templatetags/documents_tags.py). Views stay thin:
they load through a selector scoped to the user (404 out of scope), authorise, validate with a form, act through one
service call and respond; uploads and removals also answer htmx with the re-rendered panel.
"""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.documents import display, services
from hoso.documents.content import read_content
from hoso.documents.forms import RemoveForm, UploadForm
from hoso.documents.models import SupportingDocument
from hoso.documents.permissions import can_add_document, can_remove_document
from hoso.documents.selectors import document_for_user
from hoso.people.models import ChangeSet
from hoso.people.selectors import change_set_for_user
from hoso.people.services import EDITABLE, ChangeSetNotEditable

PANEL = "documents/includes/change_set_panel.html"


class AuthenticatedRequest(HttpRequest):
    user: User


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _edit_url(change_set: ChangeSet) -> str:
    return reverse("people:change_set_edit", kwargs={"uid": change_set.uid}) + "#documents"


def _change_set_or_404(user: User, uid: uuid.UUID) -> ChangeSet:
    change_set = change_set_for_user(user, uid)
    if change_set is None:
        raise Http404
    return change_set


def _document_or_404(user: User, uid: uuid.UUID) -> SupportingDocument:
    """A document in the user's scope and within their clearance; anything else is absent (REQ-037)."""
    document = document_for_user(user, uid)
    if document is None:
        raise Http404
    return document


def _panel(
    request: AuthenticatedRequest, change_set: ChangeSet, message: str, form: UploadForm | None = None
) -> HttpResponse:
    change_set.refresh_from_db()
    response = render(request, PANEL, display.change_set_panel(request.user, change_set, form=form))
    if message:
        response["HX-Trigger"] = json.dumps({"people:saved": {"message": message}})
    return response


def _not_editable(request: AuthenticatedRequest, change_set: ChangeSet, message: str) -> HttpResponse:
    messages.error(request, message)
    url = reverse("people:change_set_diff", kwargs={"uid": change_set.uid})
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """Attach a document to a change set (its author, while it is a draft or returned)."""
    change_set = _change_set_or_404(request.user, uid)
    if not can_add_document(request.user, change_set):
        raise PermissionDenied
    if change_set.status not in EDITABLE:
        return _not_editable(request, change_set, _("This change set can no longer be edited."))
    form = UploadForm(request.POST or None, request.FILES or None, auto_id="doc_%s")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.upload_document(
                change_set=change_set,
                acting_user=request.user,
                file=data["file"],
                document_type=data["document_type"],
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                description=data["description"],
                parts=data["parts"],
            )
        except ChangeSetNotEditable as error:
            return _not_editable(request, change_set, error.message)
        except services.DocumentInvalid as error:
            for name, field_messages in error.errors.items():
                for message in field_messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            message = _("Attached “%(type)s” %(number)s.") % {
                "type": document.document_type.name,
                "number": document.number,
            }
            if _is_htmx(request):
                return _panel(request, change_set, message)
            messages.success(request, message)
            return redirect(_edit_url(change_set))
    if _is_htmx(request):
        return _panel(request, change_set, "", form=form)
    context = display.change_set_panel(request.user, change_set, form=form)
    return render(request, "documents/upload.html", context)


@login_required
@require_POST
def remove(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """Take a document off a draft or returned change set (recorded; the file is kept)."""
    document = _document_or_404(request.user, uid)
    change_set = document.change_set
    if not can_remove_document(request.user, document):
        raise PermissionDenied
    form = RemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.remove_document(document=document, acting_user=request.user, reason=reason)
    except ChangeSetNotEditable as error:  # DocumentLocked included: it belongs to a version
        return _not_editable(request, change_set, error.message)
    except services.DocumentInvalid as error:
        messages.error(request, " ".join(m for ms in error.errors.values() for m in ms))
        return redirect(_edit_url(change_set))
    message = _("The document was removed from the change set.")
    if _is_htmx(request):
        return _panel(request, change_set, message)
    messages.success(request, message)
    return redirect(_edit_url(change_set))


@never_cache
@login_required
@require_GET
def download(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """The decrypted file, after the scope and clearance checks (never a public media URL); each opening is logged."""
    document = _document_or_404(request.user, uid)
    content = read_content(document)
    record_event(
        AuditAction.ATTACHMENT_VIEWED,
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
    response["Content-Length"] = str(len(content))
    return response
