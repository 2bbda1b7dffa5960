"""Lock-out after repeated failed sign-ins, per username and per network address (REQ-102).

A username is blocked for `lockout_minutes` after `lockout_attempts` failures within that many minutes, whether
or not the account exists, so the lock-out tells nothing about which usernames are real. A network address is
blocked after `lockout_ip_attempts` failures, whatever usernames were tried (password spraying). While blocked,
the password is not even checked: a correct one is refused too. The way back is to wait, or an administrator
responsible for the account unlocks it (`hoso.security.services.unlock_account`).

Why not django-axes: it would do the counting, but it works as an authentication backend plus a middleware that
replaces the response, which fits neither the two-step sign-in nor the API's problem details, and its messages
and unlock would still need a layer of our own scoped to the administrator's units. Two small tables' worth of
logic is easier to read and to test.
"""

import dataclasses
import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hoso.security.conf import password_policy
from hoso.security.enums import ThrottleScope
from hoso.security.models import LoginThrottle

MAX_KEY_LENGTH = 150


@dataclasses.dataclass(frozen=True, slots=True)
class Lockout:
    scope: str
    until: datetime.datetime

    @property
    def retry_after_seconds(self) -> int:
        return max(1, int((self.until - timezone.now()).total_seconds()) + 1)

    def message(self) -> str:
        until = timezone.localtime(self.until)
        values = {"time": until.strftime("%H:%M"), "date": formats.date_format(until.date(), "SHORT_DATE_FORMAT")}
        if self.scope == ThrottleScope.ADDRESS:
            return (
                _(
                    "Too many failed sign-ins from this computer or network. Signing in from here is blocked "
                    "until %(time)s on %(date)s."
                )
                % values
            )
        return (
            _(
                "Too many failed sign-ins. Signing in to this account is blocked until %(time)s on %(date)s. "
                "Try again after that time, or ask the administrator of your unit to unlock it."
            )
            % values
        )


def username_key(username: str) -> str:
    return (username or "").strip()[:MAX_KEY_LENGTH]


def _keys(username: str, ip: str | None) -> list[tuple[str, str, int]]:
    policy = password_policy()
    keys = []
    if policy.lockout_attempts > 0 and username_key(username):
        keys.append((ThrottleScope.USERNAME.value, username_key(username), policy.lockout_attempts))
    if policy.lockout_ip_attempts > 0 and ip:
        keys.append((ThrottleScope.ADDRESS.value, ip, policy.lockout_ip_attempts))
    return keys


def current_lockout(username: str, ip: str | None) -> Lockout | None:
    """The lock-out in force for this username or address, the later one when both are blocked."""
    now = timezone.now()
    keys = _keys(username, ip)
    if not keys:
        return None
    blocked: Lockout | None = None
    for scope, key, _limit in keys:
        row = LoginThrottle.objects.filter(scope=scope, key=key, locked_until__gt=now).first()
        if row is not None and row.locked_until is not None and (blocked is None or row.locked_until > blocked.until):
            blocked = Lockout(scope=scope, until=row.locked_until)
    return blocked


def _locked_row(scope: str, key: str) -> LoginThrottle:
    try:
        return LoginThrottle.objects.select_for_update().get(scope=scope, key=key)
    except LoginThrottle.DoesNotExist:
        try:
            with transaction.atomic():
                return LoginThrottle.objects.create(scope=scope, key=key, failures=0)
        except IntegrityError:  # created meanwhile by a concurrent failure
            return LoginThrottle.objects.select_for_update().get(scope=scope, key=key)


def record_failure(username: str, ip: str | None) -> Lockout | None:
    """Count one failed sign-in; the lock-out it starts, if any."""
    policy = password_policy()
    now = timezone.now()
    started: Lockout | None = None
    with transaction.atomic():
        for scope, key, limit in _keys(username, ip):
            row = _locked_row(scope, key)
            window_over = row.window_started_at <= now - policy.lockout_duration
            lock_over = row.locked_until is not None and row.locked_until <= now
            if row.failures == 0 or window_over or lock_over:
                row.failures, row.window_started_at, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= limit:
                row.locked_until = now + policy.lockout_duration
                if started is None or row.locked_until > started.until:
                    started = Lockout(scope=scope, until=row.locked_until)
            row.save(update_fields=["failures", "window_started_at", "locked_until"])
    return started


def record_success(username: str) -> None:
    """A successful sign-in wipes the username's count (not the address's: spraying goes on regardless)."""
    LoginThrottle.objects.filter(scope=ThrottleScope.USERNAME, key=username_key(username)).delete()


def clear_username(username: str) -> int:
    deleted, _detail = LoginThrottle.objects.filter(scope=ThrottleScope.USERNAME, key=username_key(username)).delete()
    return deleted


def allow_report(ip: str | None, limit: int = 5, window: datetime.timedelta = datetime.timedelta(hours=1)) -> bool:
    """Rate limit of the sign-in page's incident form: `limit` reports per address and hour."""
    if not ip:
        return True
    now = timezone.now()
    with transaction.atomic():
        row = _locked_row(ThrottleScope.REPORT.value, ip)
        if row.failures == 0 or row.window_started_at <= now - window:
            row.failures, row.window_started_at = 0, now
        row.failures += 1
        row.save(update_fields=["failures", "window_started_at"])
        return row.failures <= limit
