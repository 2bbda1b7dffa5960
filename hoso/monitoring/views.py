"""Pages of hoso.monitoring: my deadlines, my notifications, the dashboards, review rounds.

Every object is loaded through a selector scoped by the access policy (out of scope: 404); the action is then
authorised (403), validated with a form and done by one service call.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.monitoring import selectors, services
from hoso.monitoring.charts import timeliness_chart
from hoso.monitoring.forms import ResponseForm, RoundForm
from hoso.organisations.models import valid_on_q
from hoso.organisations.selectors import units_visible_to
from hoso.people.selectors import person_for_user

if TYPE_CHECKING:
    from hoso.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"


@login_required
@require_GET
def deadlines(request: AuthenticatedRequest) -> HttpResponse:
    """What the user must finish (their drafts), approve (the window) and follow (their units' dashboards)."""
    user = request.user
    head = None
    if policy.has_capability(user, Capability.APPROVE):
        head = selectors.deadlines_for_head(user)
    dashboards = units_visible_to(user).filter(pk__in=selectors.dashboard_unit_ids(user)).order_by("path")[:20]
    context = {
        "mine": selectors.deadlines_for_person(user),
        "head": head,
        "dashboards": dashboards,
        "province": selectors.can_view_province_dashboard(user),
        "today": timezone.localdate(),
    }
    return render(request, "monitoring/deadlines.html", context)


@login_required
@require_GET
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), settings.HOSO_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "monitoring/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notification_open(request: AuthenticatedRequest, uid: str) -> HttpResponse:
    """Mark one notification read and go to what it is about."""
    notification = selectors.notification_for(request.user, uid)
    if notification is None:
        raise Http404
    services.mark_read(notification=notification, acting_user=request.user)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("monitoring:notifications")


@login_required
@require_POST
def notifications_read_all(request: AuthenticatedRequest) -> HttpResponse:
    services.mark_all_read(acting_user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("monitoring:notifications")


@login_required
@require_GET
def unit_dashboard(request: AuthenticatedRequest, uid: str) -> HttpResponse:
    unit = units_visible_to(request.user).filter(uid=uid).first()
    if unit is None:
        raise Http404
    if not selectors.can_view_unit_dashboard(request.user, unit):
        raise PermissionDenied
    dashboard = selectors.unit_dashboard(request.user, unit)
    return render(request, "monitoring/unit_dashboard.html", {"dashboard": dashboard, "unit": unit})


@login_required
@require_GET
def province_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if not selectors.can_view_province_dashboard(request.user):
        raise PermissionDenied
    dashboard = selectors.province_dashboard()
    context = {"dashboard": dashboard, "chart": timeliness_chart(dashboard.rows)}
    return render(request, "monitoring/province_dashboard.html", context)


@login_required
@require_GET
def rounds(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(
        selectors.rounds_visible_to(request.user).select_related("launching_unit").order_by("-starts_on", "-id"),
        settings.HOSO_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {"page_obj": page, "can_launch": selectors.can_launch_rounds(request.user), "today": timezone.localdate()}
    return render(request, "monitoring/rounds.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not selectors.can_launch_rounds(user):
        raise PermissionDenied
    units = list(selectors.units_for_round_launch(user).filter(valid_on_q(timezone.localdate())).order_by("path"))
    form = RoundForm(request.POST or None, units=units, sections=services.section_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.launch_round(
                acting_user=user,
                title=data["title"],
                units=form.chosen_units(),
                starts_on=data["starts_on"],
                deadline=data["deadline"],
                sections=data["sections"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                instructions=data["instructions"],
            )
        except services.MonitoringInvalid as error:
            for name, problems in error.errors.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(request, _("The review round has been launched."))
            return redirect("monitoring:round_detail", uid=round_.uid)
    return render(request, "monitoring/round_form.html", {"form": form})


@login_required
@require_GET
def round_detail(request: AuthenticatedRequest, uid: str) -> HttpResponse:
    round_ = selectors.round_for(request.user, uid)
    if round_ is None:
        raise Http404
    labels = dict(services.section_choices())
    context = {
        "round": round_,
        "scope": round_.scope.select_related("unit").order_by("unit__path"),
        "sections": [labels.get(key, key) for key in round_.sections],
        "progress": selectors.round_progress(request.user, round_),
        "own": selectors.own_round_person(request.user, round_),
        "unanswered": selectors.unanswered_people(request.user, round_),
        "today": timezone.localdate(),
        "response_form": ResponseForm(),
    }
    return render(request, "monitoring/round_detail.html", context)


@login_required
@require_POST
def round_respond(request: AuthenticatedRequest, uid: str, person_uid: str) -> HttpResponse:
    """Record "nothing to change" for a record (the employee's own, or one the officer enters changes on)."""
    round_ = selectors.round_for(request.user, uid)
    person = person_for_user(request.user, person_uid)
    if round_ is None or person is None:
        raise Http404
    if not selectors.can_respond(request.user, person):
        raise PermissionDenied
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (at most 500 characters)."))
        return redirect("monitoring:round_detail", uid=round_.uid)
    try:
        services.record_response(round_=round_, person=person, acting_user=request.user, note=form.cleaned_data["note"])
    except services.MonitoringInvalid as error:
        for problems in error.errors.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("Recorded: the record of %(name)s needs no change.") % {"name": person.full_name})
    return redirect("monitoring:round_detail", uid=round_.uid)
