"""Screens of sign-in security: two-factor set-up, reports of lost accounts, and the administrator's actions.

An administrator acts only on the accounts of their own units (`selectors.manageable_accounts`): any other account,
their own included, is a 404. Temporary passwords and recovery codes are rendered once, in the response to the
POST that made them, and stored nowhere in clear.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from hoso.accounts.models import User
from hoso.audit.services import client_ip
from hoso.security import selectors, services, session_state, two_factor
from hoso.security.enums import IncidentStatus
from hoso.security.forms import (
    CloseIncidentForm,
    IncidentReportForm,
    OptionalReasonForm,
    PublicIncidentReportForm,
    ReasonForm,
    TotpConfirmForm,
)
from hoso.security.models import AccountIncident
from hoso.security.permissions import can_handle_incidents
from hoso.security.throttle import allow_report


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # every caller is behind login_required
        raise PermissionDenied
    return user


@login_not_required
def admin_login(request: HttpRequest) -> HttpResponseBase:
    """The administration site's sign-in: ours, with the lock-out and the second factor; staff only past it."""
    if request.user.is_authenticated:
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


# --- two-factor: the holder's own pages ---------------------------------------------------------------------------


@login_required
def two_factor_status(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "security/two_factor.html",
        {
            "enrolled": two_factor.has_two_factor(user),
            "required": two_factor.requires_two_factor(user),
            "recovery_codes_left": two_factor.remaining_recovery_codes(user),
        },
    )


@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if two_factor.has_two_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
        return redirect("accounts:login_verify")
    device = two_factor.pending_totp_device(user)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.enrol_two_factor(user=user, device=device, token=form.cleaned_data["code"], request=request)
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            session_state.refresh(request, user)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return render(request, "security/recovery_codes.html", {"codes": codes, "first_time": True})
        form.add_error("code", _("The code is wrong or has expired. Check the time on your phone and try again."))
    uri = two_factor.provisioning_uri(device)
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_code_svg(uri),
            "secret": two_factor.secret_for_manual_entry(device),
            "replacing": two_factor.has_two_factor(user),
        },
    )


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not two_factor.has_two_factor(user):
        return redirect("security:two_factor")
    codes = two_factor.new_recovery_codes(user)
    return render(request, "security/recovery_codes.html", {"codes": codes, "first_time": False})


@login_required
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if two_factor.requires_two_factor(user):
        messages.error(request, _("Your account must use two-factor authentication; it cannot be turned off."))
        return redirect("security:two_factor")
    services.turn_off_two_factor(user=user, request=request)
    session_state.refresh(request, user)
    messages.success(request, _("Two-factor authentication is off for your account."))
    return redirect("security:two_factor")


