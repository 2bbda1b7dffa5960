"""The JSON API of hoso.monitoring, mounted under /api/v1/monitoring by hoso/api/api.py.

My notifications and deadlines, a unit's dashboard figures, review rounds and their progress. Scope comes from
the same selectors as the pages: an object out of reach answers 404, an action without the right 403, bad input
422 with a message per field and nothing written.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hoso.api.auth import api_user
from hoso.api.errors import ApiInvalid
from hoso.api.reads import parse_uid
from hoso.api.schemas import Problem
from hoso.audit.enums import Channel
from hoso.monitoring import selectors, services
from hoso.monitoring.models import Notification, ReviewRound
from hoso.organisations.selectors import units_visible_to
from hoso.people.selectors import person_for_user

router = Router(tags=["monitoring"])

READ = {401: Problem, 404: Problem}
WRITE = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class NotificationOut(Schema):
    uid: uuid.UUID
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    email_status: str


class NotificationsOut(Schema):
    unread: int
    items: list[NotificationOut]


class DueItemOut(Schema):
    change_set: uuid.UUID
    title: str
    status: str
    unit: uuid.UUID
    person: uuid.UUID | None
    due: datetime.date | None
    overdue: bool


class WindowOut(Schema):
    start: datetime.date
    end: datetime.date
    deadline: datetime.date
    open: bool


class DeadlinesOut(Schema):
    mine: list[DueItemOut]
    to_approve: list[DueItemOut] | None = None
    window: WindowOut | None = None


class FiguresOut(Schema):
    drafts: int
    returned: int
    waiting_review: int
    waiting_approval: int
    overdue_entries: int
    overdue_approvals: int
    overdue_new_records: int
    approved_this_month: int
    approved_on_time: int
    approved_late: int
    pending: int
    overdue: int


class UnitDashboardOut(Schema):
    unit: uuid.UUID
    name: str
    figures: FiguresOut
    completeness_filled: int
    completeness_required: int
    completeness_percent: int | None
    overdue: list[DueItemOut]


class ScopeOut(Schema):
    unit: uuid.UUID
    name: str
    include_subunits: bool


class UnitProgressOut(Schema):
    unit: uuid.UUID
    name: str
    people: int
    answered: int


class RoundOut(Schema):
    uid: uuid.UUID
    title: str
    starts_on: datetime.date
    deadline: datetime.date
    sections: list[str]
    decision_number: str
    decision_date: datetime.date | None
    scope: list[ScopeOut]


class RoundDetailOut(RoundOut):
    people: int
    answered: int
    progress: list[UnitProgressOut]


class ScopeIn(Schema):
    unit: uuid.UUID
    include_subunits: bool = True


class RoundIn(Schema):
    title: str = Field(max_length=200)
    units: list[ScopeIn]
    starts_on: datetime.date
    deadline: datetime.date
    sections: list[str] = []
    decision_number: str = Field("", max_length=60)
    decision_date: datetime.date | None = None
    instructions: str = Field("", max_length=4000)


class ResponseIn(Schema):
    person: uuid.UUID
    note: str = Field("", max_length=500)


class ResponseOut(Schema):
    round: uuid.UUID
    person: uuid.UUID
    kind: str
    recorded_at: datetime.datetime


def _notification(notification: Notification) -> dict[str, Any]:
    return {
        "uid": notification.uid,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "link": notification.link,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
        "email_status": notification.email_status,
    }


def _due(item: selectors.DueItem) -> dict[str, Any]:
    change_set = item.change_set
    return {
        "change_set": change_set.uid,
        "title": change_set.title,
        "status": change_set.status,
        "unit": change_set.unit.uid,
        "person": change_set.person.uid if change_set.person is not None else None,
        "due": item.due,
        "overdue": item.overdue,
    }


def _round(round_: ReviewRound) -> dict[str, Any]:
    return {
        "uid": round_.uid,
        "title": round_.title,
        "starts_on": round_.starts_on,
        "deadline": round_.deadline,
        "sections": round_.sections,
        "decision_number": round_.decision_number,
        "decision_date": round_.decision_date,
        "scope": [
            {"unit": item.unit.uid, "name": item.unit.name, "include_subunits": item.include_subunits}
            for item in round_.scope.all()
        ],
    }


@router.get("/notifications", response={200: NotificationsOut, **READ})
def my_notifications(request: HttpRequest, unread: bool = False, limit: int = 50) -> dict[str, Any]:
    """My notifications, newest first (`unread=true`: only those not read yet; at most `limit`, up to 200)."""
    user = api_user(request)
    rows = selectors.notifications_of(user)
    if unread:
        rows = rows.filter(read_at__isnull=True)
    limit = max(1, min(limit, 200))
    return {"unread": selectors.unread_count(user), "items": [_notification(row) for row in rows[:limit]]}


@router.post("/notifications/{uid}/read", response={200: NotificationOut, **READ})
def read_notification(request: HttpRequest, uid: str) -> dict[str, Any]:
    user = api_user(request)
    notification = selectors.notification_for(user, parse_uid(uid))
    if notification is None:
        raise Http404
    services.mark_read(notification=notification, acting_user=user)
    notification.refresh_from_db()
    return _notification(notification)


@router.get("/deadlines", response={200: DeadlinesOut, **READ})
def my_deadlines(request: HttpRequest) -> dict[str, Any]:
    """My drafts and returned changes against their entry deadline; for approvers, what waits and the window."""
    from hoso.accounts import policy
    from hoso.accounts.enums import Capability

    user = api_user(request)
    answer: dict[str, Any] = {"mine": [_due(item) for item in selectors.deadlines_for_person(user).items]}
    if policy.has_capability(user, Capability.APPROVE):
        head = selectors.deadlines_for_head(user)
        answer["to_approve"] = [_due(item) for item in head.items]
        answer["window"] = {
            "start": head.window.start,
            "end": head.window.end,
            "deadline": head.window.deadline,
            "open": head.window_open,
        }
    return answer


@router.get("/units/{uid}/dashboard", response={200: UnitDashboardOut, 401: Problem, 403: Problem, 404: Problem})
def unit_dashboard(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A unit's pending, overdue and approved-this-month figures and completeness (VIEW_REPORTS, APPROVE or REVIEW
    on the unit)."""
    user = api_user(request)
    unit = units_visible_to(user).filter(uid=parse_uid(uid)).first()
    if unit is None:
        raise Http404
    if not selectors.can_view_unit_dashboard(user, unit):
        raise PermissionDenied(_("You may not see this unit's dashboard."))
    dashboard = selectors.unit_dashboard(user, unit)
    filled, required = dashboard.completeness or (0, 0)
    return {
        "unit": unit.uid,
        "name": unit.name,
        "figures": dashboard.figures.as_dict(),
        "completeness_filled": filled,
        "completeness_required": required,
        "completeness_percent": dashboard.completeness_percent,
        "overdue": [_due(item) for item in dashboard.overdue],
    }


