"""Reads of the workflow: the queues, a user's own change sets, the steps of a change set (REQ-045, REQ-053).

Every queue starts from `people.selectors.change_sets_visible_to` (the one access policy) and keeps the
rows the user may act on; the cost is a fixed number of queries whatever the number of rows.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.approvals.models import ReviewStep
from hoso.approvals.rules import Approver, approvers_for, authority
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet
from hoso.people.selectors import change_sets_visible_to


def _listed(queryset: QuerySet[ChangeSet]) -> QuerySet[ChangeSet]:
    return queryset.select_related("person", "unit", "created_by", "submitted_by", "forwarded_by").defer("proposed")


def review_queue(user: User) -> list[ChangeSet]:
    """Change sets waiting for review that this user checks (REVIEW on their unit), oldest first."""
    rows = _listed(change_sets_visible_to(user).filter(status=ChangeSetStatus.SUBMITTED)).order_by("submitted_at")
    return [
        cs
        for cs in rows
        if policy.has_capability(user, Capability.REVIEW, cs.unit)
        and not (cs.person is not None and policy.is_own_record(user, cs.person))
    ]


@dataclass(frozen=True)
class QueueItem:
    change_set: ChangeSet
    approver: Approver
    on_behalf_of_id: int | None


def approval_queue(user: User) -> list[QueueItem]:
    """Change sets waiting for approval that this user approves by the rule table (REQ-050, REQ-053), oldest first."""
    rows = list(
        change_sets_visible_to(user)
        .filter(status=ChangeSetStatus.FORWARDED)
        .select_related("person", "unit", "created_by", "submitted_by", "forwarded_by")
        .order_by("forwarded_at", "pk")
    )
    approvers = approvers_for(rows)
    items: list[QueueItem] = []
    for cs in rows:
        right = authority(user, approvers[cs.pk], cs.person.account_id if cs.person is not None else None)
        if right.allowed:
            items.append(QueueItem(cs, approvers[cs.pk], right.on_behalf_of_id))
    return items


def my_change_sets(user: User) -> QuerySet[ChangeSet]:
    """The change sets this user started, newest first, whatever their status ("My changes")."""
    return _listed(change_sets_visible_to(user).filter(created_by=user)).order_by("-created_at")


def steps_of(change_set: ChangeSet) -> QuerySet[ReviewStep]:
    return ReviewStep.objects.filter(change_set=change_set).select_related("actor", "on_behalf_of").order_by("at", "pk")


def last_return(change_set: ChangeSet) -> ReviewStep | None:
    """The step that returned the change set, while it is returned (its comment is shown to the author)."""
    if change_set.status != ChangeSetStatus.RETURNED:
        return None
    return (
        ReviewStep.objects.filter(change_set=change_set, action="RETURN")
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
