"""Reads of personnel records that carry rules: scope, search, the staff list.

Every list, search, page and API call gets its rows from `people_visible_to`, the one place the
access policy (next issue: roles scoped to units) plugs in.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from hoso.accounts.models import User
from hoso.core.text import fold
from hoso.organisations.models import OrgUnit
from hoso.organisations.selectors import units_visible_to
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.validators import normalise_citizen_id

LIST_RELATED = ("employing_unit", "rank", "staff_kind", "employment_status")


def people_visible_to(user: User) -> QuerySet[Person]:
    """People whose records this user may see. Until roles land, every signed-in user sees all."""
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    return Person.objects.all()


def search_filter(query: str) -> Q:
    """Match a name typed with or without diacritics, in any word order, or an ID number.

    "nguyen thi hong" finds "Nguyễn Thị Hồng"; "hong nguyen" too; "087185" finds that ID prefix.
    """
    digits = normalise_citizen_id(query)
    if digits.isdigit() and len(digits) >= 3:
        return Q(citizen_id__startswith=digits) if len(digits) < 12 else Q(citizen_id=digits)
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
    return people.select_related(*LIST_RELATED).order_by(*SORTS.get(filters.sort, SORTS["name"]))


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
    """Change sets of records the user may see, and new-record drafts of units the user may see."""
    return ChangeSet.objects.filter(
        Q(person__in=people_visible_to(user)) | Q(person__isnull=True, unit__in=units_visible_to(user))
    ).select_related("person", "unit")


def change_set_for_user(user: User, uid: Any) -> ChangeSet | None:
    return change_sets_visible_to(user).filter(uid=uid).first()


def open_change_sets(person: Person, user: User) -> list[ChangeSet]:
    """The drafts this user has open on this record, newest first."""
    editable = [ChangeSetStatus.DRAFT, ChangeSetStatus.RETURNED]
    return list(
        change_sets_visible_to(user).filter(person=person, created_by=user, status__in=editable).order_by("-created_at")
    )