@router.get("/rounds", response={200: list[RoundOut], **READ})
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    """The review rounds that concern me (at most 100, newest first)."""
    user = api_user(request)
    rows = selectors.rounds_visible_to(user).prefetch_related("scope__unit").order_by("-starts_on", "-id")[:100]
    return [_round(row) for row in rows]


@router.get("/rounds/{uid}", response={200: RoundDetailOut, **READ})
def get_round(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A round and its progress by unit (over the people in scope I may see)."""
    user = api_user(request)
    round_ = selectors.round_for(user, parse_uid(uid))
    if round_ is None:
        raise Http404
    progress = selectors.round_progress(user, round_)
    return {
        **_round(round_),
        "people": progress.people,
        "answered": progress.answered,
        "progress": [
            {"unit": item.unit.uid, "name": item.unit.name, "people": item.people, "answered": item.answered}
            for item in progress.units
        ],
    }


@router.post("/rounds", response={201: RoundOut, **WRITE})
def launch_round(request: HttpRequest, payload: RoundIn) -> Status[dict[str, Any]]:
    """Launch a review round over units within my rights (REQ-038)."""
    user = api_user(request)
    if not selectors.can_launch_rounds(user):
        raise PermissionDenied(_("You may not launch review rounds."))
    launchable = {
        unit.uid: unit
        for unit in selectors.units_for_round_launch(user).filter(uid__in=[item.unit for item in payload.units])
    }
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(payload.units):
        if item.unit not in launchable:
            errors[f"units.{index}.unit"] = [_("This unit is not among the units you may launch a round for.")]
    if errors:
        raise ApiInvalid(errors)
    try:
        round_ = services.launch_round(
            acting_user=user,
            title=payload.title,
            units=[(launchable[item.unit], item.include_subunits) for item in payload.units],
            starts_on=payload.starts_on,
            deadline=payload.deadline,
            sections=payload.sections,
            decision_number=payload.decision_number,
            decision_date=payload.decision_date,
            instructions=payload.instructions,
            channel=Channel.API,
        )
    except services.MonitoringInvalid as error:
        raise ApiInvalid(error.errors) from error
    return Status(201, _round(round_))


@router.post("/rounds/{uid}/responses", response={201: ResponseOut, **WRITE})
def respond(request: HttpRequest, uid: str, payload: ResponseIn) -> Status[dict[str, Any]]:
    """Record that a record needs no change for this round (my own, or one I enter changes on)."""
    user = api_user(request)
    round_ = selectors.round_for(user, parse_uid(uid))
    if round_ is None:
        raise Http404
    person = person_for_user(user, payload.person)
    if person is None:
        raise ApiInvalid({"person": [_("There is no record with this identifier.")]})
    if not selectors.can_respond(user, person):
        raise PermissionDenied(_("You may not answer for this record."))
    try:
        response = services.record_response(
            round_=round_, person=person, acting_user=user, note=payload.note, channel=Channel.API
        )
    except services.MonitoringInvalid as error:
        raise ApiInvalid(error.errors) from error
    return Status(
        201,
        {
            "round": round_.uid,
            "person": person.uid,
            "kind": response.kind,
            "recorded_at": response.recorded_at or timezone.now(),
        },
    )
