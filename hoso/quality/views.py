"""Pages of hoso.quality: a unit's completeness and findings, the province overview, "Run now".

Load through a scoped selector (a unit out of reach is 404), authorise with `permissions` (403), act through one
service, respond. Every list costs a fixed number of queries, whatever the number of records.
"""

from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoso.organisations.models import OrgUnit
from hoso.organisations.selectors import units_visible_to
from hoso.people.selectors import people_visible_to, person_for_user
from hoso.quality import permissions, selectors, services
from hoso.quality.checks import RULE_BASIS
from hoso.quality.enums import Rule
from hoso.quality.forms import FindingFilterForm
from hoso.quality.models import Finding

if TYPE_CHECKING:
    from hoso.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"


def _unit_for(request: AuthenticatedRequest, uid: UUID) -> OrgUnit:
    unit = get_object_or_404(units_visible_to(request.user), uid=uid)
    if not permissions.can_view_unit_quality(request.user, unit):
        raise PermissionDenied
    return unit


def _visible_others(user: "User", findings: list[Finding]) -> set[str]:
    """The duplicates' other records this user may open (one query): the others stay unlinked."""
    others = {str(f.details.get("other")) for f in findings if f.rule == Rule.DUPLICATE and f.details.get("other")}
    if not others:
        return set()
    return {str(uid) for uid in people_visible_to(user).filter(uid__in=others).values_list("uid", flat=True)}


@login_required
@require_GET
def unit_quality(request: AuthenticatedRequest, uid: UUID) -> HttpResponse:
    """Completeness and consistency findings of a unit and its sub-units (REQ-029, REQ-046)."""
    unit = _unit_for(request, uid)
    people = selectors.unit_people_for_quality(request.user, unit)
    form = FindingFilterForm(request.GET or None)
    rule, state = form.filters()
    page = Paginator(selectors.filtered_findings(people, rule=rule, state=state), settings.HOSO_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    filled, required, records = selectors.completeness_of(people)
    counts = selectors.open_counts_by_rule(people)
    context = {
        "unit": unit,
        "form": form,
        "page_obj": page,
        "findings": page.object_list,
        "visible_others": _visible_others(request.user, page.object_list),
        "filled": filled,
        "required": required,
        "records": records,
        "percent": selectors.share(filled, required),
        "lowest": selectors.lowest_completeness(people),
        "rule_counts": [(value, label, counts.get(value, 0), RULE_BASIS[value]) for value, label in Rule.choices],
        "open_total": sum(counts.values()),
        "last_run": selectors.last_run_of(unit),
        "can_run": permissions.can_run_unit_checks(request.user, unit),
    }
    return render(request, "quality/unit.html", context)


@login_required
@require_POST
def unit_run(request: AuthenticatedRequest, uid: UUID) -> HttpResponse:
    """ "Run now": check the unit's records in a background job, enqueued once the request's transaction commits."""
    unit = _unit_for(request, uid)
    if not permissions.can_run_unit_checks(request.user, unit):
        raise PermissionDenied
    services.request_check(unit=unit, acting_user=request.user)
    messages.success(request, _("The check has started. Its findings appear here when it ends."))
    return redirect("quality:unit", uid=unit.uid)


@login_required
@require_GET
def province_quality(request: AuthenticatedRequest) -> HttpResponse:
    """The province's completeness, the units with the lowest share and their open findings (Sở Nội vụ)."""
    if not permissions.can_view_province_quality(request.user):
        raise PermissionDenied
    filled, required = selectors.completeness_for_province()
    counts = selectors.open_counts_by_rule(people_visible_to(request.user))
    context = {
        "filled": filled,
        "required": required,
        "percent": selectors.share(filled, required),
        "units": selectors.province_units(),
        "rule_counts": [(value, label, counts.get(value, 0), RULE_BASIS[value]) for value, label in Rule.choices],
        "open_total": sum(counts.values()),
        "last_run": selectors.last_run_of(None),
    }
    return render(request, "quality/province.html", context)


@login_required
@require_GET
def person_panel(request: AuthenticatedRequest, uid: UUID) -> HttpResponse:
    """The record page's panel of missing items and open findings, loaded by htmx so the page costs no query more.

    A record out of reach is 404; readers who do not work on it (and are not its owner) get an empty panel.
    """
    person = person_for_user(request.user, uid)
    if person is None:
        raise Http404
    return render(request, "quality/includes/record_quality_panel.html", {"person": person})
