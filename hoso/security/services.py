"""Writes of sign-in security: passwords, forced change, lock, reset, sessions, incidents (REQ-013..017, REQ-102).

Other apps call these; the account-management screens use `set_first_password`, `reset_password`,
`reset_password_with_link`, `password_setup_link` and `require_password_change` (hand-over of a unit account).
The acting administrator's scope is checked by the views (`hoso.security.permissions`); the services trust it.
Each act that matters is written to the audit log, in the same transaction; pass `request` from a view so that the
entry carries the address and the channel.
"""

import datetime
import math
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.debug import sensitive_variables
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoso.accounts.models import ApiToken, User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.core.text import clean_text
from hoso.security import throttle, two_factor
from hoso.security.conf import password_policy
from hoso.security.enums import IncidentKind, IncidentStatus, PasswordChangeReason
from hoso.security.models import AccountIncident, AccountSecurity, PasswordHistoryEntry, UserSession

TEMPORARY_PASSWORD_LENGTH = 12
# Letters and digits that cannot be misread on a printed slip or a screen (no 0/O, 1/l/I).
_UPPER = "ABCDEFGHJKMNPQRSTUVWXYZ"
_LOWER = "abcdefghjkmnpqrstuvwxyz"
_DIGITS = "23456789"
_SPECIAL = "@#$%&*+=?!"


def security_of(user: User) -> AccountSecurity:
    """The account's sign-in state, created on first use."""
    state, _created = AccountSecurity.objects.get_or_create(user=user)
    return state


# --- passwords -------------------------------------------------------------------------------------------------


def record_password_set(user: User) -> None:
    """Keep the new hash in the history (as deep as the policy asks) and note when it changed.

    Called by `PasswordHistoryValidator.password_changed` after every change of password, wherever it happens.
    """
    depth = max(password_policy().history_depth, 1)
    now = timezone.now()
    with transaction.atomic():
        PasswordHistoryEntry.objects.create(user=user, password_hash=user.password, created_at=now)
        keep = list(
            PasswordHistoryEntry.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)
        )[:depth]
        PasswordHistoryEntry.objects.filter(user=user).exclude(pk__in=keep).delete()
        AccountSecurity.objects.update_or_create(user=user, defaults={"password_changed_at": now})


def _flag_change(user: User, reason: PasswordChangeReason | str | None) -> None:
    AccountSecurity.objects.update_or_create(
        user=user, defaults={"must_change_password": reason is not None, "change_reason": reason or ""}
    )


@sensitive_variables("raw")
def set_first_password(user: User, raw: str, acting_user: User | None, request: HttpRequest | None = None) -> None:
    """Set a password chosen by someone else (REQ-014): its holder must choose their own at first sign-in.

    Raises ValidationError with one message per broken password rule; nothing is written then.
    """
    with transaction.atomic():
        password_validation.validate_password(raw, user)
        user.set_password(raw)
        user.save(update_fields=["password"])
        own = acting_user is not None and acting_user.pk == user.pk
        _flag_change(user, None if own else PasswordChangeReason.FIRST_USE)
        _audit(AuditAction.PASSWORD_RESET, user, acting_user, request, {"method": "first_password"})


@sensitive_variables("raw")
def change_own_password(*, user: User, raw: str, request: HttpRequest | None = None) -> None:
    """The holder chose a new password (the form checked the rules): any forced change is over.

    The view then ends the account's other sessions (`end_other_sessions`); Django would refuse them anyway,
    their password hash being stale.
    """
    with transaction.atomic():
        user.set_password(raw)
        user.save(update_fields=["password"])
        _flag_change(user, None)
        _audit(AuditAction.PASSWORD_CHANGED, user, user, request)


@sensitive_variables("password")
def generate_temporary_password(user: User | None = None) -> str:
    """A random password that satisfies the province's rules for this account (12 characters, easy to copy)."""
    policy = password_policy()
    length = max(TEMPORARY_PASSWORD_LENGTH, policy.min_length)
    alphabet = _UPPER + _LOWER + _DIGITS + _SPECIAL
    for _attempt in range(100):
        chars = [secrets.choice(_UPPER), secrets.choice(_LOWER), secrets.choice(_DIGITS), secrets.choice(_SPECIAL)]
        chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        try:
            password_validation.validate_password(password, user)
        except ValidationError:
            continue
        return password
    raise RuntimeError("Could not generate a password that satisfies the password policy.")  # pragma: no cover


