"""The review and signed-approval workflow of change sets (REQ-039–REQ-055; issue 5 §2).

Statuses and transitions (hoso.people.enums.ChangeSetStatus; docs/adr/0005-review-and-approval.md):

    DRAFT / RETURNED --submit--> SUBMITTED (waiting for review) --forward--> FORWARDED (waiting for approval)
    SUBMITTED / FORWARDED --return_for_correction--> RETURNED (editable again by its author)
    FORWARDED --approve--> APPLIED (a new, signed RecordVersion)
    DRAFT / RETURNED --withdraw--> WITHDRAWN

Every transition locks the change set, checks who may make it, writes a `ReviewStep` and an audit entry in one
transaction. `approve` applies each change set with `people.services.apply_change_set`, attaches its documents and
signs the new version in one atomic block per change set: a failure leaves that change set untouched and the
others go on.
"""

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.approvals import permissions
from hoso.approvals.enums import ReviewAction
from hoso.approvals.models import ApprovalBatch, ApprovalDecision, ReviewStep
from hoso.approvals.rules import approvers_for, authority
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.documents import selectors as document_selectors
from hoso.documents import services as document_services
from hoso.people import services as people_services
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.services import (
    ChangeSetNotEditable,
    NotAllowed,
    RecordError,
    RecordInvalid,
    StaleChangeSet,
)
from hoso.quality import services as quality_services
from hoso.signing import services as signing_services
from hoso.signing.errors import SigningError
from hoso.workdays import calendar

logger = logging.getLogger(__name__)

SUBMITTABLE = {ChangeSetStatus.DRAFT, ChangeSetStatus.RETURNED}
RETURNABLE = {ChangeSetStatus.SUBMITTED, ChangeSetStatus.FORWARDED}
WITHDRAWABLE = {ChangeSetStatus.DRAFT, ChangeSetStatus.RETURNED}


class ApprovalRefused(RecordError):
    """The step cannot be taken now (outside the window, a missing document, a certificate problem)."""


def submit_statement() -> str:
    """The statement the submitter confirms, word for word (REQ-044; e.g. Tiền Giang QĐ Art. 13.3)."""
    return settings.HOSO_SUBMIT_STATEMENT or _(
        "I declare that the information I entered and the attached documents are true, accurate and authentic, "
        "and I answer before the law for them."
    )


def approval_statement() -> str:
    """What the approver reads before signing: who answers for what (REQ-047, REQ-055)."""
    return settings.HOSO_APPROVAL_STATEMENT or _(
        "By signing, I approve the changes listed and answer for this approval. Whoever entered the information "
        "answers for its truthfulness and for the documents supplied; the officer who checked it answers for the check."
    )


def _lock(change_set: ChangeSet) -> ChangeSet:
    return ChangeSet.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=change_set.pk)


def _step(
    change_set: ChangeSet,
    action: ReviewAction,
    actor: User,
    *,
    comment: str = "",
    on_behalf_of_id: int | None = None,
    at: datetime.datetime | None = None,
) -> ReviewStep:
    return ReviewStep.objects.create(
        change_set=change_set,
        action=action,
        actor=actor,
        on_behalf_of_id=on_behalf_of_id,
        comment=comment,
        at=at or timezone.now(),
    )


def _status_error(change_set: ChangeSet, what: str) -> ChangeSetNotEditable:
    return ChangeSetNotEditable(
        _("This change set is %(status)s: it cannot be %(what)s now.")
        % {"status": change_set.get_status_display().lower(), "what": what}
    )


def _refuse_stale(change_set: ChangeSet) -> None:
    if change_set.person_id is None:
        return
    current = Person.objects.filter(pk=change_set.person_id).values_list("current_version", flat=True).first()
    if current != change_set.base_version:
        raise StaleChangeSet(
            _(
                "The record was changed by version %(current)s after this change set was started from "
                "version %(base)s. Start a new change set from the current version."
            )
            % {"current": current, "base": change_set.base_version}
        )


def _refuse_missing_documents(change_set: ChangeSet) -> None:
    missing = document_selectors.missing_documents(change_set)
    if missing:
        raise RecordInvalid({"documents": [str(message) for message in missing]})


def open_or_next_window(day: datetime.date) -> calendar.Window:
    return calendar.window_on(day) or calendar.next_window(day)


def _forwarded(change_set: ChangeSet, actor: User, now: datetime.datetime) -> None:
    change_set.status = ChangeSetStatus.FORWARDED
    change_set.forwarded_by = actor
    change_set.forwarded_at = now
    change_set.approval_due = open_or_next_window(timezone.localdate()).deadline


