import pytest

from hoso.accounts.tests.factories import UserFactory, grant
from hoso.organisations.tests.factories import OrgUnitFactory


@pytest.fixture
def unit_a():
    return OrgUnitFactory(name="Sở Tài chính")


@pytest.fixture
def section_a(unit_a):
    return OrgUnitFactory(name="Phòng Ngân sách", parent=unit_a, section=True)


@pytest.fixture
def unit_b():
    return OrgUnitFactory(name="Sở Y tế")


@pytest.fixture
def officer_a(unit_a):
    return UserFactory(username="canbo.a", full_name="Trần Văn An", unit=unit_a)


@pytest.fixture
def officer_b(unit_b):
    return UserFactory(username="canbo.b", full_name="Lê Thị Bình", unit=unit_b)


@pytest.fixture
def auditor_a(unit_a):
    """An inspector of unit A and its sub-units (the INSPECTOR role holds VIEW_AUDIT, and needs no second factor)."""
    user = UserFactory(username="thanhtra.a", full_name="Phạm Văn Hùng", unit=unit_a)
    grant(user, "inspector", unit_a)
    return user


@pytest.fixture
def auditor_b(unit_b):
    user = UserFactory(username="thanhtra.b", full_name="Võ Thị Cúc", unit=unit_b)
    grant(user, "inspector", unit_b)
    return user


@pytest.fixture
def province_auditor():
    """The Department of Home Affairs' inspector: VIEW_AUDIT on the whole province."""
    user = UserFactory(username="sonoivu", full_name="Nguyễn Thị Mai")
    grant(user, "inspector", None)
    return user


@pytest.fixture
def records_officer_a(unit_a):
    """Enters and approves records in unit A (people's test factory gives the officer and head roles)."""
    from hoso.people.tests.factories import make_user

    return make_user("hoso.a", unit_a)


@pytest.fixture
def person_a(unit_a, records_officer_a):
    from hoso.people.tests.factories import new_record

    return new_record(unit_a, records_officer_a)
