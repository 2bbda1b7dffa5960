"""The unread-notification count for the navbar (`unread_notifications`), counted only when a template uses it."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hoso.monitoring.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
