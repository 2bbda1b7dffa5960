"""A real OIDC provider for tests, not for production.

It is an OpenID Connect provider built on Authlib's server side (the authorization code grant
with the OpenID Connect extension and PKCE), served by werkzeug over HTTP on 127.0.0.1 on a free
port in a background thread. RSA keys are generated at start. It offers discovery, JWKS,
authorize (consent is automatic for the identity the test chose in `provider.identity`), token,
userinfo and end_session endpoints.

Switches let a test make it misbehave the way an attacker or a broken provider would: sign the
ID token with a key that is not in its JWKS, put another nonce or audience in it, or leave the
match claim out of the ID token and serve it only from userinfo.
"""

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import OAuth2Error
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, jsonify, redirect, request
from joserfc.jwk import RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server

KEY_ID = "fake-provider-key-1"


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No access log: the test output stays readable."""


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "client_secret_basic"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    identity: dict[str, Any]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str:
        return ""

    def get_amr(self) -> list[str]:
        return []


class FakeProvider:
    """One provider per test session; tests set `identity` (the claims of who consents) and switches."""

    def __init__(self, *, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris: list[str] = []
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"})
        self.issuer = ""
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.codes: dict[str, AuthorizationCode] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.logout_requests: list[dict[str, str]] = []
        self.reset()
        self.app = self._build_app()

    def reset(self) -> None:
        """Back to an honest provider with nobody signed in."""
        self.identity: dict[str, Any] | None = None
        self.userinfo_only_claims: dict[str, Any] = {}
        self.signing_key: RSAKey = self.key
        self.nonce_override: str | None = None
        self.audience_override: str | None = None
        self.advertise_end_session = True
        self.logout_requests.clear()

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=QuietRequestHandler)
        self.issuer = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-oidc-provider", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def rotate_key(self, kid: str) -> None:
        """Start signing with a new key that the JWKS also publishes (a provider's normal key rotation)."""
        self.key = RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})
        self.signing_key = self.key

    def sign_with_foreign_key(self) -> None:
        """Sign ID tokens with a key that is not in the JWKS but carries the published key id."""
        self.signing_key = RSAKey.generate_key(2048, parameters={"kid": self.key.kid, "use": "sig", "alg": "RS256"})

    # --- the OAuth 2 / OIDC server ------------------------------------------------------------

    def _build_app(self) -> Flask:
        app = Flask("fake_oidc_provider")
        app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"authorization_code": 300}
        provider = self

        def query_client(client_id: str) -> Client | None:
            if client_id != provider.client_id:
                return None
            return Client(provider.client_id, provider.client_secret, provider.redirect_uris)

        def save_token(token: dict[str, Any], oauth_request: Any) -> None:
            provider.access_tokens[token["access_token"]] = oauth_request.user

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic"]

            def save_authorization_code(self, code: str, oauth_request: Any) -> None:
                payload = oauth_request.payload
                provider.codes[code] = AuthorizationCode(
                    code=code,
                    client_id=payload.client_id,
                    redirect_uri=payload.redirect_uri,
                    scope=payload.scope,
                    identity=oauth_request.user,
                    nonce=payload.data.get("nonce"),
                    code_challenge=payload.data.get("code_challenge"),
                    code_challenge_method=payload.data.get("code_challenge_method"),
                )

            def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
                found = provider.codes.get(code)
                return found if found is not None and found.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code: AuthorizationCode) -> dict[str, Any]:
                return authorization_code.identity

        class IdToken(OpenIDCode):
            def exists_nonce(self, nonce: str, oauth_request: Any) -> bool:
                return any(code.nonce == nonce for code in provider.codes.values())

            def resolve_client_private_key(self, client: Client) -> RSAKey:
                return provider.signing_key

            def get_client_claims(self, client: Client) -> dict[str, Any]:
                return {"iss": provider.issuer, "aud": [provider.audience_override or client.client_id]}

            def get_encode_header(self, client: Client) -> dict[str, str]:
                return {"alg": "RS256", "kid": provider.signing_key.kid or ""}

            def get_authorization_code_claims(self, authorization_code: Any) -> dict[str, Any]:
                claims: dict[str, Any] = super().get_authorization_code_claims(authorization_code)
                if provider.nonce_override is not None:
                    claims["nonce"] = provider.nonce_override
                return claims

            def generate_user_info(self, user: dict[str, Any], scope: str) -> UserInfo:
                return UserInfo(user)

        server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
        server.register_grant(CodeGrant, [IdToken(require_nonce=True), CodeChallenge(required=True)])

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            document = {
                "issuer": provider.issuer,
                "authorization_endpoint": f"{provider.issuer}/authorize",
                "token_endpoint": f"{provider.issuer}/token",
                "jwks_uri": f"{provider.issuer}/jwks",
                "userinfo_endpoint": f"{provider.issuer}/userinfo",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            }
            if provider.advertise_end_session:
                document["end_session_endpoint"] = f"{provider.issuer}/logout"
            return jsonify(document)

        @app.get("/jwks")
        def jwks() -> Any:
            return jsonify({"keys": [provider.key.as_dict(private=False)]})

        @app.get("/authorize")
        def authorize() -> Any:
            try:
                grant = server.get_consent_grant(end_user=provider.identity)
            except OAuth2Error as error:
                return jsonify(dict(error.get_body())), error.status_code
            # Consent is automatic; with nobody chosen the provider answers access_denied.
            return server.create_authorization_response(grant_user=provider.identity, grant=grant)

        @app.post("/token")
        def token() -> Any:
            return server.create_token_response()

        @app.get("/userinfo")
        def userinfo() -> Any:
            bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
            identity = provider.access_tokens.get(bearer)
            if identity is None:
                return jsonify({"error": "invalid_token"}), 401
            return jsonify({**identity, **provider.userinfo_only_claims})

        @app.get("/logout")
        def logout() -> Any:
            provider.logout_requests.append(dict(request.args))
            target = request.args.get("post_logout_redirect_uri")
            return redirect(target) if target else ("signed out", 200)

        return app
