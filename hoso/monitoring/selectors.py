"""Reads of deadlines, dashboards and review rounds, scoped by the one access policy.

Deadlines are the dates stored on each change set when it was started or forwarded (`entry_due`, `approval_due`,
computed once from the working-day calendar: formats.md §8.2), so a later calendar edit never moves a past deadline.
Overdue means today is after the stored date (REQ-042, REQ-059). Every figure is one aggregate query over the rows
the user may reach; nothing is counted per unit in Python, so the cost does not grow with the number of units.
"""

import calendar as month_calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import RoleAssignment, User
from hoso.monitoring.enums import NotificationKind
from hoso.monitoring.models import Notification, ReviewRound, RoundResponse, RoundUnit
from hoso.organisations.models import OrgUnit
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person
from hoso.people.selectors import change_sets_visible_to, people_for, people_visible_to

S = ChangeSetStatus
# Still being entered: the entry deadline (15 working days of the event, 30 of the hiring decision) runs.
ENTRY_OPEN = (S.DRAFT, S.RETURNED)
# Entered and waiting for the unit: review, then approval in the monthly window.
IN_PROGRESS = (S.SUBMITTED, S.FORWARDED)
LIST_LIMIT = 50

# Who sees a unit's dashboard: its reports, its approver, its reviewer (task brief; REQ-053).
UNIT_DASHBOARD_CAPABILITIES = (Capability.VIEW_REPORTS, Capability.APPROVE, Capability.REVIEW)
# Who may launch a review round over a unit: the province's and the unit's administrators and the officers and
# heads who check changes there (REQ-038: "a parent unit or the Department of Home Affairs").
ROUND_LAUNCH_CAPABILITIES = (Capability.MANAGE_UNITS, Capability.MANAGE_ACCOUNTS, Capability.REVIEW)
# Who follows a round's progress on a unit (besides the staff asked, who see their own answer).
ROUND_FOLLOW_CAPABILITIES = (*ROUND_LAUNCH_CAPABILITIES, Capability.EDIT_RECORD, Capability.VIEW_REPORTS)


def month_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of `day`'s month and of the next one, in the local time zone."""
    first = day.replace(day=1)
    last = day.replace(day=month_calendar.monthrange(day.year, day.month)[1])
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def overdue_entry_q(today: datetime.date) -> Q:
    return Q(status__in=ENTRY_OPEN, entry_due__lt=today)


def overdue_approval_q(today: datetime.date) -> Q:
    return Q(status__in=IN_PROGRESS, approval_due__lt=today)


def overdue_q(today: datetime.date) -> Q:
    return overdue_entry_q(today) | overdue_approval_q(today)


# --- Deadlines ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One change set with its deadline, as a list shows it."""

    change_set: ChangeSet
    due: datetime.date | None
    overdue: bool

    @property
    def days_left(self) -> int | None:
        if self.due is None:
            return None
        return (self.due - timezone.localdate()).days


def _items(change_sets: Iterable[ChangeSet], today: datetime.date, *, approval: bool) -> list[DueItem]:
    items = []
    for change_set in change_sets:
        due = change_set.approval_due if approval else change_set.entry_due
        items.append(DueItem(change_set, due, due is not None and today > due))
    return items


@dataclass(frozen=True)
class PersonDeadlines:
    """What a user has to finish: their drafts and the change sets returned to them, against `entry_due`."""

    items: list[DueItem]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def deadlines_for_person(user: User, *, today: datetime.date | None = None) -> PersonDeadlines:
    """The user's own drafts and returned change sets, soonest deadline first (one query)."""
    today = today or timezone.localdate()
    rows = (
        change_sets_visible_to(user)
        .filter(created_by=user, status__in=ENTRY_OPEN)
        .order_by(F("entry_due").asc(nulls_last=True), "-created_at")[:LIST_LIMIT]
    )
    return PersonDeadlines(_items(rows, today, approval=False))


