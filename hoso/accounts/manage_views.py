"""Account-management screens (quản lý tài khoản): accounts, first passwords, rights, delegations, written consent.

Every view loads through the one access policy: accounts through `policy.manageable_users`, units through
`policy.units_for(user, MANAGE_ACCOUNTS)`, records through `people.selectors.people_for`; anything outside is a 404.
A user holding MANAGE_ACCOUNTS nowhere gets 403 on the administration pages (they know the pages exist; there is no
record to enumerate). The services authorise each action; forms check the shape of input. Records live in
`hoso.people`, a later app, imported inside the functions.

First credentials (a temporary password or a one-time link) are shown once on a printable slip: the view that
creates them keeps them, encrypted, in the session under a random token, and the slip page takes them out on its
first showing (REQ-017: no page shows a password again).
"""

import datetime
import json
import secrets
import time
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoso.accounts import manage_forms as forms
from hoso.accounts import policy, services
from hoso.accounts.enums import Capability
from hoso.accounts.models import ConsentGrant, Delegation, Role, RoleAssignment, User
from hoso.core.crypto import DecryptionError, decrypt_text, encrypt_text
from hoso.core.text import fold
from hoso.organisations.models import OrgUnit

MANAGE = Capability.MANAGE_ACCOUNTS
SLIPS_SESSION_KEY = "hoso_manage_slips"
SLIP_LIFETIME_SECONDS = 15 * 60  # a slip never shown (an interrupted redirect) is dropped after this
LOOKUP_LIMIT = 20


class AuthenticatedRequest(HttpRequest):
    user: User


# --- scope ------------------------------------------------------------------------------------------------------


def _require_manager(request: AuthenticatedRequest) -> None:
    if not policy.has_capability(request.user, MANAGE):
        raise PermissionDenied(_("Only account administrators may open this page."))


def _managed_units(user: User) -> list[OrgUnit]:
    return list(policy.units_for(user, MANAGE).only("uid", "name", "depth", "path", "valid_to").order_by("path"))


def _units_in_existence(units: list[OrgUnit]) -> list[OrgUnit]:
    today = timezone.localdate()
    return [unit for unit in units if unit.valid_to is None or unit.valid_to >= today]


def _people_in_scope(user: User) -> QuerySet[Any]:
    """The records of the units the user administers (employing or managing unit)."""
    from hoso.people.selectors import people_for

    return people_for(user, MANAGE).select_related("employing_unit")


def _account_or_404(request: AuthenticatedRequest, uid: uuid.UUID) -> User:
    _require_manager(request)
    account = policy.manageable_users(request.user).select_related("unit").filter(uid=uid).first()
    if account is None:
        raise Http404
    return account


def _delegate_candidates(user: User) -> QuerySet[User]:
    """Active accounts of the units where the user holds rights (to delegate some of them), the user excepted."""
    grants = policy.access_of(user).grants
    if not grants:
        return User.objects.none()
    accounts = User.objects.filter(is_active=True).exclude(pk=user.pk)
    if any(grant.province_wide for grant in grants):
        return accounts
    condition = Q()
    for grant in grants:
        condition |= grant.unit_condition(prefix="unit__")
    return accounts.filter(condition)


def _active_accounts() -> QuerySet[User]:
    return User.objects.filter(is_active=True)


def search_accounts(accounts: QuerySet[User], query: str) -> QuerySet[User]:
    """Accounts whose username or full name holds every word typed, diacritics and case ignored.

    No folded column is stored for accounts: the (id, username, full name) of the accounts in the scope are read
    in one query and folded here, then the page asks for the matching ids. An administrator's scope holds at most
    a few thousand accounts, for which this is a few milliseconds; the cost does not depend on the page shown.
    """
    words = fold(query).split()
    if not words:
        return accounts
    matching = [
        pk
        for pk, username, full_name in accounts.values_list("pk", "username", "full_name")
        if all(word in fold(f"{username} {full_name}") for word in words)
    ]
    return accounts.filter(pk__in=matching)


