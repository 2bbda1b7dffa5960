"""Catalog reads: entries of one kind, and a per-process index from codes to entries.

`catalog_index()` turns stored codes into entries and labels without a query. It is cached per
process; `clear_catalog_cache()` empties it and is called by the loader and whenever an entry is
saved or deleted (see apps.py).
"""

from functools import cache

from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _

from hoso.catalogs.enums import AdminUnitLevel
from hoso.catalogs.models import FORMER_PROVINCE_KEY_PREFIX, AdminUnit, CatalogItem, CatalogItemQuerySet
from hoso.core.text import fold


def catalog_items(kind: str) -> CatalogItemQuerySet:
    """Active entries of one catalog kind, in display order."""
    return CatalogItem.objects.of_kind(kind).active().order_by("sort_order", "code")


@cache
def catalog_index() -> dict[tuple[str, str], CatalogItem]:
    """Every entry, active or not, by (kind, code): old records keep inactive codes."""
    return {(item.kind, item.code): item for item in CatalogItem.objects.all()}


def catalog_item(kind: str, code: str) -> CatalogItem | None:
    """The entry of `kind` with `code`, from the cached index (no query once warm)."""
    return catalog_index().get((kind, code))


def catalog_label(kind: str, code: str) -> str:
    """The name of the entry, or the code itself when the catalog does not know it."""
    item = catalog_item(kind, code)
    return item.name if item is not None else code


def clear_catalog_cache(*args: object, **kwargs: object) -> None:
    """Forget the cached index (accepts and ignores signal arguments)."""
    catalog_index.cache_clear()


# --- lookups for searchable selects -----------------------------------------------------------

ADMIN_UNIT_LOOKUP = "ADMIN_UNIT"
LOOKUP_LIMIT = 30


def lookup_catalog_items(kind: str, query: str, *, limit: int = LOOKUP_LIMIT) -> list[dict[str, str]]:
    """Active entries of `kind` whose code or name contains `query`, ignoring diacritics and case."""
    items = catalog_items(kind).filter(search_text__contains=fold(query))[:limit]
    return [{"value": code, "text": name} for code, name in items.values_list("code", "name")]


def lookup_admin_units(
    query: str, *, level: str = "", parent: str = "", limit: int = LOOKUP_LIMIT
) -> list[dict[str, str]]:
    """Active administrative units matching `query`; provinces first, then communes.

    `level` keeps one level (PROVINCE, COMMUNE); `parent` keeps the units under one unit key.
    A former province (before 01/07/2025) is labelled as such, since its name often equals its successor's.
    """
    units = AdminUnit.objects.filter(is_active=True, search_text__contains=fold(query))
    if level:
        units = units.filter(level=level)
    if parent:
        units = units.filter(parent__key=parent)
    order = Case(
        When(level=AdminUnitLevel.PROVINCE, then=Value(0)),
        When(level=AdminUnitLevel.DISTRICT, then=Value(1)),
        default=Value(2),
    )
    rows = units.order_by(order, F("valid_to").desc(nulls_first=True), "code").values_list("key", "full_name")[:limit]
    return [{"value": key, "text": admin_unit_label(key, full_name)} for key, full_name in rows]


def admin_unit_label(key: str, full_name: str) -> str:
    if key.startswith(FORMER_PROVINCE_KEY_PREFIX):
        return _("%(name)s (before 1 July 2025)") % {"name": full_name}
    return full_name
