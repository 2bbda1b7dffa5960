"""The services behind the account-management screens: logins, linking a record, unit-account holders; the menu."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoso.accounts import services
from hoso.accounts.models import UnitAccountHolder, User
from hoso.accounts.services import OutOfScope
from hoso.accounts.tests.manage_support import account, build_tree, person_in, web
from hoso.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def tree():
    return build_tree()


def test_the_generated_login_is_the_given_name_and_initials(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "username"
    person = person_in(tree.a, 1, "Nguyễn Thị Hồng Nhung")
    dang = person_in(tree.a, 2, "Đặng Văn Đức")

    assert services.personal_login(person) == "nhungnth"
    assert services.personal_login(person, taken={"nhungnth"}) == "nhungnth2"
    assert services.personal_login(dang) == "ducdv"


def test_the_citizen_id_is_the_login_by_default(tree, settings):
    settings.HOSO_PERSONAL_LOGIN = "citizen_id"

    assert services.personal_login(person_in(tree.a, 3)) == "087185000003"


def test_a_person_has_one_account_at_most(tree):
    person = person_in(tree.a, 4)
    first = account("taikhoan1", tree.a)
    second = account("taikhoan2", tree.a)
    services.link_personal_account(acting_user=tree.admin_a, user=first, person=person)

    with pytest.raises(ValidationError) as refused:
        services.link_personal_account(acting_user=tree.admin_a, user=second, person=person)

    assert refused.value.message_dict == {"person": ["Người này đã có tài khoản."]}
    assert Person.objects.get(pk=person.pk).account == first


def test_linking_outside_the_scope_is_refused(tree):
    person_b = person_in(tree.b, 5)
    user_a = account("taikhoan_a", tree.a)

    with pytest.raises(ValidationError):
        services.link_personal_account(acting_user=tree.admin_a, user=user_a, person=person_b)
    with pytest.raises(OutOfScope):
        services.link_personal_account(acting_user=tree.admin_b, user=user_a, person=person_b)
    assert Person.objects.get(pk=person_b.pk).account_id is None


def test_a_hand_over_cannot_go_back_before_the_current_holder(tree):
    unit_account = account("donvi_a", tree.a, kind=User.Kind.UNIT)
    services.assign_unit_account_holder(
        acting_user=tree.admin_a,
        account=unit_account,
        holder_name="Người thứ nhất",
        decision_number="1/QĐ",
        decision_date=datetime.date(2026, 1, 1),
        valid_from=datetime.date(2026, 2, 1),
    )

    with pytest.raises(ValidationError) as refused:
        services.assign_unit_account_holder(
            acting_user=tree.admin_a,
            account=unit_account,
            holder_name="Người thứ hai",
            decision_number="2/QĐ",
            decision_date=datetime.date(2026, 1, 1),
            valid_from=datetime.date(2026, 1, 15),
        )

    assert "valid_from" in refused.value.message_dict
    assert list(UnitAccountHolder.objects.values_list("holder_name", "valid_to")) == [("Người thứ nhất", None)]


def test_a_hand_over_outside_the_scope_is_refused(tree):
    unit_account = account("donvi_a", tree.a, kind=User.Kind.UNIT)

    with pytest.raises(OutOfScope):
        services.assign_unit_account_holder(
            acting_user=tree.admin_b,
            account=unit_account,
            holder_name="X",
            decision_number="1",
            decision_date=datetime.date(2026, 1, 1),
        )
    assert services.current_holder(unit_account) is None


def test_the_menu_shows_account_administration_to_its_holders_only(tree):
    admin_page = web(tree.admin_a).get(reverse("organisations:home")).content.decode()
    officer_page = web(tree.officer_a).get(reverse("organisations:home")).content.decode()

    assert "Quản trị tài khoản" in admin_page and reverse("manage:accounts") in admin_page
    assert "Quản trị tài khoản" not in officer_page
    assert "Ủy quyền" in officer_page and reverse("manage:delegations") in officer_page
