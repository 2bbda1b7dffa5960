"""Signing a version for real (local PKCS#12 with pyHanko) and verifying it; every refusal stores nothing."""

import base64
import datetime

import pytest
import time_machine
from django.utils import timezone

from hoso.audit.models import AuditEntry
from hoso.people.models import RecordVersion
from hoso.signing import pki
from hoso.signing.enums import CheckStatus
from hoso.signing.errors import SigningError
from hoso.signing.models import SigningCredential, VersionSignature
from hoso.signing.services import check_ready, credential_for, revoke_credential, sign_version
from hoso.signing.tests.conftest import days, local_credential
from hoso.signing.verification import verify_record, verify_version

pytestmark = pytest.mark.django_db


def current(world) -> RecordVersion:
    return RecordVersion.objects.get(person=world.person, number=world.person.current_version)


def messages(report) -> list[str]:
    return [f.message for v in report.versions for f in v.findings if f.status == CheckStatus.FAILED]


def test_a_signed_version_verifies(world, head_credential):
    version = current(world)
    signature = sign_version(version=version, documents=[], signer=world.head)
    assert (signature.signer_name, signature.signer_title, signature.provider) == (
        "Trần Văn Đức",
        "Giám đốc",
        "LOCAL_PKCS12",
    )
    assert signature.signed_bytes.startswith(b'{"content_hash":')
    assert AuditEntry.objects.filter(action="VERSION_SIGNED").count() == 1
    report = verify_version(RecordVersion.objects.get(pk=version.pk))
    assert report.status == CheckStatus.OK, report.findings
    assert report.signer_name == "Trần Văn Đức"
    assert "Trần Văn Đức" in report.certificate_subject
    assert verify_record(world.person).ok


def test_a_delegate_signs_on_behalf_of_the_head(world, ca):
    local_credential(world.officer, pki.issue(ca, "Lê Thị Phó"), ca, title="Phó Giám đốc")
    signature = sign_version(version=current(world), documents=[], signer=world.officer, on_behalf_of=world.head)
    assert signature.on_behalf_of == world.head
    report = verify_record(world.person)
    assert report.versions[-1].on_behalf_of == "Trần Văn Đức"


def test_a_tampered_snapshot_names_the_field_and_version(world, head_credential):
    version = current(world)
    sign_version(version=version, documents=[], signer=world.head)
    snapshot = version.snapshot
    snapshot["person"]["full_name"] = "Nguyễn Thị Hồng Nhung Sửa"
    from hoso.people.snapshot import content_hash

    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot, content_hash=content_hash(snapshot))
    report = verify_record(world.person)
    assert not report.ok
    found = messages(report)
    assert f"Phiên bản {version.number}: trường person.full_name khác với nội dung đã ký." in found
    # the live rows were not changed: they now differ from the (tampered) approved version too
    assert any("person.full_name" in m and "Dữ liệu hiện hành" in m for m in found)
    assert any(f.path == "person.full_name" for v in report.versions for f in v.findings)


def test_a_section_row_field_is_named_by_row(world, head_credential):
    version = current(world)
    sign_version(version=version, documents=[], signer=world.head)
    snapshot = version.snapshot
    snapshot["sections"]["work_history"] = [{"uid": "r-1", "title": "Giám đốc"}]
    from hoso.people.snapshot import content_hash

    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot, content_hash=content_hash(snapshot))
    paths = [f.path for v in verify_record(world.person).versions for f in v.findings if f.path]
    assert "sections.work_history.r-1" in paths


def test_a_snapshot_changed_without_its_hash_fails(world, head_credential):
    version = current(world)
    sign_version(version=version, documents=[], signer=world.head)
    snapshot = version.snapshot
    snapshot["person"]["birth_place"] = "Hà Nội"
    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    found = messages(verify_record(world.person))
    assert f"Phiên bản {version.number}: nội dung lưu trữ không còn khớp với mã băm của nó." in found
    assert f"Phiên bản {version.number}: trường person.birth_place khác với nội dung đã ký." in found


def test_tampered_signed_bytes_fail(world, head_credential):
    version = current(world)
    signature = sign_version(version=version, documents=[], signer=world.head)
    data = signature.signed_bytes.replace(b"Nhung", "Nhưng".encode(), 1)
    import hashlib

    VersionSignature.objects.filter(pk=signature.pk).update(
        signed_content=base64.b64encode(data).decode(), content_sha256=hashlib.sha256(data).hexdigest()
    )
    found = messages(verify_record(world.person))
    assert any("nội dung đã ký bị thay đổi" in m for m in found), found


def test_a_tampered_cms_fails(world, head_credential):
    version = current(world)
    signature = sign_version(version=version, documents=[], signer=world.head)
    cms = bytearray(signature.cms)
    cms[-10] ^= 0x01  # inside the signature value
    VersionSignature.objects.filter(pk=signature.pk).update(cms=bytes(cms))
    report = verify_record(world.person)
    assert not report.ok
    assert report.versions[-1].status == CheckStatus.FAILED