def _apply_errors(form: Any, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal as form errors: on the field it names, otherwise above the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You may not do this."))
        return
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return fallback


# --- first credentials on a slip, shown once ------------------------------------------------------------------


@sensitive_variables("issued", "entries", "sealed")
def _slip_redirect(request: AuthenticatedRequest, issued: list[services.IssuedAccount], back: str) -> HttpResponse:
    entries = [
        {
            "full_name": item.user.get_full_name(),
            "username": item.user.username,
            "unit": item.user.unit.name if item.user.unit is not None else "",
            "kind": str(item.user.get_kind_display()),
            "password": item.password,
            "link": request.build_absolute_uri(item.link) if item.link else "",
        }
        for item in issued
    ]
    now = time.time()
    slips = {
        token: sealed
        for token, sealed in (request.session.get(SLIPS_SESSION_KEY) or {}).items()
        if now - float(sealed.get("at", 0)) < SLIP_LIFETIME_SECONDS
    }
    token = secrets.token_urlsafe(18)
    slips[token] = {"at": now, "data": encrypt_text(json.dumps({"accounts": entries, "back": back}))}
    request.session[SLIPS_SESSION_KEY] = slips
    return redirect("manage:slip", token=token)


@never_cache
@login_required
@require_GET
@sensitive_variables("sealed", "data")
def slip(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The printable slip(s): username and temporary password or one-time link, shown this once only."""
    slips = request.session.get(SLIPS_SESSION_KEY) or {}
    sealed = slips.pop(token, None)
    request.session[SLIPS_SESSION_KEY] = slips
    data: dict[str, Any] | None = None
    if sealed is not None and time.time() - float(sealed.get("at", 0)) < SLIP_LIFETIME_SECONDS:
        try:
            data = json.loads(decrypt_text(sealed["data"]))
        except (DecryptionError, KeyError, ValueError):
            data = None
    if data is None:
        return render(request, "accounts/manage/slip_gone.html", status=410)
    context = {
        "accounts": data["accounts"],
        "back": data.get("back") or reverse("manage:accounts"),
        "issued_at": timezone.localtime(),
    }
    return render(request, "accounts/manage/slip.html", context)


# --- the accounts list -----------------------------------------------------------------------------------------


def _accounts_list(user: User, filters: dict[str, Any]) -> QuerySet[User]:
    accounts = policy.manageable_users(user)
    unit: OrgUnit | None = filters["unit"]
    if unit is not None:
        if filters["include_subunits"]:
            accounts = accounts.filter(unit__path__startswith=unit.path)
        else:
            accounts = accounts.filter(unit=unit)
    if filters["kind"]:
        accounts = accounts.filter(kind=filters["kind"])
    status = filters["status"]
    if status == forms.STATUS_ACTIVE:
        accounts = accounts.filter(is_active=True, security__locked_at__isnull=True)
    elif status == forms.STATUS_LOCKED:
        accounts = accounts.filter(security__locked_at__isnull=False)
    elif status == forms.STATUS_INACTIVE:
        accounts = accounts.filter(is_active=False)
    if filters["query"]:
        accounts = search_accounts(accounts, filters["query"])
    in_force = (
        RoleAssignment.objects.in_force(timezone.localdate()).select_related("role", "unit").order_by("valid_from")
    )
    return (
        accounts.select_related("unit")
        .annotate(locked_at=F("security__locked_at"))
        .prefetch_related(Prefetch("role_assignments", queryset=in_force, to_attr="roles_in_force"))
        .order_by("unit__path", "full_name", "username")
    )


@login_required
@require_GET
def account_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    units = _managed_units(request.user)
    form = forms.AccountFilterForm(request.GET, units=units)
    filters = form.filters()
    page = Paginator(_accounts_list(request.user, filters), settings.HOSO_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "accounts": page.object_list,
        "is_filtered": bool(filters["query"] or filters["kind"] or filters["status"]),
    }
    return render(request, "accounts/manage/account_list.html", context)


# --- creating accounts -----------------------------------------------------------------------------------------


def _creatable_kinds(user: User) -> list[tuple[str, Any]]:
    """REQ-010: the system administrator creates any kind; a unit administrator the accounts of its subtree."""
    if policy.has_capability_province_wide(user, MANAGE):
        return list(User.Kind.choices)
    return [(value, label) for value, label in User.Kind.choices if value != User.Kind.SYSTEM_ADMIN]


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    user = request.user
    form = forms.AccountCreateForm(
        request.POST if request.method == "POST" else None,
        kinds=_creatable_kinds(user),
        units=_units_in_existence(_managed_units(user)),
        people=_people_in_scope(user).filter(account__isnull=True),
        people_lookup_url=reverse("manage:lookup_people") + "?free=1",
        initial={"kind": User.Kind.PERSONAL},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.create_account(
                acting_user=user,
                kind=data["kind"],
                unit=data["unit"],
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                person=data["person"],
                hand_over=data["hand_over"],
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The account %(username)s was created.") % {"username": issued.user.username})
            return _slip_redirect(request, [issued], reverse("manage:account", args=[issued.user.uid]))
    return render(request, "accounts/manage/account_form.html", {"form": form})


def _staff_without_account(user: User, unit: OrgUnit, include_subunits: bool) -> list[Any]:
    people = _people_in_scope(user).filter(account__isnull=True)
    if include_subunits:
        people = people.filter(employing_unit__path__startswith=unit.path)
    else:
        people = people.filter(employing_unit=unit)
    return list(people.order_by("name_sort_key", "pk"))


@login_required
@require_http_methods(["GET", "POST"])
def bulk_create(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """Personal accounts for a unit's staff who have none, in one go (all or none), with one slip each."""
    _require_manager(request)
    user = request.user
    unit = policy.units_for(user, MANAGE).filter(uid=uid).first()
    if unit is None:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    include_subunits = source.get("sub") == "true"
    people = _staff_without_account(user, unit, include_subunits)
    limit = settings.HOSO_BULK_ACCOUNTS_MAX
    form = forms.BulkCreateForm(
        request.POST if request.method == "POST" else None,
        people=people,
        initial={"people": [str(person.uid) for person in people[:limit]]},
    )
    problems: dict[str, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.create_personal_accounts(
                acting_user=user, people=form.cleaned_data["people"], hand_over=form.cleaned_data["hand_over"]
            )
        except ValidationError as error:
            problems = error.message_dict
            form.add_error(
                None, _("No account was created: correct the problems marked below, or untick those people.")
            )
        except PermissionDenied as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(count)d personal accounts were created.") % {"count": len(issued)})
            back = reverse("manage:accounts") + f"?unit={unit.uid}"
            return _slip_redirect(request, issued, back)
    chosen = set(form["people"].value() or [])
    rows = [
        {"person": person, "checked": str(person.uid) in chosen, "problems": problems.get(str(person.uid), [])}
        for person in people
    ]
    context = {
        "unit": unit,
        "form": form,
        "rows": rows,
        "include_subunits": include_subunits,
        "limit": limit,
        "login_is_citizen_id": settings.HOSO_PERSONAL_LOGIN != services.PERSONAL_LOGIN_USERNAME,
        "other_problems": problems.get("people", []),
    }
    return render(request, "accounts/manage/bulk_create.html", context)


# --- one account ----------------------------------------------------------------------------------------------


def _role_status(assignment: RoleAssignment, today: datetime.date) -> str:
    if assignment.revoked_at is not None:
        return "revoked"
    if assignment.valid_to is not None and assignment.valid_to < today:
        return "ended"
    if assignment.valid_from > today:
        return "upcoming"
    return "in_force"


def _grant_form(request: AuthenticatedRequest, data: Any = None) -> forms.RoleGrantForm:
    user = request.user
    return forms.RoleGrantForm(
        data,
        units=_units_in_existence(_managed_units(user)),
        province_wide=policy.has_capability_province_wide(user, MANAGE),
    )


def _change_form(assignment: RoleAssignment, data: Any = None) -> forms.RoleChangeForm:
    return forms.RoleChangeForm(
        data,
        valid_from=assignment.valid_from,
        auto_id=f"id_{assignment.uid.hex}_%s",
        initial={
            "capabilities": list(assignment.capabilities),
            "include_subunits": assignment.include_subunits,
            "valid_to": assignment.valid_to,
        },
    )


def _holder_form(request: AuthenticatedRequest, data: Any = None) -> forms.HolderForm:
    return forms.HolderForm(
        data, people=_people_in_scope(request.user), people_lookup_url=reverse("manage:lookup_people")
    )


def _render_account(request: AuthenticatedRequest, account: User, *, status: int = 200, **bound: Any) -> HttpResponse:
    """The account page; `bound` carries a form that failed validation, re-shown with its messages."""
    from hoso.people.models import Person
    from hoso.security.models import AccountSecurity

    today = timezone.localdate()
    acting = request.user
    assignments = list(
        RoleAssignment.objects.filter(user=account)
        .select_related("role", "unit", "granted_by", "revoked_by")
        .order_by("-valid_from", "-pk")
    )
    changing: tuple[uuid.UUID, forms.RoleChangeForm] | None = bound.get("change")
    revoking: tuple[uuid.UUID, forms.RoleRevokeForm] | None = bound.get("revoke")
    rows = []
    for assignment in assignments:
        state = _role_status(assignment, today)
        change_form = revoke_form = None
        if state in ("in_force", "upcoming"):
            change_form = changing[1] if changing and changing[0] == assignment.uid else _change_form(assignment)
            revoke_form = (
                revoking[1]
                if revoking and revoking[0] == assignment.uid
                else forms.RoleRevokeForm(auto_id=f"id_revoke_{assignment.uid.hex}_%s")
            )
        rows.append(
            {
                "assignment": assignment,
                "state": state,
                "capabilities": [Capability(c).label for c in assignment.capabilities if c in Capability.values],
                "change_form": change_form,
                "revoke_form": revoke_form,
            }
        )
    security = AccountSecurity.objects.filter(user=account).select_related("locked_by").first()
    person = Person.objects.filter(account=account).select_related("employing_unit").first()
    consents = list(
        ConsentGrant.objects.filter(grantee=account)
        .select_related("person", "granted_by", "revoked_by")
        .order_by("-valid_from", "-pk")
    )
    consent_rows = [
        {"grant": grant, "can_revoke": grant.revoked_at is None and policy.can(acting, MANAGE, grant.person)}
        for grant in consents
    ]
    is_unit_account = account.kind == User.Kind.UNIT
    context = {
        "account": account,
        "today": today,
        "is_self": account.pk == acting.pk,
        "security": security,
        "person": person,
        "person_visible": person is not None and policy.can(acting, Capability.VIEW_RECORD, person),
        "roles_current": [row for row in rows if row["state"] in ("in_force", "upcoming")],
        "roles_past": [row for row in rows if row["state"] in ("ended", "revoked")],
        "grant_form": bound.get("grant_form") or _grant_form(request),
        "lock_form": bound.get("lock_form") or forms.LockForm(),
        "reset_form": bound.get("reset_form") or forms.PasswordResetForm(),
        "delegations_given": list(
            Delegation.objects.filter(delegator=account)
            .select_related("delegate", "revoked_by")
            .order_by("-valid_from")
        ),
        "delegations_received": list(
            Delegation.objects.filter(delegate=account)
            .select_related("delegator", "revoked_by")
            .order_by("-valid_from")
        ),
        "consent_rows": consent_rows,
        "is_unit_account": is_unit_account,
        "holders": list(account.holders.select_related("holder_person", "recorded_by")) if is_unit_account else [],
        "current_holder": services.current_holder(account) if is_unit_account else None,
        "holder_form": (bound.get("holder_form") or _holder_form(request)) if is_unit_account else None,
    }
    return render(request, "accounts/manage/account_detail.html", context, status=status)


@login_required
@require_GET
def account_detail(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request, uid)
    return _render_account(request, account)


def _done(request: AuthenticatedRequest, account: User, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("manage:account", uid=account.uid)


@login_required
@require_POST
def role_grant(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request, uid)
    form = _grant_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                acting_user=request.user,
                user=account,
                role=data["role"],
                unit=form.chosen_unit(),
                include_subunits=data["include_subunits"],
                capabilities=data["capabilities"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                note=data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            return _done(request, account, _("The role was granted."))
    return _render_account(request, account, grant_form=form)


@login_required
@require_GET
def role_capabilities(request: AuthenticatedRequest) -> HttpResponse:
    """The capabilities boxes of the grant form, ticked as the chosen role bundles them (htmx fragment)."""
    _require_manager(request)
    raw = request.GET.get("role") or ""
    # a made-up id (letters, or a number beyond the column's range) simply selects no role
    role = Role.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) <= 9 else None
    initial = {"capabilities": list(role.capabilities) if role is not None else []}
    form = forms.RoleGrantForm(initial=initial, units=[], province_wide=False)
    return render(request, "accounts/manage/includes/grant_capabilities.html", {"grant_form": form})


def _assignment_or_404(account: User, assignment_uid: uuid.UUID) -> RoleAssignment:
    assignment = RoleAssignment.objects.filter(user=account, uid=assignment_uid).first()
    if assignment is None:
        raise Http404
    return assignment


@login_required
@require_POST
def role_change(request: AuthenticatedRequest, uid: uuid.UUID, assignment_uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request, uid)
    assignment = _assignment_or_404(account, assignment_uid)
    form = _change_form(assignment, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_role(
                acting_user=request.user,
                assignment=assignment,
                capabilities=data["capabilities"],
                include_subunits=data["include_subunits"],
                valid_to=data["valid_to"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            return _done(request, account, _("The role was changed."))
    return _render_account(request, account, change=(assignment.uid, form))


@login_required
@require_POST
def role_revoke(request: AuthenticatedRequest, uid: uuid.UUID, assignment_uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request, uid)
    assignment = _assignment_or_404(account, assignment_uid)
    form = forms.RoleRevokeForm(request.POST, auto_id=f"id_revoke_{assignment.uid.hex}_%s")
    if form.is_valid():
        try:
            services.revoke_role(
                acting_user=request.user, assignment=assignment, decision_number=form.cleaned_data["decision_number"]
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            return _done(request, account, _("The role was revoked; it no longer works, open sessions included."))
    return _render_account(request, account, revoke=(assignment.uid, form))


def _sign_in_admin(request: AuthenticatedRequest, uid: uuid.UUID) -> User:
    """The account, when the acting user may lock, unlock or reset it (never their own)."""
    from hoso.security.permissions import can_manage_sign_in

    account = _account_or_404(request, uid)
    if not can_manage_sign_in(request.user, account):
        raise PermissionDenied(_("Nobody locks, unlocks or resets their own account here."))
    return account


@login_required
@require_POST
def account_lock(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    from hoso.security import services as security

    account = _sign_in_admin(request, uid)
    form = forms.LockForm(request.POST)
    if not form.is_valid():
        return _render_account(request, account, lock_form=form)
    security.lock_account(account, request.user, form.cleaned_data["reason"], request=request)
    return _done(request, account, _("The account is locked. Its sessions and API tokens have ended."))


@login_required
@require_POST
def account_unlock(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    from hoso.security import services as security

    account = _sign_in_admin(request, uid)
    security.unlock_account(account, request.user, request=request)
    return _done(request, account, _("The account is unlocked; its holder can sign in again."))


@login_required
@require_POST
@sensitive_variables("password", "link")
def password_reset(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """REQ-016: a new temporary password or a one-time link, on a slip shown once; every session ends."""
    from hoso.security import services as security

    account = _sign_in_admin(request, uid)
    form = forms.PasswordResetForm(request.POST)
    if not form.is_valid():
        return _render_account(request, account, reset_form=form)
    reason = form.cleaned_data["reason"]
    if form.cleaned_data["hand_over"] == services.HAND_OVER_LINK:
        link = security.reset_password_with_link(account, request.user, reason, request=request)
        issued = services.IssuedAccount(user=account, link=link)
    else:
        password = security.reset_password(account, request.user, reason, request=request)
        issued = services.IssuedAccount(user=account, password=password)
    messages.success(request, _("The password was reset; every session of the account has ended."))
    return _slip_redirect(request, [issued], reverse("manage:account", args=[account.uid]))


@login_required
@require_POST
def holder_assign(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request, uid)
    if account.kind != User.Kind.UNIT:
        raise Http404
    form = _holder_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            holder = services.assign_unit_account_holder(
                acting_user=request.user,
                account=account,
                holder_name=data["holder_name"],
                holder_person=data["holder_person"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                valid_from=data["valid_from"],
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            return _done(
                request,
                account,
                _("The account was handed over to %(name)s; it must get a new password before it is used.")
                % {"name": holder.holder_name},
            )
    return _render_account(request, account, holder_form=form)


# --- delegations ----------------------------------------------------------------------------------------------


def _delegable_held(user: User) -> list[tuple[str, Any]]:
    held = policy.capabilities_of(user)
    delegable = set(getattr(settings, "HOSO_DELEGABLE_CAPABILITIES", Capability.values))
    return [(value, label) for value, label in Capability.choices if value in held and value in delegable]


@login_required
@require_http_methods(["GET", "POST"])
def delegations(request: AuthenticatedRequest) -> HttpResponse:
    """Ủy quyền: my delegations given and received; delegate some of my rights for a period."""
    user = request.user
    capabilities = _delegable_held(user)
    form = forms.DelegationForm(
        request.POST if request.method == "POST" else None,
        delegates=_delegate_candidates(user),
        capabilities=capabilities,
        lookup_url=reverse("manage:lookup_accounts") + "?for=delegate",
    )
    if request.method == "POST":
        if not capabilities:
            raise PermissionDenied(_("You hold no right you could delegate."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                delegation = services.delegate_rights(
                    acting_user=user,
                    delegate=data["delegate"],
                    capabilities=data["capabilities"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                )
            except (ValidationError, PermissionDenied) as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your rights were delegated to %(name)s.") % {"name": delegation.delegate.get_full_name()},
                )
                return redirect("manage:delegations")
    context = {
        "form": form,
        "can_delegate": bool(capabilities),
        "today": timezone.localdate(),
        "given": list(
            Delegation.objects.filter(delegator=user)
            .select_related("delegate", "delegate__unit", "revoked_by")
            .order_by("-valid_from", "-pk")
        ),
        "received": list(
            Delegation.objects.filter(delegate=user)
            .select_related("delegator", "delegator__unit", "revoked_by")
            .order_by("-valid_from", "-pk")
        ),
    }
    return render(request, "accounts/manage/delegations.html", context)


@login_required
@require_POST
def delegation_revoke(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """The delegator, or an administrator of the delegator's account, ends a delegation now."""
    user = request.user
    delegation = (
        Delegation.objects.filter(uid=uid)
        .filter(Q(delegator=user) | Q(delegator__in=policy.manageable_users(user).values("pk")))
        .select_related("delegator", "delegator__unit", "delegate")
        .first()
    )
    if delegation is None:
        raise Http404
    services.revoke_delegation(acting_user=user, delegation=delegation)
    messages.success(request, _("The delegation has ended."))
    return redirect(_safe_next(request, reverse("manage:delegations")))


# --- written consent ------------------------------------------------------------------------------------------


def _consents_in_scope(user: User) -> QuerySet[ConsentGrant]:
    return ConsentGrant.objects.filter(person__in=_people_in_scope(user).values("pk"))


CONSENT_FILTERS = {"in_force", "ended", "revoked"}


@login_required
@require_GET
def consent_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    today = timezone.localdate()
    grants = _consents_in_scope(request.user)
    state = request.GET.get("state", "")
    if state == "in_force":
        grants = grants.in_force(today)  # type: ignore[attr-defined]
    elif state == "ended":
        grants = grants.filter(revoked_at__isnull=True, valid_to__lt=today)
    elif state == "revoked":
        grants = grants.filter(revoked_at__isnull=False)
    grants = grants.select_related(
        "grantee", "grantee__unit", "person", "person__employing_unit", "granted_by"
    ).order_by("-valid_from", "-pk")
    page = Paginator(grants, settings.HOSO_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "grants": page.object_list,
        "state": state if state in CONSENT_FILTERS else "",
        "today": today,
    }
    return render(request, "accounts/manage/consent_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    user = request.user
    posted = request.method == "POST"
    form = forms.ConsentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        grantees=_active_accounts(),
        people=_people_in_scope(user),
        grantee_lookup_url=reverse("manage:lookup_accounts") + "?for=grantee",
        people_lookup_url=reverse("manage:lookup_people"),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.grant_consent(
                acting_user=user,
                grantee=data["grantee"],
                person=data["person"],
                issuer=data["issuer"],
                purpose=data["purpose"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                include_sensitive=data["include_sensitive"],
                scan=data["scan"] or None,
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s may read the record of %(person)s until %(date)s.")
                % {
                    "name": grant.grantee.get_full_name(),
                    "person": grant.person.full_name,
                    "date": grant.valid_to.strftime("%d/%m/%Y"),
                },
            )
            return redirect("manage:consents")
    return render(request, "accounts/manage/consent_form.html", {"form": form})


def _consent_or_404(request: AuthenticatedRequest, uid: uuid.UUID) -> ConsentGrant:
    _require_manager(request)
    grant = _consents_in_scope(request.user).select_related("person", "grantee").filter(uid=uid).first()
    if grant is None:
        raise Http404
    return grant


@login_required
@require_POST
def consent_revoke(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    grant = _consent_or_404(request, uid)
    services.revoke_consent(acting_user=request.user, grant=grant)
    messages.success(request, _("The access by written consent has ended."))
    return redirect(_safe_next(request, reverse("manage:consents")))


@never_cache
@login_required
@require_GET
def consent_scan(request: AuthenticatedRequest, uid: uuid.UUID) -> FileResponse:
    """The scan of the decision, streamed after the scope check (never a public media URL)."""
    grant = _consent_or_404(request, uid)
    if not grant.scan:
        raise Http404
    handle = grant.scan.open("rb")
    content_type = services.scan_content_type(handle) or "application/octet-stream"  # type: ignore[arg-type]
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(content_type, "bin")
    response = FileResponse(
        handle, as_attachment=True, filename=f"consent-{grant.uid}.{extension}", content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- lookups for the searchable selects ----------------------------------------------------------------------


def _lookup_answer(results: list[tuple[str, str]]) -> JsonResponse:
    return JsonResponse({"results": [{"value": value, "text": text} for value, text in results]})


@login_required
@require_GET
def lookup_people(request: AuthenticatedRequest) -> JsonResponse:
    """Records of the units the user administers matching the typed name (or a whole ID number)."""
    from hoso.people.selectors import search_filter

    _require_manager(request)
    query = (request.GET.get("q") or "").strip()
    if len(query) < 2:
        return _lookup_answer([])
    people = _people_in_scope(request.user).filter(search_filter(query))
    if request.GET.get("free"):
        people = people.filter(account__isnull=True)
    found = people.order_by("name_sort_key", "pk")[:LOOKUP_LIMIT]
    return _lookup_answer([(str(person.uid), forms.person_label(person)) for person in found])


@login_required
@require_GET
def lookup_accounts(request: AuthenticatedRequest) -> JsonResponse:
    """Accounts to delegate to (`for=delegate`, anyone) or to give written-consent access (`for=grantee`, admins)."""
    query = (request.GET.get("q") or "").strip()
    if request.GET.get("for") == "grantee":
        _require_manager(request)
        accounts = _active_accounts()
    else:
        accounts = _delegate_candidates(request.user)
    if len(query) < 2:
        return _lookup_answer([])
    found = search_accounts(accounts, query).select_related("unit").order_by("full_name", "username")[:LOOKUP_LIMIT]
    return _lookup_answer([(str(account.uid), forms.account_label(account)) for account in found])
