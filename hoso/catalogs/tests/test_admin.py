import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from hoso.audit.models import AuditEntry
from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import AdminUnit, BaseSalary, CatalogItem, OfficialDay, RetirementAge, SalaryScaleStep

# whitenoise warns when collectstatic has not run (staticfiles/ missing); not what these tests check.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="secret-pass", email="root@example.org")


@pytest.mark.parametrize("model", [CatalogItem, AdminUnit, SalaryScaleStep, BaseSalary, RetirementAge, OfficialDay])
def test_catalog_entries_cannot_be_deleted_in_the_admin(model, rf):
    request = rf.get("/")
    assert site._registry[model].has_delete_permission(request) is False


@pytest.mark.django_db
def test_code_and_kind_are_read_only_after_creation(rf):
    admin = site._registry[CatalogItem]
    item = CatalogItem.objects.get(kind=CatalogKind.ETHNICITY, code="01")

    assert {"code", "kind"} <= set(admin.get_readonly_fields(rf.get("/"), item))
    assert not {"code", "kind"} & set(admin.get_readonly_fields(rf.get("/"), None))


@pytest.mark.django_db
@pytest.mark.parametrize("model", [CatalogItem, AdminUnit, SalaryScaleStep, BaseSalary, RetirementAge, OfficialDay])
def test_admin_pages_open(client, superuser, model):
    client.force_login(superuser)
    opts = model._meta
    obj = model.objects.order_by("pk").first()

    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"})
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert change.status_code == 200


@pytest.mark.django_db
def test_filters_and_list_editing_deactivate_an_entry(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:catalogs_catalogitem_changelist")
    response = client.get(url, {"kind__exact": CatalogKind.RELIGION, "is_active__exact": "1"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 16

    items = list(response.context["cl"].result_list)
    data = {
        "form-TOTAL_FORMS": str(len(items)),
        "form-INITIAL_FORMS": str(len(items)),
        "_save": "Save",
    }
    for index, item in enumerate(items):
        data[f"form-{index}-id"] = str(item.pk)
        if item.code != "99":
            data[f"form-{index}-is_active"] = "on"
    response = client.post(f"{url}?kind__exact={CatalogKind.RELIGION}&is_active__exact=1", data)

    assert response.status_code == 302
    assert CatalogItem.objects.get(kind=CatalogKind.RELIGION, code="99").is_active is False
    assert CatalogItem.objects.filter(kind=CatalogKind.RELIGION, is_active=True).count() == 15


@pytest.mark.django_db
def test_editing_a_name_refreshes_the_search_text(client, superuser):
    client.force_login(superuser)
    item = CatalogItem.objects.get(kind=CatalogKind.ETHNICITY, code="04")
    url = reverse("admin:catalogs_catalogitem_change", args=[item.pk])

    response = client.post(
        url,
        {
            "name": "Mường  Bi",
            "name_en": item.name_en,
            "sort_order": item.sort_order,
            "is_active": "on",
            "attributes": '{"other_spellings": ""}',
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.search_text) == ("Mường Bi", "04 muong bi")
    entry = AuditEntry.objects.get(action="CATALOG_CHANGED")  # an admin edit is in the audit log too
    assert (entry.actor, entry.target_id, entry.detail["via"]) == (superuser, str(item.pk), "admin")
    assert "Name" in entry.detail["fields"]  # the labels Django's admin names the changed fields by
