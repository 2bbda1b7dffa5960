import pytest
from django.urls import reverse

from hoso.accounts.tests.factories import UserFactory
from hoso.organisations import services
from hoso.organisations.enums import AdministrativeLevel, OrgUnitKind
from hoso.organisations.models import OrgUnit, OrgUnitEvent
from hoso.organisations.tests.factories import JobPositionFactory, OrgUnitFactory, StaffingQuotaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.mark.parametrize("model", ["orgunit", "staffingquota", "jobposition"])
def test_admin_lists_and_add_forms_open(admin_client, model):
    unit = services.create_unit(name="Sở Nội vụ", kind=OrgUnitKind.DEPARTMENT, parent=None, acting_user=None)
    StaffingQuotaFactory(unit=unit)
    JobPositionFactory(unit=unit)

    assert admin_client.get(reverse(f"admin:organisations_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:organisations_{model}_add")).status_code == 200


def test_admin_adds_a_unit_through_the_service(admin_client):
    parent = OrgUnitFactory(province=True)

    response = admin_client.post(
        reverse("admin:organisations_orgunit_add"),
        {
            "name": "Sở Nội vụ",
            "short_name": "SNV",
            "kind": OrgUnitKind.DEPARTMENT,
            "administrative_level": AdministrativeLevel.PROVINCE,
            "parent": parent.pk,
            "agency_code": "000.00.02.H20",
            "display_order": "0",
            "valid_from": "01/04/2008",
            "valid_to": "",
            "decision_number": "1043/QĐ-UBND",
            "decision_date": "20/03/2008",
            "decision_issuer": "UBND tỉnh",
        },
    )

    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="Sở Nội vụ")
    assert unit.path == parent.path + f"{unit.pk:06d}."
    assert unit.events.get().kind == OrgUnitEvent.Kind.CREATED


def test_admin_refuses_a_bad_agency_code(admin_client):
    response = admin_client.post(
        reverse("admin:organisations_orgunit_add"),
        {
            "name": "Sở Nội vụ",
            "kind": OrgUnitKind.DEPARTMENT,
            "administrative_level": "PROVINCE",
            "agency_code": "H20",
            "display_order": "0",
        },
    )

    assert response.status_code == 200
    assert "Mã định danh điện tử phải có dạng 000.00.12.H20" in response.content.decode()
    assert not OrgUnit.objects.exists()


def test_admin_change_page_shows_the_history_and_keeps_structure_read_only(admin_client):
    unit = services.create_unit(name="Sở Nội vụ", kind=OrgUnitKind.DEPARTMENT, parent=None, acting_user=None)

    response = admin_client.get(reverse("admin:organisations_orgunit_change", args=[unit.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Thành lập" in text
    assert 'name="parent"' not in text
    assert 'name="name"' not in text
    assert 'name="agency_code"' in text


def test_admin_never_deletes_units(admin_client):
    unit = OrgUnitFactory()

    response = admin_client.post(reverse("admin:organisations_orgunit_delete", args=[unit.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert OrgUnit.objects.filter(pk=unit.pk).exists()
