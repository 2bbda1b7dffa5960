"""The offline verifier, run as a separate process without Django: passes, then fails on a flipped byte."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hoso.documents.selectors import signed_entries
from hoso.documents.services import attach_to_version
from hoso.documents.tests.factories import make_document, pdf_bytes, upload_file
from hoso.people import services as people_services
from hoso.people.models import RecordVersion
from hoso.signing.bundle import build_bundle
from hoso.signing.services import sign_version

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def run_offline(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "hoso.signing.offline", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_bundle_verifies_offline_and_a_flipped_byte_fails(world, head_credential, ca_file, tmp_path):
    version = RecordVersion.objects.get(person=world.person, number=world.person.current_version)
    sign_version(version=version, documents=[], signer=world.head)
    bundle = build_bundle(world.person)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")

    result = run_offline(str(path), "--trust", str(ca_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ký bởi Trần Văn Đức" in result.stdout
    assert "Nguyễn Thị Hồng Nhung" in result.stdout  # the record's content is printed
    assert "Hợp lệ: 1 phiên bản" in result.stdout

    data = bytearray(base64.b64decode(bundle["versions"][0]["signed_content"]))
    data[data.index(b"Nguy")] ^= 0x01
    bundle["versions"][0]["signed_content"] = base64.b64encode(bytes(data)).decode()
    path.write_text(json.dumps(bundle), encoding="utf-8")
    result = run_offline(str(path), "--trust", str(ca_file), "--quiet")
    assert result.returncode == 1
    assert "LỖI Phiên bản 1: Mã băm SHA-256 của nội dung đã ký không khớp." in result.stdout
    assert "LỖI Phiên bản 1: Nội dung đã bị thay đổi sau khi ký" in result.stdout


def test_an_untrusted_root_fails_offline(world, head_credential, other_ca, tmp_path):
    version = RecordVersion.objects.get(person=world.person, number=world.person.current_version)
    sign_version(version=version, documents=[], signer=world.head)
    (tmp_path / "b.json").write_text(json.dumps(build_bundle(world.person)), encoding="utf-8")
    (tmp_path / "other.pem").write_text(other_ca.certificate_pem, encoding="ascii")
    result = run_offline(str(tmp_path / "b.json"), "--trust", str(tmp_path / "other.pem"), "--quiet")
    assert result.returncode == 1
    assert "không do tổ chức chứng thực tin cậy cấp" in result.stdout


def test_the_offline_verifier_imports_no_django():
    code = "import sys, hoso.signing.offline; assert not any(m.startswith('django') for m in sys.modules), 'django'"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=60)  # noqa: S603


def test_documents_are_covered_and_checked_offline(world, head_credential, ca_file, tmp_path):
    from hoso.documents.tests.conftest import draft_with_career_row

    draft = draft_with_career_row(world.person, world.officer)
    content = pdf_bytes()
    make_document(draft, world.officer, file=upload_file(content=content))
    draft.refresh_from_db()
    entries = signed_entries(draft)
    version = people_services.apply_change_set(change_set=draft, acting_user=world.officer)
    attach_to_version(change_set=draft, version=version)
    sign_version(version=version, documents=entries, signer=world.head)
    (tmp_path / "b.json").write_text(json.dumps(build_bundle(world.person)), encoding="utf-8")
    (tmp_path / "qd.pdf").write_bytes(content)
    (tmp_path / "other.pdf").write_bytes(pdf_bytes("red"))
    ok = run_offline(
        str(tmp_path / "b.json"), "--trust", str(ca_file), "--document", str(tmp_path / "qd.pdf"), "--quiet"
    )
    assert ok.returncode == 0, ok.stdout
    bad = run_offline(str(tmp_path / "b.json"), "--trust", str(ca_file), "--document", str(tmp_path / "other.pdf"))
    assert bad.returncode == 1
    assert "Tài liệu 1: không khớp" in bad.stdout


def test_a_bundle_without_signed_versions_fails(world, ca_file, tmp_path):
    (tmp_path / "b.json").write_text(json.dumps(build_bundle(world.person)), encoding="utf-8")
    result = run_offline(str(tmp_path / "b.json"), "--trust", str(ca_file))
    assert result.returncode == 1
    assert "không có phiên bản nào đã ký số" in result.stdout
