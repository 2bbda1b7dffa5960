"""Accounts for the calendar tests: a province catalog administrator and a plain employee."""

import datetime

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.people.tests.factories import make_unit
from hoso.workdays import services
from hoso.workdays.models import CalendarOverride


def make_catalog_admin(username: str = "snv_admin") -> User:
    user = User.objects.create_user(username=username, password="x-Password-1", kind=User.Kind.SYSTEM_ADMIN)
    grant(user, "province-admin")
    return user


def make_employee(username: str = "employee") -> User:
    return User.objects.create_user(username=username, password="x-Password-1", unit=make_unit())


def add_day_off(user: User, day: datetime.date, name: str = "Nghỉ bổ sung") -> CalendarOverride:
    return services.add_override(
        acting_user=user,
        date=day,
        is_working_day=False,
        name=name,
        decision_number="123/QĐ-TTg",
        decision_date=datetime.date(2025, 12, 1),
        decision_issuer="Thủ tướng Chính phủ",
    )
