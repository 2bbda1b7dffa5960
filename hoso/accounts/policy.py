"""The one access policy: may this user do X to this object, and which objects may this user do X to?

Every view, API operation, search, list, export, print, report and background job asks here (directly or through
the selectors built on it); nothing else decides access.

A user's rights are *grants*: the role assignments in force today (a role's capabilities on a unit, with or without
its sub-units, or on the whole province), the delegations received (ủy quyền: some of the delegator's capabilities on
the delegator's units, for a period), and written-consent grants (REQ-020: one person's record, for a period). Every
user may also read their own record in full (REQ-020, R-08).

Scopes are SQL conditions built from the handful of grants a user holds: a unit subtree is `path LIKE 'prefix%'`
on the materialised path, never a list of the people or units in it, so the cost does not grow with the province.
Grants are read once per request (two small queries) and kept on the user object; revoking a role therefore takes
effect at the user's next request, open sessions included.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Final

from django.conf import settings
from django.db.models import JSONField, Q, QuerySet, Value
from django.utils import timezone

from hoso.accounts.enums import OWN_RECORD_CAPABILITIES, TWO_FACTOR_CAPABILITIES, Capability
from hoso.accounts.models import ConsentGrant, Delegation, RoleAssignment, User
from hoso.organisations.models import OrgUnit

# Restriction levels (people.enums.RestrictionLevel, whose values these are): the policy answers with the highest
# level a user may read on a record; -1 means the record is out of reach.
NO_ACCESS: Final = -1
ORDINARY, PERSONAL, SENSITIVE, SECRET = 0, 1, 2, 3
CLEARANCE_BY_CAPABILITY: Final = {
    Capability.VIEW_SECRET: SECRET,
    Capability.VIEW_SENSITIVE: SENSITIVE,
    Capability.VIEW_RECORD: PERSONAL,
}
CACHE_ATTRIBUTE: Final = "_hoso_access"
SCOPE_CACHE_ATTRIBUTE: Final = "_hoso_scope_units"


@dataclass(frozen=True, slots=True)
class Grant:
    """Capabilities held on a unit (with or without its sub-units), or on the province when `unit_id` is None."""

    capabilities: frozenset[str]
    unit_id: int | None
    unit_path: str
    include_subunits: bool

    @property
    def province_wide(self) -> bool:
        return self.unit_id is None

    def covers(self, unit_id: int | None, unit_path: str) -> bool:
        if self.unit_id is None:
            return True
        if unit_id is None:
            return False
        if self.include_subunits:
            return unit_path.startswith(self.unit_path)
        return unit_id == self.unit_id

    def unit_condition(self, prefix: str = "") -> Q:
        if self.include_subunits:
            return Q(**{f"{prefix}path__startswith": self.unit_path})
        return Q(**{f"{prefix}pk": self.unit_id})


@dataclass(frozen=True, slots=True)
class Access:
    day: datetime.date
    grants: tuple[Grant, ...]
    consents: dict[int, bool]  # person id → include sensitive data


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _delegable() -> set[str]:
    return set(getattr(settings, "HOSO_DELEGABLE_CAPABILITIES", [c.value for c in Capability]))


def _load(user: User, day: datetime.date) -> Access:
    grants: list[Grant] = []
    own = RoleAssignment.objects.in_force(day).filter(user=user).select_related("unit")
    for assignment in own:
        grants.append(_grant(assignment, frozenset(assignment.capabilities)))
    delegable = _delegable()
    delegations: list[tuple[int, list[str]]] = []
    consents: dict[int, bool] = {}
    for kind, other_id, capabilities, sensitive in _delegations_and_consents(user, day):
        if kind == DELEGATION_ROW:
            delegations.append((other_id, capabilities or []))
        else:
            consents[other_id] = consents.get(other_id, False) or bool(sensitive)
    if delegations:
        delegated: dict[int, set[str]] = {}
        for delegator_id, capabilities in delegations:
            delegated.setdefault(delegator_id, set()).update(set(capabilities) & delegable)
        source = RoleAssignment.objects.in_force(day).filter(user_id__in=delegated).select_related("unit")
        for assignment in source:
            shared = frozenset(set(assignment.capabilities) & delegated[assignment.user_id])
            if shared:
                grants.append(_grant(assignment, shared))
    return Access(day, tuple(grants), consents)


DELEGATION_ROW, CONSENT_ROW = 1, 2


def _delegations_and_consents(user: User, day: datetime.date) -> QuerySet[Any]:
    """The delegations received and the written consents held, in force on `day`, in one query (UNION ALL).

    Rows: (kind, delegator or person id, delegated capabilities, consent includes sensitive data). Most users have
    neither, and every request asks, so they share one round trip.
    """
    received = (
        Delegation.objects.in_force(day)
        .filter(delegate=user, delegator__is_active=True)
        .annotate(row_kind=Value(DELEGATION_ROW), sensitive=Value(False))
        .values_list("row_kind", "delegator_id", "capabilities", "sensitive")
    )
    held = (
        ConsentGrant.objects.in_force(day)
        .filter(grantee=user)
        .annotate(row_kind=Value(CONSENT_ROW), no_capabilities=Value(None, output_field=JSONField()))
        .values_list("row_kind", "person_id", "no_capabilities", "include_sensitive")
    )
    return received.union(held, all=True)


def _grant(assignment: RoleAssignment, capabilities: frozenset[str]) -> Grant:
    unit = assignment.unit
    return Grant(
        capabilities=capabilities,
        unit_id=unit.pk if unit is not None else None,
        unit_path=unit.path if unit is not None else "",
        include_subunits=assignment.include_subunits,
    )


def access_of(user: Any) -> Access:
    """The user's grants in force today, read once and kept on the user object (one request's lifetime)."""
    today = timezone.localdate()
    if not _active(user):
        return Access(today, (), {})
    cached: Access | None = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None or cached.day != today:
        cached = _load(user, today)
        setattr(user, CACHE_ATTRIBUTE, cached)
    return cached


def forget(user: Any) -> None:
    """Drop the grants kept on this user object (after a change of rights within the same request or test)."""
    for attribute in (CACHE_ATTRIBUTE, SCOPE_CACHE_ATTRIBUTE):
        if hasattr(user, attribute):
            delattr(user, attribute)


def grants_with(user: Any, capability: str) -> list[Grant]:
    return [grant for grant in access_of(user).grants if capability in grant.capabilities]


def has_capability(user: Any, capability: str, unit: OrgUnit | None = None) -> bool:
    """Whether the user holds `capability` on `unit` (or anywhere, when no unit is given)."""
    grants = grants_with(user, capability)
    if unit is None:
        return bool(grants)
    return any(grant.covers(unit.pk, unit.path) for grant in grants)


def has_capability_province_wide(user: Any, capability: str) -> bool:
    return any(grant.province_wide for grant in grants_with(user, capability))


def unit_q(user: Any, capability: str, prefix: str = "") -> Q | None:
    """A condition on OrgUnit (fields under `prefix`) for the units where the user holds `capability`.

    `Q()` means every unit, None means none.
    """
    grants = grants_with(user, capability)
    if not grants:
        return None
    if any(grant.province_wide for grant in grants):
        return Q()
    condition = Q()
    seen: set[str] = set()
    for grant in grants:  # two roles on one unit are one condition, so capabilities share one read of the unit ids
        part = grant.unit_condition(prefix)
        if str(part) not in seen:
            seen.add(str(part))
            condition |= part
    return condition


def units_for(user: Any, capability: str) -> QuerySet[OrgUnit]:
    condition = unit_q(user, capability)
    if condition is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(condition)


def scope_unit_ids(user: Any, capability: str, units: Q) -> list[int]:
    """The ids of the units in the user's subtrees for `capability`, read once per request.

    The subtrees are found by path prefix (one indexed query); the records are then filtered by these unit ids, which
    both databases turn into index lookups with exact row estimates. (A subquery in the same statement made
    PostgreSQL guess that three records in four were in scope and walk the whole name index for a small unit.)
    The list is bounded by the organisation tree, never by the number of people.
    """
    cache: dict[tuple[datetime.date, str], list[int]] = user.__dict__.setdefault(SCOPE_CACHE_ATTRIBUTE, {})
    key = (access_of(user).day, str(units))  # capabilities granted together share one read
    if key not in cache:
        cache[key] = list(OrgUnit.objects.filter(units).order_by().values_list("pk", flat=True))
    return cache[key]


def person_q(user: Any, capability: str) -> Q | None:
    """A condition on Person for the records on which the user holds `capability`; None means none.

    A record is in a grant's scope when its employing unit or its managing agency is.
    """
    if not _active(user):
        return None
    parts: list[Q] = []
    units = unit_q(user, capability)
    if units is not None:
        if not units:  # province-wide
            return Q()
        in_scope = scope_unit_ids(user, capability, units)
        parts.append(Q(employing_unit_id__in=in_scope) | Q(managing_unit_id__in=in_scope))
    if capability in OWN_RECORD_CAPABILITIES:
        parts.append(Q(account=user.pk))
    consents = access_of(user).consents
    if consents and capability in (Capability.VIEW_RECORD, Capability.VIEW_SENSITIVE):
        wanted = [pk for pk, sensitive in consents.items() if sensitive or capability == Capability.VIEW_RECORD]
        if wanted:
            parts.append(Q(pk__in=wanted))
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def _person_units(person: Any) -> list[tuple[int | None, str]]:
    units = [(person.employing_unit_id, person.employing_unit.path)]
    if person.managing_unit_id is not None:
        units.append((person.managing_unit_id, person.managing_unit.path))
    return units


def is_own_record(user: Any, person: Any) -> bool:
    return _active(user) and person.account_id is not None and person.account_id == user.pk


def clearance(user: Any, person: Any) -> int:
    """The highest restriction level the user may read on this record (NO_ACCESS when none).

    The employee always reads their own record in full (REQ-020). Otherwise VIEW_RECORD opens ordinary and basic
    personal data, VIEW_SENSITIVE sensitive data and VIEW_SECRET the specially restricted items.
    """
    if not _active(user):
        return NO_ACCESS
    if is_own_record(user, person):
        return SECRET
    level = NO_ACCESS
    units = _person_units(person)
    for grant in access_of(user).grants:
        if any(grant.covers(unit_id, path) for unit_id, path in units):
            for capability, opened in CLEARANCE_BY_CAPABILITY.items():
                if capability in grant.capabilities:
                    level = max(level, opened)
    consent = access_of(user).consents.get(person.pk)
    if consent is not None:
        level = max(level, SENSITIVE if consent else PERSONAL)
    return level


def can(user: Any, capability: str, obj: Any) -> bool:
    """May `user` do `capability` to `obj` (a Person, an OrgUnit or a User account)?"""
    if not _active(user):
        return False
    if isinstance(obj, OrgUnit):
        return has_capability(user, capability, obj)
    if isinstance(obj, User):
        unit = obj.unit
        if unit is None:
            return has_capability_province_wide(user, capability)
        return any(grant.covers(unit.pk, unit.path) for grant in grants_with(user, capability))
    # a Person (people is a later app; it is recognised by its fields)
    if capability in OWN_RECORD_CAPABILITIES and is_own_record(user, obj):
        return True
    if any(
        grant.covers(unit_id, path) for grant in grants_with(user, capability) for unit_id, path in _person_units(obj)
    ):
        return True
    consent = access_of(user).consents.get(obj.pk)
    if consent is None:
        return False
    return capability == Capability.VIEW_RECORD or (capability == Capability.VIEW_SENSITIVE and consent)


def manageable_users(user: Any) -> QuerySet[User]:
    """The accounts this user may create, change, reset or grant rights to (REQ-010: never outside the subtree)."""
    condition = unit_q(user, Capability.MANAGE_ACCOUNTS, prefix="unit__")
    if condition is None:
        return User.objects.none()
    if not condition:
        return User.objects.all()
    return User.objects.filter(condition)


def requires_two_factor(user: Any) -> bool:
    """Administrators and approvers sign in with a second factor (setting HOSO_REQUIRE_TWO_FACTOR turns it off)."""
    if not _active(user) or not getattr(settings, "HOSO_REQUIRE_TWO_FACTOR", True):
        return False
    if user.is_superuser:
        return True
    return any(grant.capabilities & TWO_FACTOR_CAPABILITIES for grant in access_of(user).grants)


def capabilities_of(user: Any) -> set[str]:
    """Every capability the user holds somewhere (for menus; decisions on objects use `can`)."""
    held: set[str] = set()
    for grant in access_of(user).grants:
        held |= grant.capabilities
    return held


def visible_units(user: Any) -> QuerySet[OrgUnit]:
    """The units whose pages a user may open: where they hold any capability, and their own unit."""
    if not _active(user):
        return OrgUnit.objects.none()
    grants = access_of(user).grants
    if any(grant.province_wide for grant in grants):
        return OrgUnit.objects.all()
    condition = Q(pk=user.unit_id) if user.unit_id is not None else Q(pk__in=[])
    for grant in grants:
        condition |= grant.unit_condition()
    return OrgUnit.objects.filter(condition)
