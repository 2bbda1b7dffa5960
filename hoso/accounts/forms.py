from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hoso.accounts.models import User
from hoso.security.signin import SignInRefused, sign_in


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form with our wording, browser hints and the lock-out of `hoso.security.signin`.

    Whatever went wrong, a wrong username and a wrong password get the same message: the form never tells
    which usernames exist.
    """

    error_messages = {
        "invalid_login": _("The username or password is incorrect. Both are case-sensitive."),
        "inactive": _("This account is disabled. Please contact the system administrator."),
        "account_locked": _(
            "This account has been locked by an administrator. Contact the administrator of your unit."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("Password")
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = sign_in(self.request, username, password)
            except SignInRefused as refused:
                if refused.code == "invalid":
                    raise self.get_invalid_login_error() from None
                message = refused.message or self.error_messages.get(refused.code, "")
                raise forms.ValidationError(message, code=refused.code) from None
        return self.cleaned_data


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "none", "autofocus": True}
        ),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; the new password is checked against the province's rules and the account's history."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self) -> dict[str, Any]:
        return _clean_new_password(self)


class PasswordSetupForm(auth_forms.SetPasswordForm):
    """Choosing a password through a one-time link (after an administrator's reset, or for a new account)."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self) -> dict[str, Any]:
        return _clean_new_password(self)


def _clean_new_password(form: auth_forms.SetPasswordForm) -> dict[str, Any]:
    """Django's checks, with the broken rules shown under the new password rather than under its repetition."""
    form.validate_passwords("new_password1", "new_password2")
    form.validate_password_for_user(form.user, "new_password1")
    return form.cleaned_data
