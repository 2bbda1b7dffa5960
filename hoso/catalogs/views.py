"""JSON lookups for the searchable selects of catalog fields."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.selectors import ADMIN_UNIT_LOOKUP, LOOKUP_LIMIT, lookup_admin_units, lookup_catalog_items


@require_GET
@login_required
def lookup(request: HttpRequest, kind: str) -> JsonResponse:
    """`{"results": [{"value": code, "text": name}]}`: active entries matching `q` (diacritics ignored)."""
    query = request.GET.get("q", "")
    if kind == ADMIN_UNIT_LOOKUP:
        results = lookup_admin_units(
            query, level=request.GET.get("level", ""), parent=request.GET.get("parent", ""), limit=LOOKUP_LIMIT
        )
    elif kind in CatalogKind.values:
        results = lookup_catalog_items(kind, query, limit=LOOKUP_LIMIT)
    else:
        raise Http404
    return JsonResponse({"results": results})
