"""Display helpers for audit entries, and the menu check for the usage log."""

import json
from typing import Any

from django import template

register = template.Library()

DETAIL_VALUE_LENGTH = 80


@register.filter
def detail_items(detail: Any) -> list[tuple[str, str]]:
    """An entry's detail as short "key: value" pairs, in key order."""
    if not isinstance(detail, dict):
        return []
    items = []
    for key in sorted(detail):
        value = detail[key]
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if len(text) > DETAIL_VALUE_LENGTH:
            text = text[: DETAIL_VALUE_LENGTH - 1] + "…"
        items.append((str(key), text))
    return items


@register.filter
def may_view_audit(user: Any) -> bool:
    """Whether to show the usage log in the menu (the policy's grants are read once per request)."""
    from hoso.accounts.enums import Capability
    from hoso.accounts.policy import has_capability

    return bool(getattr(user, "is_authenticated", False)) and has_capability(user, Capability.VIEW_AUDIT)