# --- reports of a lost or leaked account (REQ-016) -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    form = IncidentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_incident(
            kind=form.cleaned_data["kind"],
            username=_user(request).get_username(),
            contact=form.cleaned_data["contact"],
            description=form.cleaned_data["description"],
            reporter=_user(request),
            request=request,
        )
        messages.success(
            request,
            _(
                "Your report has been sent to the administrators responsible for your account. If you think someone "
                "else knows your password, change it now."
            ),
        )
        return redirect("accounts:password_change")
    return render(request, "security/report.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def report_public(request: HttpRequest) -> HttpResponseBase:
    if request.user.is_authenticated:
        return redirect("security:report")
    form = PublicIncidentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if allow_report(client_ip(request) or None):
            services.report_incident(
                kind=form.cleaned_data["kind"],
                username=form.cleaned_data["username"],
                contact=form.cleaned_data["contact"],
                description=form.cleaned_data["description"],
                request=request,
            )
        # The same answer whether the username exists or not, and when the address sent too many reports.
        messages.success(
            request,
            _(
                "Your report has been recorded. If the username belongs to an account, the administrator responsible "
                "for it will contact you."
            ),
        )
        return redirect("accounts:login")
    return render(request, "security/report_public.html", {"form": form})


# --- the administrator's side -------------------------------------------------------------------------------------


def _require_handler(request: HttpRequest) -> User:
    user = _user(request)
    if not can_handle_incidents(user):
        raise PermissionDenied
    return user


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    admin = _require_handler(request)
    show_closed = request.GET.get("status") == "closed"
    incidents = selectors.incidents_visible_to(admin).filter(
        status=IncidentStatus.CLOSED if show_closed else IncidentStatus.OPEN
    )[:200]
    return render(request, "security/incident_list.html", {"incidents": incidents, "show_closed": show_closed})


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin = _require_handler(request)
    incident = get_object_or_404(selectors.incidents_visible_to(admin), uid=uid)
    form = CloseIncidentForm(request.POST or None)
    if request.method == "POST" and incident.status == IncidentStatus.OPEN and form.is_valid():
        services.close_incident(incident=incident, acting_user=admin, note=form.cleaned_data["note"])
        messages.success(request, _("The incident is closed."))
        return redirect("security:incident_list")
    summary = selectors.account_security_summary(incident.account) if incident.account else None
    return render(
        request,
        "security/incident_detail.html",
        {
            "incident": incident,
            "form": form,
            "summary": summary,
            "account": incident.account,
            "lock_form": ReasonForm(),
            "reset_form": OptionalReasonForm(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _managed_account(request: HttpRequest, uid: UUID) -> tuple[User, User]:
    admin = _require_handler(request)
    return admin, get_object_or_404(selectors.manageable_accounts(admin), uid=uid)


def _incident(admin: User, form: ReasonForm) -> AccountIncident | None:
    incident_uid = form.cleaned_data.get("incident")
    if not incident_uid:
        return None
    return selectors.incidents_visible_to(admin).filter(uid=incident_uid).first()


@login_required
def account_security(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    return _account_page(request, account, admin)


def _account_page(request: HttpRequest, account: User, admin: User, **forms: Any) -> HttpResponse:
    incidents = selectors.open_incidents_visible_to(admin).filter(account=account)
    context = {
        "account": account,
        "summary": selectors.account_security_summary(account),
        "incidents": incidents,
        "lock_form": forms.get("lock_form") or ReasonForm(),
        "reset_form": forms.get("reset_form") or OptionalReasonForm(),
    }
    return render(request, "security/account_security.html", context, status=400 if forms else 200)


def _after(request: HttpRequest, admin: User, form: ReasonForm, account: User, note: str) -> None:
    incident = _incident(admin, form)
    if incident is not None and incident.account_id == account.pk:
        reason = form.cleaned_data.get("reason") or ""
        services.note_incident_action(incident=incident, acting_user=admin, note=f"{note} {reason}".strip())


@login_required
@require_POST
def account_lock(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _account_page(request, account, admin, lock_form=form)
    services.lock_account(account, admin, form.cleaned_data["reason"], request=request)
    _after(request, admin, form, account, _("Account locked; its sessions and API tokens ended."))
    messages.success(request, _("The account is locked. Its sessions and API tokens have ended."))
    return redirect("security:account", uid=account.uid)


@login_required
@require_POST
def account_unlock(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    form = OptionalReasonForm(request.POST)
    form.is_valid()
    services.unlock_account(account, admin, request=request)
    _after(request, admin, form, account, _("Account unlocked."))
    messages.success(request, _("The account is unlocked; its holder can sign in again."))
    return redirect("security:account", uid=account.uid)


@login_required
@require_POST
def account_reset_password(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    form = OptionalReasonForm(request.POST)
    if not form.is_valid():
        return _account_page(request, account, admin, reset_form=form)
    with_link = request.POST.get("method") == "link"
    if with_link:
        secret = services.reset_password_with_link(account, admin, form.cleaned_data["reason"], request=request)
    else:
        secret = services.reset_password(account, admin, form.cleaned_data["reason"], request=request)
    _after(request, admin, form, account, _("Password reset; sessions and API tokens ended."))
    return render(request, "security/password_issued.html", {"account": account, "secret": secret, "link": with_link})


@login_required
@require_POST
def account_reset_two_factor(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    form = OptionalReasonForm(request.POST)
    form.is_valid()
    services.reset_two_factor(account, admin, request=request)
    _after(request, admin, form, account, _("Two-factor authentication reset."))
    messages.success(
        request, _("The account's authenticator and recovery codes are removed; its holder sets them up again.")
    )
    return redirect("security:account", uid=account.uid)


@login_required
@require_POST
def account_end_sessions(request: HttpRequest, uid: UUID) -> HttpResponse:
    admin, account = _managed_account(request, uid)
    ended = services.end_all_sessions(account)
    messages.success(
        request,
        ngettext(
            "%(count)d session ended; the account's API tokens are revoked.",
            "%(count)d sessions ended; the account's API tokens are revoked.",
            ended,
        )
        % {"count": ended},
    )
    return redirect("security:account", uid=account.uid)
