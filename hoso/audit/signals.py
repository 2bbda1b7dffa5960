"""Sign-in, failed sign-in and sign-out, from Django's authentication signals (every login path sends them:
the login page, single sign-on, and the API's token endpoint through `authenticate`)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event, record_failed_login


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    backend = str(getattr(user, "backend", "") or "").rsplit(".", 1)[-1]
    record_event(AuditAction.LOGIN, actor=user, request=request, detail={"backend": backend} if backend else None)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None and user.is_authenticated:
        record_event(AuditAction.LOGOUT, actor=user, request=request)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Only the username is kept; Django has already replaced the password with stars, and it is dropped here."""
    field = get_user_model().USERNAME_FIELD
    username = credentials.get(field) or credentials.get("username") or ""
    record_failed_login(username=str(username), request=request)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="hoso.audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="hoso.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="hoso.audit.login_failed")
