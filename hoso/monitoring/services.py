"""Writes of hoso.monitoring: notifications and their e-mails, the daily reminders, review rounds and answers.

Reminders (REQ-041/042/053, issue 5 §4): each reminded event has a key (kind + recipient + period or object) stored
once in `ReminderKey`; a second run of `send_reminders` finds the keys and sends nothing. The in-app notification is
written in the same transaction as its keys; its e-mail goes out afterwards, from a task enqueued on commit, and a
failed attempt is retried with a doubling backoff until `HOSO_REMINDER_MAX_ATTEMPTS`, then given up (recorded).
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.audit.enums import AuditAction, Channel
from hoso.audit.services import record_event
from hoso.monitoring import selectors
from hoso.monitoring.enums import EmailStatus, NotificationKind, ResponseKind
from hoso.monitoring.models import Notification, ReminderKey, ReviewRound, RoundResponse, RoundUnit
from hoso.organisations.models import OrgUnit
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person
from hoso.people.sections import PERSON_GROUPS, SECTIONS

logger = logging.getLogger(__name__)
S = ChangeSetStatus
MAX_ERROR_LENGTH = 500


class MonitoringInvalid(Exception):
    """Bad input: a message per field (the same shape as people.services.RecordInvalid)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _absolute(link: str) -> str:
    return f"{settings.HOSO_SITE_URL.rstrip('/')}{link}" if link else settings.HOSO_SITE_URL


# --- Notifications --------------------------------------------------------------------------------------------


def notify(
    *, recipient: User, kind: str, title: str, body: str = "", link: str = "", keys: Iterable[str] = ()
) -> Notification | None:
    """Write an in-app notification and, when the recipient has an e-mail address, send it by e-mail after commit.

    `keys` are the reminded events it covers; when another run stored one of them first, nothing is written and
    None is returned (the unique key is the guard against sending twice, also between two concurrent runs).
    """
    keys = list(keys)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                title=title[:200],
                body=body,
                link=link,
                email=recipient.email or "",
                email_status=EmailStatus.PENDING if recipient.email else EmailStatus.NONE,
            )
            ReminderKey.objects.bulk_create(
                [ReminderKey(key=key, kind=kind, recipient=recipient, notification=notification) for key in keys]
            )
    except IntegrityError:
        return None
    if notification.email_status == EmailStatus.PENDING:
        transaction.on_commit(lambda: _enqueue_email(notification.pk))
    return notification


def _enqueue_email(notification_id: int, run_after: datetime.datetime | None = None) -> None:
    from hoso.monitoring.tasks import send_notification_email

    task = send_notification_email
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # a backend that cannot defer (tests' immediate one): `retry_due_emails` picks it up when due
        task = task.using(run_after=run_after)
    task.enqueue(notification_id)


def mark_read(*, notification: Notification, acting_user: User) -> None:
    """Mark one of the user's notifications read (a no-op when it already is)."""
    if notification.recipient_id != acting_user.pk:
        raise PermissionDenied
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(*, acting_user: User) -> int:
    return Notification.objects.filter(recipient=acting_user, read_at__isnull=True).update(read_at=timezone.now())


