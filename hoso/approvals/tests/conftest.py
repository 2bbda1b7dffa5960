"""A unit with an officer, a head who signs with a test certificate, and an employee with a record.

The clock is set inside November 2026's approval window (26/11–30/11 under the default rule) unless a test
moves it; the PKI is a throwaway CA made with `cryptography` (hoso.signing.pki), trusted for the test.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.approvals.tests.support import IN_WINDOW, OUTSIDE_WINDOW, credential, throwaway_ca, trust_test_ca
from hoso.organisations.models import OrgUnit
from hoso.people import services as people_services
from hoso.people.models import ChangeSet, Person
from hoso.people.tests.factories import make_unit, make_user, new_record
from hoso.signing import pki


@pytest.fixture(scope="session")
def ca() -> pki.Issued:
    return throwaway_ca()


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path: Path) -> None:
    trust_test_ca(settings, tmp_path)
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": None}  # tests of REQ-033 turn documents back on
    settings.HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = False
    settings.HOSO_REVIEW_STEP = True


@pytest.fixture
def in_window():
    with time_machine.travel(IN_WINDOW, tick=True):
        yield


@dataclass
class World:
    unit: OrgUnit
    setup: User
    officer: User
    head: User
    employee: User
    person: Person
    other: Person


@pytest.fixture
def world(db, ca) -> World:
    unit = make_unit("Sở Nội vụ")
    setup = make_user("nhap_lieu", unit)
    officer = make_user("can_bo", unit, roles=("officer",))
    head = make_user("giam_doc", unit, roles=("head",))
    head.full_name = "Trần Văn Đức"
    head.save(update_fields=["full_name"])
    employee = User.objects.create_user("nhung", password="x-Password-1", unit=unit)
    person = new_record(unit, setup, personal={"full_name": "Nguyễn Thị Hồng Nhung"})
    person.account = employee
    person.save(update_fields=["account"])
    other = new_record(
        unit,
        setup,
        personal={"full_name": "Lê Văn Khoa", "gender": "MALE"},
        identity={"citizen_id": "087085000102"},
    )
    credential(head, ca)
    return World(unit, setup, officer, head, employee, person, other)


def propose(person: Person, user: User, title: str = "Chuyên viên chính") -> ChangeSet:
    """A draft adding one work-history row, as the employee or the officer enters it."""
    change_set = people_services.start_change_set(person=person, acting_user=user)
    people_services.save_section_row(
        change_set=change_set,
        section_key="work_history",
        row_uid=None,
        data={"start_date": "01/2024", "title": title, "organisation": "Sở Nội vụ"},
        acting_user=user,
    )
    change_set.refresh_from_db()
    return change_set


__all__ = ["IN_WINDOW", "OUTSIDE_WINDOW", "World", "credential", "grant", "propose"]
