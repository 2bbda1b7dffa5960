"""`{% load monitoring %}{% unread_notifications as count %}`: the signed-in user's unread notifications."""

from typing import Any

from django import template

from hoso.monitoring.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user)
