"""Field encryption primitives: keys, tokens, the blind index, and the system checks of the keys."""

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from hoso.core import checks, crypto
from hoso.core.crypto import blind_index, decrypt_text, encrypt_text

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
INDEX_KEY = Fernet.generate_key().decode()


def test_a_token_is_fernet_and_decrypts_with_any_configured_key_but_encrypts_with_the_first():
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_A]):
        under_a = encrypt_text("Nguyễn Thị Hồng")
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        under_b = encrypt_text("Nguyễn Thị Hồng")
        assert decrypt_text(under_a) == decrypt_text(under_b) == "Nguyễn Thị Hồng"

    assert under_a.startswith("gAAAAA") and under_b.startswith("gAAAAA")
    assert Fernet(KEY_B.encode()).decrypt(under_b.encode()).decode() == "Nguyễn Thị Hồng"
    with pytest.raises(InvalidToken):
        Fernet(KEY_B.encode()).decrypt(under_a.encode())


def test_the_same_value_encrypts_differently_each_time():
    assert encrypt_text("087185000123") != encrypt_text("087185000123")


def test_the_blind_index_is_an_hmac_of_the_digits_under_its_own_key():
    index = blind_index("087185000123")

    assert len(index) == 64 and int(index, 16) >= 0
    assert blind_index("087 185.000-123") == index
    assert blind_index("087185000124") != index
    with override_settings(SECRET_KEY="another-secret-key"):
        assert blind_index("087185000123") == index  # never derived from SECRET_KEY
    with override_settings(HOSO_BLIND_INDEX_KEY=INDEX_KEY):
        assert blind_index("087185000123") != index


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([], "is empty"),
        ("single-string", "must be a list"),
        (["not-a-key"], "key 1 of 1 is not a Fernet key"),
        ([KEY_A, "short"], "key 2 of 2 is not a Fernet key"),
        ([KEY_A, KEY_A], "the same key twice"),
    ],
)
def test_malformed_encryption_keys_are_named_without_showing_them(keys, expected):
    problems = crypto.encryption_key_problems(keys)

    assert any(expected in problem for problem in problems)
    assert not any(KEY_A in problem for problem in problems)


def test_the_blind_index_key_must_be_its_own_well_formed_key():
    assert crypto.blind_index_key_problems(INDEX_KEY, [KEY_A]) == []
    assert "is empty" in crypto.blind_index_key_problems("", [KEY_A])[0]
    assert "32 bytes" in crypto.blind_index_key_problems("abc", [KEY_A])[0]
    assert "must not be one of" in crypto.blind_index_key_problems(KEY_A, [KEY_A])[0]


def test_using_a_malformed_key_fails_loudly_instead_of_encrypting():
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=["not-a-key"]):
        with pytest.raises(crypto.EncryptionConfigError, match="key 1 of 1"):
            encrypt_text("x")
    with override_settings(HOSO_BLIND_INDEX_KEY=""):
        with pytest.raises(crypto.EncryptionConfigError, match="HOSO_BLIND_INDEX_KEY"):
            blind_index("087185000123")


def test_the_key_check_passes_with_the_configured_keys():
    assert checks.encryption_keys() == []


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"HOSO_FIELD_ENCRYPTION_KEYS": []}, "hoso.E101"),
        ({"HOSO_FIELD_ENCRYPTION_KEYS": ["x" * 44]}, "hoso.E101"),
        ({"HOSO_BLIND_INDEX_KEY": ""}, "hoso.E102"),
        ({"HOSO_BLIND_INDEX_KEY": KEY_A, "HOSO_FIELD_ENCRYPTION_KEYS": [KEY_A]}, "hoso.E102"),
        ({"SECRET_KEY": KEY_A, "HOSO_FIELD_ENCRYPTION_KEYS": [KEY_A]}, "hoso.E103"),
    ],
)
def test_missing_or_malformed_keys_are_check_errors(overrides, error_id):
    with override_settings(**overrides):
        errors = checks.encryption_keys()

    assert [error.id for error in errors if isinstance(error, Error)].count(error_id) >= 1


@pytest.mark.django_db
def test_manage_py_check_and_check_deploy_fail_on_a_malformed_key():
    with override_settings(HOSO_FIELD_ENCRYPTION_KEYS=["not-a-key"]):
        with pytest.raises(SystemCheckError, match="hoso.E101"):
            call_command("check")
        with pytest.raises(SystemCheckError, match="hoso.E101"):
            call_command("check", "--deploy")
