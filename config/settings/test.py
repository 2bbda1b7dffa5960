"""Tests: fast hashing, strict templates, in-memory media."""

from config.settings.base import *  # noqa: F403
from config.settings.base import TEMPLATES

APP_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
# Fixed field-encryption keys, two of them (newest first) so that reading under an older key is exercised.
HOSO_FIELD_ENCRYPTION_KEYS = [
    "yoAsGGDFwmhdasi28E2Yj45_k03uR7ZjOnI1GeKjczc=",
    "nyddZeMPqcva8ze2vVcmqlkIDsIeGG9Zj62fLrH6RTY=",
]
HOSO_BLIND_INDEX_KEY = "t928YvcIZ2KN5TnO5B3ovEVrri2XzBjlon3c1jXLJ6E="  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID_TEMPLATE_VARIABLE[%s]"  # type: ignore[index]
ALLOWED_HOSTS = ["*"]
# Other apps' tests sign in administrators and approvers without an authenticator; hoso/security's tests turn the
# requirement back on where they test it.
HOSO_REQUIRE_TWO_FACTOR = False
# Jobs run inside enqueue() in tests (STACK.md §2: enqueue on commit); e-mail goes to django.core.mail.outbox unless a
# test points it at the local SMTP sink.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
