import pytest
from django.urls import reverse

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import AdminUnit, CatalogItem

# whitenoise warns when collectstatic has not run (staticfiles/ missing); not what these tests check.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="officer", password="secret-pass")


def lookup(client, kind, **params):
    return client.get(reverse("catalogs:lookup", args=[kind]), params)


@pytest.mark.django_db
def test_lookup_ignores_diacritics_and_case(client, user, django_assert_num_queries):
    client.force_login(user)

    with django_assert_num_queries(3):  # session, user, the lookup
        response = lookup(client, CatalogKind.ETHNICITY, q="KINH")

    assert response.status_code == 200
    assert response.json() == {"results": [{"value": "01", "text": "Kinh"}]}
    results = lookup(client, CatalogKind.ETHNICITY, q="thai").json()["results"]
    assert {"value": "03", "text": "Thái"} in results


@pytest.mark.django_db
def test_lookup_matches_codes_and_alternative_spellings(client, user):
    client.force_login(user)

    assert lookup(client, CatalogKind.CIVIL_SERVICE_RANK, q="01.003").json()["results"] == [
        {"value": "01.003", "text": "Chuyên viên"}
    ]
    texts = [row["text"] for row in lookup(client, CatalogKind.ETHNICITY, q="viet").json()["results"]]
    assert texts == ["Kinh"]


@pytest.mark.django_db
def test_lookup_of_admin_units(client, user):
    client.force_login(user)

    results = lookup(client, "ADMIN_UNIT", q="lao cai").json()["results"]

    values = [row["value"] for row in results]
    assert values[:2] == ["tinh:15", "tinh-cu:10"]  # provinces first, the current one before the former
    assert results[0]["text"] == "Tỉnh Lào Cai"
    assert results[1]["text"] != results[0]["text"]
    assert "xa:02647" in values


@pytest.mark.django_db
def test_lookup_of_admin_units_by_level_and_parent(client, user):
    client.force_login(user)

    communes = lookup(client, "ADMIN_UNIT", q="", level="COMMUNE", parent="tinh:15").json()["results"]
    provinces = lookup(client, "ADMIN_UNIT", q="DAK", level="PROVINCE").json()["results"]

    assert len(communes) == 30
    assert all(row["value"].startswith("xa:") for row in communes)
    texts = [row["text"] for row in provinces]
    assert "Tỉnh Đắk Lắk" in texts
    assert any(text.startswith("Tỉnh Đắk Nông (") for text in texts)  # the former province, labelled
    assert all(AdminUnit.objects.get(key=row["value"]).level == "PROVINCE" for row in provinces)


@pytest.mark.django_db
def test_lookup_returns_at_most_30_active_entries(client, user):
    client.force_login(user)
    CatalogItem.objects.filter(kind=CatalogKind.ETHNICITY, code="02").update(is_active=False)

    results = lookup(client, CatalogKind.ETHNICITY, q="").json()["results"]

    assert len(results) == 30
    assert results[0] == {"value": "01", "text": "Kinh"}
    assert "02" not in [row["value"] for row in results]


@pytest.mark.django_db
def test_lookup_of_unknown_kind_is_404(client, user):
    client.force_login(user)

    assert lookup(client, "NOT_A_KIND", q="a").status_code == 404


@pytest.mark.django_db
def test_lookup_refuses_anonymous_users(client, settings):
    settings.LOGIN_URL = "/accounts/login/"  # independent of the accounts app's URL names

    response = lookup(client, CatalogKind.ETHNICITY, q="kinh")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "kinh" not in response.content.decode()


@pytest.mark.django_db
def test_lookup_refuses_post(client, user):
    client.force_login(user)

    assert client.post(reverse("catalogs:lookup", args=[CatalogKind.ETHNICITY])).status_code == 405
