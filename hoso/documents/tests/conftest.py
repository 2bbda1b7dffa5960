"""A unit A with its officer (who enters and approves changes), a record and a draft that changes its career."""

from dataclasses import dataclass

import pytest

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.organisations.models import OrgUnit
from hoso.people import services
from hoso.people.models import ChangeSet, Person
from hoso.people.tests.factories import make_unit, make_user, new_record


@dataclass
class World:
    unit: OrgUnit
    officer: User
    person: Person
    draft: ChangeSet


def draft_with_career_row(person: Person, user: User) -> ChangeSet:
    change_set = services.start_change_set(person=person, acting_user=user)
    services.save_section_row(
        change_set=change_set,
        section_key="work_history",
        row_uid=None,
        data={"start_date": "01/2026", "title": "Phó Trưởng phòng", "organisation": "Sở Nội vụ"},
        acting_user=user,
    )
    change_set.refresh_from_db()
    return change_set


@pytest.fixture
def world(db) -> World:
    unit = make_unit("Sở Nội vụ")
    officer = make_user("officer", unit)
    person = new_record(unit, officer)
    return World(unit, officer, person, draft_with_career_row(person, officer))


@pytest.fixture
def head(world) -> User:
    return make_user("head", world.unit, roles=("head",))


@pytest.fixture
def unit_admin(world) -> User:
    user = User.objects.create_user("unit_admin", password="x-Password-1", unit=world.unit)
    grant(user, "unit-admin", world.unit)
    return user


@pytest.fixture
def officer_b(db) -> User:
    return make_user("officer_b", make_unit("Sở Tài chính"))
