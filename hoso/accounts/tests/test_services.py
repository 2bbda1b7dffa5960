import pytest
from django.core.exceptions import ValidationError

from hoso.accounts.models import User
from hoso.accounts.services import create_user
from hoso.organisations.tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_create_user_stores_a_hashed_password_and_the_unit():
    unit = OrgUnitFactory(name="Sở Nội vụ")

    user = create_user(
        username=" canbo.snv ", password="Mat-khau-2026!", full_name="Trần  Văn Bình", kind=User.Kind.UNIT, unit=unit
    )

    user.refresh_from_db()
    assert (user.username, user.full_name, user.kind, user.unit) == ("canbo.snv", "Trần Văn Bình", "UNIT", unit)
    assert user.check_password("Mat-khau-2026!")
    assert user.password != "Mat-khau-2026!"
    assert not user.is_staff and not user.is_superuser
    assert user.get_full_name() == "Trần Văn Bình"


def test_create_user_makes_a_superuser_staff():
    user = create_user(
        username="admin",
        password="Mat-khau-2026!",
        full_name="",
        kind=User.Kind.SYSTEM_ADMIN,
        unit=None,
        is_superuser=True,
    )

    assert user.is_superuser and user.is_staff
    assert user.get_full_name() == "admin"


@pytest.mark.parametrize("password", ["12345678", "password", "ngan"])
def test_create_user_refuses_a_weak_password(password):
    with pytest.raises(ValidationError):
        create_user(username="canbo", password=password, full_name="Trần Văn Bình", kind=User.Kind.PERSONAL, unit=None)

    assert not User.objects.exists()


@pytest.mark.parametrize("kind", [User.Kind.UNIT, User.Kind.UNIT_ADMIN])
def test_create_user_refuses_a_unit_account_without_a_unit(kind):
    with pytest.raises(ValidationError) as error:
        create_user(username="donvi", password="Mat-khau-2026!", full_name="Đơn vị", kind=kind, unit=None)

    assert error.value.message_dict.keys() == {"unit"}
    assert not User.objects.exists()


def test_create_user_refuses_a_taken_username():
    create_user(username="canbo", password="Mat-khau-2026!", full_name="A", kind=User.Kind.PERSONAL, unit=None)

    with pytest.raises(ValidationError) as error:
        create_user(username="canbo", password="Mat-khau-2026!", full_name="B", kind=User.Kind.PERSONAL, unit=None)

    assert error.value.message_dict.keys() == {"username"}