@dataclass(frozen=True)
class UnitFigures:
    """A unit's pending work and what is late (REQ-041/042/053)."""

    drafts: int = 0
    returned: int = 0
    waiting_review: int = 0
    waiting_approval: int = 0
    overdue_entries: int = 0
    overdue_approvals: int = 0
    overdue_new_records: int = 0  # new records not approved 30 working days after the hiring decision (REQ-041)
    approved_this_month: int = 0
    approved_on_time: int = 0

    @property
    def pending(self) -> int:
        return self.drafts + self.returned + self.waiting_review + self.waiting_approval

    @property
    def overdue(self) -> int:
        return self.overdue_entries + self.overdue_approvals

    @property
    def approved_late(self) -> int:
        return self.approved_this_month - self.approved_on_time

    def as_dict(self) -> dict[str, int]:
        names = (
            "drafts",
            "returned",
            "waiting_review",
            "waiting_approval",
            "overdue_entries",
            "overdue_approvals",
            "overdue_new_records",
            "approved_this_month",
            "approved_on_time",
            "approved_late",
            "pending",
            "overdue",
        )
        return {name: getattr(self, name) for name in names}


def on_time_q() -> Q:
    """Approved on time: on or before the window's deadline stored with the change set (or with no deadline)."""
    return Q(approval_due__isnull=True) | Q(applied_day__lte=F("approval_due"))


def figure_annotations(today: datetime.date) -> dict[str, Count]:
    """The counts of `UnitFigures`, as conditional aggregates over change sets annotated with `applied_day`."""
    start, end = month_bounds(today)
    applied = Q(status=S.APPLIED, applied_at__gte=start, applied_at__lt=end)
    return {
        "drafts": Count("pk", filter=Q(status=S.DRAFT)),
        "returned": Count("pk", filter=Q(status=S.RETURNED)),
        "waiting_review": Count("pk", filter=Q(status=S.SUBMITTED)),
        "waiting_approval": Count("pk", filter=Q(status=S.FORWARDED)),
        "overdue_entries": Count("pk", filter=overdue_entry_q(today)),
        "overdue_approvals": Count("pk", filter=overdue_approval_q(today)),
        "overdue_new_records": Count(
            "pk", filter=Q(person__isnull=True) & Q(status__in=(*ENTRY_OPEN, *IN_PROGRESS), entry_due__lt=today)
        ),
        "approved_this_month": Count("pk", filter=applied),
        "approved_on_time": Count("pk", filter=applied & on_time_q()),
    }


def _with_applied_day(change_sets: QuerySet[ChangeSet]) -> QuerySet[ChangeSet]:
    return change_sets.annotate(applied_day=TruncDate("applied_at", tzinfo=timezone.get_current_timezone()))


def unit_figures(change_sets: QuerySet[ChangeSet], *, today: datetime.date | None = None) -> UnitFigures:
    """The figures of these (already scoped) change sets: one aggregate query."""
    today = today or timezone.localdate()
    totals = _with_applied_day(change_sets).order_by().aggregate(**figure_annotations(today))
    return UnitFigures(**totals)


def figures_by_unit(change_sets: QuerySet[ChangeSet], *, today: datetime.date | None = None) -> dict[int, UnitFigures]:
    """The figures of each unit (the change set's unit), from one GROUP BY query."""
    today = today or timezone.localdate()
    rows = _with_applied_day(change_sets).order_by().values("unit_id").annotate(**figure_annotations(today))
    figures: dict[int, UnitFigures] = {}
    for row in rows:
        counts: dict[str, Any] = dict(row)
        unit_id = counts.pop("unit_id")
        figures[unit_id] = UnitFigures(**counts)
    return figures


def unit_change_sets(user: User, unit: OrgUnit) -> QuerySet[ChangeSet]:
    """The change sets of `unit` and its sub-units that the user may open."""
    return change_sets_visible_to(user).filter(unit__path__startswith=unit.path)


def overdue_items(change_sets: QuerySet[ChangeSet], *, today: datetime.date | None = None) -> list[DueItem]:
    """The late change sets, oldest deadline first (one query, at most LIST_LIMIT)."""
    today = today or timezone.localdate()
    rows = change_sets.filter(overdue_q(today)).select_related("person", "unit").order_by("entry_due", "approval_due")
    items = []
    for change_set in rows[:LIST_LIMIT]:
        approval = change_set.status in IN_PROGRESS
        items.extend(_items([change_set], today, approval=approval))
    return items


