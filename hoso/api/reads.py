"""Read helpers of the API: scoped look-ups by public id, pages, and the record laid out by the registry.

Scope always comes from the apps' selectors (`people_visible_to`, `units_visible_to`); an
object out of scope is indistinguishable from one that does not exist (404).
"""

import uuid
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404

from hoso.accounts.models import User
from hoso.organisations.models import OrgUnit
from hoso.organisations.selectors import units_visible_to
from hoso.people import permissions
from hoso.people.display import Labeller, field_label
from hoso.people.models import ChangeSet, Person
from hoso.people.sections import LAYOUT, PersonGroup
from hoso.people.selectors import change_sets_visible_to, person_for_user


def parse_uid(value: str) -> uuid.UUID:
    """A public id from a URL; anything else is simply not found."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def mask_citizen_id(value: str) -> str:
    """087185000123 -> 087******123 (formats.md §1: display masked in lists)."""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def page_of[M: Model](queryset: QuerySet[M], page: int, page_size: int) -> tuple[int, list[M]]:
    """The total and one page of rows: two queries, whatever the page."""
    count = queryset.count()
    start = (page - 1) * page_size
    return count, list(queryset[start : start + page_size]) if start < count else []


def visible_unit(user: User, uid: str) -> OrgUnit:
    unit = units_visible_to(user).filter(uid=parse_uid(uid)).select_related("parent", "successor").first()
    if unit is None:
        raise Http404
    return unit


def visible_person(user: User, uid: str) -> Person:
    person = person_for_user(user, parse_uid(uid))
    if person is None:
        raise Http404
    return person


def visible_change_set(user: User, uid: str) -> ChangeSet:
    change_set = change_sets_visible_to(user).filter(uid=parse_uid(uid)).first()
    if change_set is None:
        raise Http404
    return change_set


def record_parts(snapshot: dict[str, Any], level: int = permissions.FULL) -> list[dict[str, Any]]:
    """A snapshot laid out as the national form: parts, items, labels, display values, restriction.

    Items above the reader's access `level` are left out (a section wholly above it is marked `hidden`).
    Names of catalog entries, units and places cost one query per kind of object (`Labeller`).
    """
    snapshot = permissions.redact(snapshot, level)
    hidden_person = permissions.hidden_person_fields(level)
    labeller = Labeller().collect(snapshot).resolve()
    person_values: dict[str, Any] = snapshot.get("person", {})
    sections: dict[str, list[dict[str, Any]]] = snapshot.get("sections", {})
    parts: list[dict[str, Any]] = []
    for part in LAYOUT:
        model: type[Model] = Person if isinstance(part, PersonGroup) else part.model

        hidden = hidden_person if isinstance(part, PersonGroup) else permissions.hidden_section_fields(part.key, level)

        def fields_of(
            values: dict[str, Any], model: type[Model] = model, part: Any = part, hidden: Any = hidden
        ) -> list[dict[str, Any]]:
            return [
                {
                    "name": spec.name,
                    "label": field_label(model, spec.name),
                    "item": spec.item,
                    "value": values.get(spec.name),
                    "display": labeller.display(model, spec.name, values.get(spec.name)),
                    "restriction": int(spec.restriction),
                }
                for spec in part.fields
                if spec.name not in hidden
            ]

        common = {
            "key": part.key,
            "title": str(part.title),
            "items": part.items,
            "is_section": part.is_section,
            "hidden": part.is_section and permissions.section_hidden(part.key, level),
        }
        if isinstance(part, PersonGroup):
            parts.append({**common, "fields": fields_of(person_values)})
        else:
            rows = sections.get(part.key, [])
            parts.append({**common, "rows": [{"uid": row["uid"], "fields": fields_of(row)} for row in rows]})
    return parts
