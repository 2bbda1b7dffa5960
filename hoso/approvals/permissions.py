"""Who may submit, check, return and approve a change set, on the one access policy (REQ-045, REQ-050–REQ-052)."""

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.approvals import rules
from hoso.organisations.models import OrgUnit
from hoso.people import permissions as people_permissions
from hoso.people.models import ChangeSet


def approving_unit(change_set: ChangeSet) -> OrgUnit:
    """The unit whose head approves this change set, by the province's rule table (REQ-050)."""
    return rules.approver_for(change_set).unit


def approval_authority(user: User, change_set: ChangeSet) -> rules.Authority:
    """Whether `user` may approve, and on whose behalf when the right comes from a delegation (REQ-052)."""
    approver = rules.approver_for(change_set)
    person = change_set.person
    return rules.authority(user, approver, person.account_id if person is not None else None)


def can_approve(user: User, change_set: ChangeSet) -> bool:
    """An approver of the change set's approving unit, never on their own record (R-05, §5.8)."""
    return approval_authority(user, change_set).allowed


def can_review(user: User, change_set: ChangeSet) -> bool:
    """The unit's officer who checks changes (REVIEW on the unit), or an approver of the change set (REQ-045)."""
    if change_set.person is not None and policy.is_own_record(user, change_set.person):
        return False
    return policy.has_capability(user, Capability.REVIEW, change_set.unit) or can_approve(user, change_set)


def can_submit(user: User, change_set: ChangeSet) -> bool:
    """The author submits their own draft while the record is still in their reach (REQ-039, REQ-040)."""
    return people_permissions.can_edit_change_set(user, change_set)


def can_approve_all(user: User, change_sets: list[ChangeSet]) -> bool:
    """`can_approve` for many change sets at once, with the rule table read once (batch approval, REQ-049)."""
    approvers = rules.approvers_for(change_sets)
    return all(
        rules.authority(user, approvers[cs.pk], cs.person.account_id if cs.person is not None else None).allowed
        for cs in change_sets
    )