@dataclass(frozen=True)
class HeadDeadlines:
    """What waits for a head's approval, and the approval window it must be approved in (REQ-053)."""

    items: list[DueItem]
    window: Any  # hoso.workdays.calendar.Window: the window open today, or the next one
    window_open: bool

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def change_sets_to_approve(user: User) -> QuerySet[ChangeSet]:
    """Change sets forwarded for approval on records (or new records of units) where the user approves."""
    condition = policy.person_q(user, Capability.APPROVE)
    if condition is None:
        return ChangeSet.objects.none()
    units = policy.unit_q(user, Capability.APPROVE, prefix="unit__")
    scope = Q(person__in=Person.objects.filter(condition).values("pk"))
    if units is not None:
        scope |= Q(person__isnull=True) & units
    return change_sets_visible_to(user).filter(scope, status=S.FORWARDED)


def deadlines_for_head(user: User, *, today: datetime.date | None = None) -> HeadDeadlines:
    from hoso.workdays import calendar

    today = today or timezone.localdate()
    rows = (
        change_sets_to_approve(user)
        .select_related("person", "unit")
        .order_by(F("approval_due").asc(nulls_last=True), "forwarded_at")[:LIST_LIMIT]
    )
    window = calendar.next_window(today)
    return HeadDeadlines(_items(rows, today, approval=True), window, window.contains(today))


# --- Dashboards -----------------------------------------------------------------------------------------------


def can_view_unit_dashboard(user: User, unit: OrgUnit) -> bool:
    return any(policy.has_capability(user, capability, unit) for capability in UNIT_DASHBOARD_CAPABILITIES)


def dashboard_unit_ids(user: User) -> list[int]:
    """The units of the user's own grants that open a unit dashboard (the links on the deadlines page)."""
    capabilities = set(UNIT_DASHBOARD_CAPABILITIES)
    return sorted(
        {
            grant.unit_id
            for grant in policy.access_of(user).grants
            if grant.unit_id is not None and grant.capabilities & capabilities
        }
    )


def can_view_province_dashboard(user: User) -> bool:
    return policy.has_capability_province_wide(user, Capability.VIEW_REPORTS)


@dataclass(frozen=True)
class UnitDashboard:
    unit: OrgUnit
    figures: UnitFigures
    overdue: list[DueItem]
    completeness: tuple[int, int] | None  # (filled, required) over the unit's people in the user's scope

    @property
    def completeness_percent(self) -> int | None:
        if not self.completeness or not self.completeness[1]:
            return None
        return round(100 * self.completeness[0] / self.completeness[1])


def unit_dashboard(user: User, unit: OrgUnit, *, today: datetime.date | None = None) -> UnitDashboard:
    """A unit's pending, overdue and approved-this-month change sets and its completeness (a fixed number of
    queries: the figures, the late list, the completeness)."""
    from hoso.quality.selectors import completeness_of

    today = today or timezone.localdate()
    change_sets = unit_change_sets(user, unit)
    people = people_for(user, Capability.VIEW_RECORD).filter(employing_unit__path__startswith=unit.path)
    filled, required, _records = completeness_of(people)
    return UnitDashboard(
        unit=unit,
        figures=unit_figures(change_sets, today=today),
        overdue=overdue_items(change_sets, today=today),
        completeness=(filled, required),
    )


class Timeliness:
    ON_TIME = "ON_TIME"
    LATE = "LATE"
    NONE = "NONE"


@dataclass(frozen=True)
class UnitRow:
    """One unit on the Department's dashboard."""

    unit: OrgUnit
    figures: UnitFigures
    completeness: tuple[int, int] | None

    @property
    def timeliness(self) -> str:
        if not self.figures.approved_this_month:
            return Timeliness.NONE
        return Timeliness.LATE if self.figures.approved_late else Timeliness.ON_TIME

    @property
    def completeness_percent(self) -> int | None:
        if not self.completeness or not self.completeness[1]:
            return None
        return round(100 * self.completeness[0] / self.completeness[1])


@dataclass(frozen=True)
class ProvinceDashboard:
    month: datetime.date
    rows: list[UnitRow]
    completeness: tuple[int, int]
    totals: UnitFigures = field(default_factory=UnitFigures)

    @property
    def not_approved(self) -> list[UnitRow]:
        """Units that approved nothing this month (REQ-053: the Department follows up)."""
        return [row for row in self.rows if row.timeliness == Timeliness.NONE]

    @property
    def completeness_percent(self) -> int | None:
        return round(100 * self.completeness[0] / self.completeness[1]) if self.completeness[1] else None


