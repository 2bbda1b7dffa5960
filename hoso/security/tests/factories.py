"""Test helpers for sign-in security: accounts with known passwords, TOTP codes, signing in as a browser does."""

import datetime

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.organisations.models import OrgUnit
from hoso.organisations.tests.factories import OrgUnitFactory

PASSWORD = "Kh0ng-Doan-Duoc!"  # satisfies the default policy for the accounts made here


def make_unit(name: str = "Sở Tài chính", short_name: str = "STC") -> OrgUnit:
    return OrgUnitFactory(name=name, short_name=short_name, valid_from=datetime.date(2025, 7, 1))


def make_account(
    username: str = "nhung.nguyen",
    unit: OrgUnit | None = None,
    *,
    full_name: str = "Nguyễn Thị Hồng Nhung",
    password: str = PASSWORD,
    kind: str = User.Kind.PERSONAL,
) -> User:
    """An account created the way Django does (set_password + save), so its password history starts."""
    return User.objects.create_user(username=username, password=password, unit=unit, full_name=full_name, kind=kind)


def make_admin(unit: OrgUnit, username: str = "quantri") -> User:
    """The administrator of `unit`'s accounts (built-in role unit-admin: MANAGE_ACCOUNTS on the unit's subtree)."""
    admin = make_account(username, unit, full_name="Trần Văn Quản", kind=User.Kind.UNIT_ADMIN)
    grant(admin, "unit-admin", unit)
    return admin


def enrol(user: User) -> TOTPDevice:
    """A confirmed authenticator for `user`, as if set up on the two-factor page."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(device.digits)


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})
