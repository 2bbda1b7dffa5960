"""Reads of personnel records that carry rules: scope, search, the staff list.

Every list, search, page, export and API call gets its rows from `people_for` / `people_visible_to`,
which ask the one access policy (`hoso.accounts.policy`) for the records a user may reach.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.core.crypto import blind_index
from hoso.core.text import fold
from hoso.organisations.models import OrgUnit
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.validators import normalise_citizen_id

LIST_RELATED = ("rank", "staff_kind", "employment_status")
# The employing unit is fetched in a second query: joined, it led SQLite to start from the units and read the wide
# person rows of a whole subtree for a search with few matches (240 ms instead of 15 ms at 100,000 people).
LIST_PREFETCHED = ("employing_unit",)
CITIZEN_ID_DIGITS = 12


def people_for(user: User, capability: str) -> QuerySet[Person]:
    """The records on which the user holds `capability` (their scope, their own record, written consent)."""
    condition = policy.person_q(user, capability)
    if condition is None:
        return Person.objects.none()
    return Person.objects.filter(condition)


def people_visible_to(user: User) -> QuerySet[Person]:
    """People whose records this user may see."""
    return people_for(user, Capability.VIEW_RECORD)


def is_citizen_id_query(query: str) -> bool:
    """Whether a search box holds (part of) an ID number rather than a name: 3 digits or more."""
    digits = normalise_citizen_id(query)
    return digits.isdigit() and len(digits) >= 3


def is_partial_citizen_id_query(query: str) -> bool:
    """An ID number typed with fewer or more than 12 digits: it finds nobody, and the page says why."""
    return is_citizen_id_query(query) and len(normalise_citizen_id(query)) != CITIZEN_ID_DIGITS


def people_with_citizen_id(value: str) -> QuerySet[Person]:
    """Every record (unscoped) with this ID number, through its blind index: the number is encrypted."""
    digits = normalise_citizen_id(value)
    if not digits:
        return Person.objects.none()
    return Person.objects.filter(citizen_id_index=blind_index(digits))


def search_filter(query: str) -> Q:
    """Match a name typed with or without diacritics, in any word order, or a whole ID number.

    "nguyen thi hong" finds "Nguyễn Thị Hồng"; "hong nguyen" too; "087185000123" finds that person.
    The ID number is encrypted, so only all 12 digits find it (by its blind index); fewer find nobody.
    """
    if is_citizen_id_query(query):
        digits = normalise_citizen_id(query)
        if len(digits) != CITIZEN_ID_DIGITS:
            return Q(pk__in=[])
        return Q(citizen_id_index=blind_index(digits))
    condition = Q()
    for word in fold(query).split():
        condition &= Q(search_text__contains=word)
    return condition


@dataclass(frozen=True)
class StaffFilter:
    query: str = ""
    unit: OrgUnit | None = None
    include_subunits: bool = True
    staff_kind: str = ""
    employment_status: str = ""
    rank: str = ""
    sort: str = "name"  # name | -name | birth | -birth


SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_sort_key", "id"),
    "-name": ("-name_sort_key", "-id"),
    "birth": ("date_of_birth", "id"),
    "-birth": ("-date_of_birth", "-id"),
}


def staff_list(user: User, filters: StaffFilter) -> QuerySet[Person]:
    """The people a list page or API call shows, filtered and in Vietnamese name order."""
    people = people_visible_to(user)
    if filters.unit is not None:
        if filters.include_subunits:
            people = people.filter(employing_unit__path__startswith=filters.unit.path)
        else:
            people = people.filter(employing_unit=filters.unit)
    if filters.query.strip():
        people = people.filter(search_filter(filters.query))
    if filters.staff_kind:
        people = people.filter(staff_kind__code=filters.staff_kind)
    if filters.employment_status:
        people = people.filter(employment_status__code=filters.employment_status)
    if filters.rank:
        people = people.filter(rank__code=filters.rank)
    return (
        people.select_related(*LIST_RELATED)
        .prefetch_related(*LIST_PREFETCHED)
        .order_by(*SORTS.get(filters.sort, SORTS["name"]))
    )


def person_for_user(user: User, uid: Any) -> Person | None:
    """One person by public id, or None when it does not exist or is out of the user's scope."""
    return people_visible_to(user).select_related("employing_unit", "managing_unit").filter(uid=uid).first()


def current_version(person: Person) -> RecordVersion | None:
    return RecordVersion.objects.filter(person=person, number=person.current_version).first()


def versions_of(person: Person) -> QuerySet[RecordVersion]:
    return (
        RecordVersion.objects.filter(person=person).defer("snapshot").select_related("created_by").order_by("-number")
    )


def change_sets_visible_to(user: User) -> QuerySet[ChangeSet]:
    """The change sets a user may open.

    Their own drafts on records they may still see; changes to records on which they enter, check or approve
    changes; and new-record drafts of units where they do.
    """
    if not user.is_authenticated:
        return ChangeSet.objects.none()
    condition = Q(created_by=user, person__in=people_visible_to(user))
    working_on: Q | None = None  # records on which the user enters, checks or approves changes
    unit_ids: set[int] = set()
    everywhere = False
    for capability in (Capability.EDIT_RECORD, Capability.REVIEW, Capability.APPROVE):
        people = policy.person_q(user, capability)
        if people is not None:
            working_on = people if working_on is None else working_on | people
        units = policy.unit_q(user, capability)
        if units is not None and not units:  # province-wide
            everywhere = True
        elif units is not None:
            unit_ids.update(policy.scope_unit_ids(user, capability, units))
    if working_on is not None:
        condition |= Q(person__in=Person.objects.filter(working_on).values("pk"))
    if everywhere:
        condition |= Q(person__isnull=True)
    elif unit_ids:
        condition |= Q(person__isnull=True, unit_id__in=unit_ids)
    return ChangeSet.objects.filter(condition).select_related("person", "unit")


def change_set_for_user(user: User, uid: Any) -> ChangeSet | None:
    return change_sets_visible_to(user).filter(uid=uid).first()


def open_change_sets(person: Person, user: User) -> list[ChangeSet]:
    """The drafts this user has open on this record, newest first."""
    editable = [ChangeSetStatus.DRAFT, ChangeSetStatus.RETURNED]
    return list(
        change_sets_visible_to(user).filter(person=person, created_by=user, status__in=editable).order_by("-created_at")
    )
