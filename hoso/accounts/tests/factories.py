"""Test factories for accounts. Other apps import these."""

import datetime

import factory
from factory.django import DjangoModelFactory

from hoso.accounts.models import Role, RoleAssignment, User
from hoso.accounts.policy import forget
from hoso.organisations.models import OrgUnit
from hoso.organisations.tests.factories import OrgUnitFactory

DEFAULT_PASSWORD = "mat-khau-thu-nghiem"  # noqa: S105


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    kind = User.Kind.PERSONAL
    unit = None
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True, kind=User.Kind.SYSTEM_ADMIN)
        unit_account = factory.Trait(kind=User.Kind.UNIT, unit=factory.SubFactory(OrgUnitFactory))
        in_unit = factory.Trait(unit=factory.SubFactory(OrgUnitFactory))


def grant(
    user: User,
    role: str,
    unit: OrgUnit | None = None,
    *,
    include_subunits: bool = True,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleAssignment:
    """Give `user` a built-in role (BuiltinRole code) on `unit` (None: the province), in force from today."""
    role_row = Role.objects.get(code=role)
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role_row,
        unit=unit,
        include_subunits=include_subunits,
        capabilities=list(role_row.capabilities),
        valid_from=valid_from or datetime.date(2020, 1, 1),
        valid_to=valid_to,
    )
    forget(user)
    return assignment
