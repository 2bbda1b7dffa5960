"""The workflow in the JSON API, under /api/v1/approvals/ (REQ-045–REQ-055).

Submit, return, forward and approve change sets, approve a batch (a result per change set), read the queues and
a change set's steps. Objects out of the caller's scope answer 404, actions without the right 403, refusals
problem details with a message per field (422) or the state conflict (409); nothing is written on a refusal.
"""

import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from hoso.accounts.models import User
from hoso.api.auth import api_user
from hoso.api.errors import PROBLEMS, ApiInvalid, ApiProblem
from hoso.api.reads import visible_change_set
from hoso.api.schemas import Problem
from hoso.approvals import permissions, selectors, services
from hoso.approvals.models import ReviewStep
from hoso.people.models import ChangeSet
from hoso.people.selectors import change_sets_visible_to
from hoso.signing.errors import SigningError

router = Router(tags=["approvals"])

SIGNING = PROBLEMS + "signing"
READ = {401: Problem, 404: Problem}
WRITE = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class SubmitIn(Schema):
    confirmed: bool = Field(False, description="The submitter confirms that the data and documents are true (REQ-044).")
    event_date: datetime.date | None = Field(None, description="The day of the event; default today.")


class CommentIn(Schema):
    comment: str = Field("", max_length=2000)


class BatchIn(Schema):
    change_sets: list[uuid.UUID] = Field(..., min_length=1, max_length=2000)
    comment: str = Field("", max_length=2000)


class WorkflowOut(Schema):
    uid: uuid.UUID
    status: str
    person: uuid.UUID | None
    unit: uuid.UUID
    title: str
    origin: str
    event_date: datetime.date | None
    entry_due: datetime.date | None
    submitted_at: datetime.datetime | None
    forwarded_at: datetime.datetime | None
    approval_due: datetime.date | None
    applied_at: datetime.datetime | None


class StepOut(Schema):
    action: str
    actor: str
    on_behalf_of: str | None
    comment: str
    at: datetime.datetime


class ItemOut(Schema):
    change_set: uuid.UUID
    approved: bool
    version: int | None
    message: str
    errors: dict[str, list[str]]


class BatchOut(Schema):
    batch: uuid.UUID
    requested: int
    approved: int
    refused: int
    window_start: datetime.date | None
    window_deadline: datetime.date | None
    items: list[ItemOut]


def _out(change_set: ChangeSet) -> dict[str, Any]:
    return {
        "uid": change_set.uid,
        "status": change_set.status,
        "person": change_set.person.uid if change_set.person is not None else None,
        "unit": change_set.unit.uid,
        "title": change_set.title,
        "origin": change_set.origin,
        "event_date": change_set.event_date,
        "entry_due": change_set.entry_due,
        "submitted_at": change_set.submitted_at,
        "forwarded_at": change_set.forwarded_at,
        "approval_due": change_set.approval_due,
        "applied_at": change_set.applied_at,
    }


def _signing_problem(error: SigningError) -> ApiProblem:
    return ApiProblem(422, error.message, type_uri=SIGNING, errors=error.errors or None)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApiProblem(403, message, type_uri=PROBLEMS + "forbidden")


@router.post("/change-sets/{uid}/submit", response={200: WorkflowOut, **WRITE})
def submit(request: HttpRequest, uid: str, payload: SubmitIn) -> dict[str, Any]:
    """The author submits the change set for review (or straight for approval where there is no review step)."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    _require(permissions.can_submit(user, change_set), _("Only the author of this change set can submit it."))
    return _out(
        services.submit(
            change_set=change_set, acting_user=user, confirmed=payload.confirmed, event_date=payload.event_date
        )
    )


@router.post("/change-sets/{uid}/return", response={200: WorkflowOut, **WRITE})
def return_for_correction(request: HttpRequest, uid: str, payload: CommentIn) -> dict[str, Any]:
    """Send the change set back to its author; `comment` (required) says what to correct."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    _require(permissions.can_review(user, change_set), _("You do not check changes of this unit."))
    return _out(services.return_for_correction(change_set=change_set, acting_user=user, comment=payload.comment))


