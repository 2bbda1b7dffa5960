"""Building the state the monitoring pages read: units, people, accounts and change sets in each workflow state."""

import datetime
import itertools
from typing import Any

from django.utils import timezone

from hoso.accounts.models import User
from hoso.accounts.policy import forget
from hoso.accounts.tests.factories import grant
from hoso.organisations.models import OrgUnit
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person
from hoso.people.tests.factories import make_unit, make_user, new_record

_serial = itertools.count(1)


def child_of(parent: OrgUnit, name: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=parent.kind, parent=parent, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.depth = parent.depth + 1
    unit.save(update_fields=["path", "depth"])
    return unit


def account(username: str, unit: OrgUnit | None, *roles: str, email: str = "", on: OrgUnit | None = None) -> User:
    """An account of `unit` holding `roles` on `on` (default: its own unit; None with no unit: the province)."""
    user = User.objects.create_user(username=username, password="x", unit=unit, email=email, full_name=username)
    for role in roles:
        grant(user, role, on if on is not None else unit)
    return user


def person_in(unit: OrgUnit, name: str, *, owner: User | None = None) -> Person:
    """A record in `unit`, made through a change set by the unit's clerk (as every record is), linked to `owner`.

    The clerk's account is switched off between records, so it is never among the people the pages and the
    reminders deal with.
    """
    serial = next(_serial)
    clerk = User.objects.filter(username=f"clerk_{unit.pk}").first()
    if clerk is None:
        clerk = make_user(f"clerk_{unit.pk}", unit)
    User.objects.filter(pk=clerk.pk).update(is_active=True)
    clerk.is_active = True
    forget(clerk)
    person = new_record(
        unit,
        clerk,
        personal={"full_name": name},
        identity={"citizen_id": f"0871850{serial:05d}"},
    )
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    if owner is not None:
        person.account = owner
        person.save(update_fields=["account"])
    return person


def change_set(
    unit: OrgUnit,
    created_by: User,
    status: str = ChangeSetStatus.DRAFT,
    *,
    person: Person | None = None,
    title: str = "Bổ sung quá trình công tác",
    **fields: Any,
) -> ChangeSet:
    """A change set in a given workflow state (the approvals app moves them in real use)."""
    return ChangeSet.objects.create(
        unit=unit, person=person, created_by=created_by, proposed={}, status=status, title=title, **fields
    )


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


__all__ = ["account", "at", "change_set", "child_of", "make_unit", "person_in"]
