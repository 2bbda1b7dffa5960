"""A small province for the account-management tests: two departments, a sub-unit, their administrators and staff.

Sở Nội vụ (A) has a sub-unit Phòng Tổ chức (A1); Sở Tài chính (B) is unrelated. `province_admin` administers
everything, `admin_a` the subtree of A, `admin_b` the unit B; `officer_a` keeps records in A but administers nothing.
"""

import datetime
from dataclasses import dataclass

from django.test import Client

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.organisations.models import OrgUnit
from hoso.people.models import Person
from hoso.people.tests.factories import make_unit, make_user, new_record

PASSWORD = "Mat-Khau-Thu-9"  # noqa: S105


def child_of(parent: OrgUnit, name: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=parent.kind, parent=parent, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.depth = parent.depth + 1
    unit.save(update_fields=["path", "depth"])
    return unit


def account(username: str, unit: OrgUnit | None, *roles: str, kind: str = User.Kind.PERSONAL, **extra) -> User:
    user = User.objects.create_user(username, password=PASSWORD, unit=unit, kind=kind, **extra)
    for role in roles:
        grant(user, role, unit)
    return user


def person_in(unit: OrgUnit, serial: int, name: str = "Nguyễn Thị Hồng Nhung") -> Person:
    clerk = User.objects.filter(username=f"clerk{unit.pk}").first() or make_user(f"clerk{unit.pk}", unit)
    return new_record(unit, clerk, identity={"citizen_id": f"087185{serial:06d}"}, personal={"full_name": name})


def web(user: User, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@dataclass
class Tree:
    a: OrgUnit
    a1: OrgUnit
    b: OrgUnit
    province_admin: User
    admin_a: User
    admin_b: User
    officer_a: User


def build_tree() -> Tree:
    a = make_unit("Sở Nội vụ")
    a1 = child_of(a, "Phòng Tổ chức cán bộ")
    b = make_unit("Sở Tài chính")
    return Tree(
        a=a,
        a1=a1,
        b=b,
        province_admin=account("quantri", None, "province-admin", kind=User.Kind.SYSTEM_ADMIN, full_name="Lê Văn Tỉnh"),
        admin_a=account("qtsonoivu", a, "unit-admin", kind=User.Kind.UNIT_ADMIN, full_name="Trần Thị Quản Trị"),
        admin_b=account("qtsotaichinh", b, "unit-admin", kind=User.Kind.UNIT_ADMIN, full_name="Phạm Văn Bê"),
        officer_a=account("canbo_a", a, "officer", full_name="Đỗ Văn Cán"),
    )