# --- submitting, checking, returning ---------------------------------------------------------------------------


def entry_kinds(change_set: ChangeSet) -> list[str]:
    """The deadline kinds of what the change set changes (REQ-041/042, formats.md §8.3).

    A new record is an electronic dossier ("e_dossier"); each changed part counts under the kind
    `HOSO_EVENT_KINDS_BY_PART` gives it (salary, allowances, awards and discipline are "operational" data,
    annual evaluations "evaluation"), and any other part under the monthly rhythm's "change". Before
    `HOSO_EVENT_DEADLINES_FROM`, or with the NĐ 27/2026 deadlines off, each kind falls back to the monthly rhythm.
    """
    if change_set.person_id is None:
        return ["e_dossier"]
    by_part = settings.HOSO_EVENT_KINDS_BY_PART
    return sorted({by_part.get(part, "change") for part in document_selectors.changed_parts(change_set)} or {"change"})


def entry_due_of(change_set: ChangeSet, event_date: datetime.date) -> datetime.date:
    """The earliest deadline among the kinds of what the change set changes, counted from the event."""
    return min(calendar.entry_due(event_date, kind) for kind in entry_kinds(change_set))


def submit(
    *, change_set: ChangeSet, acting_user: User, confirmed: bool, event_date: datetime.date | None = None
) -> ChangeSet:
    """The author submits a draft for review, confirming that the data and documents are true (REQ-039/040/044).

    Refused, with nothing written: without the confirmation, with nothing changed, with a stale base, with record
    errors, or without the required documents (REQ-033: each one named). The entry deadline runs from the event
    (REQ-041/042). When the checking step is off (HOSO_REVIEW_STEP, REQ-045) or the author checks changes in the
    unit themself, the change set goes straight to the approver and both steps are kept.
    """
    with transaction.atomic():
        locked = _lock(change_set)
        if not permissions.can_submit(acting_user, locked):
            raise NotAllowed(_("Only the author of this change set can submit it."))
        if locked.status == ChangeSetStatus.STALE:
            _refuse_stale(locked)
        if locked.status not in SUBMITTABLE:
            raise _status_error(locked, _("submitted"))
        errors: dict[str, list[str]] = {}
        if not confirmed:
            errors["confirmed"] = [_("Confirm that the information and documents are true and authentic.")]
        today = timezone.localdate()
        if event_date is not None and event_date > today:
            errors["event_date"] = [_("The date of the event cannot be in the future.")]
        if errors:
            raise RecordInvalid(errors)
        if locked.person_id is not None and people_services.diff_change_set(locked).is_empty:
            raise RecordInvalid({"changes": [_("Nothing has been changed: there is nothing to submit.")]})
        _refuse_stale(locked)
        record_errors = people_services.check_change_set(locked)
        if record_errors:
            raise RecordInvalid(record_errors)
        _refuse_missing_documents(locked)

        now = timezone.now()
        locked.event_date = event_date or today
        locked.entry_due = entry_due_of(locked, locked.event_date)
        locked.confirmation = submit_statement()
        locked.submitted_by = acting_user
        locked.submitted_at = now
        locked.status = ChangeSetStatus.SUBMITTED
        _step(locked, ReviewAction.SUBMIT, acting_user, at=now)
        checks_itself = policy.has_capability(acting_user, Capability.REVIEW, locked.unit)
        if not settings.HOSO_REVIEW_STEP or checks_itself:
            _forwarded(locked, acting_user, now)
            _step(locked, ReviewAction.FORWARD, acting_user, at=now)
        locked.save()
        record_event(
            AuditAction.CHANGE_SET_SUBMITTED,
            actor=acting_user,
            person=locked.person,
            unit=locked.unit,
            target=locked,
            detail={"status": locked.status, "entry_due": locked.entry_due.isoformat()},
        )
    return locked


def forward(*, change_set: ChangeSet, acting_user: User, comment: str = "") -> ChangeSet:
    """The officer has checked the change set and passes it to the approver (REQ-045)."""
    with transaction.atomic():
        locked = _lock(change_set)
        if not permissions.can_review(acting_user, locked):
            raise NotAllowed(_("Only an officer who checks changes in this unit can forward it."))
        if locked.status == ChangeSetStatus.STALE:
            _refuse_stale(locked)
        if locked.status != ChangeSetStatus.SUBMITTED:
            raise _status_error(locked, _("forwarded"))
        _refuse_missing_documents(locked)
        now = timezone.now()
        _forwarded(locked, acting_user, now)
        locked.save()
        _step(locked, ReviewAction.FORWARD, acting_user, comment=comment.strip(), at=now)
        record_event(
            AuditAction.CHANGE_SET_CHECKED, actor=acting_user, person=locked.person, unit=locked.unit, target=locked
        )
    return locked


