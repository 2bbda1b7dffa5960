"""Template helpers of the account-management pages."""

import datetime
from typing import Any

from django import template
from django.utils import timezone

from hoso.accounts.enums import Capability

register = template.Library()


@register.filter
def capability_label(value: str) -> str:
    """The name of a capability as people read it (the code itself if it is unknown)."""
    return str(Capability(value).label) if value in Capability.values else value


@register.filter
def grant_state(grant: Any, day: datetime.date | None = None) -> str:
    """revoked, ended, upcoming or in_force: the state of a role, delegation or consent on `day` (today)."""
    day = day or timezone.localdate()
    if grant.revoked_at is not None:
        return "revoked"
    if grant.valid_to is not None and grant.valid_to < day:
        return "ended"
    if grant.valid_from > day:
        return "upcoming"
    return "in_force"
