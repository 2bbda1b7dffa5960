"""Settings shared by every environment; everything that varies comes from the environment.

Read values through the small typed helpers below (as healthchecks does). A required secret that
is missing outside development raises ImproperlyConfigured at start-up.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()  # lets annotations such as QuerySet[Person] run

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_secret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/systemd credentials)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_secret_list(name: str) -> list[str]:
    """Secrets from NAME (comma-separated) or from the file named by NAME_FILE (one a line, # comments)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        lines = Path(file_path).read_text(encoding="utf-8").splitlines()
        return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    return env_list(name)


APP_ENVIRONMENT = env("APP_ENVIRONMENT", "dev")  # dev | test | prod

SECRET_KEY = env_secret("SECRET_KEY") or ""
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "ninja",
    "hoso.core",
    "hoso.catalogs",
    "hoso.organisations",
    "hoso.accounts",
    "hoso.security",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "hoso.people",
    "hoso.audit",
    "hoso.api",
    "hoso.sso",
    "hoso.reports",
    "hoso.workdays",
    "hoso.documents",
    "hoso.signing",
    "hoso.approvals",
    "hoso.monitoring",
    "hoso.quality",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hoso.core.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hoso.audit.middleware.RequestContextMiddleware",  # where service-level audit entries come from
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hoso.security.middleware.SignInSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "hoso.core.context_processors.province",
                "hoso.accounts.context_processors.account_menu",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL accepts sqlite:///absolute/path and postgres://…; without it the embedded SQLite
# file under var/ is used (see README, "Why SQLite by default").
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "hoso.sqlite3"
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"
if DATABASE_URL.startswith("sqlite:///"):
    Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}