def province_dashboard(*, today: datetime.date | None = None) -> ProvinceDashboard:
    """Every unit existing today: this month's timeliness and completeness (four queries whatever the number of
    units: the units, the figures grouped by unit, the completeness grouped by unit, the province's completeness).

    Only for holders of province-wide VIEW_REPORTS (`can_view_province_dashboard`): it reads the whole province.
    """
    from hoso.quality.selectors import completeness_by_unit, completeness_for_province

    today = today or timezone.localdate()
    units = list(OrgUnit.objects.valid_on(today).order_by("path"))
    figures = figures_by_unit(ChangeSet.objects.all(), today=today)
    completeness = completeness_by_unit([unit.pk for unit in units])
    rows = [UnitRow(unit, figures.get(unit.pk, UnitFigures()), completeness.get(unit.pk)) for unit in units]
    totals = UnitFigures(
        **{name: sum(getattr(figure, name) for figure in figures.values()) for name in UnitFigures.__dataclass_fields__}
    )
    return ProvinceDashboard(today.replace(day=1), rows, completeness_for_province(), totals)


# --- Notifications --------------------------------------------------------------------------------------------


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_for(user: User, uid: Any) -> Notification | None:
    return Notification.objects.filter(recipient=user, uid=uid).first()


# --- Review rounds --------------------------------------------------------------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and of every unit above it ("000001.000002." → ["000001.", "000001.000002."])."""
    parts = [part for part in path.split(".") if part]
    return [".".join(parts[: index + 1]) + "." for index in range(len(parts))]


def _scope_touches(path: str, *, include_subunits: bool) -> Q:
    """Rounds whose scope concerns the subtree (or only the unit) at `path`: a scope unit inside it, or a scope
    that reaches down to it."""
    reaches = Q(scope__unit__path=path) | (
        Q(scope__include_subunits=True) & Q(scope__unit__path__in=_ancestor_paths(path))
    )
    if include_subunits:
        return Q(scope__unit__path__startswith=path) | reaches
    return reaches


def rounds_visible_to(user: User) -> QuerySet[ReviewRound]:
    """The rounds a user may open: those touching a unit where they follow records, and those asking them."""
    if not user.is_authenticated:
        return ReviewRound.objects.none()
    condition = Q(launched_by=user)
    for grant in policy.access_of(user).grants:
        if not grant.capabilities & set(ROUND_FOLLOW_CAPABILITIES):
            continue
        if grant.province_wide:
            return ReviewRound.objects.all()
        condition |= _scope_touches(grant.unit_path, include_subunits=grant.include_subunits)
    own = Person.objects.filter(account=user).select_related("employing_unit").first()
    if own is not None:
        condition |= _scope_touches(own.employing_unit.path, include_subunits=False)
    matching = ReviewRound.objects.filter(condition).values("pk")
    return ReviewRound.objects.filter(pk__in=matching)


def round_for(user: User, uid: Any) -> ReviewRound | None:
    return rounds_visible_to(user).filter(uid=uid).first()


def can_launch_round_on(user: User, unit: OrgUnit) -> bool:
    return any(policy.has_capability(user, capability, unit) for capability in ROUND_LAUNCH_CAPABILITIES)


def can_launch_rounds(user: User) -> bool:
    held = policy.capabilities_of(user)
    return any(capability in held for capability in ROUND_LAUNCH_CAPABILITIES)


def units_for_round_launch(user: User) -> QuerySet[OrgUnit]:
    """The units the user may put in a round's scope."""
    condition: Q | None = None
    for capability in ROUND_LAUNCH_CAPABILITIES:
        part = policy.unit_q(user, capability)
        if part is not None and not part:
            return OrgUnit.objects.all()
        if part is not None:
            condition = part if condition is None else condition | part
    if condition is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(condition)


def round_scope_q(round_: ReviewRound, scope: Iterable[RoundUnit] | None = None, prefix: str = "") -> Q:
    """A condition on Person (fields under `prefix`) for the people a round asks: employed in a unit in scope."""
    condition = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for item in scope if scope is not None else round_.scope.select_related("unit"):
        if item.include_subunits:
            condition |= Q(**{f"{prefix}employing_unit__path__startswith": item.unit.path})
        else:
            condition |= Q(**{f"{prefix}employing_unit_id": item.unit_id})
    return condition


