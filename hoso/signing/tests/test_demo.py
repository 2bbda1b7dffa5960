"""The demo CA and the approvers' demo certificates (used by the `demo` command of hoso.approvals)."""

import stat

import pytest
from cryptography import x509

from hoso.people.models import RecordVersion
from hoso.signing.demo import create_demo_ca, issue_demo_credential
from hoso.signing.services import check_ready, sign_version
from hoso.signing.trust import from_pem
from hoso.signing.verification import verify_record

pytestmark = pytest.mark.django_db


def test_the_demo_ca_is_made_once_and_trusted(world, tmp_path, settings):
    settings.HOSO_SIGNING_TRUST_ROOTS = []
    ca = create_demo_ca(tmp_path / "keys")
    assert ca.certificate_path.read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert stat.S_IMODE(ca.key_path.stat().st_mode) == 0o600
    assert settings.HOSO_SIGNING_TRUST_ROOTS == [str(ca.certificate_path)]
    assert create_demo_ca(tmp_path / "keys").issued.certificate == ca.issued.certificate  # reused, not remade

    credential = issue_demo_credential(world.head, ca=ca, title="Giám đốc Sở Nội vụ")
    certificate = from_pem(credential.certificate_pem)
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days == 365
    assert "Trần Văn Đức" in credential.subject
    check_ready(world.head)
    sign_version(version=RecordVersion.objects.get(person=world.person, number=1), documents=[], signer=world.head)
    assert verify_record(world.person).ok
