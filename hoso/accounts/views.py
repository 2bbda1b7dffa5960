"""Sign in (password, then the second factor when the account has one), sign out, change or set the password.

Django's views with our templates and forms; the rules live in `hoso.security` (lock-out, history, forced change).
Passwords and codes never reach error reports (sensitive_post_parameters) nor URLs.
"""

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from django_otp import login as otp_login

from hoso.accounts.forms import LoginForm, PasswordChangeForm, PasswordSetupForm, SecondFactorForm
from hoso.accounts.models import User
from hoso.audit.services import client_ip
from hoso.security import session_state, two_factor
from hoso.security.services import change_own_password, end_other_sessions, index_session
from hoso.security.signin import second_factor_failed, second_step_lockout, sign_in_completed

PENDING_LOGIN_KEY = "hoso_pending_login"
PENDING_LOGIN_SECONDS = 300  # the second step must follow the password within five minutes


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if two_factor.has_two_factor(user):
            self.request.session[PENDING_LOGIN_KEY] = {
                "user": user.pk,
                "backend": getattr(user, "backend", None),
                "next": self.get_success_url(),
                "at": time.time(),
            }
            return redirect("accounts:login_verify")
        sign_in_completed(user.get_username())
        return super().form_valid(form)


@method_decorator([sensitive_post_parameters("code"), csrf_protect, never_cache], name="dispatch")
class LoginVerifyView(FormView):  # type: ignore[type-arg]
    """Step two: a code from the authenticator app or a recovery code.

    Reached after the password (a pending sign-in in the session), or by a signed-in session that has not been
    verified yet (opened by another way of signing in while the account has an authenticator).
    """

    template_name = "accounts/login_verify.html"
    form_class = SecondFactorForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.user, self.next_url = self._who(request)
        if self.user is None:
            messages.info(request, _("Your sign-in took too long. Please enter your password again."))
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def _who(self, request: HttpRequest) -> tuple[User | None, str]:
        fallback = str(reverse_lazy("organisations:home"))
        if request.user.is_authenticated:
            if getattr(request.user, "is_verified", lambda: False)():
                return None, fallback
            wanted = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
            return request.user, wanted if wanted and safe else fallback  # type: ignore[return-value]
        pending = request.session.get(PENDING_LOGIN_KEY)
        if not pending or time.time() - float(pending.get("at", 0)) > PENDING_LOGIN_SECONDS:
            request.session.pop(PENDING_LOGIN_KEY, None)
            return None, fallback
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
        return user, str(pending.get("next") or fallback)

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        if self.user is None:  # dispatch has sent these away already
            return redirect("accounts:login")
        lockout = second_step_lockout(self.request, self.user.get_username())
        if lockout is not None:
            return self._abandon(lockout.message())
        device = two_factor.verify_code(self.user, form.cleaned_data["code"])
        if device is None:
            lockout = second_factor_failed(self.request, self.user)
            if lockout is not None:
                return self._abandon(lockout.message())
            form.add_error("code", _("The code is wrong or has expired. Try the code your app shows now."))
            return self.form_invalid(form)
        pending = self.request.session.pop(PENDING_LOGIN_KEY, None)
        if not self.request.user.is_authenticated:
            backend = (pending or {}).get("backend") or self.request.session.get(BACKEND_SESSION_KEY)
            auth_login(self.request, self.user, backend=backend)
        otp_login(self.request, device)
        sign_in_completed(self.user.get_username())
        session_state.refresh(self.request, self.user)
        if device.__class__.__name__ == "RecoveryCodeDevice":
            left = two_factor.remaining_recovery_codes(self.user)
            messages.warning(
                self.request,
                _("You signed in with a recovery code; %(count)d remain. Make new ones on the two-factor page.")
                % {"count": left},
            )
        return HttpResponseRedirect(self.next_url)

    def _abandon(self, message: str) -> HttpResponse:
        """Too many failures: the sign-in starts over (signed out if a session was open)."""
        self.request.session.pop(PENDING_LOGIN_KEY, None)
        if self.request.user.is_authenticated:
            auth_logout(self.request)
        messages.error(self.request, message)
        return redirect("accounts:login")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["account"] = self.user
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET); says goodbye on the login page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.session.pop(PENDING_LOGIN_KEY, None)
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have signed out."))
        return response


@method_decorator(sensitive_post_parameters("old_password", "new_password1", "new_password2"), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:  # type: ignore[override]
        user = form.user
        change_own_password(user=user, raw=form.cleaned_data["new_password1"], request=self.request)
        update_session_auth_hash(self.request, user)  # a new session key, the old one is gone
        session_key = self.request.session.session_key or ""
        index_session(user=user, session_key=session_key, ip_address=client_ip(self.request) or None)
        end_other_sessions(user, keep_session_key=session_key)
        session_state.refresh(self.request, user)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        state = self.request.session.get(session_state.SESSION_STATE_KEY) or {}
        context["forced"] = bool(state.get("change_reason"))
        return context


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@method_decorator(sensitive_post_parameters("new_password1", "new_password2"), name="dispatch")
class PasswordSetupView(auth_views.PasswordResetConfirmView):
    """Choosing a password through the one-time link an administrator handed over (`password_setup_link`)."""

    template_name = "accounts/password_setup.html"
    form_class = PasswordSetupForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: PasswordSetupForm) -> HttpResponse:  # type: ignore[override]
        change_own_password(user=form.user, raw=form.cleaned_data["new_password1"], request=self.request)
        end_other_sessions(form.user, keep_session_key=None)
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(self.request, _("Your password has been set. Sign in with it now."))
        return HttpResponseRedirect(reverse("accounts:login"))
