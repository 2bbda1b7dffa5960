"""Bearer tokens for the API: issued for a username and password, stored only as a SHA-256 hash.

The API accepts nothing else: no session cookie, so no CSRF to worry about. A token lasts
`TOKEN_LIFETIME`; a client asks for a new one when it expires.
"""

import datetime
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from hoso.accounts.models import ApiToken, User
from hoso.api.errors import PROBLEMS, ApiProblem
from hoso.security.services import password_change_reason
from hoso.security.signin import password_change_message

TOKEN_LIFETIME = datetime.timedelta(hours=12)
# Record use at most this often, so reads do not each write a row.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)
MAX_TOKEN_LENGTH = 200
PASSWORD_CHANGE_REQUIRED = PROBLEMS + "password-change-required"


def issue_token(*, user: User) -> tuple[str, ApiToken]:
    """A new token for `user` (only its hash is stored); the user's expired tokens are removed."""
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, token_hash=ApiToken.hash(raw), expires_at=now + TOKEN_LIFETIME)
    return raw, token


def user_for_credentials(request: HttpRequest, username: str, password: str) -> User | None:
    user = authenticate(request, username=username, password=password)
    return user if isinstance(user, User) and user.is_active else None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the reason for a refusal is left on the request for the 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            request.api_auth_failure = "invalid"  # type: ignore[attr-defined]
            return None
        row = ApiToken.objects.select_related("user", "user__security").filter(token_hash=ApiToken.hash(token)).first()
        now = timezone.now()
        if row is None or not row.user.is_active:
            request.api_auth_failure = "invalid"  # type: ignore[attr-defined]
            return None
        if row.expires_at <= now:
            request.api_auth_failure = "expired"  # type: ignore[attr-defined]
            return None
        state = getattr(row.user, "security", None)  # fetched with the token; None when the account has no row
        if password_change_reason(row.user, state, state_known=True) is not None:
            # The password expired, or must be changed for another reason: the API waits until it is (403).
            raise ApiProblem(403, password_change_message(), type_uri=PASSWORD_CHANGE_REQUIRED)
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


def api_user(request: HttpRequest) -> User:
    """The user the token belongs to (set by `TokenAuth`)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # pragma: no cover - every operation but the token one has auth
        raise RuntimeError("API operation without token authentication")
    return user
