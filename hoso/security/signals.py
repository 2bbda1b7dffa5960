"""Receivers of Django's sign-in signals: the session index and the session's security state.

Signals, not the login view, because every way of opening a session must be covered: the sign-in page, single
sign-on, the test client's force_login.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from hoso.accounts.models import User
from hoso.audit.services import client_ip
from hoso.security import session_state
from hoso.security.services import forget_session, index_session


@receiver(user_logged_in, dispatch_uid="hoso_security_logged_in")
def on_logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    session_key = request.session.session_key
    if session_key:
        index_session(user=user, session_key=session_key, ip_address=client_ip(request) or None)
    session_state.start(request, user)


@receiver(user_logged_out, dispatch_uid="hoso_security_logged_out")
def on_logged_out(sender: Any, request: HttpRequest | None, user: Any = None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        forget_session(request.session.session_key)
