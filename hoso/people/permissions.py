"""Who may do what to a record, and what of it they may read: `can_…` checks and redaction, on the one policy.

Field restriction levels (độ hạn chế tiếp cận, marked on every field in `sections.py`) are enforced here: fields
above a user's clearance are removed from every snapshot before it is shown, listed, exported or diffed, and cannot
be written. The employee always reads their own record in full (REQ-020, REQ-096).
"""

import copy
from functools import cache
from typing import Any

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.organisations.models import OrgUnit
from hoso.people.enums import RestrictionLevel
from hoso.people.models import ChangeSet, Person
from hoso.people.sections import PERSON_GROUPS, SECTIONS
from hoso.people.snapshot import Snapshot

FULL = int(RestrictionLevel.SECRET)


def record_clearance(user: User, person: Person) -> int:
    """The highest restriction level `user` may read on `person`'s record (-1: none)."""
    return policy.clearance(user, person)


def unit_clearance(user: User, unit: OrgUnit) -> int:
    """The level an officer may enter on a new record of `unit`: what their grants on the unit open."""
    level = policy.NO_ACCESS
    for capability, opened in policy.CLEARANCE_BY_CAPABILITY.items():
        if policy.has_capability(user, capability, unit):
            level = max(level, opened)
    return level


def change_set_clearance(user: User, change_set: ChangeSet) -> int:
    if change_set.person is not None:
        return record_clearance(user, change_set.person)
    return unit_clearance(user, change_set.unit)


@cache
def hidden_person_fields(level: int) -> frozenset[str]:
    return frozenset(
        spec.name for group in PERSON_GROUPS.values() for spec in group.fields if int(spec.restriction) > level
    )


@cache
def hidden_section_fields(section_key: str, level: int) -> frozenset[str]:
    return frozenset(spec.name for spec in SECTIONS[section_key].fields if int(spec.restriction) > level)


def section_hidden(section_key: str, level: int) -> bool:
    """The whole section is above the level: its rows are not shown at all."""
    return len(hidden_section_fields(section_key, level)) == len(SECTIONS[section_key].fields)


def redact(snapshot: Snapshot, level: int) -> Snapshot:
    """A copy of the snapshot without the values above `level`; whole sections above it have no rows."""
    if level >= FULL:
        return snapshot
    redacted: Snapshot = copy.deepcopy(snapshot)
    person = redacted.get("person", {})
    for name in hidden_person_fields(level):
        person.pop(name, None)
    sections = redacted.get("sections", {})
    for key, rows in sections.items():
        if key not in SECTIONS:
            continue
        if section_hidden(key, level):
            sections[key] = []
            continue
        hidden = hidden_section_fields(key, level)
        for row in rows:
            for name in hidden:
                row.pop(name, None)
    return redacted


# --- actions --------------------------------------------------------------------------------------


def can_view_record(user: User, person: Person) -> bool:
    return policy.can(user, Capability.VIEW_RECORD, person)


def can_start_change_set(user: User, person: Person) -> bool:
    """The unit's officer enters changes; the employee proposes changes to their own record (R-04, R-08)."""
    return policy.is_own_record(user, person) or policy.can(user, Capability.EDIT_RECORD, person)


def can_start_new_record(user: User, unit: OrgUnit) -> bool:
    return policy.has_capability(user, Capability.EDIT_RECORD, unit)


def can_edit_change_set(user: User, change_set: ChangeSet) -> bool:
    """A draft is edited by its author only, while the record is still theirs or in their scope."""
    if change_set.created_by_id != user.pk:
        return False
    if change_set.person is None:
        return can_start_new_record(user, change_set.unit)
    return can_start_change_set(user, change_set.person)


def can_apply_change_set(user: User, change_set: ChangeSet) -> bool:
    """Only an approver of the record's unit makes a change official, and never on their own record.

    (REQUIREMENTS R-05; §5.8 "nobody should approve his or her own record".)
    """
    if change_set.person is None:
        return policy.has_capability(user, Capability.APPROVE, change_set.unit)
    if policy.is_own_record(user, change_set.person):
        return False
    return policy.can(user, Capability.APPROVE, change_set.person)


def writable_level(user: User, change_set: ChangeSet) -> int:
    """Fields above this level keep their values whatever a form sends (they are not shown to this user)."""
    return change_set_clearance(user, change_set)


def locked_values(snapshot_part: dict[str, Any], hidden: frozenset[str]) -> dict[str, Any]:
    return {name: snapshot_part.get(name) for name in hidden}
