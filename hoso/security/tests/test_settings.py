"""Production hardening of sessions and headers, checked in a fresh interpreter with the production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROD = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "sqlite:////tmp/hoso-security-prod-check.sqlite3",
    "ALLOWED_HOSTS": "hoso.example.vn",
    "HOSO_FIELD_ENCRYPTION_KEYS": "Vq4Yp4mC3m1q0a6dT6q8V2y9bF6o1X8c2N7k4R5t3Wk=",
    "HOSO_BLIND_INDEX_KEY": "blind-index-key-for-the-test-only",
}
NAMES = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "HOSO_SESSION_MAX_AGE",
    "X_FRAME_OPTIONS",
]


def test_production_cookies_and_headers_are_hardened():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("HOSO_", "SESSION_"))}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env={**environ, **PROD}, capture_output=True, text=True, check=True
    )

    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 1800,
        "HOSO_SESSION_MAX_AGE": 36000,
        "X_FRAME_OPTIONS": "DENY",
    }


def test_the_content_security_policy_stays_strict(settings):
    policy = settings.SECURE_CSP
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
