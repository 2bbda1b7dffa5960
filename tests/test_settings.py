"""Production is configured by the environment and refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROD = {"SECRET_KEY": "s" * 50, "DATABASE_URL": "postgres://u:p@db.example:5432/hoso", "ALLOWED_HOSTS": "hoso.example"}


def _load(settings_module: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env.update(environ, DJANGO_SETTINGS_MODULE=settings_module)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.SECURE_HSTS_SECONDS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_starts_with_its_secrets_and_is_hardened():
    result = _load("config.settings.prod", PROD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "31536000"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_setting(missing):
    result = _load("config.settings.prod", {k: v for k, v in PROD.items() if k != missing})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_a_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "x" * 40)
    environ = {k: v for k, v in PROD.items() if k != "SECRET_KEY"} | {"SECRET_KEY_FILE": str(secret)}
    assert _load("config.settings.prod", environ).returncode == 0


def test_the_embedded_default_is_sqlite_and_database_url_selects_another_file(tmp_path):
    assert _load("config.settings.dev", {}).stdout.startswith("django.db.backends.sqlite3")
    result = _load("config.settings.dev", {"DATABASE_URL": f"sqlite:///{tmp_path}/other/hoso.sqlite3"})
    assert result.returncode == 0 and (tmp_path / "other").is_dir()
