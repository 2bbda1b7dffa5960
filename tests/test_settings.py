"""Production is configured by the environment and refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
KEY_A, KEY_B, INDEX_KEY = (Fernet.generate_key().decode() for _ in range(3))
PROD = {
    "SECRET_KEY": "s" * 50,
    "DATABASE_URL": "postgres://u:p@db.example:5432/hoso",
    "ALLOWED_HOSTS": "hoso.example",
    "HOSO_FIELD_ENCRYPTION_KEYS": f"{KEY_B},{KEY_A}",
    "HOSO_BLIND_INDEX_KEY": INDEX_KEY,
}


def _load(settings_module: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env = {k: v for k, v in env.items() if not k.startswith(("HOSO_FIELD_ENCRYPTION_KEYS", "HOSO_BLIND_INDEX_KEY"))}
    env.update(environ, DJANGO_SETTINGS_MODULE=settings_module)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.SECURE_HSTS_SECONDS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_starts_with_its_secrets_and_is_hardened():
    result = _load("config.settings.prod", PROD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "31536000"]


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "HOSO_FIELD_ENCRYPTION_KEYS", "HOSO_BLIND_INDEX_KEY"]
)
def test_production_refuses_to_start_without_a_required_setting(missing):
    result = _load("config.settings.prod", {k: v for k, v in PROD.items() if k != missing})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_a_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "x" * 40)
    environ = {k: v for k, v in PROD.items() if k != "SECRET_KEY"} | {"SECRET_KEY_FILE": str(secret)}
    assert _load("config.settings.prod", environ).returncode == 0


def test_encryption_keys_can_come_from_key_files_one_key_a_line(tmp_path):
    keys = tmp_path / "field-encryption.keys"
    keys.write_text(f"# newest first\n{KEY_B}\n{KEY_A}\n")
    index_key = tmp_path / "blind-index.key"
    index_key.write_text(INDEX_KEY + "\n")
    environ = {k: v for k, v in PROD.items() if not k.startswith("HOSO_")} | {
        "HOSO_FIELD_ENCRYPTION_KEYS_FILE": str(keys),
        "HOSO_BLIND_INDEX_KEY_FILE": str(index_key),
    }
    code = "import django; django.setup(); from django.conf import settings as s; print(*s.HOSO_FIELD_ENCRYPTION_KEYS, s.HOSO_BLIND_INDEX_KEY)"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOSO_", "SECRET_KEY", "DATABASE_URL"))}
    env.update(environ, DJANGO_SETTINGS_MODULE="config.settings.prod")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == [KEY_B, KEY_A, INDEX_KEY], result.stderr


def test_check_deploy_refuses_a_malformed_encryption_key_in_production(tmp_path):
    environ = PROD | {
        "HOSO_FIELD_ENCRYPTION_KEYS": f"{KEY_B},not-a-key",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOSO_", "SECRET_KEY", "DATABASE_URL"))}
    env.update(environ, DJANGO_SETTINGS_MODULE="config.settings.prod")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "hoso.E101" in result.stderr and "key 2 of 2 is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr  # a key is never printed


def test_development_generates_its_keys_once_readable_only_by_the_owner(tmp_path):
    from config.settings.dev_keys import dev_key_file

    first = dev_key_file(tmp_path / "keys" / "field-encryption.keys")
    again = dev_key_file(tmp_path / "keys" / "field-encryption.keys")

    assert first == again and len(first) == 1 and len(first[0]) == 44
    assert (tmp_path / "keys" / "field-encryption.keys").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "keys").stat().st_mode & 0o777 == 0o700


def test_the_embedded_default_is_sqlite_and_database_url_selects_another_file(tmp_path):
    assert _load("config.settings.dev", {}).stdout.startswith("django.db.backends.sqlite3")
    result = _load("config.settings.dev", {"DATABASE_URL": f"sqlite:///{tmp_path}/other/hoso.sqlite3"})
    assert result.returncode == 0 and (tmp_path / "other").is_dir()
