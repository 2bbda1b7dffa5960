"""Signing in with the province's shared account (tài khoản dùng chung), REQ-019.

SSO never creates accounts: accounts follow the hierarchy and are created by administrators
(REQ-010). A provider identity is mapped to an existing active account by one claim
(HOSO_OIDC_MATCH_CLAIM, compared with HOSO_OIDC_MATCH_FIELD); the first match is remembered as
an `ExternalIdentity`, so later sign-ins use the provider's stable `sub` alone.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.sso import selectors
from hoso.sso.enums import Refusal
from hoso.sso.models import ExternalIdentity

REFUSAL_MESSAGES: dict[Refusal, StrOrPromise] = {
    Refusal.CANCELLED: _(
        "Sign-in with the province's shared account was cancelled or refused by the provincial service."
    ),
    Refusal.INVALID_STATE: _("This sign-in request has expired or is not valid. Please start again."),
    Refusal.UNVERIFIED: _(
        "The answer of the provincial sign-in service could not be verified, so you have not been signed in."
        " Please try again; if it happens again, tell the system administrator."
    ),
    Refusal.PROVIDER_UNAVAILABLE: _(
        "The provincial sign-in service is not answering. Please try again later or sign in with your password."
    ),
    Refusal.NOT_LINKED: _(
        "Your shared account is not yet linked to an account in this system. Please contact the administrator of"
        " your unit."
    ),
    Refusal.INACTIVE: _(
        "The account linked to your shared account is locked. Please contact the administrator of your unit."
    ),
    Refusal.LINKED_ELSEWHERE: _(
        "The matching account in this system is already linked to another shared account. Please contact the"
        " administrator of your unit."
    ),
}


class SignInRefused(Exception):
    """A sign-in that must not happen; `account` is the hoso account concerned, when one was found."""

    def __init__(self, refusal: Refusal, account: User | None = None) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.account = account

    @property
    def message(self) -> StrOrPromise:
        return REFUSAL_MESSAGES[self.refusal]


@dataclass(frozen=True)
class ProviderIdentity:
    """A verified identity from the provider's ID token."""

    issuer: str
    subject: str
    claims: Mapping[str, Any] = field(default_factory=dict)


UserinfoLoader = Callable[[], Mapping[str, Any]]


def account_for_identity(
    *, identity: ProviderIdentity, load_userinfo: UserinfoLoader | None = None, request: HttpRequest | None = None
) -> User:
    """The active account this provider identity signs in as; links it on the first match.

    Raises SignInRefused (and writes nothing) for an unknown identity, an inactive account, or an
    account already linked to another identity of the same provider. `load_userinfo` is called
    only when the match claim is not in the ID token and the identity is not linked yet.
    """
    with transaction.atomic():
        link = selectors.linked_identity(issuer=identity.issuer, subject=identity.subject)
        if link is not None:
            if not link.user.is_active:
                raise SignInRefused(Refusal.INACTIVE, link.user)
            ExternalIdentity.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
            return link.user

        value = _match_claim_value(identity, load_userinfo)
        user = selectors.account_matching_claim(value) if value else None
        if user is None:
            raise SignInRefused(Refusal.NOT_LINKED)
        if not user.is_active:
            raise SignInRefused(Refusal.INACTIVE, user)
        link_identity(identity=identity, user=user, request=request)
        return user


def link_identity(*, identity: ProviderIdentity, user: User, request: HttpRequest | None = None) -> ExternalIdentity:
    """Remember that this provider identity is this account (one identity per account and provider)."""
    with transaction.atomic():
        if ExternalIdentity.objects.filter(issuer=identity.issuer, user=user).exists():
            raise SignInRefused(Refusal.LINKED_ELSEWHERE, user)
        try:
            with transaction.atomic():
                link = ExternalIdentity.objects.create(
                    issuer=identity.issuer, subject=identity.subject, user=user, last_used_at=timezone.now()
                )
        except IntegrityError:
            # Two first sign-ins at once: the other one linked it; refuse unless it is the same account.
            existing = selectors.linked_identity(issuer=identity.issuer, subject=identity.subject)
            if existing is not None and existing.user_id == user.pk:
                return existing
            raise SignInRefused(Refusal.LINKED_ELSEWHERE, user) from None
        record_event(
            AuditAction.ACCOUNT_CHANGED,
            actor=user,
            request=request,
            unit=user.unit,
            target=user,
            detail={"shared_account": "linked", "issuer": identity.issuer},
        )
        return link


def record_refused_sign_in(*, refusal: Refusal, account: User | None, request: HttpRequest | None) -> None:
    """A refused sign-in through the provider is a failed sign-in in the audit log (REQ-100)."""
    record_event(
        AuditAction.LOGIN_FAILED,
        actor=None,
        request=request,
        unit=account.unit if account is not None else None,
        target=account,
        detail={"method": "shared_account", "reason": refusal.value},
    )


def _match_claim_value(identity: ProviderIdentity, load_userinfo: UserinfoLoader | None) -> str:
    claim = settings.HOSO_OIDC_MATCH_CLAIM
    value = identity.claims.get(claim)
    if value in (None, "") and load_userinfo is not None:
        userinfo = load_userinfo()
        # OIDC Core 5.3.2: userinfo about another subject must not be used.
        if str(userinfo.get("sub", "")) != identity.subject:
            raise SignInRefused(Refusal.UNVERIFIED)
        value = userinfo.get(claim)
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()
