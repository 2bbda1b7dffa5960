"""POST /auth/token: a bearer token for a username and password."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from hoso.accounts.models import User
from hoso.api.auth import issue_token
from hoso.api.errors import PROBLEMS, UNAUTHENTICATED, ApiInvalid, ApiProblem
from hoso.api.schemas import Problem, TokenIn, TokenOut
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.security.signin import SignInRefused, check_api_sign_in, sign_in, sign_in_completed

router = Router(tags=["auth"])
LOCKED_OUT = PROBLEMS + "locked-out"
SIGN_IN_REFUSED = PROBLEMS + "sign-in-refused"


def _signed_in_user(request: HttpRequest, payload: TokenIn) -> User:
    """The password, the lock-out, the second factor and the forced change of `hoso.security.signin`."""
    try:
        user = sign_in(request, payload.username, payload.password)
        check_api_sign_in(request, user, payload.otp)
    except SignInRefused as refused:
        if refused.code == "locked_out" and refused.lockout is not None:
            retry = {"Retry-After": str(refused.lockout.retry_after_seconds)}
            raise ApiProblem(429, refused.message, type_uri=LOCKED_OUT, headers=retry) from None
        if refused.code in ("otp_required", "otp_invalid"):
            raise ApiInvalid({"otp": [refused.message]}) from None
        if refused.code != "invalid":
            raise ApiProblem(403, refused.message, type_uri=SIGN_IN_REFUSED) from None
        raise ApiProblem(
            401, _("Wrong username or password."), type_uri=UNAUTHENTICATED, headers={"WWW-Authenticate": "Bearer"}
        ) from None
    sign_in_completed(user.get_username())
    return user


@router.post("/token", auth=None, response={200: TokenOut, 401: Problem, 403: Problem, 422: Problem, 429: Problem})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[TokenOut]:
    """Exchange a username and password for a bearer token valid for 12 hours.

    Accounts with two-factor authentication also send `otp`, the code their authenticator app shows (or a recovery
    code). After repeated failures the username or the address is blocked for a while (429, with Retry-After). A
    locked account, one that must first change its password or set up two-factor authentication on the website,
    gets a 403.
    """
    user = _signed_in_user(request, payload)
    with transaction.atomic():
        raw, token = issue_token(user=user)
        record_event(AuditAction.LOGIN, actor=user, request=request, detail={"channel": "api"})
    return Status(200, TokenOut(token=raw, expires_at=token.expires_at))
