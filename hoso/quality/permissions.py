"""Who may see and run data-quality checks (REQ-029, REQ-046: checking records is the officer's duty)."""

from typing import Any

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.organisations.models import OrgUnit
from hoso.quality.selectors import QUALITY_CAPABILITIES


def can_view_unit_quality(user: Any, unit: OrgUnit) -> bool:
    """Officers who enter or check the unit's changes, and its heads (approvers)."""
    return any(policy.has_capability(user, capability, unit) for capability in QUALITY_CAPABILITIES)


def can_run_unit_checks(user: Any, unit: OrgUnit) -> bool:
    return can_view_unit_quality(user, unit)


def can_view_province_quality(user: Any) -> bool:
    """The Department of Home Affairs and the provincial leadership: province-wide VIEW_REPORTS."""
    return policy.has_capability_province_wide(user, Capability.VIEW_REPORTS)


def can_view_person_quality(user: Any, person: Any) -> bool:
    """The person's own record, and officers and heads who work on it."""
    if policy.is_own_record(user, person):
        return True
    return any(policy.can(user, capability, person) for capability in QUALITY_CAPABILITIES)
