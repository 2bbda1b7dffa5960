"""The workflow's part of the change-set pages: the action bar, the returned notice and the step history."""

from typing import Any

from django import template

from hoso.approvals import permissions, selectors, services
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet

register = template.Library()


@register.inclusion_tag("approvals/includes/workflow.html", takes_context=True)
def change_set_workflow(context: Any, change_set: ChangeSet) -> dict[str, Any]:
    """Who may do what now on this change set, the comment of a return, and every step so far (REQ-045/047)."""
    user = context["request"].user
    status = change_set.status
    can_submit = status in services.SUBMITTABLE and permissions.can_submit(user, change_set)
    can_review = status in services.RETURNABLE and permissions.can_review(user, change_set)
    can_approve = status == ChangeSetStatus.FORWARDED and permissions.can_approve(user, change_set)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "change_set": change_set,
        "can_submit": can_submit,
        "can_return": can_review,
        "can_forward": can_review and status == ChangeSetStatus.SUBMITTED,
        "can_approve": can_approve,
        "statement": services.submit_statement() if can_submit else "",
        "approval_statement": services.approval_statement() if can_approve else "",
        "returned": selectors.last_return(change_set),
        "steps": list(selectors.steps_of(change_set)),
    }


@register.inclusion_tag("approvals/includes/returned_notice.html")
def returned_notice(change_set: ChangeSet) -> dict[str, Any]:
    """Why a returned change set came back, at the top of its edit page (REQ-045)."""
    return {"returned": selectors.last_return(change_set)}
