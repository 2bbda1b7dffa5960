import pytest

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem
from hoso.catalogs.selectors import catalog_index, catalog_item, catalog_items, catalog_label
from hoso.catalogs.services import load_catalogs


@pytest.mark.django_db
def test_catalog_items_are_active_and_ordered():
    CatalogItem.objects.filter(kind=CatalogKind.EVALUATION_RATING, code="HTNV").update(is_active=False)

    codes = list(catalog_items(CatalogKind.EVALUATION_RATING).values_list("code", flat=True))

    assert codes == ["HTXSNV", "HTTNV", "KHTNV", "CHUA_DANH_GIA"]


@pytest.mark.django_db
def test_catalog_index_answers_without_queries_once_warm(django_assert_num_queries):
    with django_assert_num_queries(1):
        catalog_index()
    with django_assert_num_queries(0):
        assert catalog_item(CatalogKind.ETHNICITY, "01").name == "Kinh"
        assert catalog_label(CatalogKind.CIVIL_SERVICE_RANK, "01.003") == "Chuyên viên"
        assert catalog_label(CatalogKind.CIVIL_SERVICE_RANK, "99.999") == "99.999"


@pytest.mark.django_db
def test_catalog_index_keeps_inactive_entries():
    CatalogItem.objects.filter(kind=CatalogKind.RELIGION, code="99").update(is_active=False)

    assert catalog_item(CatalogKind.RELIGION, "99") is not None


@pytest.mark.django_db
def test_saving_an_entry_clears_the_index():
    kinh = catalog_item(CatalogKind.ETHNICITY, "01")
    kinh.name = "Kinh (Việt)"
    kinh.save()

    assert catalog_label(CatalogKind.ETHNICITY, "01") == "Kinh (Việt)"


@pytest.mark.django_db
def test_loading_clears_the_index(settings):
    catalog_index()
    CatalogItem.objects.filter(kind=CatalogKind.ETHNICITY, code="01").update(name="Stale")
    catalog_index.cache_clear()
    assert catalog_label(CatalogKind.ETHNICITY, "01") == "Stale"

    load_catalogs(directory=settings.HOSO_CATALOG_DIR)

    assert catalog_label(CatalogKind.ETHNICITY, "01") == "Kinh"