def _tune_database(db: Any) -> None:
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                    " PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
                ),
            }
        )
    elif db["ENGINE"] == "django.db.backends.postgresql":
        db["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
        db["CONN_HEALTH_CHECKS"] = True
        timeout_ms = env_int("DB_STATEMENT_TIMEOUT_MS", 30000)
        # PostgreSQL's JIT compiles every query whose estimate passes jit_above_cost, on each execution: at a million
        # records a page's small queries then cost ~40 ms of compiling each to run in 0.1 ms (bench/, README
        # "Performance"). Off for these short transactional queries unless DB_JIT=true.
        jit = "on" if env_bool("DB_JIT", False) else "off"
        db.setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={timeout_ms} -c jit={jit}"


_tune_database(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "hoso.sso.backends.SharedAccountBackend",  # sessions opened through the province's provider (hoso/sso)
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisations:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Password rules, lock-out and sessions: README "Sign-in security" (hoso/security).
# The rules come from HOSO_PASSWORD_POLICY; the validators read it each time they run.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "hoso.security.validators.LengthValidator"},
    {"NAME": "hoso.security.validators.CharacterClassValidator"},
    {"NAME": "hoso.security.validators.PersonalInformationValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "hoso.security.validators.PasswordHistoryValidator"},
]
HOSO_PASSWORD_POLICY = {
    "min_length": env_int("HOSO_PASSWORD_MIN_LENGTH", 8),
    "require_upper": env_bool("HOSO_PASSWORD_REQUIRE_UPPER", True),
    "require_lower": env_bool("HOSO_PASSWORD_REQUIRE_LOWER", True),
    "require_digit": env_bool("HOSO_PASSWORD_REQUIRE_DIGIT", True),
    "require_special": env_bool("HOSO_PASSWORD_REQUIRE_SPECIAL", True),
    "forbid_username": True,
    "forbid_name": env_bool("HOSO_PASSWORD_FORBID_NAME", True),
    "forbid_birth_date": env_bool("HOSO_PASSWORD_FORBID_BIRTH_DATE", True),
    "forbid_unit_name": env_bool("HOSO_PASSWORD_FORBID_UNIT_NAME", True),
    "name_min_word_length": env_int("HOSO_PASSWORD_NAME_MIN_WORD_LENGTH", 3),
    "history_depth": env_int("HOSO_PASSWORD_HISTORY", 5),
    "max_age_days": env_int("HOSO_PASSWORD_MAX_AGE_DAYS", 90),
    "reminder_days": env_int("HOSO_PASSWORD_REMINDER_DAYS", 14),
    "lockout_attempts": env_int("HOSO_LOCKOUT_ATTEMPTS", 5),
    "lockout_minutes": env_int("HOSO_LOCKOUT_MINUTES", 15),
    "lockout_ip_attempts": env_int("HOSO_LOCKOUT_IP_ATTEMPTS", 30),
}
HOSO_REQUIRE_TWO_FACTOR = env_bool("HOSO_REQUIRE_TWO_FACTOR", True)  # administrators and approvers (accounts.policy)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "hoso")  # the name authenticator apps show next to the code
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the administration site never shows an authenticator's key or QR code
# Idle timeout: a session unused for SESSION_COOKIE_AGE seconds ends (the middleware pushes the expiry back at most
# once a minute); HOSO_SESSION_MAX_AGE ends it however active it is.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
HOSO_SESSION_MAX_AGE = env_int("HOSO_SESSION_MAX_AGE", 10 * 3600)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)  # one-time links to set a password
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing root before collectstatic runs
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": env("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers -----------------------------------------------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Province parameters (REQUIREMENTS §4: settings, never constants) -----------------------
HOSO_PROVINCE = {
    "name": env("HOSO_PROVINCE_NAME", "Tỉnh Đồng Tháp"),
    "agency_code_l1": env("HOSO_PROVINCE_AGENCY_CODE", "H20"),
}
HOSO_CATALOG_DIR = Path(env("HOSO_CATALOG_DIR", str(BASE_DIR / "hoso" / "catalogs" / "data")))
HOSO_PAGE_SIZE = env_int("HOSO_PAGE_SIZE", 50)

# --- Accounts and access (hoso/accounts; README "Configuration and production") ------------
# How personal accounts sign in (REQ-018): "citizen_id" (the 12-digit personal identification number) or
# "username" (given name + initials, e.g. nhungnth).
HOSO_PERSONAL_LOGIN = env("HOSO_PERSONAL_LOGIN", "citizen_id")
if HOSO_PERSONAL_LOGIN not in {"citizen_id", "username"}:
    raise ImproperlyConfigured("HOSO_PERSONAL_LOGIN must be citizen_id or username.")
# The most personal accounts one bulk creation makes (each first password is hashed, about 0.3 s apiece).
HOSO_BULK_ACCOUNTS_MAX = env_int("HOSO_BULK_ACCOUNTS_MAX", 100)
# Capabilities an account may delegate (ủy quyền) to another for a period; comma-separated Capability codes.
# An Giang and Đồng Tháp do not provide for delegating approval: set it without APPROVE there (REQUIREMENTS P-17).
HOSO_DELEGABLE_CAPABILITIES = env_list(
    "HOSO_DELEGABLE_CAPABILITIES",
    "VIEW_RECORD,VIEW_SENSITIVE,VIEW_SECRET,EDIT_RECORD,REVIEW,APPROVE,EXPORT,VIEW_REPORTS,MANAGE_ACCOUNTS,VIEW_AUDIT",
)

# --- Audit log (hoso/audit; README "Audit log") ---------------------------------------------
# Take the client address from the last X-Forwarded-For entry (the one our reverse proxy added). Only behind a proxy.
HOSO_AUDIT_TRUST_X_FORWARDED_FOR = env_bool("HOSO_AUDIT_TRUST_X_FORWARDED_FOR", False)

# --- Field encryption (hoso/core/crypto.py; README "Field encryption") ----------------------
# Fernet keys, newest first: the first encrypts, every one decrypts. Never derived from SECRET_KEY,
# never stored in the database. The blind-index (HMAC) key is separate. prod requires both; dev
# generates them once under var/keys/; test uses fixed keys.
HOSO_FIELD_ENCRYPTION_KEYS = env_secret_list("HOSO_FIELD_ENCRYPTION_KEYS")
HOSO_BLIND_INDEX_KEY = env_secret("HOSO_BLIND_INDEX_KEY") or ""

# --- Single sign-on with the province's shared account (hoso/sso; README "Single sign-on") --
HOSO_OIDC_ENABLED = env_bool("HOSO_OIDC_ENABLED", False)
HOSO_OIDC_ISSUER = env("HOSO_OIDC_ISSUER")  # discovery: ISSUER/.well-known/openid-configuration
HOSO_OIDC_AUTHORIZATION_ENDPOINT = env("HOSO_OIDC_AUTHORIZATION_ENDPOINT")  # these three together replace discovery
HOSO_OIDC_TOKEN_ENDPOINT = env("HOSO_OIDC_TOKEN_ENDPOINT")
HOSO_OIDC_JWKS_URI = env("HOSO_OIDC_JWKS_URI")
HOSO_OIDC_USERINFO_ENDPOINT = env("HOSO_OIDC_USERINFO_ENDPOINT")
HOSO_OIDC_END_SESSION_ENDPOINT = env("HOSO_OIDC_END_SESSION_ENDPOINT")
HOSO_OIDC_CLIENT_ID = env("HOSO_OIDC_CLIENT_ID")
HOSO_OIDC_CLIENT_SECRET = env_secret("HOSO_OIDC_CLIENT_SECRET") or ""
HOSO_OIDC_TOKEN_AUTH_METHOD = env("HOSO_OIDC_TOKEN_AUTH_METHOD", "client_secret_basic")
HOSO_OIDC_SCOPES = env("HOSO_OIDC_SCOPES", "openid profile")
HOSO_OIDC_MATCH_CLAIM = env("HOSO_OIDC_MATCH_CLAIM", "citizen_id")
HOSO_OIDC_MATCH_FIELD = env("HOSO_OIDC_MATCH_FIELD", "citizen_id")  # citizen_id | username
HOSO_OIDC_BUTTON_LABEL = env("HOSO_OIDC_BUTTON_LABEL")  # empty: "Đăng nhập bằng tài khoản dùng chung của tỉnh"
HOSO_OIDC_LOGOUT_AT_PROVIDER = env_bool("HOSO_OIDC_LOGOUT_AT_PROVIDER", False)
HOSO_OIDC_TIMEOUT_SECONDS = env_int("HOSO_OIDC_TIMEOUT_SECONDS", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_id_numbers": {"()": "hoso.security.log_filters.MaskIdNumbersFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_id_numbers"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # runserver's request lines carry query strings (a typed ID number in a search): they go through the mask too
    "loggers": {"django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}


def require_secret(name: str, value: str | None) -> str:
    if not value:
        raise ImproperlyConfigured(f"{name} must be set (environment variable {name} or {name}_FILE).")
    return value


# --- Background jobs (django.tasks with django-tasks-db; STACK.md §2) ---------------------------
# Run `python manage.py db_worker --queue-name '*'` beside the web server; periodic jobs are management commands
# run by cron or a systemd timer (README "Operations").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- E-mail (reminders; Django 6.1 MAILERS) -------------------------------------------------------
# HOSO_EMAIL_BACKEND=smtp sends through HOSO_EMAIL_HOST; the default prints messages to the console.
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKENDS.get(env("HOSO_EMAIL_BACKEND", "console"), env("HOSO_EMAIL_BACKEND")),
        "OPTIONS": {
            "host": env("HOSO_EMAIL_HOST", "localhost"),
            "port": env_int("HOSO_EMAIL_PORT", 25),
            "username": env("HOSO_EMAIL_HOST_USER"),
            "password": env_secret("HOSO_EMAIL_HOST_PASSWORD") or "",
            "use_tls": env_bool("HOSO_EMAIL_USE_TLS", False),
            "timeout": env_int("HOSO_EMAIL_TIMEOUT_SECONDS", 20),
        }
        if env("HOSO_EMAIL_BACKEND", "console") == "smtp"
        else {},
    }
}
DEFAULT_FROM_EMAIL = env("HOSO_DEFAULT_FROM_EMAIL", "hoso@localhost")

# --- Working days and approval windows (hoso/workdays; formats.md §8, REQ-053/054) -------------
# Working days come from the `holidays` package for Vietnam plus the administrator's overrides at /calendar/.
# Approval-window rules by name: the presets of hoso/workdays/presets.py ("unit": last 5 calendar days rolled to the
# next working day, Tiền Giang QĐ 03/2025 Art. 6; "department": last 5 working days, Art. 12; "lao_cai_unit": the
# 21st–25th, Lào Cai QĐ 06/2024 Art. 7; "last_5_days": no roll-forward, for provinces whose regulation is silent),
# plus any rule given as JSON in HOSO_APPROVAL_WINDOWS_JSON ({"name": {"kind": …, "days": …, …}}).
import datetime as _datetime  # noqa: E402
import json as _json  # noqa: E402

from hoso.workdays import presets as _workdays_presets  # noqa: E402

HOSO_APPROVAL_WINDOWS = {
    **_workdays_presets.APPROVAL_WINDOW_PRESETS,
    **_json.loads(env("HOSO_APPROVAL_WINDOWS_JSON", "{}")),
}
# The rule units' heads approve in (REQ-053); the Sở Nội vụ's own signing step uses HOSO_DEPARTMENT_WINDOW_RULE (REQ-057).
HOSO_APPROVAL_WINDOW_RULE = env("HOSO_APPROVAL_WINDOW_RULE", "unit")
HOSO_DEPARTMENT_WINDOW_RULE = env("HOSO_DEPARTMENT_WINDOW_RULE", "department")
# Whether a head may approve outside the window (default no: refused with the date the window opens; REQ-053).
HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = env_bool("HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW", False)
# Entry deadlines of the monthly rhythm, kind → {"days": n, "working": bool} (REQ-041/042/059: 15 working days for a
# change, Lào Cai/Kon Tum; 30 working days for a new record, Kon Tum); JSON in HOSO_ENTRY_DEADLINES_JSON overrides.
HOSO_ENTRY_DEADLINES = {
    **_workdays_presets.ENTRY_DEADLINE_PRESETS,
    **_json.loads(env("HOSO_ENTRY_DEADLINES_JSON", "{}")),
}
# Per-event deadlines of NĐ 27/2026 and NĐ 233/2026 as reported in formats.md §8.3 (the decrees were not read: check
# and correct through HOSO_EVENT_DEADLINES_JSON), in force for triggers from HOSO_EVENT_DEADLINES_FROM when enabled.
HOSO_EVENT_DEADLINES = {
    **_workdays_presets.EVENT_DEADLINE_PRESETS,
    **_json.loads(env("HOSO_EVENT_DEADLINES_JSON", "{}")),
}
HOSO_EVENT_DEADLINES_ENABLED = env_bool("HOSO_EVENT_DEADLINES_ENABLED", True)
HOSO_EVENT_DEADLINES_FROM = _datetime.date.fromisoformat(env("HOSO_EVENT_DEADLINES_FROM", "2026-07-01"))
# How long a process keeps the calendar overrides it read (seconds); a write drops them at once in its own process.
HOSO_CALENDAR_CACHE_SECONDS = env_int("HOSO_CALENDAR_CACHE_SECONDS", 60)

# --- Supporting documents (hoso/documents; REQ-033–037) ---------------------------------------
# The largest upload accepted, in bytes (PDF, JPEG or PNG; REQ-033 "digitised copies"); default 10 MB.
HOSO_UPLOAD_MAX_BYTES = env_int("HOSO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Which document types a change to each part of the record needs (REQ-033: configurable per section; TT 06/2023
# Điều 6.3 and the provincial regulations list them, REQ-034): part key (hoso/people/sections.py) or "*" for any
# other part → the acceptable type codes (hoso/documents/data/document_types.csv); [] = a document of any type;
# null = no document needed. Defaults in hoso/documents/presets.py; JSON in HOSO_REQUIRED_DOCUMENTS_JSON overrides
# part by part, e.g. {"health": null, "*": []}.
import json as _documents_json  # noqa: E402

from hoso.documents.presets import REQUIRED_DOCUMENTS as _REQUIRED_DOCUMENTS  # noqa: E402

HOSO_REQUIRED_DOCUMENTS = {**_REQUIRED_DOCUMENTS, **_documents_json.loads(env("HOSO_REQUIRED_DOCUMENTS_JSON", "{}"))}

# --- Digital signatures (hoso/signing; REQ-049, STACK.md §4) ----------------------------------
# PEM files of the province's trusted CA certificates (comma-separated paths): a signing certificate must chain to one
# of them (REQ-049; Luật Giao dịch điện tử 2023, NĐ 130/2018: certificates of licensed CAs). Empty: nothing can be signed.
HOSO_SIGNING_TRUST_ROOTS = env_list("HOSO_SIGNING_TRUST_ROOTS")
# The remote-signing service of the province's CA (signing from a phone, or a USB token through a plug-in): its base
# URL, API key and how long to wait for the signer to confirm on their device (seconds).
HOSO_SIGNING_REMOTE_URL = env("HOSO_SIGNING_REMOTE_URL")
HOSO_SIGNING_REMOTE_API_KEY = env_secret("HOSO_SIGNING_REMOTE_API_KEY") or ""
HOSO_SIGNING_REMOTE_TIMEOUT = env_int("HOSO_SIGNING_REMOTE_TIMEOUT", 120)
HOSO_SIGNING_REMOTE_POLL_INTERVAL = float(env("HOSO_SIGNING_REMOTE_POLL_INTERVAL", "2"))
# From when an approved version must carry a signature (ISO date). Versions made from a change set without one after
# that day fail verification; earlier ones are "not yet approved by signature". Empty: from the first signature.
HOSO_SIGNING_REQUIRED_SINCE = env("HOSO_SIGNING_REQUIRED_SINCE")

# --- Review and approval (hoso/approvals; REQ-045–057) -----------------------------------------
# The officer's checking step before the head approves (REQ-045): Tiền Giang and Lào Cai name it; elsewhere it may be
# switched off, and a submitted change set then goes straight to the approver.
HOSO_REVIEW_STEP = env_bool("HOSO_REVIEW_STEP", True)
# Which deadline kind of HOSO_EVENT_DEADLINES a change to each part of the record falls under (NĐ 27/2026 as reported
# in formats.md §8.3: salary, awards and discipline are "operational" data; NĐ 233/2026: evaluation results); parts not
# listed follow the monthly rhythm's "change" (15 working days). JSON in HOSO_EVENT_KINDS_BY_PART_JSON overrides.
HOSO_EVENT_KINDS_BY_PART = {
    "salary": "operational",
    "salary_history": "operational",
    "allowances": "operational",
    "state_honours": "operational",
    "disciplinary_actions": "operational",
    "annual_records": "evaluation",
    **_json.loads(env("HOSO_EVENT_KINDS_BY_PART_JSON", "{}")),
}
# The province's table of who approves whom (REQ-006, REQ-050): the preset `manage.py load_approval_rules` loads
# (an_giang, dong_thap, kon_tum, tien_giang, lao_cai; edited afterwards in the administration site).
HOSO_APPROVAL_RULES_PRESET = env("HOSO_APPROVAL_RULES_PRESET", "dong_thap")
# The unit whose head (the Director of Home Affairs) approves the people on the Provincial Party Standing Committee's
# management list (REQ-051): its electronic identifier code or public id; empty: the first active "Sở Nội vụ".
HOSO_HOME_AFFAIRS_UNIT = env("HOSO_HOME_AFFAIRS_UNIT")
# The statement the submitter confirms (REQ-044) and the one the approver reads before signing (REQ-055); stored word
# for word with the change set and the batch. Empty: the built-in Vietnamese texts of hoso/approvals/services.py.
HOSO_SUBMIT_STATEMENT = env("HOSO_SUBMIT_STATEMENT")
HOSO_APPROVAL_STATEMENT = env("HOSO_APPROVAL_STATEMENT")

# --- Deadlines, reminders and monitoring (hoso/monitoring; REQ-041/042/053) ---------------------
# `manage.py send_reminders --wet-run` runs daily from cron. Reminder e-mails are retried with a doubling backoff
# (the first retry after HOSO_REMINDER_RETRY_SECONDS) and given up after HOSO_REMINDER_MAX_ATTEMPTS attempts.
HOSO_REMINDER_MAX_ATTEMPTS = env_int("HOSO_REMINDER_MAX_ATTEMPTS", 5)
HOSO_REMINDER_RETRY_SECONDS = env_int("HOSO_REMINDER_RETRY_SECONDS", 300)
# Heads are reminded again this many working days before the approval window's deadline (REQ-053).
HOSO_REMINDER_WINDOW_CLOSING_WORKING_DAYS = env_int("HOSO_REMINDER_WINDOW_CLOSING_WORKING_DAYS", 2)
# Staff and officers are reminded of a review round this many working days before its deadline (REQ-038).
HOSO_REMINDER_ROUND_WORKING_DAYS = env_int("HOSO_REMINDER_ROUND_WORKING_DAYS", 3)
# The address links in reminder e-mails start with (e.g. https://hoso.example.gov.vn); empty: paths only.
HOSO_SITE_URL = env("HOSO_SITE_URL", "")

# --- Data quality: completeness and consistency (hoso/quality; REQ-029, REQ-046) ----------------
# The items of the personal-history form (TT 06/2023/TT-BNV) a complete record fills, as keys of
# hoso/quality/completeness.py ITEMS (comma-separated); empty: the items the form marks required (DEFAULT_ITEMS).
HOSO_COMPLETENESS_ITEMS = env_list("HOSO_COMPLETENESS_ITEMS")
# How many records the nightly consistency check and completeness refresh read at a time (memory bound).
HOSO_QUALITY_BATCH_SIZE = env_int("HOSO_QUALITY_BATCH_SIZE", 1000)
