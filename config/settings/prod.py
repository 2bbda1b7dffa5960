"""Production: only hardening. Everything is configured by environment variables.

Refuses to start without SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import env, env_bool, env_int, env_secret, require_secret

APP_ENVIRONMENT = "prod"
DEBUG = False
SECRET_KEY = require_secret("SECRET_KEY", env_secret("SECRET_KEY"))
require_secret("DATABASE_URL", env("DATABASE_URL"))
require_secret("ALLOWED_HOSTS", env("ALLOWED_HOSTS"))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
