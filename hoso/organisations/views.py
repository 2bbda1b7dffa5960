"""Pages of the organisation tree: the tree itself and one unit's details."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hoso.organisations import selectors

SEARCH_MAX_LENGTH = 100


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The unit tree, optionally filtered by a search (diacritics ignored) and including ended units."""
    search = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    show_ended = request.GET.get("ended") == "1"
    today = timezone.localdate()
    roots = selectors.unit_tree(
        on=None if show_ended else today, units=selectors.units_visible_to(request.user), search=search
    )
    context = {
        "roots": roots,
        "unit_count": selectors.count_nodes(roots),
        "search": search,
        "show_ended": show_ended,
        "today": today,
    }
    # An htmx search replaces only the tree; a history restore needs the whole page.
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    return render(request, "organisations/home.html#tree" if partial else "organisations/home.html", context)


@require_GET
@login_required
def unit_children(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The sub-units of a unit as tree items, fetched by the tree when the unit is first opened."""
    unit = get_object_or_404(selectors.units_visible_to(request.user), uid=uid)
    show_ended = request.GET.get("ended") == "1"
    today = timezone.localdate()
    nodes = selectors.unit_tree(
        root=unit, on=None if show_ended else today, units=selectors.units_visible_to(request.user)
    )
    context = {
        "children": nodes[0].children if nodes else [],
        "search": "",
        "show_ended": show_ended,
        "today": today,
    }
    return render(request, "organisations/includes/tree_children.html", context)


@require_GET
@login_required
def unit_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(request.user).select_related("parent", "successor"), uid=uid)
    context = {"detail": selectors.unit_detail(unit), "unit": unit, "today": timezone.localdate()}
    return render(request, "organisations/unit_detail.html", context)
