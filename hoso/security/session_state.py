"""What the middleware needs to know about the signed-in account, kept in the session between checks.

Reading the account's security row, its devices and its rights on every request would cost queries on every page;
instead the state is read at sign-in and again at most every SESSION_CHECK_INTERVAL seconds. Whatever must take
effect at once (a lock, a reset, a hand-over) also ends the account's sessions.
"""

import time
from typing import Any, TypedDict

from django.http import HttpRequest

from hoso.accounts.models import User
from hoso.security import two_factor
from hoso.security.models import AccountSecurity
from hoso.security.services import password_change_reason, password_days_left

SESSION_STATE_KEY = "hoso_security"
SESSION_CHECK_INTERVAL = 60  # seconds between two reads of the account's state; also how often idleness is reset


class State(TypedDict):
    signed_in_at: float
    checked_at: float
    refreshed_at: float
    locked: bool
    change_reason: str
    days_left: int | None
    two_factor: str  # "none" | "enrolled" | "required"
    reminded: bool


def read_state(user: User, *, signed_in_at: float | None = None, previous: dict[str, Any] | None = None) -> State:
    now = time.time()
    row = AccountSecurity.objects.filter(user=user).first()
    if two_factor.has_two_factor(user):
        second = "enrolled"
    elif two_factor.requires_two_factor(user):
        second = "required"
    else:
        second = "none"
    reason = password_change_reason(user, row, state_known=True)
    previous = previous or {}
    return State(
        signed_in_at=signed_in_at if signed_in_at is not None else float(previous.get("signed_in_at", now)),
        checked_at=now,
        refreshed_at=float(previous.get("refreshed_at", now)),
        locked=bool(row is not None and row.locked_at is not None),
        change_reason=reason.value if reason is not None else "",
        days_left=password_days_left(user, row),
        two_factor=second,
        reminded=bool(previous.get("reminded", False)),
    )


def start(request: HttpRequest, user: User) -> None:
    request.session[SESSION_STATE_KEY] = read_state(user, signed_in_at=time.time())


def refresh(request: HttpRequest, user: User) -> None:
    """Read the account's state again now (after the user changed their password or enrolled)."""
    request.session[SESSION_STATE_KEY] = read_state(user, previous=request.session.get(SESSION_STATE_KEY))
