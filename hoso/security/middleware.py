"""The gate every signed-in page request passes (REQ-013/014, REQ-102 and section 3 of the issue).

In order: the session's absolute lifetime, the idle timeout's refresh, an administrator's lock, the second factor
(verify it, or enrol first when it is required), the forced password change, and the reminder that the password
falls due. Signed-in pages are never stored by shared caches (Cache-Control: no-store). The API is not gated here:
it authenticates with tokens (`hoso.api.auth.TokenAuth` checks the forced change).
"""

import time
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hoso.security import session_state
from hoso.security.conf import password_policy, session_max_age
from hoso.security.enums import PasswordChangeReason

# URL names a signed-in user may always reach (to sign out, verify, enrol or change the password).
ALWAYS_OPEN = {
    "accounts:logout",
    "accounts:login",
    "accounts:login_verify",
    "set_language",
}
TWO_FACTOR_PAGES = {"security:two_factor", "security:two_factor_setup", "security:recovery_codes"}
PASSWORD_PAGES = {"accounts:password_change", "accounts:password_change_done"}
EXEMPT_PREFIXES = ("/api/", "/static/", "/media/")


class SignInSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path_info.startswith(EXEMPT_PREFIXES):
            add_never_cache_headers(response)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(EXEMPT_PREFIXES) or not request.user.is_authenticated:
            return None
        return self._gate(request)

    def _gate(self, request: HttpRequest) -> HttpResponseBase | None:
        user: Any = request.user
        session = request.session
        now = time.time()
        state: dict[str, Any] | None = session.get(session_state.SESSION_STATE_KEY)
        if not state:
            session_state.start(request, user)
            state = session[session_state.SESSION_STATE_KEY]
        if now - float(state["signed_in_at"]) > session_max_age().total_seconds():
            return self._sign_out(request, _("Your session has reached its maximum length. Please sign in again."))
        if now - float(state["checked_at"]) > session_state.SESSION_CHECK_INTERVAL:
            session_state.refresh(request, user)
            state = session[session_state.SESSION_STATE_KEY]
        if now - float(state["refreshed_at"]) > session_state.SESSION_CHECK_INTERVAL:
            # Saving the session pushes its expiry (SESSION_COOKIE_AGE: the idle timeout) back; once a minute is
            # enough, where SESSION_SAVE_EVERY_REQUEST would write the session row on every request.
            state["refreshed_at"] = now
            session.modified = True
        if state["locked"]:
            return self._sign_out(
                request, _("This account has been locked by an administrator. Contact the administrator of your unit.")
            )

        match = request.resolver_match
        name = str(match.view_name) if match is not None else ""
        if name in ALWAYS_OPEN:
            return None
        verified = bool(getattr(user, "is_verified", lambda: False)())
        if state["two_factor"] == "enrolled" and not verified:
            return redirect(self._with_next(reverse("accounts:login_verify"), request))
        if state["two_factor"] == "required" and not verified and name not in TWO_FACTOR_PAGES:
            messages.warning(
                request,
                _("Your account must sign in with two-factor authentication. Set it up now to continue."),
                fail_silently=True,
            )
            return redirect("security:two_factor_setup")
        if state["change_reason"] and name not in PASSWORD_PAGES | TWO_FACTOR_PAGES:
            messages.warning(request, PasswordChangeReason(state["change_reason"]).label, fail_silently=True)
            return redirect("accounts:password_change")
        self._remind(request, state)
        return None

    @staticmethod
    def _remind(request: HttpRequest, state: dict[str, Any]) -> None:
        days_left = state.get("days_left")
        if state.get("reminded") or days_left is None or days_left > password_policy().reminder_days:
            return
        messages.warning(
            request,
            ngettext(
                "Your password expires in %(days)d day. Change it now to avoid being interrupted.",
                "Your password expires in %(days)d days. Change it now to avoid being interrupted.",
                days_left,
            )
            % {"days": days_left},
            fail_silently=True,
        )
        state["reminded"] = True
        request.session.modified = True

    @staticmethod
    def _with_next(url: str, request: HttpRequest) -> str:
        if request.method == "GET":
            return f"{url}?{urlencode({'next': request.get_full_path()})}"
        return url

    def _sign_out(self, request: HttpRequest, message: str) -> HttpResponse:
        next_path = request.get_full_path() if request.method == "GET" else ""
        logout(request)
        messages.warning(request, message, fail_silently=True)
        url = reverse("accounts:login")
        if next_path:
            url = f"{url}?{urlencode({'next': next_path})}"
        return redirect(url)
