"""Who approves whom: the province's rule table applied to change sets (REQ-006, REQ-050, REQ-051, REQ-052).

`approvers_for(change_sets)` decides, for many change sets at once, the approving unit and how an approval
right must reach it; `authority(user, approver, person)` says whether a user holds that right, in their own
name or by a delegation (ủy quyền), and on whose behalf. The cost is a fixed handful of queries whatever the
number of change sets: the rules, the ancestors of every unit involved (read from the materialised paths)
and the management listings, each in one query; the user's grants once per request.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from hoso.accounts.enums import Capability
from hoso.accounts.models import Delegation, RoleAssignment, User
from hoso.approvals.enums import ApproverTarget
from hoso.approvals.models import ApprovalRule, ManagementListing
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import OrgUnit, path_ids
from hoso.people.models import ChangeSet

GRANTS_ATTRIBUTE = "_hoso_approve_grants"


@dataclass(frozen=True, slots=True)
class Approver:
    """Where one change set's approval goes: a unit, and whether the right must be held on that unit itself.

    `exact`: only an APPROVE grant on the unit itself (or province-wide) counts, so the head of a parent unit
    does not approve the staff of its subordinate units (An Giang: "không bao gồm cơ quan trực thuộc").
    Otherwise any APPROVE grant covering the unit counts (a grant on an ancestor with its sub-units).
    """

    unit: OrgUnit
    exact: bool
    rule: ApprovalRule | None


@dataclass(frozen=True, slots=True)
class ApproveGrant:
    unit_id: int | None
    unit_path: str
    include_subunits: bool
    delegator_id: int | None  # None: the user's own role; else the right is exercised on behalf of this user

    def reaches(self, unit: OrgUnit, *, exact: bool) -> bool:
        if self.unit_id is None:
            return True
        if exact:
            return self.unit_id == unit.pk
        if self.include_subunits:
            return unit.path.startswith(self.unit_path)
        return self.unit_id == unit.pk


@dataclass(frozen=True, slots=True)
class Authority:
    allowed: bool
    on_behalf_of_id: int | None = None


def _staff_kind(change_set: ChangeSet) -> str:
    value = (change_set.proposed or {}).get("person", {}).get("staff_kind")
    return str(value) if value else ""


def _matches(rule: ApprovalRule, change_set: ChangeSet, listed: set[str]) -> bool:
    if rule.staff_kinds and _staff_kind(change_set) not in rule.staff_kinds:
        return False
    if rule.unit_kinds and change_set.unit.kind not in rule.unit_kinds:
        return False
    return not (rule.management_list and rule.management_list not in listed)


def active_rules() -> list[ApprovalRule]:
    return list(ApprovalRule.objects.filter(is_active=True).select_related("target_unit").order_by("order", "pk"))


def _listings(person_ids: set[int], day: datetime.date) -> dict[int, set[str]]:
    listed: dict[int, set[str]] = {}
    if not person_ids:
        return listed
    rows = (
        ManagementListing.objects.filter(person_id__in=person_ids, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("person_id", "management_list")
    )
    for person_id, name in rows:
        listed.setdefault(person_id, set()).add(name)
    return listed


def approvers_for(change_sets: Iterable[ChangeSet], rules: list[ApprovalRule] | None = None) -> dict[int, Approver]:
    """The approver of each change set (by pk). Change sets must come with their `unit` loaded.

    The first active rule that matches decides; with no match (or no rules loaded) any APPROVE grant covering
    the employing unit counts, which is the access policy's own reading.
    """
    items = list(change_sets)
    rules = active_rules() if rules is None else rules
    today = timezone.localdate()
    needs_listings = any(rule.management_list for rule in rules)
    listed = _listings({cs.person_id for cs in items if cs.person_id}, today) if needs_listings else {}
    needs_ancestors = any(rule.target in (ApproverTarget.NEAREST_ANCESTOR, ApproverTarget.OWN_UNIT) for rule in rules)
    ancestors: dict[int, OrgUnit] = {}
    if needs_ancestors:
        wanted = {pk for cs in items for pk in path_ids(cs.unit.path)}
        ancestors = {unit.pk: unit for unit in OrgUnit.objects.filter(pk__in=wanted)}
    result: dict[int, Approver] = {}
    for cs in items:
        rule = next((r for r in rules if _matches(r, cs, listed.get(cs.person_id or 0, set()))), None)
        result[cs.pk] = _approver(cs, rule, ancestors)
    return result


def _approver(change_set: ChangeSet, rule: ApprovalRule | None, ancestors: dict[int, OrgUnit]) -> Approver:
    unit = change_set.unit
    if rule is None or rule.target == ApproverTarget.ANY_ANCESTOR:
        return Approver(unit, exact=False, rule=rule)
    if rule.target == ApproverTarget.OWN_UNIT:
        # An internal section (phòng, ban) is part of its agency: the agency's head approves its staff.
        for pk in reversed(path_ids(unit.path)):
            candidate = ancestors.get(pk)
            if candidate is not None and candidate.kind != OrgUnitKind.INTERNAL_SECTION:
                return Approver(candidate, exact=True, rule=rule)
        return Approver(unit, exact=True, rule=rule)
    if rule.target == ApproverTarget.FIXED_UNIT:
        if rule.target_unit is None:  # not configured: nobody but a province-wide approver
            return Approver(unit, exact=True, rule=rule)
        return Approver(rule.target_unit, exact=True, rule=rule)
    # NEAREST_ANCESTOR: the unit itself or the closest unit above it of the given kinds (none: the unit itself,
    # e.g. a commune after the district level ended on 30/06/2025)
    for pk in reversed(path_ids(unit.path)):
        candidate = ancestors.get(pk)
        if candidate is not None and candidate.kind in rule.target_unit_kinds:
            return Approver(candidate, exact=True, rule=rule)
    return Approver(unit, exact=True, rule=rule)


def approver_for(change_set: ChangeSet) -> Approver:
    return approvers_for([change_set])[change_set.pk]


# --- the user's approval rights ---------------------------------------------------------------------------------


def delegating_approval_allowed() -> bool:
    return Capability.APPROVE in set(getattr(settings, "HOSO_DELEGABLE_CAPABILITIES", []))


def approve_grants(user: Any) -> list[ApproveGrant]:
    """The user's APPROVE rights in force today: their own roles, then delegations received (REQ-052).

    A delegation counts only where the province lets approval be delegated (HOSO_DELEGABLE_CAPABILITIES), and
    ends by itself on its end date. Kept on the user object for the request.
    """
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return []
    today = timezone.localdate()
    cached = getattr(user, GRANTS_ATTRIBUTE, None)
    if cached is not None and cached[0] == today:
        return list(cached[1])
    grants: list[ApproveGrant] = []
    own = RoleAssignment.objects.in_force(today).filter(user=user).select_related("unit")
    grants.extend(_grant(a, None) for a in own if Capability.APPROVE in a.capabilities)
    if delegating_approval_allowed():
        delegators = [
            delegator_id
            for delegator_id, capabilities in Delegation.objects.in_force(today)
            .filter(delegate=user, delegator__is_active=True)
            .values_list("delegator_id", "capabilities")
            if Capability.APPROVE in (capabilities or [])
        ]
        if delegators:
            source = RoleAssignment.objects.in_force(today).filter(user_id__in=delegators).select_related("unit")
            grants.extend(_grant(a, a.user_id) for a in source if Capability.APPROVE in a.capabilities)
    setattr(user, GRANTS_ATTRIBUTE, (today, tuple(grants)))
    return grants


def forget(user: Any) -> None:
    if hasattr(user, GRANTS_ATTRIBUTE):
        delattr(user, GRANTS_ATTRIBUTE)


def _grant(assignment: RoleAssignment, delegator_id: int | None) -> ApproveGrant:
    unit = assignment.unit
    return ApproveGrant(
        unit_id=unit.pk if unit is not None else None,
        unit_path=unit.path if unit is not None else "",
        include_subunits=assignment.include_subunits,
        delegator_id=delegator_id,
    )


def authority(user: User, approver: Approver, person_account_id: int | None) -> Authority:
    """Whether `user` may approve for `approver`, in their own name first, else on behalf of a delegator.

    Nobody approves their own record, neither in their own name nor as a delegate of the person (§5.8).
    """
    if person_account_id is not None and person_account_id == user.pk:
        return Authority(False)
    delegated: int | None = None
    for grant in approve_grants(user):
        if not grant.reaches(approver.unit, exact=approver.exact):
            continue
        if grant.delegator_id is None:
            return Authority(True)
        if grant.delegator_id != person_account_id and delegated is None:
            delegated = grant.delegator_id
    if delegated is not None:
        return Authority(True, delegated)
    return Authority(False)
