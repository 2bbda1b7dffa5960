"""Reads of the audit log that carry rules: whose entries a user may see, the usage summary, and the entries
about an employee's own record.

Scope: an auditor (Capability.VIEW_AUDIT) sees the entries whose unit, or whose actor's unit, lies in the units
where they hold that capability (sub-units included when the role includes them). Only a province-wide auditor
(the Department of Home Affairs) also sees entries tied to no unit: failed sign-ins with unknown usernames,
commands, accounts without a unit.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from hoso.audit.enums import CHANGE_ACTIONS, EXPORT_ACTIONS, LOGIN_ACTIONS, SUBJECT_ACTIONS, VIEW_ACTIONS
from hoso.audit.models import AuditEntry

if TYPE_CHECKING:
    from hoso.accounts.models import User
    from hoso.organisations.models import OrgUnit
    from hoso.people.models import Person

SUMMARY_ROWS = 50


@dataclass(frozen=True)
class UsageFilter:
    unit: "OrgUnit | None" = None
    account: str = ""
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filters as an audit detail (for AUDIT_VIEWED)."""
        detail: dict[str, Any] = {}
        if self.unit is not None:
            detail["unit"] = str(self.unit.uid)
        if self.account:
            detail["account"] = self.account
        if self.action:
            detail["action"] = self.action
        if self.date_from:
            detail["from"] = self.date_from.isoformat()
        if self.date_to:
            detail["to"] = self.date_to.isoformat()
        return detail


@dataclass(frozen=True)
class SummaryRow:
    key: Any
    label: str
    username: str
    logins: int
    changes: int
    views: int
    exports: int
    total: int


def audit_scope(user: "User") -> Q | None:
    """A condition on AuditEntry for what the user may see in the usage log; None when nothing."""
    from hoso.accounts.enums import Capability
    from hoso.accounts.policy import scope_unit_ids, unit_q

    units = unit_q(user, Capability.VIEW_AUDIT)
    if units is None:
        return None
    if not units:  # province-wide
        return Q()
    in_scope = scope_unit_ids(user, Capability.VIEW_AUDIT, units)  # the policy's own scope, read once per request
    return Q(unit_id__in=in_scope) | Q(actor_unit_id__in=in_scope)


def audit_units(user: "User") -> QuerySet["OrgUnit"]:
    """The units an auditor may filter by, in tree order."""
    from hoso.accounts.enums import Capability
    from hoso.accounts.policy import units_for

    return units_for(user, Capability.VIEW_AUDIT).order_by("path")


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(user: "User", filters: UsageFilter) -> QuerySet[AuditEntry]:
    scope = audit_scope(user)
    if scope is None:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.filter(scope)
    if filters.unit is not None:
        path = filters.unit.path
        entries = entries.filter(Q(unit__path__startswith=path) | Q(actor_unit__path__startswith=path))
    if filters.account:
        entries = entries.filter(actor_username__iexact=filters.account)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.date_from is not None:
        entries = entries.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        entries = entries.filter(at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    return entries


def usage_entries(user: "User", filters: UsageFilter) -> QuerySet[AuditEntry]:
    """The entries of the usage log page, newest first, with the actor's unit fetched."""
    return _filtered(user, filters).select_related("actor_unit").order_by("-sequence")


def _count(actions: frozenset[str]) -> Count:
    return Count("pk", filter=Q(action__in=actions))


def usage_by_unit(user: "User", filters: UsageFilter) -> list[SummaryRow]:
    """Use of the system per unit of the acting account, busiest first (one aggregate query)."""
    rows = (
        _filtered(user, filters)
        .values("actor_unit_id", "actor_unit__name")
        .annotate(
            logins=_count(LOGIN_ACTIONS),
            changes=_count(CHANGE_ACTIONS),
            views=_count(VIEW_ACTIONS),
            exports=_count(EXPORT_ACTIONS),
            total=Count("pk"),
        )
        .order_by("-total", "actor_unit__name")[:SUMMARY_ROWS]
    )
    return [
        SummaryRow(
            key=row["actor_unit_id"],
            label=row["actor_unit__name"] or "",
            username="",
            logins=row["logins"],
            changes=row["changes"],
            views=row["views"],
            exports=row["exports"],
            total=row["total"],
        )
        for row in rows
    ]


def usage_by_account(user: "User", filters: UsageFilter) -> list[SummaryRow]:
    """Use of the system per account, busiest first (one aggregate query)."""
    rows = (
        _filtered(user, filters)
        .filter(actor__isnull=False)
        .values("actor_id")
        .annotate(
            username=Max("actor_username"),
            name=Max("actor_name"),
            logins=_count(LOGIN_ACTIONS),
            changes=_count(CHANGE_ACTIONS),
            views=_count(VIEW_ACTIONS),
            exports=_count(EXPORT_ACTIONS),
            total=Count("pk"),
        )
        .order_by("-total", "username")[:SUMMARY_ROWS]
    )
    return [
        SummaryRow(
            key=row["actor_id"],
            label=row["name"] or row["username"],
            username=row["username"],
            logins=row["logins"],
            changes=row["changes"],
            views=row["views"],
            exports=row["exports"],
            total=row["total"],
        )
        for row in rows
    ]


def own_person(user: "User") -> "Person | None":
    """The personal record linked to this account, if any."""
    from hoso.people.models import Person

    return Person.objects.filter(account=user).only("pk", "uid", "full_name").first()


def entries_about(person: "Person") -> QuerySet[AuditEntry]:
    """Who viewed, exported, printed or changed this person's record, newest first (the data subject's view)."""
    return (
        AuditEntry.objects.filter(person=person, action__in=SUBJECT_ACTIONS)
        .select_related("actor_unit")
        .order_by("-sequence")
    )
