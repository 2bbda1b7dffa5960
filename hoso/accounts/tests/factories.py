"""Test factories for accounts. Other apps import these."""

import factory
from factory.django import DjangoModelFactory

from hoso.accounts.models import User
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
