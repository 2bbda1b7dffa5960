"""Documents covered by a signature, and the verify_record command's output and exit status."""

import io

import pytest
from django.core.management import CommandError, call_command

from hoso.documents.selectors import signed_entries
from hoso.documents.services import attach_to_version
from hoso.documents.tests.conftest import draft_with_career_row
from hoso.documents.tests.factories import make_document
from hoso.people import services as people_services
from hoso.people.models import RecordVersion
from hoso.signing.enums import CheckStatus
from hoso.signing.services import sign_version
from hoso.signing.verification import verify_record

pytestmark = pytest.mark.django_db


def approve_with_document(world):
    draft = draft_with_career_row(world.person, world.officer)
    document = make_document(draft, world.officer, number="125/QĐ-UBND")
    draft.refresh_from_db()
    entries = signed_entries(draft)
    version = people_services.apply_change_set(change_set=draft, acting_user=world.officer)
    attach_to_version(change_set=draft, version=version)
    sign_version(version=version, documents=entries, signer=world.head)
    return version, document


def failures(person) -> list[str]:
    return [f.message for v in verify_record(person).versions for f in v.findings if f.status == CheckStatus.FAILED]


def test_a_signed_document_that_is_intact_verifies(world, head_credential):
    version, _document = approve_with_document(world)
    report = verify_record(world.person)
    assert report.versions[-1].status == CheckStatus.OK, report.versions[-1].findings
    assert version.signature.documents[0]["number"] == "125/QĐ-UBND"


def test_a_document_whose_file_is_gone_is_named(world, head_credential):
    version, document = approve_with_document(world)
    document.file.storage.delete(document.file.name)  # the database refuses changes to it; the storage is the weak spot
    assert (
        f"Phiên bản {version.number}: nội dung tài liệu WORK_ASSIGNMENT 125/QĐ-UBND đã bị thay đổi sau khi ký."
        in failures(world.person)
    )


def test_a_document_whose_stored_content_changed_is_named(world, head_credential):
    version, document = approve_with_document(world)
    storage = document.file.storage
    storage.delete(document.file.name)
    from django.core.files.base import ContentFile

    storage.save(document.file.name, ContentFile(b"gAAAAA-not-the-file"))
    assert any("125/QĐ-UBND đã bị thay đổi sau khi ký" in m for m in failures(world.person))


# --- the command ----------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("verify_record", *args, stdout=out)
    return out.getvalue()


def test_the_command_passes_a_signed_record(world, head_credential):
    sign_version(version=RecordVersion.objects.get(person=world.person, number=1), documents=[], signer=world.head)
    output = run(str(world.person.uid))
    assert output.strip() == "1 record(s) checked: 0 failed, 0 with warnings."


def test_the_command_fails_with_one_line_per_problem(world, head_credential):
    version = RecordVersion.objects.get(person=world.person, number=1)
    sign_version(version=version, documents=[], signer=world.head)
    snapshot = version.snapshot
    snapshot["person"]["birth_place"] = "Hà Nội"
    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    out = io.StringIO()
    with pytest.raises(CommandError, match="verification failed for 1 record"):
        call_command("verify_record", "--all", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"{world.person.uid} v1 FAILED Phiên bản 1: trường person.birth_place khác với nội dung đã ký." in lines


def test_the_command_by_unit_and_warnings(world):
    output = run("--unit", str(world.unit.uid))
    assert f"{world.person.uid} v1 WARNING Phiên bản 1 chưa được phê duyệt bằng chữ ký số." in output
    with pytest.raises(CommandError):
        call_command("verify_record", "--unit", str(world.unit.uid), "--strict", stdout=io.StringIO())


def test_the_command_refuses_bad_arguments(world):
    with pytest.raises(CommandError, match="give one or more"):
        call_command("verify_record", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no record with uid"):
        call_command("verify_record", "00000000-0000-0000-0000-000000000000", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no record with uid"):
        call_command("verify_record", "not-a-uid", stdout=io.StringIO())


def test_the_quiet_command_prints_only_failures(world, head_credential):
    """A weekly `verify_record --all --quiet` stays silent about unsigned initial versions and names a failure."""
    assert run("--all", "--quiet") == ""  # version 1 is unsigned: a warning, not printed
    version = RecordVersion.objects.get(person=world.person, number=1)
    sign_version(version=version, documents=[], signer=world.head)
    snapshot = version.snapshot
    snapshot["person"]["birth_place"] = "Xã khác"
    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_record", "--all", "--quiet", stdout=out)
    assert "FAILED" in out.getvalue()
