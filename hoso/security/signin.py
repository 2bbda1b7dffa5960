"""Checking credentials, with the lock-out, for the sign-in page and the API's token endpoint.

The username's failure count is wiped only when the whole sign-in succeeds (`sign_in_completed`), second factor
included: otherwise a known password would reset the count before every guess of the code.
"""

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from hoso.accounts.models import User
from hoso.audit.services import client_ip
from hoso.security import throttle, two_factor
from hoso.security.services import is_locked, password_change_reason, record_second_factor_failure


class SignInRefused(Exception):
    """Why a sign-in was refused, as `code`:

    "invalid" (an unknown username, a wrong password and a disabled account alike), "locked_out" (too many
    failures), "account_locked" (by an administrator), and for the API "otp_required", "otp_invalid",
    "two_factor_not_set_up" and "password_change_required".
    """

    def __init__(self, code: str, message: str = "", lockout: throttle.Lockout | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.lockout = lockout


def _ip(request: HttpRequest | None) -> str | None:
    return (client_ip(request) or None) if request is not None else None


@sensitive_variables("password")
def sign_in(request: HttpRequest | None, username: str, password: str) -> User:
    """The account these credentials open, or SignInRefused; failures count towards the lock-out."""
    ip = _ip(request)
    lockout = throttle.current_lockout(username, ip)
    if lockout is not None:
        raise SignInRefused("locked_out", lockout.message(), lockout)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User) or not user.is_active:
        lockout = throttle.record_failure(username, ip)
        if lockout is not None:
            raise SignInRefused("locked_out", lockout.message(), lockout)
        raise SignInRefused("invalid")
    if is_locked(user):
        raise SignInRefused(
            "account_locked",
            _("This account has been locked by an administrator. Contact the administrator of your unit."),
        )
    return user


def sign_in_completed(username: str) -> None:
    throttle.record_success(username)


def second_step_lockout(request: HttpRequest | None, username: str) -> throttle.Lockout | None:
    return throttle.current_lockout(username, _ip(request))


def second_factor_failed(request: HttpRequest | None, user: User) -> throttle.Lockout | None:
    """A wrong code at the second step counts like a wrong password, and is logged."""
    record_second_factor_failure(user=user, request=request)
    return throttle.record_failure(user.get_username(), _ip(request))


@sensitive_variables("code")
def check_api_sign_in(request: HttpRequest | None, user: User, code: str | None) -> None:
    """What the token endpoint asks beyond the password: the second factor, and no pending password change."""
    if two_factor.has_two_factor(user):
        if not code:
            raise SignInRefused("otp_required", _("Enter the code your authenticator app shows now."))
        if two_factor.verify_code(user, code) is None:
            lockout = second_factor_failed(request, user)
            if lockout is not None:
                raise SignInRefused("locked_out", lockout.message(), lockout)
            raise SignInRefused("otp_invalid", _("The code is wrong or has expired."))
    elif two_factor.requires_two_factor(user):
        raise SignInRefused(
            "two_factor_not_set_up",
            _("This account must use two-factor authentication. Set it up on the website first, then ask for a token."),
        )
    if password_change_reason(user) is not None:
        raise SignInRefused("password_change_required", password_change_message())


def password_change_message() -> str:
    return _("The password of this account must be changed first. Sign in on the website and change it.")
