"""A throwaway PKI made with `cryptography` for the signing tests (STACK.md §4), and a unit with a signing head."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest

from hoso.accounts.models import User
from hoso.organisations.models import OrgUnit
from hoso.people.models import Person
from hoso.people.tests.factories import make_unit, make_user, new_record
from hoso.signing import pki
from hoso.signing.models import SigningCredential

PASSPHRASE = "mat-khau-chung-thu"  # noqa: S105


@pytest.fixture(scope="session")
def ca() -> pki.Issued:
    return pki.make_ca("CA thử nghiệm tỉnh", key_size=2048)


@pytest.fixture(scope="session")
def other_ca() -> pki.Issued:
    return pki.make_ca("CA không tin cậy", key_size=2048)


@pytest.fixture
def ca_file(ca: pki.Issued, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    path.write_text(ca.certificate_pem, encoding="ascii")
    return path


@pytest.fixture(autouse=True)
def _trust(settings, ca_file: Path) -> None:
    settings.HOSO_SIGNING_TRUST_ROOTS = [str(ca_file)]
    settings.HOSO_SIGNING_REQUIRED_SINCE = ""


@dataclass
class World:
    unit: OrgUnit
    officer: User
    head: User
    person: Person


@pytest.fixture
def world(db) -> World:
    unit = make_unit("Sở Nội vụ")
    officer = make_user("can_bo", unit)  # enters and (as the factories do) applies changes
    head = make_user("giam_doc", unit, roles=("head",))
    head.full_name = "Trần Văn Đức"
    head.save(update_fields=["full_name"])
    person = new_record(unit, officer, personal={"full_name": "Nguyễn Thị Hồng Nhung"})
    return World(unit, officer, head, person)


def local_credential(user: User, issued: pki.Issued, ca: pki.Issued, *, title: str = "Giám đốc") -> SigningCredential:
    """A credential stored directly (bypassing the service's checks, to test what signing refuses)."""
    import base64

    from hoso.signing.trust import describe, to_pem

    return SigningCredential.objects.create(
        user=user,
        kind="LOCAL_PKCS12",
        title=title,
        certificate_pem=to_pem(issued.certificate),
        pkcs12=base64.b64encode(pki.to_pkcs12(issued, PASSPHRASE, ca=ca)).decode("ascii"),
        passphrase=PASSPHRASE,
        **describe(issued.certificate),
    )


@pytest.fixture
def head_credential(world: World, ca: pki.Issued) -> SigningCredential:
    return local_credential(world.head, pki.issue(ca, "Trần Văn Đức"), ca)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