def return_for_correction(*, change_set: ChangeSet, acting_user: User, comment: str) -> ChangeSet:
    """The officer (or the approver) sends the change set back to its author with the reason (REQ-045)."""
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = _lock(change_set)
        if not permissions.can_review(acting_user, locked):
            raise NotAllowed(_("Only an officer who checks changes in this unit, or its approver, can return it."))
        if locked.status not in RETURNABLE:
            raise _status_error(locked, _("returned"))
        if not comment:
            raise RecordInvalid({"comment": [_("Say what has to be corrected.")]})
        locked.status = ChangeSetStatus.RETURNED
        locked.forwarded_at = None
        locked.forwarded_by = None
        locked.approval_due = None
        locked.save()
        _step(locked, ReviewAction.RETURN, acting_user, comment=comment)
        record_event(
            AuditAction.CHANGE_SET_RETURNED,
            actor=acting_user,
            person=locked.person,
            unit=locked.unit,
            target=locked,
            detail={"comment": comment[:500]},
        )
    return locked


def withdraw(*, change_set: ChangeSet, acting_user: User) -> None:
    """The author withdraws a draft or a returned change set; the record is unchanged."""
    with transaction.atomic():
        people_services.withdraw_change_set(change_set=change_set, acting_user=acting_user)
        _step(change_set, ReviewAction.WITHDRAW, acting_user)


# --- approving -------------------------------------------------------------------------------------------------


@dataclass
class ItemResult:
    change_set: ChangeSet
    version: RecordVersion | None = None
    message: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.version is not None


@dataclass
class BatchResult:
    batch: ApprovalBatch
    items: list[ItemResult]

    @property
    def approved(self) -> list[ItemResult]:
        return [item for item in self.items if item.ok]

    @property
    def refused(self) -> list[ItemResult]:
        return [item for item in self.items if not item.ok]


def _display(day: datetime.date) -> str:
    return formats.date_format(day, "d/m/Y")


def window_message(day: datetime.date) -> str:
    """Why approving is refused on `day`: when the window opens and closes (REQ-053)."""
    window = calendar.next_window(day)
    values = {"start": _display(window.start), "deadline": _display(window.deadline)}
    if (window.year, window.month) == (day.year, day.month):
        return (
            _(
                "Changes can be approved only inside the approval window: this month's approval window opens on "
                "%(start)s and closes at the end of %(deadline)s."
            )
            % values
        )
    return _(
        "Changes can be approved only inside the approval window: the approval window of %(month)s opens on "
        "%(start)s and closes at the end of %(deadline)s."
    ) % {**values, "month": f"{window.month:02d}/{window.year}"}


def approve(*, change_sets: list[ChangeSet], acting_user: User, comment: str = "") -> BatchResult:
    """Approve and sign each change set: one batch, one atomic block per change set (REQ-048/049/052/053/055).

    The signing credential is checked first, so a missing or expired certificate refuses the whole batch at once
    with its message (SigningError). Then each change set, under its lock: waiting for approval, approved by this
    user under the province's rule table (on behalf of the delegator when the right is delegated, REQ-052), base
    still current, documents complete, inside the approval window unless HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW; applied
    as the next version, its documents attached, the version signed, an `ApprovalDecision` stored with whether it
    was on time. Any failure rolls that change set back completely and is reported with it; the others go on.
    """
    signing_services.check_ready(acting_user)
    now = timezone.now()
    today = timezone.localdate()
    window = calendar.window_on(today)
    shown = window or calendar.next_window(today)
    outside = window is None and not settings.HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW
    with transaction.atomic():
        batch = ApprovalBatch.objects.create(
            approver=acting_user,
            window_rule=shown.rule,
            window_start=shown.start,
            window_end=shown.end,
            window_deadline=shown.deadline,
            statement=approval_statement(),
            comment=comment.strip(),
            at=now,
            requested=len(change_sets),
        )
    items: list[ItemResult] = []
    behalf: set[int] = set()
    for change_set in change_sets:
        item = ItemResult(change_set)
        try:
            with transaction.atomic():
                if outside:
                    raise ApprovalRefused(window_message(today))
                item.version, on_behalf_of_id = _approve_one(change_set, acting_user, batch, now, today)
                if on_behalf_of_id is not None:
                    behalf.add(on_behalf_of_id)
        except RecordInvalid as error:
            item.message, item.errors, item.error = error.message, error.errors, error
        except RecordError as error:
            item.message, item.error = error.message, error
        except SigningError as error:
            item.message, item.errors = error.message, error.errors
            item.error = ApprovalRefused(error.message)
        except Exception:  # a crash in one change set must not stop the batch (issue 5 §5)
            logger.exception("Approving change set %s failed", change_set.pk)
            item.message = _("An unexpected error stopped the approval of this change set; nothing of it was saved.")
            item.error = ApprovalRefused(item.message)
        items.append(item)
    with transaction.atomic():
        batch.approved = sum(1 for item in items if item.ok)
        batch.refused = len(items) - batch.approved
        if len(behalf) == 1:
            batch.on_behalf_of_id = behalf.pop()
        batch.outcomes = [
            {
                "change_set": str(item.change_set.uid),
                "version": item.version.number if item.version is not None else None,
                "message": item.message,
                "errors": [message for messages in item.errors.values() for message in messages],
            }
            for item in items
        ]
        batch.save(update_fields=["approved", "refused", "on_behalf_of", "outcomes"])
    return BatchResult(batch, items)