def test_a_signature_whose_certificate_expired_later_still_verifies(world, ca):
    start = timezone.now() - days(1)
    local_credential(world.head, pki.issue(ca, "Trần Văn Đức", not_before=start, not_after=start + days(30)), ca)
    sign_version(version=current(world), documents=[], signer=world.head)
    with time_machine.travel(timezone.now() + days(90)):
        report = verify_record(world.person)
    assert report.ok, [f.message for v in report.versions for f in v.findings]
    assert report.versions[-1].status == CheckStatus.OK


@pytest.mark.parametrize(
    ("certificate", "expected"),
    [
        (
            lambda ca, other: pki.issue(
                ca, "A", not_before=timezone.now() - days(400), not_after=timezone.now() - days(1)
            ),
            "hết hạn",
        ),
        (
            lambda ca, other: pki.issue(
                ca, "A", not_before=timezone.now() + days(2), not_after=timezone.now() + days(300)
            ),
            "chưa có hiệu lực",
        ),
        (lambda ca, other: pki.issue(other, "A"), "tin cậy cấp"),
        (lambda ca, other: pki.issue(ca, "A", signing=False), "không dùng để ký"),
    ],
    ids=["expired", "not-yet-valid", "untrusted", "wrong-key-usage"],
)
def test_a_bad_certificate_is_refused_and_nothing_is_stored(world, ca, other_ca, certificate, expected):
    local_credential(world.head, certificate(ca, other_ca), other_ca if "tin cậy" in expected else ca)
    with pytest.raises(SigningError) as refused:
        sign_version(version=current(world), documents=[], signer=world.head)
    assert expected in refused.value.message
    assert not VersionSignature.objects.exists()
    assert not AuditEntry.objects.filter(action="VERSION_SIGNED").exists()


def test_no_trust_roots_refuses_signing(world, head_credential, settings):
    settings.HOSO_SIGNING_TRUST_ROOTS = []
    with pytest.raises(SigningError, match="HOSO_SIGNING_TRUST_ROOTS"):
        check_ready(world.head)


def test_credential_for_says_why_there_is_none(world, ca):
    with pytest.raises(SigningError, match="chưa có chứng thư số"):
        credential_for(world.head)
    credential = local_credential(world.head, pki.issue(ca, "A"), ca)
    assert credential_for(world.head) == credential
    admin = world.officer
    from hoso.accounts.tests.factories import grant

    grant(admin, "unit-admin", world.unit)
    revoke_credential(credential=credential, acting_user=admin)
    with pytest.raises(SigningError, match="đã bị thu hồi"):
        credential_for(world.head)
    now = timezone.now()
    local_credential(world.head, pki.issue(ca, "A", not_before=now - days(400), not_after=now - days(3)), ca)
    with pytest.raises(SigningError, match="đã hết hạn vào ngày"):
        check_ready(world.head)
    assert SigningCredential.objects.filter(user=world.head).count() == 2


def test_unsigned_versions_warn_before_signing_began_and_fail_after(world, head_credential, settings):
    report = verify_record(world.person)
    assert report.ok and report.status == CheckStatus.WARNING
    assert "chưa được phê duyệt bằng chữ ký số" in report.versions[0].findings[0].message
    settings.HOSO_SIGNING_REQUIRED_SINCE = (timezone.now() - days(1)).date().isoformat()
    report = verify_record(world.person)
    assert not report.ok
    assert "được phê duyệt mà không có chữ ký số" in messages(report)[0]


def test_a_version_without_a_change_set_is_only_a_warning(world, settings):
    settings.HOSO_SIGNING_REQUIRED_SINCE = "2000-01-01"
    RecordVersion.objects.filter(person=world.person).update(change_set=None)
    report = verify_record(world.person)
    assert report.ok and report.status == CheckStatus.WARNING


def test_the_live_record_must_equal_the_current_version(world, head_credential):
    sign_version(version=current(world), documents=[], signer=world.head)
    from hoso.people.models import Person

    Person.objects.filter(pk=world.person.pk).update(birth_place="Xã Khác")
    world.person.refresh_from_db()
    found = messages(verify_record(world.person))
    assert any("person.birth_place" in m for m in found), found


def test_the_signing_time_is_kept(world, head_credential):
    moment = datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        signature = sign_version(version=current(world), documents=[], signer=world.head)
    assert signature.signed_at == moment


def test_a_moved_signing_time_fails(world, ca):
    start = timezone.now() - days(1)
    local_credential(world.head, pki.issue(ca, "Trần Văn Đức", not_before=start, not_after=start + days(30)), ca)
    signature = sign_version(version=current(world), documents=[], signer=world.head)
    VersionSignature.objects.filter(pk=signature.pk).update(signed_at=signature.signed_at - days(2))
    found = messages(verify_record(world.person))
    assert any("thời điểm ký đang lưu khác với thời điểm ký trong chữ ký số" in m for m in found), found
