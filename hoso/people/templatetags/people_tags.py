"""Small display helpers for the record pages: masked ID numbers, dates of partial precision, items."""

import datetime
from typing import Any

from django import template
from django.utils.translation import gettext as _

from hoso.people.selectors import is_partial_citizen_id_query

register = template.Library()

MASK_VISIBLE = 3


@register.filter
def mask_citizen_id(value: str | None) -> str:
    """087185000123 -> 087******123: lists show enough to tell people apart, not the number."""
    text = str(value or "")
    if len(text) <= 2 * MASK_VISIBLE:
        return "*" * len(text)
    return text[:MASK_VISIBLE] + "*" * (len(text) - 2 * MASK_VISIBLE) + text[-MASK_VISIBLE:]


@register.filter
def is_partial_citizen_id(value: str | None) -> bool:
    """A search for part of an ID number, which finds nobody: the number is encrypted (see selectors)."""
    return is_partial_citizen_id_query(str(value or ""))


@register.filter
def birth_date(value: datetime.date | None, precision: str = "DAY") -> str:
    """A date of birth as recorded: dd/mm/yyyy, or mm/yyyy or yyyy when only those are known."""
    if value is None:
        return ""
    if precision == "YEAR":
        return f"{value.year:04d}"
    if precision == "MONTH":
        return value.strftime("%m/%Y")
    return value.strftime("%d/%m/%Y")


@register.filter
def item_number(item: str) -> str:
    """An item of the national form as printed: "8" -> "8.", "2C-15" -> "2C-15."; header and contract items unnumbered."""
    if not item or item in {"H", "C"}:
        return ""
    return f"{item}."


@register.filter
def short_hash(value: str | None, length: int = 12) -> str:
    return (value or "")[:length]


@register.simple_tag
def sort_link_state(current: str, key: str) -> dict[str, Any]:
    """For a sortable column: whether it is sorted, the direction, and the sort to link to next."""
    if current == key:
        return {"active": True, "direction": "ascending", "next": f"-{key}", "icon": "bi-sort-up"}
    if current == f"-{key}":
        return {"active": True, "direction": "descending", "next": key, "icon": "bi-sort-down"}
    return {"active": False, "direction": "none", "next": key, "icon": "bi-arrow-down-up"}


@register.filter
def change_label(change: str) -> str:
    return {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}.get(change, change)
