from typing import Any

from django import template

from hoso.security.permissions import can_handle_incidents

register = template.Library()


@register.simple_tag
def handles_incidents(user: Any) -> bool:
    """Whether the user menu shows the account incidents (administrators of accounts only)."""
    return bool(user.is_authenticated and can_handle_incidents(user))
