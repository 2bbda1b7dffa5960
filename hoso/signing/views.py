"""Pages of hoso.signing: a record's signature report and signed bundle, and signing certificates.

Thin views: load through the policy's selectors (out of scope → 404), check with `permissions` (403), validate with
a form, act through one service call, respond.
"""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.people import permissions as people_permissions
from hoso.people.models import Person, RecordVersion
from hoso.people.selectors import person_for_user
from hoso.signing import permissions, selectors, services
from hoso.signing.bundle import build_bundle
from hoso.signing.errors import SigningError
from hoso.signing.forms import LocalCredentialForm, RemoteCredentialForm
from hoso.signing.verification import RecordReport, redacted_for, verify_record


class AuthenticatedRequest(HttpRequest):
    user: User


def _person_or_404(user: User, uid: uuid.UUID) -> Person:
    person = person_for_user(user, uid)
    if person is None:
        raise Http404
    return person


def report_for(user: User, person: Person, request: HttpRequest | None = None) -> RecordReport:
    """The verification report of a record as `user` may read it (audited: it reads the whole record)."""
    report = verify_record(person)
    record_event(
        AuditAction.SIGNATURES_VERIFIED,
        actor=user,
        request=request,
        person=person,
        target=person,
        detail={"status": str(report.status), "versions": len(report.versions)},
    )
    return redacted_for(report, people_permissions.record_clearance(user, person))


@login_required
@require_GET
def verify(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    if not permissions.can_verify_record(request.user, person):
        raise PermissionDenied
    report = report_for(request.user, person, request)
    return render(
        request,
        "signing/verification.html",
        {
            "person": person,
            "report": report,
            "can_download_bundle": permissions.can_download_bundle(request.user, person),
        },
    )


@login_required
@require_GET
def bundle(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    if not permissions.can_download_bundle(request.user, person):
        raise PermissionDenied
    return bundle_response(request, person, request.user)


def bundle_response(request: HttpRequest, person: Person, user: User) -> HttpResponse:
    data = build_bundle(person)
    record_event(
        AuditAction.SIGNED_BUNDLE_EXPORTED,
        actor=user,
        request=request,
        person=person,
        target=person,
        detail={"versions": len(data["versions"])},
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="hoso-{person.uid}-{stamp}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def version_summary(request: AuthenticatedRequest, uid: uuid.UUID, number: int) -> HttpResponse:
    """The signature line of one version, loaded by the record page (htmx) so the page itself costs no query more."""
    person = _person_or_404(request.user, uid)
    version = RecordVersion.objects.filter(person=person, number=number).defer("snapshot").first()
    if version is None:
        raise Http404
    return render(
        request,
        "signing/includes/version_summary.html",
        {"version": version, "signature": selectors.signature_of(version)},
    )


# --- certificates ---------------------------------------------------------------------------------


@login_required
@require_GET
def my_certificates(request: AuthenticatedRequest) -> HttpResponse:
    """An approver sees their own signing certificates and whether they can sign now."""
    ready_problem = ""
    try:
        services.check_ready(request.user)
    except SigningError as exc:
        ready_problem = exc.message
    return render(
        request,
        "signing/my_certificates.html",
        {"credentials": list(selectors.credentials_of(request.user)), "ready_problem": ready_problem},
    )


def _account_page(
    request: AuthenticatedRequest,
    account: User,
    local_form: LocalCredentialForm | None = None,
    remote_form: RemoteCredentialForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "signing/account_certificates.html",
        {
            "account": account,
            "credentials": list(selectors.credentials_of(account)),
            "local_form": local_form or LocalCredentialForm(),
            "remote_form": remote_form or RemoteCredentialForm(),
        },
        status=status,
    )


def _account_or_404(user: User, uid: uuid.UUID) -> User:
    account = selectors.manageable_account(user, uid)
    if account is None:
        raise Http404
    return account


@login_required
@require_GET
def account_certificates(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    return _account_page(request, _account_or_404(request.user, uid))


@login_required
@require_POST
def add_local(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request.user, uid)
    form = LocalCredentialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_local_credential(
                user=account,
                pkcs12=form.cleaned_data["pkcs12"],
                passphrase=form.cleaned_data["passphrase"],
                title=form.cleaned_data["title"],
                acting_user=request.user,
            )
        except SigningError as exc:
            for name, errors in (exc.errors or {"pkcs12": [exc.message]}).items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(request, _("The signing certificate was registered."))
            return redirect("signing:account_certificates", uid=account.uid)
    return _account_page(request, account, local_form=form, status=422)


@login_required
@require_POST
def add_remote(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    account = _account_or_404(request.user, uid)
    form = RemoteCredentialForm(request.POST)
    if form.is_valid():
        try:
            services.add_remote_credential(
                user=account,
                remote_account=form.cleaned_data["remote_account"],
                certificate_pem=form.cleaned_data["certificate_pem"],
                title=form.cleaned_data["title"],
                acting_user=request.user,
            )
        except SigningError as exc:
            for name, errors in (exc.errors or {"certificate_pem": [exc.message]}).items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(request, _("The remote-signing account was registered."))
            return redirect("signing:account_certificates", uid=account.uid)
    return _account_page(request, account, remote_form=form, status=422)


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    credential = selectors.manageable_credential(request.user, uid)
    if credential is None:
        raise Http404
    services.revoke_credential(credential=credential, acting_user=request.user)
    messages.success(request, _("The signing certificate was revoked; the signatures made with it stay valid."))
    return redirect("signing:account_certificates", uid=credential.user.uid)
