"""The authentication backend recorded on sessions opened with the province's shared account."""

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from hoso.accounts.models import User


class SharedAccountBackend(BaseBackend):
    """Keeps SSO sessions apart from password sessions (the audit log names the backend).

    It authenticates nothing by itself (`authenticate` always answers None): the account was
    matched by `hoso.sso.services.account_for_identity` after the provider's ID token was verified.
    Permissions still come from ModelBackend.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        return None

    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None
