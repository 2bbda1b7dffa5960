"""POST /auth/token: a bearer token for a username and password."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from hoso.api.auth import issue_token, user_for_credentials
from hoso.api.errors import UNAUTHENTICATED, ApiProblem
from hoso.api.schemas import Problem, TokenIn, TokenOut

router = Router(tags=["auth"])


@router.post("/token", auth=None, response={200: TokenOut, 401: Problem, 422: Problem})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[TokenOut]:
    """Exchange a username and password for a bearer token valid for 12 hours."""
    user = user_for_credentials(request, payload.username, payload.password)
    if user is None:
        raise ApiProblem(
            401,
            _("Wrong username or password."),
            type_uri=UNAUTHENTICATED,
            headers={"WWW-Authenticate": "Bearer"},
        )
    raw, token = issue_token(user=user)
    return Status(200, TokenOut(token=raw, expires_at=token.expires_at))
