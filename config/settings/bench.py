"""The benchmark (`make bench`, bench/): production settings on synthetic data, nothing weakened but what it must.

What differs from prod.py, and why:
- fixed secret and field-encryption keys, so that a demo database built once is read again by every later run
  (the data is synthetic; these keys protect nothing and must never serve a real database);
- no HTTPS redirect, secure cookies or HSTS: the load generator speaks plain HTTP to 127.0.0.1;
- HOSO_REQUIRE_TWO_FACTOR off: the benchmark's sessions are opened without a sign-in (none of the two-factor
  pages is measured), as the test settings do;
- "testserver" is an allowed host, for Django's test client;
- HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW on: the batch approval (`approve_sign_batch_1000`) is measured on whatever day
  the benchmark runs, not only in the last days of the month (REQ-053's window check itself is still made and timed);
- supporting documents stored under var/bench/media (MEDIA_ROOT), apart from the development server's files.
Everything else (DEBUG off, the password hashers, the middleware, the audit log, CONN_MAX_AGE on PostgreSQL) is
base.py as production runs it. DATABASE_URL is set by the benchmark for each database.
"""

from pathlib import Path

from config.settings.base import *  # noqa: F403

APP_ENVIRONMENT = "bench"
DEBUG = False
SECRET_KEY = "bench-only-key-synthetic-data-never-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
HOSO_FIELD_ENCRYPTION_KEYS = ["wugIYXoJHKuGhjS3UpM4RkJ4ovHhi4v_yfmRostYjMQ="]
HOSO_BLIND_INDEX_KEY = "S7ny5v8QndwmOyduR_k_h8ijf82OtdF0mHgBbohC3rg="  # noqa: S105
HOSO_REQUIRE_TWO_FACTOR = False
HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = True
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "bench" / "media")))  # noqa: F405