def answered_annotations(round_: ReviewRound) -> dict[str, Exists]:
    """Whether each person answered: a recorded answer, or a change set submitted since the round started."""
    start = timezone.make_aware(datetime.datetime.combine(round_.starts_on, datetime.time.min))
    return {
        "responded": Exists(RoundResponse.objects.filter(round=round_, person=OuterRef("pk"))),
        "submitted": Exists(
            ChangeSet.objects.filter(person=OuterRef("pk"), submitted_at__gte=start).exclude(status=S.WITHDRAWN)
        ),
    }


def round_people(user: User, round_: ReviewRound) -> QuerySet[Person]:
    """The people the round asks that the user may see, each annotated with `responded` and `submitted`."""
    from hoso.quality.selectors import current_people_q

    return (
        people_visible_to(user)
        .filter(round_scope_q(round_))
        .filter(current_people_q())
        .annotate(**answered_annotations(round_))
    )


@dataclass(frozen=True)
class UnitProgress:
    unit: OrgUnit
    people: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.people) if self.people else None


@dataclass(frozen=True)
class RoundProgress:
    units: list[UnitProgress]

    @property
    def people(self) -> int:
        return sum(unit.people for unit in self.units)

    @property
    def answered(self) -> int:
        return sum(unit.answered for unit in self.units)

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.people) if self.people else None


def round_progress(user: User, round_: ReviewRound) -> RoundProgress:
    """Per employing unit: people in scope (that the user may see) and how many answered. One GROUP BY query plus
    one for the units' names."""
    rows = list(
        round_people(user, round_)
        .order_by()
        .values("employing_unit_id")
        .annotate(
            people=Count("pk"),
            answered=Count("pk", filter=Q(responded=True) | Q(submitted=True)),
        )
        .values_list("employing_unit_id", "people", "answered")
    )
    units = OrgUnit.objects.in_bulk([unit_id for unit_id, _people, _answered in rows])
    progress = [UnitProgress(units[unit_id], people, answered) for unit_id, people, answered in rows]
    progress.sort(key=lambda item: item.unit.path)
    return RoundProgress(progress)


def unanswered_people(user: User, round_: ReviewRound, *, limit: int = LIST_LIMIT) -> list[Person]:
    """People who have not answered yet and on whose record the user enters changes (the officer's to-do)."""
    condition = policy.person_q(user, Capability.EDIT_RECORD)
    if condition is None:
        return []
    return list(
        round_people(user, round_)
        .filter(condition)
        .filter(Q(responded=False), Q(submitted=False))
        .select_related("employing_unit")
        .order_by("name_sort_key", "pk")[:limit]
    )


def own_round_person(user: User, round_: ReviewRound) -> Person | None:
    """The user's own record when the round asks it, annotated with whether it was answered."""
    if not user.is_authenticated:
        return None
    return round_people(user, round_).filter(account=user).first()


def can_respond(user: User, person: Person) -> bool:
    """The employee on their own record, or whoever enters changes on it (REQ-038, REQ-039/040)."""
    return policy.is_own_record(user, person) or policy.can(user, Capability.EDIT_RECORD, person)


def active_rounds(today: datetime.date) -> QuerySet[ReviewRound]:
    return ReviewRound.objects.filter(starts_on__lte=today, deadline__gte=today)


# --- Who is reminded (background jobs: no request user) -------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """An active user and one of their role assignments as a policy grant, matched against units by the policy."""

    user: User
    grant: policy.Grant

    @property
    def capabilities(self) -> frozenset[str]:
        return self.grant.capabilities

    @property
    def unit_id(self) -> int | None:
        return self.grant.unit_id

    def covers(self, unit: OrgUnit) -> bool:
        return self.grant.covers(unit.pk, unit.path)


def holders_in_force(today: datetime.date) -> list[Holder]:
    """Every role assignment in force today of an active account (one query, bounded by the accounts).

    Delegations are left out: a delegate acts for the head, who is still the one reminded.
    """
    rows = RoleAssignment.objects.in_force(today).filter(user__is_active=True).select_related("user", "unit")
    return [
        Holder(
            user=row.user,
            grant=policy.Grant(
                capabilities=frozenset(row.capabilities),
                unit_id=row.unit_id,
                unit_path=row.unit.path if row.unit is not None else "",
                include_subunits=row.include_subunits,
            ),
        )
        for row in rows
    ]


def reminder_kinds() -> list[str]:
    return list(NotificationKind.values)