def deliver_email(*, notification_id: int) -> str:
    """Send a notification's e-mail once: through Django's default mailer (settings MAILERS).

    Claims the row under a lock, so two workers never both send it. A failure is recorded (attempt count, error) and
    retried after HOSO_REMINDER_RETRY_SECONDS × 2^(attempts − 1); after HOSO_REMINDER_MAX_ATTEMPTS it is given up.
    Returns the e-mail status afterwards.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",)).select_related("recipient").get(pk=notification_id)
        )
        if notification.email_status not in (EmailStatus.PENDING, EmailStatus.RETRY):
            return str(notification.email_status)
        notification.email_attempts += 1
        try:
            with translation.override(settings.LANGUAGE_CODE):
                message = EmailMessage(
                    subject=notification.title,
                    body=_email_body(notification),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[notification.email],
                )
                message.send()
        except Exception as error:  # any failure of the mail server is retried, then recorded as given up
            notification.email_last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
            if notification.email_attempts >= settings.HOSO_REMINDER_MAX_ATTEMPTS:
                notification.email_status = EmailStatus.FAILED
                notification.email_next_attempt_at = None
                logger.warning("Gave up e-mailing notification %s: %s", notification.pk, error)
            else:
                notification.email_status = EmailStatus.RETRY
                delay = settings.HOSO_REMINDER_RETRY_SECONDS * 2 ** (notification.email_attempts - 1)
                notification.email_next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
                next_at = notification.email_next_attempt_at
                transaction.on_commit(lambda: _enqueue_email(notification_id, run_after=next_at))
        else:
            notification.email_status = EmailStatus.SENT
            notification.email_sent_at = timezone.now()
            notification.email_next_attempt_at = None
        notification.save(
            update_fields=[
                "email_attempts",
                "email_status",
                "email_last_error",
                "email_next_attempt_at",
                "email_sent_at",
            ]
        )
        return str(notification.email_status)


def _email_body(notification: Notification) -> str:
    name = notification.recipient.get_full_name()
    parts = [_("Dear %(name)s,") % {"name": name}, "", notification.body]
    if notification.link:
        parts += ["", _("Open: %(link)s") % {"link": _absolute(notification.link)}]
    parts += ["", _("This message was sent by the records system (hoso). You can read it in the app too.")]
    return "\n".join(parts)


def retry_due_emails(*, now: datetime.datetime | None = None) -> int:
    """Enqueue again the e-mails whose retry time has come (for workers without deferred tasks, and after a crash)."""
    now = now or timezone.now()
    # a PENDING e-mail is normally sent by the task enqueued on commit; one still pending after the first retry
    # delay was lost (a worker crashed, the queue was purged) and is enqueued again
    stale = now - datetime.timedelta(seconds=settings.HOSO_REMINDER_RETRY_SECONDS)
    due = list(
        Notification.objects.filter(
            Q(email_status=EmailStatus.RETRY, email_next_attempt_at__lte=now)
            | Q(email_status=EmailStatus.PENDING, created_at__lte=stale)
        ).values_list("pk", flat=True)
    )
    for notification_id in due:
        _enqueue_email(notification_id)
    return len(due)


# --- Reminders ------------------------------------------------------------------------------------------------


@dataclass
class Pending:
    """What one recipient is to be reminded of, before the keys already stored are taken out."""

    recipient: User
    kind: str
    lines: dict[str, str] = field(default_factory=dict)  # key → one line of the message
    link: str = ""


@dataclass
class ReminderRun:
    today: datetime.date
    wet_run: bool
    sent: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    planned: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def total(self) -> int:
        return sum(self.sent.values())


def _day(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else "—"


def _change_set_label(change_set: ChangeSet) -> str:
    if change_set.person is not None:
        who = change_set.person.full_name
    else:
        who = _("a new record in %(unit)s") % {"unit": change_set.unit.name}
    return f"{change_set.title or _('Change')}: {who}"


def _collect(bucket: dict[tuple[int, str], Pending], user: User, kind: str, key: str, line: str, link: str) -> None:
    pending = bucket.setdefault((user.pk, kind), Pending(user, kind, link=link))
    pending.lines.setdefault(key, line)


def _entry_reminders(today: datetime.date, bucket: dict[tuple[int, str], Pending]) -> None:
    """Whoever started a draft, or got one back: one reminder per change set and state, and again once it is late."""
    link = reverse("monitoring:deadlines")
    rows = (
        ChangeSet.objects.filter(status__in=selectors.ENTRY_OPEN, created_by__is_active=True)
        .select_related("created_by", "person", "unit")
        .order_by("pk")
    )
    for change_set in rows:
        late = change_set.entry_due is not None and today > change_set.entry_due
        state = "late" if late else change_set.status
        key = f"entry:{change_set.pk}:{state}:{change_set.created_by_id}"
        if late:
            line = _("%(item)s: late, it was due by %(due)s") % {
                "item": _change_set_label(change_set),
                "due": _day(change_set.entry_due),
            }
        elif change_set.status == S.RETURNED:
            line = _("%(item)s: returned for correction, due by %(due)s") % {
                "item": _change_set_label(change_set),
                "due": _day(change_set.entry_due),
            }
        else:
            line = _("%(item)s: draft not submitted yet, due by %(due)s") % {
                "item": _change_set_label(change_set),
                "due": _day(change_set.entry_due),
            }
        _collect(bucket, change_set.created_by, NotificationKind.ENTRY_DUE, key, line, link)


def _unit_holders(
    holders: list[selectors.Holder], unit: OrgUnit, capability: str, *, province_wide: bool = False
) -> list[User]:
    """Holders of `capability` covering `unit`; grants on the whole province only when `province_wide`."""
    found: dict[int, User] = {}
    for holder in holders:
        if capability not in holder.capabilities or (holder.unit_id is None and not province_wide):
            continue
        if holder.covers(unit):
            found[holder.user.pk] = holder.user
    return list(found.values())


def _review_reminders(
    today: datetime.date, holders: list[selectors.Holder], bucket: dict[tuple[int, str], Pending]
) -> None:
    """The unit's officers (REVIEW on the unit, not the province's administrators): each submission once.

    Heads hold REVIEW too but check in the approval step; they are reminded only where no officer checks.
    """
    officers = [holder for holder in holders if Capability.APPROVE not in holder.capabilities]
    rows = ChangeSet.objects.filter(status=S.SUBMITTED).select_related("person", "unit").order_by("pk")
    for change_set in rows:
        submitted = change_set.submitted_at.isoformat() if change_set.submitted_at else "-"
        reviewers = _unit_holders(officers, change_set.unit, Capability.REVIEW) or _unit_holders(
            holders, change_set.unit, Capability.REVIEW
        )
        for user in reviewers:
            key = f"review:{change_set.pk}:{submitted}:{user.pk}"
            line = _("%(item)s: submitted on %(day)s, waiting for your review") % {
                "item": _change_set_label(change_set),
                "day": _day(timezone.localdate(change_set.submitted_at) if change_set.submitted_at else None),
            }
            link = reverse("people:change_set_diff", kwargs={"uid": change_set.uid})
            _collect(bucket, user, NotificationKind.REVIEW_WAITING, key, line, link)


def _window_reminders(
    today: datetime.date, holders: list[selectors.Holder], bucket: dict[tuple[int, str], Pending]
) -> None:
    """Heads (APPROVE on the unit) when the window opens with work waiting, and again shortly before its deadline."""
    from hoso.workdays import calendar

    window = calendar.window_on(today)
    if window is None:
        return
    closing = (
        calendar.working_days_between(today, window.deadline) <= settings.HOSO_REMINDER_WINDOW_CLOSING_WORKING_DAYS
    )
    waiting: dict[int, list[ChangeSet]] = defaultdict(list)
    users: dict[int, User] = {}
    for change_set in ChangeSet.objects.filter(status=S.FORWARDED).select_related("person", "unit").order_by("pk"):
        for user in _unit_holders(holders, change_set.unit, Capability.APPROVE):
            waiting[user.pk].append(change_set)
            users[user.pk] = user
    period = f"{window.year}-{window.month:02d}"
    link = reverse("monitoring:deadlines")
    for user_id, change_sets in waiting.items():
        user = users[user_id]
        count = len(change_sets)
        message = ngettext(
            "%(count)d change waits for your approval; the window runs from %(start)s to %(deadline)s.",
            "%(count)d changes wait for your approval; the window runs from %(start)s to %(deadline)s.",
            count,
        ) % {"count": count, "start": _day(window.start), "deadline": _day(window.deadline)}
        _collect(bucket, user, NotificationKind.WINDOW_OPEN, f"window-open:{period}:{user_id}", message, link)
        if closing:
            message = ngettext(
                "The approval window closes on %(deadline)s and %(count)d change still waits for you.",
                "The approval window closes on %(deadline)s and %(count)d changes still wait for you.",
                count,
            ) % {"count": count, "deadline": _day(window.deadline)}
            _collect(bucket, user, NotificationKind.WINDOW_CLOSING, f"window-closing:{period}:{user_id}", message, link)


def _overdue_unit_reminders(
    today: datetime.date, holders: list[selectors.Holder], bucket: dict[tuple[int, str], Pending]
) -> None:
    """Administrators over a unit (MANAGE_UNITS or MANAGE_ACCOUNTS with VIEW_REPORTS: the province's and the unit's)
    about units with late entries or approvals: once a week per unit."""
    figures = selectors.figures_by_unit(ChangeSet.objects.filter(selectors.overdue_q(today)), today=today)
    late = {unit_id: figure for unit_id, figure in figures.items() if figure.overdue}
    if not late:
        return
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    units = OrgUnit.objects.in_bulk(list(late))
    for unit_id, figure in sorted(late.items()):
        unit = units[unit_id]
        admins: dict[int, User] = {}
        for holder in holders:
            administers = Capability.MANAGE_UNITS in holder.capabilities or (
                Capability.MANAGE_ACCOUNTS in holder.capabilities and Capability.VIEW_REPORTS in holder.capabilities
            )
            if administers and holder.covers(unit):
                admins[holder.user.pk] = holder.user
        link = reverse("monitoring:unit_dashboard", kwargs={"uid": unit.uid})
        line = ngettext(
            "%(unit)s: %(count)d change past its deadline",
            "%(unit)s: %(count)d changes past their deadline",
            figure.overdue,
        ) % {"unit": unit.name, "count": figure.overdue}
        for user in admins.values():
            key = f"overdue-unit:{week}:{unit_id}:{user.pk}"
            _collect(bucket, user, NotificationKind.UNITS_OVERDUE, key, line, link)


def _round_reminders(today: datetime.date, bucket: dict[tuple[int, str], Pending]) -> None:
    """Staff who have not answered a round near its deadline, and the officers entering changes for them."""
    from hoso.quality.selectors import current_people_q
    from hoso.workdays import calendar

    limit = settings.HOSO_REMINDER_ROUND_WORKING_DAYS
    rounds = [
        round_
        for round_ in selectors.active_rounds(today).prefetch_related("scope__unit")
        if calendar.working_days_between(today, round_.deadline) <= limit
    ]
    for round_ in rounds:
        link = reverse("monitoring:round_detail", kwargs={"uid": round_.uid})
        scope = list(round_.scope.all())
        unanswered = (
            Person.objects.filter(selectors.round_scope_q(round_, scope))
            .filter(current_people_q())
            .annotate(**selectors.answered_annotations(round_))
            .filter(Q(responded=False), Q(submitted=False), account__isnull=False, account__is_active=True)
            .select_related("account")
        )
        line = _("%(title)s: please confirm or update your record by %(deadline)s") % {
            "title": round_.title,
            "deadline": _day(round_.deadline),
        }
        for person in unanswered:
            if person.account is None:  # excluded by the query; for the type checker
                continue
            key = f"round:{round_.pk}:{person.account_id}"
            _collect(bucket, person.account, NotificationKind.ROUND_DUE, key, line, link)


REMINDER_TITLES = {
    NotificationKind.ENTRY_DUE: lambda: _("Changes to finish and submit"),
    NotificationKind.REVIEW_WAITING: lambda: _("Changes waiting for your review"),
    NotificationKind.WINDOW_OPEN: lambda: _("The approval window is open"),
    NotificationKind.WINDOW_CLOSING: lambda: _("The approval window closes soon"),
    NotificationKind.UNITS_OVERDUE: lambda: _("Units behind their deadlines"),
    NotificationKind.ROUND_DUE: lambda: _("A review round ends soon"),
}


def send_reminders(*, today: datetime.date | None = None, wet_run: bool = False) -> ReminderRun:
    """The daily reminders (run by cron through `manage.py send_reminders --wet-run`).

    - whoever has drafts or change sets returned to them (entry deadline: REQ-042, REQ-041);
    - officers with change sets waiting for their review (REQ-045);
    - heads when the approval window opens with work waiting, and N working days before its deadline (REQ-053);
    - administrators over units with late work (issue 5 §4);
    - staff who have not answered a review round near its deadline (REQ-038).
    One notification per recipient and kind, listing the events not reminded before. A dry run only counts.
    """
    with translation.override(settings.LANGUAGE_CODE):
        today = today or timezone.localdate()
        run = ReminderRun(today, wet_run)
        holders = selectors.holders_in_force(today)
        bucket: dict[tuple[int, str], Pending] = {}
        _entry_reminders(today, bucket)
        _review_reminders(today, holders, bucket)
        _window_reminders(today, holders, bucket)
        _overdue_unit_reminders(today, holders, bucket)
        _round_reminders(today, bucket)
        all_keys = [key for pending in bucket.values() for key in pending.lines]
        known = set(ReminderKey.objects.filter(key__in=all_keys).values_list("key", flat=True)) if all_keys else set()
        for pending in bucket.values():
            lines = {key: line for key, line in pending.lines.items() if key not in known}
            if not lines:
                continue
            run.planned[pending.kind] += 1
            if not wet_run:
                continue
            body = "\n".join(f"- {line}" for line in lines.values())
            notification = notify(
                recipient=pending.recipient,
                kind=pending.kind,
                title=str(REMINDER_TITLES[NotificationKind(pending.kind)]()),
                body=body,
                link=pending.link,
                keys=lines,
            )
            if notification is not None:
                run.sent[pending.kind] += 1
        if wet_run:
            retry_due_emails()
        return run


# --- Review rounds --------------------------------------------------------------------------------------------


def section_choices() -> list[tuple[str, str]]:
    """The parts of the record a round may ask staff to check: the groups and sections of the national form."""
    return [(key, str(group.title)) for key, group in PERSON_GROUPS.items()] + [
        (key, str(section.title)) for key, section in SECTIONS.items()
    ]


@transaction.atomic
def launch_round(
    *,
    acting_user: User,
    title: str,
    units: list[tuple[OrgUnit, bool]],
    starts_on: datetime.date,
    deadline: datetime.date,
    sections: list[str] | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    instructions: str = "",
    channel: str = Channel.WEB,
) -> ReviewRound:
    """Launch a review round (đợt rà soát, bổ sung hồ sơ; REQ-038, from TT 06/2023 Điều 10.2 as Kon Tum cites it).

    A parent unit's administrator or officer, or the Department of Home Affairs, launches it over units within their
    rights (`selectors.can_launch_round_on`). The staff in scope with an account are told in the app.
    """
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the round a title.")]
    if not units:
        errors["units"] = [_("Choose at least one unit.")]
    elif not all(selectors.can_launch_round_on(acting_user, unit) for unit, _subunits in units):
        raise PermissionDenied(_("You may not launch a review round over one of these units."))
    if deadline < starts_on:
        errors["deadline"] = [_("The deadline cannot be before the start.")]
    known = dict(section_choices())
    unknown = [key for key in sections or [] if key not in known]
    if unknown:
        errors["sections"] = [_("Unknown part of the record: %(keys)s.") % {"keys": ", ".join(unknown)}]
    if errors:
        raise MonitoringInvalid(errors)
    round_ = ReviewRound(
        title=title.strip(),
        launched_by=acting_user,
        launching_unit=acting_user.unit,
        sections=list(dict.fromkeys(sections or [])),
        starts_on=starts_on,
        deadline=deadline,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        instructions=instructions.strip(),
    )
    try:
        round_.full_clean()
    except ValidationError as error:
        raise MonitoringInvalid(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        ) from error
    round_.save()
    RoundUnit.objects.bulk_create(
        [RoundUnit(round=round_, unit=unit, include_subunits=subunits) for unit, subunits in dict(units).items()]
    )
    record_event(
        AuditAction.REVIEW_ROUND_LAUNCHED,
        actor=acting_user,
        unit=units[0][0],
        target=round_,
        detail={
            "title": round_.title,
            "units": [str(unit.uid) for unit, _subunits in units],
            "starts_on": starts_on.isoformat(),
            "deadline": deadline.isoformat(),
        },
        channel=channel,
    )
    _announce_round(round_)
    return round_


def _announce_round(round_: ReviewRound) -> None:
    """Tell the staff in scope with an account, in the app (one row each; no e-mail for the announcement)."""
    from hoso.quality.selectors import current_people_q

    link = reverse("monitoring:round_detail", kwargs={"uid": round_.uid})
    body = _("Check your record (%(sections)s) and confirm it or submit the changes by %(deadline)s.") % {
        "sections": ", ".join(label for key, label in section_choices() if key in round_.sections) or _("all of it"),
        "deadline": _day(round_.deadline),
    }
    accounts = (
        Person.objects.filter(selectors.round_scope_q(round_))
        .filter(current_people_q(), account__isnull=False, account__is_active=True)
        .values_list("account_id", flat=True)
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=account_id,
                kind=NotificationKind.ROUND_LAUNCHED,
                title=round_.title[:200],
                body=body,
                link=link,
            )
            for account_id in accounts
        ]
    )


@transaction.atomic
def record_response(
    *, round_: ReviewRound, person: Person, acting_user: User, note: str = "", channel: str = Channel.WEB
) -> RoundResponse:
    """Record that a person's record needs no change for this round (by the employee or the unit's officer)."""
    if not selectors.can_respond(acting_user, person):
        raise PermissionDenied(_("You may not answer for this record."))
    if not Person.objects.filter(selectors.round_scope_q(round_), pk=person.pk).exists():
        raise MonitoringInvalid({"person": [_("This record is not in the round's scope.")]})
    today = timezone.localdate()
    if today < round_.starts_on:
        raise MonitoringInvalid({"round": [_("The round has not started yet.")]})
    if len(note) > 500:
        raise MonitoringInvalid({"note": [_("At most 500 characters.")]})
    if RoundResponse.objects.filter(round=round_, person=person).exists():
        raise MonitoringInvalid({"person": [_("An answer is already recorded for this record.")]})
    response = RoundResponse.objects.create(
        round=round_, person=person, kind=ResponseKind.NO_CHANGE, note=note.strip(), recorded_by=acting_user
    )
    record_event(
        AuditAction.REVIEW_ROUND_ANSWERED,
        actor=acting_user,
        person=person,
        unit=person.employing_unit,
        target=round_,
        detail={"round": str(round_.uid), "answer": response.kind},
        channel=channel,
    )
    return response
