"""Development and the embedded demo: SQLite, files on disk, debug on."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool, env_secret

APP_ENVIRONMENT = "dev"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
