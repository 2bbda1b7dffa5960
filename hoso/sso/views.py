"""Sign in with the province's shared account: redirect to the provider, come back, log in.

All three views answer 404 while HOSO_OIDC_ENABLED is off. After a successful match the login
is Django's own `login()`, exactly as after a password, so the `user_logged_in` signal (audit
log) fires and every later step of the session (forced password change, two-factor) applies.
"""

import logging
from collections.abc import Sequence
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import logout as auth_logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from joserfc.errors import JoseError

from hoso.accounts.models import User
from hoso.sso import services
from hoso.sso.client import ProviderSettings, provider_client, provider_endpoint, provider_settings
from hoso.sso.enums import Refusal

logger = logging.getLogger(__name__)

NEXT_SESSION_KEY = "sso_next"
ISSUER_SESSION_KEY = "sso_issuer"  # set on sessions opened through the provider
ID_TOKEN_SESSION_KEY = "sso_id_token"  # noqa: S105 (a session key): for the provider's logout (id_token_hint)
LOGOUT_AT_PROVIDER_SESSION_KEY = "sso_logout_at_provider"  # base.html sends "Sign out" to sso:logout
SSO_BACKEND = "hoso.sso.backends.SharedAccountBackend"
DEFAULT_BACKEND = "django.contrib.auth.backends.ModelBackend"

# A provider answer that cannot be trusted: bad signature, wrong nonce/issuer/audience, expired,
# malformed JSON or keys, or an error from the token endpoint.
_VERIFICATION_ERRORS = (AuthlibBaseError, JoseError, ValueError, KeyError, TypeError)


def _require_enabled() -> None:
    if not settings.HOSO_OIDC_ENABLED:
        raise Http404


def _refuse(request: HttpRequest, refusal: Refusal, account: User | None = None) -> HttpResponse:
    logger.info("Sign-in with the shared account refused: %s", refusal.value)
    services.record_refused_sign_in(refusal=refusal, account=account, request=request)
    messages.error(request, services.REFUSAL_MESSAGES[refusal])
    return redirect(settings.LOGIN_URL)


@never_cache
@require_GET
def login_with_provider(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider's authorization endpoint (code flow, PKCE, state, nonce)."""
    _require_enabled()
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[NEXT_SESSION_KEY] = next_url
    else:
        request.session.pop(NEXT_SESSION_KEY, None)
    try:
        response: HttpResponse = provider_client().authorize_redirect(
            request, request.build_absolute_uri(reverse("sso:callback"))
        )
    except (requests.RequestException, RuntimeError, ValueError):
        logger.warning("The OIDC provider's discovery document could not be loaded", exc_info=True)
        return _refuse(request, Refusal.PROVIDER_UNAVAILABLE)
    return response


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code: verify everything, map, log in."""
    _require_enabled()
    config = provider_settings()
    client = provider_client(config)
    try:
        token = client.authorize_access_token(request, claims_options=config.claims_options())
    except MismatchingStateError:
        return _refuse(request, Refusal.INVALID_STATE)
    except OAuthError:
        if request.GET.get("error"):
            return _refuse(request, Refusal.CANCELLED)
        logger.warning("The OIDC token exchange failed", exc_info=True)
        return _refuse(request, Refusal.UNVERIFIED)
    except requests.RequestException:
        logger.warning("The OIDC provider did not answer", exc_info=True)
        return _refuse(request, Refusal.PROVIDER_UNAVAILABLE)
    except _VERIFICATION_ERRORS:
        logger.warning("The OIDC provider's ID token was refused", exc_info=True)
        return _refuse(request, Refusal.UNVERIFIED)

    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        logger.warning("The OIDC provider answered without an ID token")
        return _refuse(request, Refusal.UNVERIFIED)
    identity = services.ProviderIdentity(issuer=config.issuer, subject=str(claims["sub"]), claims=dict(claims))

    def load_userinfo() -> dict[str, object]:
        endpoint = provider_endpoint(client, config, "userinfo_endpoint")
        if not endpoint:
            return {}
        answer = client.get(endpoint, token=token)
        answer.raise_for_status()
        data = answer.json()
        if not isinstance(data, dict):
            raise ValueError("The userinfo endpoint did not answer a JSON object")
        return data

    try:
        user = services.account_for_identity(identity=identity, load_userinfo=load_userinfo, request=request)
    except services.SignInRefused as refused:
        return _refuse(request, refused.refusal, refused.account)
    except requests.RequestException:
        logger.warning("The OIDC provider's userinfo endpoint did not answer", exc_info=True)
        return _refuse(request, Refusal.PROVIDER_UNAVAILABLE)
    except ValueError:
        logger.warning("The OIDC provider's userinfo answer was malformed", exc_info=True)
        return _refuse(request, Refusal.UNVERIFIED)

    next_url = request.session.pop(NEXT_SESSION_KEY, None)
    # As `authenticate()` would: the backend on the user is what the sign-in signal's receivers (audit) see.
    user.backend = _session_backend()  # type: ignore[attr-defined]
    login(request, user)
    request.session[ISSUER_SESSION_KEY] = config.issuer
    if settings.HOSO_OIDC_LOGOUT_AT_PROVIDER:
        request.session[LOGOUT_AT_PROVIDER_SESSION_KEY] = True
        request.session[ID_TOKEN_SESSION_KEY] = token.get("id_token", "")
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


@require_POST
def logout_at_provider(request: HttpRequest) -> HttpResponse:
    """Sign out here, then (HOSO_OIDC_LOGOUT_AT_PROVIDER) at the provider too when it offers it.

    The provider's logout is reached through a page, not a redirect: the CSP `form-action 'self'`
    forbids a form's POST from redirecting to another origin.
    """
    _require_enabled()
    end_session_url = ""
    if settings.HOSO_OIDC_LOGOUT_AT_PROVIDER and request.session.get(LOGOUT_AT_PROVIDER_SESSION_KEY):
        end_session_url = _end_session_url(request, provider_settings(), request.session.get(ID_TOKEN_SESSION_KEY))
    auth_logout(request)
    if not end_session_url:
        messages.info(request, _("You have signed out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "sso/signed_out.html", {"end_session_url": end_session_url})


def _end_session_url(request: HttpRequest, config: ProviderSettings, id_token: str | None) -> str:
    try:
        endpoint = provider_endpoint(provider_client(config), config, "end_session_endpoint")
    except (requests.RequestException, ValueError):
        logger.warning("The OIDC provider's discovery document could not be loaded for logout", exc_info=True)
        return ""
    if not endpoint:
        return ""
    params = {
        "client_id": config.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
    }
    if id_token:
        params["id_token_hint"] = id_token
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(params)}"


def _session_backend() -> str:
    """The SSO backend when configured (the audit log then tells SSO sessions apart), else Django's."""
    backends: Sequence[str] = settings.AUTHENTICATION_BACKENDS
    for candidate in (SSO_BACKEND, DEFAULT_BACKEND):
        if candidate in backends:
            return candidate
    return backends[0]