@sensitive_variables("password")
def reset_password(user: User, acting_user: User | None, reason: str = "", request: HttpRequest | None = None) -> str:
    """REQ-016: the responsible administrator resets a lost or leaked password and hands over a temporary one.

    Every session and API token of the account ends, any lock is lifted, and the holder must choose a new password
    at the next sign-in. Returns the temporary password, to be shown once and never stored in clear.
    """
    password = generate_temporary_password(user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        _flag_change(user, PasswordChangeReason.RESET)
        _unlock(user)
        end_all_sessions(user)
        _audit(
            AuditAction.PASSWORD_RESET, user, acting_user, request, {"method": "temporary_password", "reason": reason}
        )
    return password


def reset_password_with_link(
    user: User, acting_user: User | None, reason: str = "", request: HttpRequest | None = None
) -> str:
    """Like `reset_password`, but the holder chooses the new password through a one-time link.

    The old password stops working at once (it is made unusable); the link works once, until the password is
    set or the holder signs in, and for PASSWORD_RESET_TIMEOUT seconds at most.
    """
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        _flag_change(user, None)
        _unlock(user)
        end_all_sessions(user)
        _audit(AuditAction.PASSWORD_RESET, user, acting_user, request, {"method": "one_time_link", "reason": reason})
    return password_setup_link(user, request=request)


def password_setup_link(user: User, request: HttpRequest | None = None) -> str:
    """A one-time link for the holder to choose a password (Django's PasswordResetTokenGenerator).

    Absolute when a request is given (for the printed slip), otherwise a path.
    """
    path = reverse(
        "accounts:password_setup",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path) if request is not None else path


def require_password_change(
    user: User, acting_user: User | None, reason: PasswordChangeReason | str = PasswordChangeReason.HOLDER_CHANGED
) -> None:
    """REQ-013: a unit account handed over to a new holder must get a new password before anything else.

    The former holder's sessions and API tokens end. The caller records the hand-over itself in the audit log
    (ACCOUNT_HANDED_OVER, with the decision), so nothing is logged here.
    """
    with transaction.atomic():
        _flag_change(user, reason)
        end_all_sessions(user)


def password_change_reason(
    user: User, state: AccountSecurity | None = None, *, state_known: bool = False
) -> PasswordChangeReason | None:
    """Why this account must change its password now, or None (accounts without a usable password never must).

    `state` is the account's AccountSecurity row if the caller has it; with `state_known`, None means it has none.
    """
    if not user.has_usable_password():
        return None
    if state is None and not state_known:
        state = AccountSecurity.objects.filter(user=user).first()
    if state is not None and state.must_change_password:
        return PasswordChangeReason(state.change_reason or PasswordChangeReason.RESET)
    expires = password_expires_at(user, state)
    if expires is not None and expires <= timezone.now():
        return PasswordChangeReason.EXPIRED
    return None


def password_expires_at(user: User, state: AccountSecurity | None = None) -> datetime.datetime | None:
    """When the password expires (HOSO_PASSWORD_POLICY max_age_days), None when passwords never expire."""
    max_age = password_policy().max_age_days
    if max_age <= 0 or not user.has_usable_password():
        return None
    changed = state.password_changed_at if state is not None and state.password_changed_at else user.date_joined
    return changed + datetime.timedelta(days=max_age)


def password_days_left(user: User, state: AccountSecurity | None = None) -> int | None:
    """Days until the password expires, counting a part of a day as a day (0: expired); None: never expires."""
    expires = password_expires_at(user, state)
    if expires is None:
        return None
    return max(0, math.ceil((expires - timezone.now()).total_seconds() / 86400))


# --- locks and sessions ---------------------------------------------------------------------------------------


def lock_account(user: User, acting_user: User | None, reason: str = "", request: HttpRequest | None = None) -> None:
    """REQ-016: lock the account at once. Its sessions and API tokens end; signing in is refused until unlocked."""
    with transaction.atomic():
        AccountSecurity.objects.update_or_create(
            user=user,
            defaults={"locked_at": timezone.now(), "locked_by": acting_user, "lock_reason": clean_text(reason)[:300]},
        )
        end_all_sessions(user)
        _audit(AuditAction.ACCOUNT_LOCKED, user, acting_user, request, {"reason": reason})


def _unlock(user: User) -> None:
    AccountSecurity.objects.filter(user=user).update(locked_at=None, locked_by=None, lock_reason="")
    throttle.clear_username(user.get_username())


def unlock_account(user: User, acting_user: User | None, request: HttpRequest | None = None) -> None:
    """Lift an administrator's lock and the lock-out after failed sign-ins: the holder may sign in again now."""
    with transaction.atomic():
        _unlock(user)
        _audit(AuditAction.ACCOUNT_UNLOCKED, user, acting_user, request)


def is_locked(user: User) -> bool:
    return AccountSecurity.objects.filter(user=user, locked_at__isnull=False).exists()


def _session_store() -> type:
    return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]


def _end_sessions(user: User, keep_session_key: str | None = None) -> int:
    store = _session_store()
    rows = UserSession.objects.filter(user=user)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        store().delete(key)
    rows.delete()
    return len(keys)


