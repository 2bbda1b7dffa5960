"""Who may do what with the working-day calendar, answered by the one access policy (hoso.accounts.policy)."""

from typing import Any

from hoso.accounts import policy
from hoso.accounts.enums import Capability


def can_view_calendar(user: Any) -> bool:
    """Everyone signed in sees the calendar, the windows and the deadlines they are held to (REQ-053)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_edit_calendar(user: Any) -> bool:
    """Only a province-wide holder of ADMINISTER_CATALOGS keeps the province calendar (REQ-054)."""
    return can_view_calendar(user) and policy.has_capability_province_wide(user, Capability.ADMINISTER_CATALOGS)
