"""Reads of sign-in security: accounts and incidents within an administrator's scope, an account's state."""

import dataclasses
import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import ApiToken, User
from hoso.security import throttle, two_factor
from hoso.security.enums import IncidentStatus, PasswordChangeReason, ThrottleScope
from hoso.security.models import AccountIncident, AccountSecurity, LoginThrottle, UserSession
from hoso.security.services import password_change_reason, password_days_left


def manageable_accounts(admin: User) -> QuerySet[User]:
    """Accounts whose sign-in security `admin` handles: those of their units, never their own."""
    return policy.manageable_users(admin).exclude(pk=admin.pk).select_related("unit")


def incidents_visible_to(admin: User) -> QuerySet[AccountIncident]:
    """Incidents on the accounts `admin` manages; reports naming no known account go to the province's admins."""
    condition = Q(account__in=manageable_accounts(admin).values("pk"))
    if policy.has_capability_province_wide(admin, Capability.MANAGE_ACCOUNTS):
        condition |= Q(account__isnull=True)
    return (
        AccountIncident.objects.filter(condition)
        .select_related("account", "account__unit", "reporter", "handled_by")
        .order_by("-reported_at", "-pk")
    )


def open_incidents_visible_to(admin: User) -> QuerySet[AccountIncident]:
    return incidents_visible_to(admin).filter(status=IncidentStatus.OPEN)


@dataclasses.dataclass(frozen=True)
class AccountSecuritySummary:
    locked_at: datetime.datetime | None
    locked_by_name: str
    lock_reason: str
    locked_out_until: datetime.datetime | None
    change_reason: PasswordChangeReason | None
    password_changed_at: datetime.datetime | None
    password_days_left: int | None
    has_usable_password: bool
    two_factor_enrolled: bool
    two_factor_required: bool
    recovery_codes_left: int
    sessions: int
    api_tokens: int


def account_security_summary(user: User) -> AccountSecuritySummary:
    row = AccountSecurity.objects.filter(user=user).select_related("locked_by").first()
    lockout = (
        LoginThrottle.objects.filter(
            scope=ThrottleScope.USERNAME,
            key=throttle.username_key(user.get_username()),
            locked_until__gt=timezone.now(),
        )
        .values_list("locked_until", flat=True)
        .first()
    )
    return AccountSecuritySummary(
        locked_at=row.locked_at if row else None,
        locked_by_name=row.locked_by.get_full_name() if row and row.locked_by else "",
        lock_reason=row.lock_reason if row else "",
        locked_out_until=lockout,
        change_reason=password_change_reason(user, row, state_known=True),
        password_changed_at=row.password_changed_at if row else None,
        password_days_left=password_days_left(user, row),
        has_usable_password=user.has_usable_password(),
        two_factor_enrolled=two_factor.has_two_factor(user),
        two_factor_required=two_factor.requires_two_factor(user),
        recovery_codes_left=two_factor.remaining_recovery_codes(user),
        sessions=UserSession.objects.filter(user=user).count(),
        api_tokens=ApiToken.objects.filter(user=user, expires_at__gt=timezone.now()).count(),
    )
