import datetime

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from hoso.accounts.models import User
from hoso.people.models import Person
from hoso.security.models import PasswordHistoryEntry
from hoso.security.tests.factories import make_account, make_unit
from hoso.security.validators import birth_date_forms

pytestmark = pytest.mark.django_db


def messages_for(password: str, user: User | None = None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


@pytest.fixture
def account():
    unit = make_unit("Sở Nội vụ tỉnh Đồng Tháp", "SNV")
    return make_account("canbo.snv", unit, full_name="Lê Thị Ánh Tuyết")


def with_birth(account: User, day: datetime.date, precision: str = "DAY") -> User:
    """Give the account a person with this date of birth (only the attributes the validator reads)."""
    person = Person(full_name=account.full_name, date_of_birth=day, date_of_birth_precision=precision)
    account._state.fields_cache["person"] = person
    return account


def test_a_password_that_keeps_every_rule_is_accepted(account):
    assert messages_for("Mot-Mat-Khau-Moi-7", account) == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ng@1", "Mật khẩu phải có ít nhất 8 ký tự."),
        ("khong-doan-duoc-1", "Mật khẩu phải có chữ in hoa."),
        ("KHONG-DOAN-DUOC-1", "Mật khẩu phải có chữ thường."),
        ("Khong-Doan-Duoc!", "Mật khẩu phải có chữ số."),
        ("KhongDoanDuoc1", "Mật khẩu phải có ký tự đặc biệt, ví dụ ! @ # $ % - _ ."),
    ],
)
def test_each_character_rule_is_refused_with_its_own_message(account, password, message):
    assert message in messages_for(password, account)


def test_every_broken_rule_gets_one_message(account):
    errors = messages_for("abc", account)

    assert "Mật khẩu phải có ít nhất 8 ký tự." in errors
    assert "Mật khẩu phải có chữ in hoa." in errors
    assert "Mật khẩu phải có chữ số." in errors
    assert "Mật khẩu phải có ký tự đặc biệt, ví dụ ! @ # $ % - _ ." in errors
    assert "Mật khẩu phải có chữ thường." not in errors


@pytest.mark.parametrize("password", ["Canbo.snv-2026", "x-CANBO.SNV-9", "Canbosnv#2026"])
def test_the_username_is_refused(account, password):
    assert "Mật khẩu không được chứa tên đăng nhập." in messages_for(password, account)


@pytest.mark.parametrize("password", ["Tuyet@2026x", "TUYẾT-mau-7", "AnhTuyet#99", "lethianhtuyet-X1"])
def test_the_name_is_refused_without_diacritics_or_case(account, password):
    assert "Mật khẩu không được chứa họ tên của bạn." in messages_for(password, account)


def test_short_words_of_the_name_alone_are_not_refused(account):
    # "Lê" and "Thị" are too short to be looked for on their own (name_min_word_length = 3).
    assert "Mật khẩu không được chứa họ tên của bạn." not in messages_for("Le-Gia-Dinh-7!", account)


def test_the_name_on_the_record_counts_too(account):
    with_birth(account, datetime.date(1990, 8, 15))
    account._state.fields_cache["person"].full_name = "Lê Thị Hoa Mai"

    assert "Mật khẩu không được chứa họ tên của bạn." in messages_for("Hoa-mai-9x!", account)


@pytest.mark.parametrize(
    "password", ["Xy!15081990", "Xy!15/08/1990", "Xy!15-8-1990", "Xy!150890", "Xy!1990ab", "Xy!19900815"]
)
def test_the_date_of_birth_is_refused_in_its_common_forms(account, password):
    with_birth(account, datetime.date(1990, 8, 15))

    assert "Mật khẩu không được chứa ngày sinh của bạn." in messages_for(password, account)


def test_only_the_year_counts_when_only_the_year_is_known(account):
    with_birth(account, datetime.date(1990, 1, 1), precision="YEAR")

    assert "Mật khẩu không được chứa ngày sinh của bạn." not in messages_for("Xy!0101abc", account)
    assert "Mật khẩu không được chứa ngày sinh của bạn." in messages_for("Xy!1990abc", account)


def test_birth_date_forms():
    forms = birth_date_forms(datetime.date(1985, 3, 5))

    assert {"05031985", "05/03/1985", "5/3/1985", "050385", "19850305", "1985", "5-3-1985", "05.03.1985"} <= forms


@pytest.mark.parametrize("password", ["Dong-thap!7", "SNV#2026ab", "Xy!noivu-99"])
def test_the_unit_name_or_short_name_is_refused(account, password):
    assert "Mật khẩu không được chứa tên đơn vị của bạn." in messages_for(password, account)


def test_the_rules_follow_the_setting(settings, account):
    settings.HOSO_PASSWORD_POLICY = {"min_length": 12, "require_special": False, "forbid_unit_name": False}

    assert messages_for("Short1a", account) == ["Mật khẩu phải có ít nhất 12 ký tự."]
    assert messages_for("Dongthap2026xy", account) == []


def test_a_recent_password_is_refused_and_an_older_one_is_allowed(settings, account):
    settings.HOSO_PASSWORD_POLICY = {"history_depth": 3}
    reused = "Mat-khau-cu-1"
    for password in (reused, "Mat-khau-cu-2", "Mat-khau-cu-3"):
        account.set_password(password)
        account.save()

    assert "Mật khẩu phải khác 3 mật khẩu gần nhất của bạn." in messages_for(reused, account)
    assert "Mật khẩu phải khác 3 mật khẩu gần nhất của bạn." in messages_for("Mat-khau-cu-3", account)

    account.set_password("Mat-khau-cu-4")
    account.save()
    assert messages_for(reused, account) == []
    assert PasswordHistoryEntry.objects.filter(user=account).count() == 3
    assert all(entry.password_hash.startswith("md5$") for entry in PasswordHistoryEntry.objects.all())


def test_help_texts_list_the_rules():
    text = password_validation.password_validators_help_text_html()

    assert "Ít nhất 8 ký tự." in text
    assert "chữ in hoa" in text
    assert "ngày sinh của bạn" in text
    assert "5 mật khẩu gần nhất" in text
