"""Building records for tests the way users do: through change sets and `apply_change_set`."""

import datetime
from typing import Any

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import OrgUnit
from hoso.people import services
from hoso.people.models import Person


def make_unit(name: str = "Sở Nội vụ", kind: str = OrgUnitKind.DEPARTMENT) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=kind, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{unit.pk:06d}."
    unit.save(update_fields=["path"])
    return unit


def make_user(
    username: str = "officer", unit: OrgUnit | None = None, roles: tuple[str, ...] = ("officer", "head")
) -> User:
    """An account of `unit` holding `roles` on it (by default it both enters and approves changes there)."""
    user = User.objects.create_user(username=username, password="x-Password-1", unit=unit)
    if unit is not None:
        for role in roles:
            grant(user, role, unit)
    return user


PERSONAL = {
    "full_name": "Nguyễn Thị Hồng Nhung",
    "gender": "FEMALE",
    "other_names": "",
    "date_of_birth": "15/03/1985",
    "date_of_birth_precision": "DAY",
    "birth_place": "Xã Mỹ An, huyện Tháp Mười, tỉnh Đồng Tháp",
    "ethnicity": "01",
    "religion": "00",
}
IDENTITY = {"citizen_id": "087185000123", "citizen_id_issue_date": "10/05/2021", "phone": "0912345678"}
SALARY = {"rank": "01.003", "salary_step": "4", "salary_coefficient": "3.33", "salary_step_date": "01/01/2023"}


def new_record(unit: OrgUnit, user: User, **overrides: dict[str, Any]) -> Person:
    """A record created through a change set: the path every new record takes."""
    change_set = services.start_new_record(unit=unit, acting_user=user)
    header = {
        "employing_unit": str(unit.uid),
        "managing_unit": str(unit.uid),
        "staff_kind": "CONG_CHUC",
        "employment_status": "DANG_CONG_TAC",
    }
    defaults = {"header": header, "personal": PERSONAL, "identity": IDENTITY, "salary": SALARY}
    for group, data in defaults.items():
        services.update_person_group(
            change_set=change_set, group_key=group, data={**data, **overrides.get(group, {})}, acting_user=user
        )
    for group, data in overrides.items():
        if group not in defaults:
            services.update_person_group(
                change_set=change_set, group_key=group, data=data, acting_user=user, partial=True
            )
    change_set.refresh_from_db()
    version = services.apply_change_set(change_set=change_set, acting_user=user)
    return version.person
