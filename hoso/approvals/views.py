"""Pages of the workflow: the action bar's posts, the queues, "My changes" and a batch's result (REQ-045–REQ-055).

Thin views (STYLE §4): load through the access policy's selectors (404 out of scope), authorise with a `can_…`
(403), validate with a form, act through one service call, answer with a redirect and a message.
"""

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoso.accounts.models import User
from hoso.approvals import permissions, selectors, services
from hoso.approvals.forms import BatchApproveForm, ForwardForm, ReturnForm, SubmitForm
from hoso.approvals.models import ApprovalBatch
from hoso.people import views as people_views
from hoso.people.models import ChangeSet
from hoso.people.selectors import change_set_for_user, change_sets_visible_to
from hoso.people.services import RecordError, RecordInvalid, StaleChangeSet
from hoso.people.views import AuthenticatedRequest
from hoso.signing.errors import SigningError
from hoso.signing.services import usable_credentials
from hoso.workdays import calendar


def _change_set_or_404(user: User, uid: uuid.UUID) -> ChangeSet:
    change_set = change_set_for_user(user, uid)
    if change_set is None:
        raise Http404
    return change_set


def _to_change_set(change_set: ChangeSet) -> HttpResponse:
    return redirect("people:change_set_diff", uid=change_set.uid)


def _error_text(error: RecordError) -> str:
    if isinstance(error, RecordInvalid):
        return " ".join([error.message, *(m for ms in error.errors.values() for m in ms)])
    return error.message


@login_required
@require_POST
def submit(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    change_set = _change_set_or_404(request.user, uid)
    if not permissions.can_submit(request.user, change_set):
        raise PermissionDenied
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return _to_change_set(change_set)
    try:
        services.submit(
            change_set=change_set,
            acting_user=request.user,
            confirmed=form.cleaned_data["confirmed"],
            event_date=form.cleaned_data["event_date"],
        )
    except StaleChangeSet as error:
        return people_views.render_diff(request, change_set, stale_message=error.message)
    except RecordInvalid as error:
        record_errors = {path: ms for path, ms in error.errors.items() if "." in path}
        if record_errors:  # errors in the record: listed with links to where they are corrected
            return people_views.render_diff(
                request, change_set, apply_errors=people_views.apply_errors(change_set, record_errors)
            )
        messages.error(request, _error_text(error))
        return _to_change_set(change_set)
    except RecordError as error:
        messages.error(request, _error_text(error))
        return _to_change_set(change_set)
    change_set.refresh_from_db()
    if change_set.status == "FORWARDED":
        messages.success(request, _("Submitted and forwarded to the approver."))
    else:
        messages.success(request, _("Submitted for review. You will see here when it is checked."))
    return _to_change_set(change_set)


@login_required
@require_POST
def return_for_correction(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    change_set = _change_set_or_404(request.user, uid)
    if not permissions.can_review(request.user, change_set):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.return_for_correction(change_set=change_set, acting_user=request.user, comment=comment)
    except RecordError as error:
        messages.error(request, _error_text(error))
        return _to_change_set(change_set)
    messages.success(request, _("Returned to its author for correction."))
    return _to_change_set(change_set)


@login_required
@require_POST
def forward(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    change_set = _change_set_or_404(request.user, uid)
    if not permissions.can_review(request.user, change_set):
        raise PermissionDenied
    form = ForwardForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.forward(change_set=change_set, acting_user=request.user, comment=comment)
    except RecordError as error:
        messages.error(request, _error_text(error))
        return _to_change_set(change_set)
    messages.success(request, _("Checked and forwarded to the approver."))
    return redirect("approvals:review_queue")


def approve_change_set(request: AuthenticatedRequest, change_set: ChangeSet) -> HttpResponse:
    """Approve and sign one change set (also behind people:change_set_apply)."""
    if not permissions.can_approve(request.user, change_set):
        raise PermissionDenied
    try:
        version = services.approve_one(change_set=change_set, acting_user=request.user)
    except StaleChangeSet as error:
        return people_views.render_diff(request, change_set, stale_message=error.message)
    except RecordInvalid as error:
        return people_views.render_diff(
            request, change_set, apply_errors=people_views.apply_errors(change_set, error.errors)
        )
    except (RecordError, SigningError) as error:
        messages.error(request, error.message)
        return _to_change_set(change_set)
    messages.success(
        request, _("Approved and signed: the record is now at version %(number)s.") % {"number": version.number}
    )
    return redirect("people:detail", uid=version.person.uid)


@login_required
@require_POST
def approve(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    return approve_change_set(request, _change_set_or_404(request.user, uid))


@login_required
@require_POST
def batch_approve(request: AuthenticatedRequest) -> HttpResponse:
    form = BatchApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect("approvals:approval_queue")
    found = {cs.uid: cs for cs in change_sets_visible_to(request.user).filter(uid__in=form.selected)}
    if len(found) != len(form.selected):
        raise Http404
    if not permissions.can_approve_all(request.user, list(found.values())):
        raise PermissionDenied
    try:
        result = services.approve(
            change_sets=[found[uid] for uid in form.selected],
            acting_user=request.user,
            comment=form.cleaned_data["comment"],
        )
    except SigningError as error:
        messages.error(request, error.message)
        return redirect("approvals:approval_queue")
    return redirect("approvals:batch_result", uid=result.batch.uid)


@login_required
@require_GET
def batch_result(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    batch = ApprovalBatch.objects.filter(uid=uid, approver=request.user).first()
    if batch is None:
        raise Http404
    uids = [outcome["change_set"] for outcome in batch.outcomes]
    change_sets = {str(cs.uid): cs for cs in change_sets_visible_to(request.user).filter(uid__in=uids)}
    rows = [{**outcome, "change_set": change_sets.get(outcome["change_set"])} for outcome in batch.outcomes]
    return render(request, "approvals/batch_result.html", {"batch": batch, "rows": rows})


def window_status(day: datetime.date | None = None) -> dict[str, Any]:
    """The approval window for the queue's header: "Cửa sổ phê duyệt tháng 11/2026: 26/11–30/11, hạn 30/11"."""
    day = day or timezone.localdate()
    window = calendar.window_on(day)
    shown = window or calendar.next_window(day)
    return {
        "is_open": window is not None,
        "month": f"{shown.month:02d}/{shown.year}",
        "start": formats.date_format(shown.start, "d/m"),
        "end": formats.date_format(shown.end, "d/m"),
        "deadline": formats.date_format(shown.deadline, "d/m"),
        "opens": formats.date_format(shown.start, "d/m/Y"),
    }


@login_required
@require_GET
def approval_queue(request: AuthenticatedRequest) -> HttpResponse:
    items = selectors.approval_queue(request.user)
    context = {
        "items": items,
        "window": window_status(),
        "statement": services.approval_statement(),
        "credential": _credential(request.user),
    }
    return render(request, "approvals/approval_queue.html", context)


def _credential(user: User) -> Any:
    credentials = usable_credentials(user)
    return credentials[0] if credentials else None


@login_required
@require_GET
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "approvals/review_queue.html", {"change_sets": selectors.review_queue(request.user)})


@login_required
@require_GET
def my_changes(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "approvals/my_changes.html", {"change_sets": selectors.my_change_sets(request.user)[:200]})