def end_other_sessions(user: User, keep_session_key: str | None) -> int:
    """End the account's sessions but the one given (after a change of password in that session)."""
    return _end_sessions(user, keep_session_key=keep_session_key)


def end_all_sessions(user: User) -> int:
    """End every session of the account (through the session index) and delete its API tokens.

    Returns how many sessions were ended. Sessions opened before the index existed are caught by
    `SignInSecurityMiddleware` (a locked account is signed out) or by Django (a changed password).
    """
    with transaction.atomic():
        ended = _end_sessions(user)
        ApiToken.objects.filter(user=user).delete()
    return ended


def index_session(*, user: User, session_key: str, ip_address: str | None) -> None:
    """Remember that this session belongs to this account; forget the account's sessions that have expired."""
    store = _session_store()
    stale = [
        key
        for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True)
        if not store().exists(key)
    ]
    with transaction.atomic():
        if stale:
            UserSession.objects.filter(session_key__in=stale).delete()
        UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user, "ip_address": ip_address})


def forget_session(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


# --- two-factor -----------------------------------------------------------------------------------------------


def reset_two_factor(user: User, acting_user: User | None, request: HttpRequest | None = None) -> None:
    """An administrator removes a lost authenticator: the holder enrols again at the next sign-in if required."""
    with transaction.atomic():
        two_factor.remove_two_factor(user)
        end_all_sessions(user)
        _audit(AuditAction.TWO_FACTOR_DISABLED, user, acting_user, request, {"by_administrator": True})


@sensitive_variables("token")
def enrol_two_factor(
    *, user: User, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Confirm the holder's new authenticator with its first code; the recovery codes to show once, or None."""
    with transaction.atomic():
        codes = two_factor.confirm_enrolment(device=device, token=token)
        if codes is not None:
            _audit(AuditAction.TWO_FACTOR_ENABLED, user, user, request)
    return codes


def turn_off_two_factor(*, user: User, request: HttpRequest | None = None) -> None:
    """The holder turns off an optional second factor."""
    with transaction.atomic():
        two_factor.remove_two_factor(user)
        _audit(AuditAction.TWO_FACTOR_DISABLED, user, user, request)


def record_second_factor_failure(*, user: User, request: HttpRequest | None = None) -> None:
    _audit(AuditAction.TWO_FACTOR_FAILED, user, None, request)


# --- incidents (REQ-016) --------------------------------------------------------------------------------------


def report_incident(
    *,
    kind: IncidentKind | str,
    username: str,
    contact: str = "",
    description: str = "",
    reporter: User | None = None,
    request: HttpRequest | None = None,
) -> AccountIncident:
    """Record a report of a lost account, a forgotten password or a suspected theft.

    A signed-in reporter reports on their own account. From the sign-in page, the account is the one with the
    username given, if it exists; the answer to the reporter is the same either way.
    """
    username = clean_text(username)[:150]
    if reporter is not None:
        account: User | None = reporter
        username = reporter.get_username()
    else:
        account = User.objects.filter(username=username).first()
    incident = AccountIncident(
        kind=kind,
        account=account,
        reported_username=username,
        contact=clean_text(contact)[:200],
        description=(description or "").strip()[:2000],
        reporter=reporter,
    )
    incident.full_clean()
    with transaction.atomic():
        incident.save()
        record_event(
            AuditAction.ACCOUNT_INCIDENT_REPORTED,
            actor=reporter,
            request=request,
            unit=account.unit if account is not None else None,
            target=incident,
            detail={"kind": str(kind), "known_account": account is not None},
        )
    return incident


def close_incident(*, incident: AccountIncident, acting_user: User, note: str = "") -> AccountIncident:
    with transaction.atomic():
        incident = AccountIncident.objects.select_for_update().get(pk=incident.pk)
        incident.status = IncidentStatus.CLOSED
        incident.handled_by = acting_user
        incident.handled_at = timezone.now()
        incident.note = _append_note(incident.note, note)
        incident.save(update_fields=["status", "handled_by", "handled_at", "note"])
    return incident


def note_incident_action(*, incident: AccountIncident, acting_user: User, note: str) -> None:
    """Write what was done (locked, reset…) into the incident's note, with who did it."""
    with transaction.atomic():
        incident = AccountIncident.objects.select_for_update().get(pk=incident.pk)
        incident.handled_by = acting_user
        incident.note = _append_note(incident.note, note)
        incident.save(update_fields=["handled_by", "note"])


def _append_note(existing: str, note: str) -> str:
    note = (note or "").strip()
    if not note:
        return existing
    stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    line = f"[{stamp}] {note}"
    return f"{existing}\n{line}" if existing else line


def _audit(
    action: AuditAction,
    user: User,
    acting_user: User | None,
    request: HttpRequest | None,
    detail: dict[str, object] | None = None,
) -> None:
    record_event(action, actor=acting_user, request=request, unit=user.unit, target=user, detail=detail)
