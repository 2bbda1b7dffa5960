"""Development and the embedded demo: SQLite, files on disk, debug on."""

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, HOSO_BLIND_INDEX_KEY, HOSO_FIELD_ENCRYPTION_KEYS, env_bool, env_secret
from config.settings.dev_keys import dev_key_file

APP_ENVIRONMENT = "dev"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"

# Field encryption: the environment's keys if given, else keys generated once under var/keys/.
DEV_KEY_DIR = BASE_DIR / "var" / "keys"
if not HOSO_FIELD_ENCRYPTION_KEYS:
    HOSO_FIELD_ENCRYPTION_KEYS = dev_key_file(DEV_KEY_DIR / "field-encryption.keys")
if not HOSO_BLIND_INDEX_KEY:
    HOSO_BLIND_INDEX_KEY = dev_key_file(DEV_KEY_DIR / "blind-index.key")[0]
# Digital signatures: trust the demo CA that `demo` makes under var/keys/ (hoso/signing/demo.py), once it exists.
if (DEV_KEY_DIR / "hoso-demo-ca.pem").exists():
    HOSO_SIGNING_TRUST_ROOTS = [*HOSO_SIGNING_TRUST_ROOTS, str(DEV_KEY_DIR / "hoso-demo-ca.pem")]  # noqa: F405
