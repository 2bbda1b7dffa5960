"""Production: only hardening. Everything is configured by environment variables.

Refuses to start without SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and the field-encryption keys
(HOSO_FIELD_ENCRYPTION_KEYS, HOSO_BLIND_INDEX_KEY); `manage.py check` refuses malformed keys.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import env, env_bool, env_int, env_secret, env_secret_list, require_secret

APP_ENVIRONMENT = "prod"
DEBUG = False
SECRET_KEY = require_secret("SECRET_KEY", env_secret("SECRET_KEY"))
require_secret("DATABASE_URL", env("DATABASE_URL"))
require_secret("ALLOWED_HOSTS", env("ALLOWED_HOSTS"))
HOSO_FIELD_ENCRYPTION_KEYS = env_secret_list("HOSO_FIELD_ENCRYPTION_KEYS")
require_secret("HOSO_FIELD_ENCRYPTION_KEYS", ",".join(HOSO_FIELD_ENCRYPTION_KEYS))
HOSO_BLIND_INDEX_KEY = require_secret("HOSO_BLIND_INDEX_KEY", env_secret("HOSO_BLIND_INDEX_KEY"))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
