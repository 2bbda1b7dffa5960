"""Test support for other apps whose tests make changes official through the workflow (web apply, API apply).

`approvals_ready` (a fixture: import it into the test module) trusts a throwaway CA, drops the document
requirements, and sets the clock inside November 2026's approval window; `forward_for_approval` submits a change
set as its author (an officer who checks changes, so it goes straight to the approver) and gives the approver a
signing certificate.
"""

import base64
import datetime
import importlib
import zoneinfo
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import time_machine

from hoso.accounts.models import User
from hoso.people.models import ChangeSet
from hoso.signing import pki
from hoso.signing.models import SigningCredential
from hoso.signing.trust import describe, to_pem

PASSPHRASE = "mat-khau-chung-thu"  # noqa: S105
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
CA_BIRTH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
IN_WINDOW = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=TZ)  # November 2026's window: 26/11–30/11
OUTSIDE_WINDOW = datetime.datetime(2026, 12, 10, 9, 0, tzinfo=TZ)  # December's: 27/12–31/12


@cache
def throwaway_ca() -> pki.Issued:
    """A CA valid from 31/12/2025 for ten years, whatever day the suite runs (the tests move the clock)."""
    with time_machine.travel(CA_BIRTH, tick=False):
        return pki.make_ca("CA thử nghiệm tỉnh", key_size=2048)


def credential(user: User, ca: pki.Issued | None = None, **kwargs: object) -> SigningCredential:
    """A PKCS#12 credential stored for `user` (valid 2026–2036 unless `not_before`/`not_after` say otherwise)."""
    ca = ca or throwaway_ca()
    if "not_before" not in kwargs:
        kwargs = {"not_before": CA_BIRTH, "days": 3650, **kwargs}
    issued = pki.issue(ca, user.full_name or user.username, **kwargs)  # type: ignore[arg-type]
    return SigningCredential.objects.create(
        user=user,
        kind="LOCAL_PKCS12",
        title="Thủ trưởng đơn vị",
        certificate_pem=to_pem(issued.certificate),
        pkcs12=base64.b64encode(pki.to_pkcs12(issued, PASSPHRASE, ca=ca)).decode("ascii"),
        passphrase=PASSPHRASE,
        **describe(issued.certificate),
    )


def trust_test_ca(settings: object, directory: Path) -> None:
    path = directory / "ca.pem"
    path.write_text(throwaway_ca().certificate_pem, encoding="ascii")
    settings.HOSO_SIGNING_TRUST_ROOTS = [str(path)]  # type: ignore[attr-defined]
    settings.HOSO_SIGNING_REQUIRED_SINCE = ""  # type: ignore[attr-defined]


@pytest.fixture
def approvals_ready(settings: object, tmp_path: Path) -> Iterator[None]:
    trust_test_ca(settings, tmp_path)
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": None}  # type: ignore[attr-defined]
    settings.HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = False  # type: ignore[attr-defined]
    with time_machine.travel(IN_WINDOW, tick=True):
        yield


def forward_for_approval(change_set: ChangeSet, author: User, approver: User | None = None) -> ChangeSet:
    """Submit as the author (who checks changes in the unit) and make sure the approver can sign."""
    from hoso.approvals.services import submit

    change_set.refresh_from_db()
    submit(change_set=change_set, acting_user=author, confirmed=True)
    approver = approver or author
    if not approver.signing_credentials.exists():
        credential(approver)
    change_set.refresh_from_db()
    return change_set


def restore_migration_data() -> None:
    """Roles and document types come from data migrations; a previous live-server (transactional) test's flush
    removed them. Both seeds are idempotent."""
    from django.apps import apps

    for name in ("hoso.accounts.migrations.0004_builtin_roles", "hoso.documents.migrations.0002_seed_document_types"):
        migration = importlib.import_module(name)
        (getattr(migration, "create_roles", None) or migration.seed)(apps, None)