def _approve_one(
    change_set: ChangeSet, acting_user: User, batch: ApprovalBatch, now: datetime.datetime, today: datetime.date
) -> tuple[RecordVersion, int | None]:
    locked = _lock(change_set)
    approver = approvers_for([locked])[locked.pk]
    person = locked.person
    right = authority(acting_user, approver, person.account_id if person is not None else None)
    if not right.allowed:
        raise NotAllowed(_("You are not the approver of this change set, or it concerns your own record."))
    if locked.status == ChangeSetStatus.STALE:
        _refuse_stale(locked)  # superseded: say by which version, as for any stale base
    if locked.status != ChangeSetStatus.FORWARDED:
        raise _status_error(locked, _("approved"))
    _refuse_stale(locked)
    _refuse_missing_documents(locked)
    version = people_services.apply_change_set(
        change_set=locked, acting_user=acting_user, approval_checked_by_caller=True
    )
    document_services.attach_to_version(change_set=locked, version=version)
    on_behalf_of = User.objects.get(pk=right.on_behalf_of_id) if right.on_behalf_of_id is not None else None
    signing_services.sign_version(
        version=version,
        documents=document_selectors.signed_entries(locked),
        signer=acting_user,
        on_behalf_of=on_behalf_of,
    )
    quality_services.refresh_completeness([version.person_id])  # the dashboards' completeness follows at once
    _supersede_others(locked, version)
    _step(locked, ReviewAction.APPROVE, acting_user, on_behalf_of_id=right.on_behalf_of_id, at=now)
    ApprovalDecision.objects.create(
        change_set=locked,
        version=version,
        batch=batch,
        approver=acting_user,
        on_behalf_of_id=right.on_behalf_of_id,
        approving_unit=approver.unit,
        approval_due=locked.approval_due,
        on_time=locked.approval_due is None or today <= locked.approval_due,
        at=now,
    )
    record_event(
        AuditAction.CHANGE_SET_APPROVED,
        actor=acting_user,
        person=version.person,
        unit=locked.unit,
        target=locked,
        detail={
            "version": version.number,
            "batch": str(batch.uid),
            "on_behalf_of": right.on_behalf_of_id,
        },
    )
    return version, right.on_behalf_of_id


def _supersede_others(change_set: ChangeSet, version: RecordVersion) -> None:
    """The record's other open change sets start from an older version now: they are marked superseded, so their
    authors, the officers and the approver see at once that they must start again from the current version (ADR 0001:
    a change set against an old base is never applied)."""
    ChangeSet.objects.filter(
        person_id=version.person_id,
        status__in=[
            ChangeSetStatus.DRAFT,
            ChangeSetStatus.SUBMITTED,
            ChangeSetStatus.RETURNED,
            ChangeSetStatus.FORWARDED,
        ],
        base_version__lt=version.number,
    ).exclude(pk=change_set.pk).update(status=ChangeSetStatus.STALE, updated_at=timezone.now())


def approve_one(*, change_set: ChangeSet, acting_user: User, comment: str = "") -> RecordVersion:
    """Approve a single change set; its refusal is raised (web "apply" and the API's apply operation).

    A signing credential that is not ready raises SigningError before anything is written.
    """
    result = approve(change_sets=[change_set], acting_user=acting_user, comment=comment)
    item = result.items[0]
    if item.version is not None:
        return item.version
    raise item.error or ApprovalRefused(item.message)


def approver_names(change_sets: list[ChangeSet]) -> dict[int, Any]:
    """The approving unit of each change set (for queues and the statement of REQ-055)."""
    return {pk: approver.unit for pk, approver in approvers_for(change_sets).items()}