@router.post("/change-sets/{uid}/forward", response={200: WorkflowOut, **WRITE})
def forward(request: HttpRequest, uid: str, payload: CommentIn) -> dict[str, Any]:
    """The checked change set goes to the approver."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    _require(permissions.can_review(user, change_set), _("You do not check changes of this unit."))
    return _out(services.forward(change_set=change_set, acting_user=user, comment=payload.comment))


def _batch_out(result: services.BatchResult) -> dict[str, Any]:
    batch = result.batch
    return {
        "batch": batch.uid,
        "requested": batch.requested,
        "approved": batch.approved,
        "refused": batch.refused,
        "window_start": batch.window_start,
        "window_deadline": batch.window_deadline,
        "items": [
            {
                "change_set": item.change_set.uid,
                "approved": item.ok,
                "version": item.version.number if item.version is not None else None,
                "message": item.message,
                "errors": item.errors,
            }
            for item in result.items
        ],
    }


@router.post("/change-sets/{uid}/approve", response={200: BatchOut, **WRITE})
def approve(request: HttpRequest, uid: str, payload: CommentIn) -> dict[str, Any]:
    """Approve and sign one change set; a refusal answers its problem (409 stale or wrong status, 422 otherwise)."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    _require(permissions.can_approve(user, change_set), _("You are not the approver of this change set."))
    try:
        services.approve_one(change_set=change_set, acting_user=user, comment=payload.comment)
    except SigningError as error:
        raise _signing_problem(error) from None
    change_set.refresh_from_db()
    decision = change_set.approval_decision
    return {
        "batch": decision.batch.uid,
        "requested": 1,
        "approved": 1,
        "refused": 0,
        "window_start": decision.batch.window_start,
        "window_deadline": decision.batch.window_deadline,
        "items": [
            {
                "change_set": change_set.uid,
                "approved": True,
                "version": decision.version.number,
                "message": "",
                "errors": {},
            }
        ],
    }


@router.post("/batches", response={200: BatchOut, **WRITE})
def approve_batch(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    """Approve and sign many change sets; each is approved and signed completely or not at all, with its reason."""
    user = api_user(request)
    wanted = list(dict.fromkeys(payload.change_sets))
    found = {cs.uid: cs for cs in change_sets_visible_to(user).filter(uid__in=wanted)}
    unknown = [str(uid) for uid in wanted if uid not in found]
    if unknown:
        raise ApiInvalid({"change_sets": [_("Unknown change set: %(uid)s.") % {"uid": uid} for uid in unknown]})
    _require(
        permissions.can_approve_all(user, list(found.values())),
        _("You are not the approver of every change set selected."),
    )
    try:
        result = services.approve(change_sets=[found[uid] for uid in wanted], acting_user=user, comment=payload.comment)
    except SigningError as error:
        raise _signing_problem(error) from None
    return _batch_out(result)


@router.get("/queues/review", response={200: list[WorkflowOut], **READ})
def review_queue(request: HttpRequest) -> list[dict[str, Any]]:
    """Change sets waiting for review that the caller checks."""
    return [_out(cs) for cs in selectors.review_queue(api_user(request))]


@router.get("/queues/approval", response={200: list[WorkflowOut], **READ})
def approval_queue(request: HttpRequest) -> list[dict[str, Any]]:
    """Change sets waiting for the caller's approval."""
    return [_out(item.change_set) for item in selectors.approval_queue(api_user(request))]


@router.get("/mine", response={200: list[WorkflowOut], **READ})
def my_changes(request: HttpRequest) -> list[dict[str, Any]]:
    """The change sets the caller entered, newest first (at most 500)."""
    return [_out(cs) for cs in selectors.my_change_sets(api_user(request))[:500]]


def _name(user: User | None) -> str | None:
    return None if user is None else str(user)


@router.get("/change-sets/{uid}/steps", response={200: list[StepOut], **READ})
def steps(request: HttpRequest, uid: str) -> list[dict[str, Any]]:
    """Every step of the change set: who, on whose behalf, when, the comment."""
    change_set = visible_change_set(api_user(request), uid)
    rows: list[ReviewStep] = list(selectors.steps_of(change_set))
    if change_set is None:
        raise Http404
    return [
        {
            "action": step.action,
            "actor": str(step.actor),
            "on_behalf_of": _name(step.on_behalf_of),
            "comment": step.comment,
            "at": step.at,
        }
        for step in rows
    ]
