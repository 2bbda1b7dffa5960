"""The calendar page (/calendar/): the year's working days, holidays, overrides and each month's window and deadline.

Everyone signed in may look (REQ-053: people must know when the window opens); only a province-wide holder of
ADMINISTER_CATALOGS adds or removes an override (REQ-054), through hoso.workdays.services.
"""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoso.workdays import services
from hoso.workdays.calendar import describe_rule
from hoso.workdays.forms import OverrideForm
from hoso.workdays.models import CalendarOverride
from hoso.workdays.permissions import can_edit_calendar
from hoso.workdays.selectors import FIRST_YEAR, LAST_YEAR, overrides_in_year, year_view

if TYPE_CHECKING:
    from hoso.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    try:
        year = int(raw)
    except ValueError:
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


def _render_year(
    request: AuthenticatedRequest, year: int, form: OverrideForm | None, status: int = 200
) -> HttpResponse:
    can_edit = can_edit_calendar(request.user)
    context: dict[str, Any] = {
        "year": year,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "months": year_view(year),
        "overrides": overrides_in_year(year),
        "can_edit": can_edit,
        "form": form if form is not None else (OverrideForm() if can_edit else None),
        "unit_rule": describe_rule(settings.HOSO_APPROVAL_WINDOW_RULE),
        "department_rule": describe_rule(settings.HOSO_DEPARTMENT_WINDOW_RULE),
        "today": timezone.localdate(),
    }
    return render(request, "workdays/year.html", context, status=status)


@login_required
@require_GET
def year(request: AuthenticatedRequest) -> HttpResponse:
    return _render_year(request, _year(request), None)


def _apply_errors(form: OverrideForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def override_add(request: AuthenticatedRequest) -> HttpResponse:
    if not can_edit_calendar(request.user):
        raise PermissionDenied
    if request.method == "GET":
        return _render_year(request, _year(request), OverrideForm())
    form = OverrideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            override = services.add_override(
                acting_user=request.user,
                date=data["date"],
                is_working_day=data["status"] == OverrideForm.WORKING,
                name=data["name"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                decision_issuer=data["decision_issuer"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(date)s is now a working day.") % {"date": override.date.strftime("%d/%m/%Y")}
                if override.is_working_day
                else _("%(date)s is now a day off.") % {"date": override.date.strftime("%d/%m/%Y")},
            )
            return redirect(reverse("workdays:year") + f"?year={override.date.year}#overrides")
    year_shown = form.cleaned_data["date"].year if "date" in form.cleaned_data else _year(request)
    return _render_year(request, year_shown, form, status=400)


@login_required
@require_POST
def override_remove(request: AuthenticatedRequest, uid: str) -> HttpResponse:
    if not can_edit_calendar(request.user):
        raise PermissionDenied
    override = get_object_or_404(CalendarOverride, uid=uid)
    services.remove_override(acting_user=request.user, override=override)
    messages.success(
        request,
        _("The override of %(date)s was removed; the date follows the official calendar again.")
        % {"date": override.date.strftime("%d/%m/%Y")},
    )
    return redirect(reverse("workdays:year") + f"?year={override.date.year}#overrides")
