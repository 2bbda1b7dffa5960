"""Attaching and removing documents: who may, when, what is refused (nothing written), encryption at rest, hashes,
required documents per setting, what a signature covers, and documents kept with the version."""

import datetime
import hashlib
import json

import pytest
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction

from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.core.crypto import multi_fernet
from hoso.documents import services
from hoso.documents.content import content_matches, read_content
from hoso.documents.models import DocumentType, SupportingDocument
from hoso.documents.selectors import changed_parts, missing_documents, signed_entries
from hoso.documents.tests.conftest import draft_with_career_row
from hoso.documents.tests.factories import make_document, pdf_bytes, png_bytes, upload_file
from hoso.people import services as people_services
from hoso.people.enums import ChangeSetStatus, RestrictionLevel
from hoso.people.tests.factories import make_user

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    try:
        return default_storage.listdir("documents")[1]
    except FileNotFoundError:
        return []


def approve(change_set, user):
    """What the approvals service does in one transaction: apply, then hand the documents to the version."""
    with transaction.atomic():
        version = people_services.apply_change_set(change_set=change_set, acting_user=user)
        services.attach_to_version(change_set=change_set, version=version)
    return version


# --- the catalogue ---------------------------------------------------------------------------------


def test_the_migration_seeds_every_kind_of_reg_034():
    codes = set(DocumentType.objects.values_list("code", flat=True))
    assert {"APPOINTMENT", "DISMISSAL", "RESIGNATION", "MOBILISATION", "ROTATION", "SECONDMENT", "LEAVING"} <= codes
    assert {"RETIREMENT", "RANK_CHANGE", "TITLE_CHANGE", "SALARY", "ALLOWANCE", "WORK_ASSIGNMENT"} <= codes
    assert {"JOB_POSITION", "COMMENDATION", "DISCIPLINE", "EVALUATION", "TRAINING_DECISION", "DIPLOMA"} <= codes
    assert {"OTHER_EVIDENCE", "LABOUR_CONTRACT"} <= codes
    assert set(DocumentType.objects.values_list("group", flat=True)) == set("abcdefg")
    salary = DocumentType.objects.get(code="SALARY")
    assert salary.name == "Quyết định nâng bậc lương, xếp lương"
    assert salary.supports("salary_history") and not salary.supports("health")
    assert DocumentType.objects.get(code="OTHER_EVIDENCE").supports("health")
    for document_type in DocumentType.objects.all():
        document_type.full_clean()  # every listed part is a part of the record


# --- uploading -------------------------------------------------------------------------------------


def test_the_author_attaches_a_document_encrypted_at_rest_with_the_hash_of_its_content(world):
    content = pdf_bytes()
    document = make_document(world.draft, world.officer, file=upload_file("QĐ 125.pdf", content))

    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.content_type == "application/pdf"
    assert document.original_name == "QĐ 125.pdf"
    assert document.person == world.person and document.version is None
    with default_storage.open(document.file.name, "rb") as handle:
        stored = handle.read()
    assert stored != content and content[:200] not in stored and b"%PDF" not in stored
    assert multi_fernet().decrypt(stored) == content
    assert read_content(document) == content
    assert content_matches(document)
    assert "QĐ" not in document.file.name and document.file.name == f"documents/{document.uid}.bin"
    entry = AuditEntry.objects.get(action=AuditAction.DOCUMENT_ADDED)
    assert entry.detail["sha256"] == document.sha256 and entry.detail["parts"] == ["work_history"]


def test_a_document_carries_the_highest_restriction_level_of_its_parts(world):
    ordinary = make_document(world.draft, world.officer, parts=["work_history"])
    personal = make_document(world.draft, world.officer, document_type="IDENTITY_PAPER", parts=["identity"])
    sensitive = make_document(
        world.draft, world.officer, document_type="IDENTITY_PAPER", parts=["identity", "personal"]
    )
    assert ordinary.restriction == RestrictionLevel.ORDINARY
    assert personal.restriction == RestrictionLevel.PERSONAL
    assert sensitive.restriction == RestrictionLevel.SENSITIVE


def refused(world, *, user=None, change_set=None, **overrides) -> dict[str, list[str]]:
    arguments = {
        "file": upload_file(),
        "document_type": "WORK_ASSIGNMENT",
        "number": "125/QĐ-UBND",
        "issued_on": datetime.date(2026, 3, 2),
        "issuer": "Ủy ban nhân dân tỉnh",
        "parts": ["work_history"],
    } | overrides
    before = stored_files()
    with pytest.raises(services.DocumentInvalid) as caught:
        services.upload_document(change_set=change_set or world.draft, acting_user=user or world.officer, **arguments)
    assert SupportingDocument.objects.count() == 0
    assert stored_files() == before
    return caught.value.errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"file": upload_file("a.pdf", png_bytes())}, "file", "ghi nhãn sai"),
        ({"file": upload_file("a.pdf", b"%PDF-1.7 broken")}, "file", "bị hỏng"),
        ({"file": upload_file("a.png", png_bytes()[:50])}, "file", "bị hỏng"),
        ({"file": upload_file("a.gif", b"GIF89a....")}, "file", "Chỉ nhận tệp PDF, JPEG hoặc PNG."),
        ({"file": upload_file("a.pdf", b"")}, "file", "Tệp rỗng."),
        ({"file": None}, "file", "Chọn tệp PDF, JPEG hoặc PNG."),
        ({"document_type": "NO_SUCH_TYPE"}, "document_type", "Chọn loại tài liệu."),
        ({"number": "  "}, "number", "Nhập số của tài liệu"),
        ({"issued_on": None}, "issued_on", "Nhập ngày ban hành"),
        ({"issued_on": datetime.date(2099, 1, 1)}, "issued_on", "Ngày ban hành ở tương lai."),
        ({"issuer": ""}, "issuer", "Nhập cơ quan ban hành"),
        ({"parts": []}, "parts", "Chọn các phần của hồ sơ"),
        ({"parts": ["nonsense"]}, "parts", "nonsense"),
        ({"document_type": "SALARY", "parts": ["health"]}, "parts", "Sức khỏe"),
    ],
)
def test_bad_input_is_refused_field_by_field_and_writes_nothing(world, overrides, field, message):
    errors = refused(world, **overrides)
    assert message in " ".join(errors[field])


def test_a_file_over_the_limit_writes_nothing(world, settings):
    settings.HOSO_UPLOAD_MAX_BYTES = 1024
    assert "lớn hơn" in refused(world)["file"][0]


def test_every_error_is_reported_at_once(world):
    errors = refused(world, file=upload_file("a.pdf", b""), number="", issuer="", parts=[])
    assert set(errors) == {"file", "number", "issuer", "parts"}


def test_a_part_above_the_uploader_clearance_is_refused(world):
    # an officer reads the unit's records but for specially restricted items (34.1 arrests)
    officer = make_user("officer_only", world.unit, roles=("officer",))
    draft = draft_with_career_row(world.person, officer)
    errors = refused(world, user=officer, change_set=draft, document_type="OTHER_EVIDENCE", parts=["arrests"])
    assert "mức được tiếp cận" in errors["parts"][0]


def test_only_the_author_attaches_documents(world, head, officer_b):
    before = stored_files()
    for user in (head, officer_b):
        with pytest.raises(people_services.NotAllowed):
            make_document(world.draft, user)
    assert SupportingDocument.objects.count() == 0 and stored_files() == before


@pytest.mark.parametrize("status", [ChangeSetStatus.SUBMITTED, ChangeSetStatus.FORWARDED, ChangeSetStatus.WITHDRAWN])
def test_no_document_is_attached_once_the_change_set_is_not_editable(world, status):
    world.draft.status = status
    world.draft.save(update_fields=["status"])
    before = stored_files()
    with pytest.raises(people_services.ChangeSetNotEditable):
        make_document(world.draft, world.officer)
    assert SupportingDocument.objects.count() == 0 and stored_files() == before


def test_a_returned_change_set_takes_documents_again(world):
    world.draft.status = ChangeSetStatus.RETURNED
    world.draft.save(update_fields=["status"])
    assert make_document(world.draft, world.officer).pk


# --- removing --------------------------------------------------------------------------------------


def test_removing_from_a_draft_is_recorded_and_keeps_the_file(world):
    document = make_document(world.draft, world.officer)
    services.remove_document(document=document, acting_user=world.officer, reason="Nhầm quyết định")
    document.refresh_from_db()
    assert document.removed_at is not None and document.removed_by == world.officer
    assert document.removal_reason == "Nhầm quyết định"
    assert default_storage.exists(document.file.name) and content_matches(document)
    assert signed_entries(world.draft) == []
    assert AuditEntry.objects.filter(action=AuditAction.DOCUMENT_REMOVED).count() == 1
    with pytest.raises(services.DocumentInvalid):
        services.remove_document(document=document, acting_user=world.officer)


def test_only_the_author_removes_a_document(world, head):
    document = make_document(world.draft, world.officer)
    with pytest.raises(people_services.NotAllowed):
        services.remove_document(document=document, acting_user=head)
    document.refresh_from_db()
    assert document.removed_at is None


def test_a_document_of_a_version_is_never_removed_or_replaced(world, head):
    document = make_document(world.draft, world.officer)
    version = approve(world.draft, head)
    document.refresh_from_db()
    assert document.version == version and document.person == world.person

    with pytest.raises(services.DocumentLocked):
        services.remove_document(document=document, acting_user=world.officer)
    with pytest.raises(people_services.ChangeSetNotEditable):
        make_document(world.draft, world.officer)
    # the database refuses it too, whatever code runs
    with pytest.raises(DatabaseError), transaction.atomic():
        SupportingDocument.objects.filter(pk=document.pk).update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        SupportingDocument.objects.filter(pk=document.pk).update(file="documents/other.bin")
    document.refresh_from_db()
    assert document.removed_at is None and content_matches(document)


def test_the_check_constraint_refuses_a_removed_document_in_a_version(world, head):
    document = make_document(world.draft, world.officer)
    services.remove_document(document=document, acting_user=world.officer)
    version = approve(world.draft, head)
    document.refresh_from_db()
    assert document.version is None  # removed documents stay with the change set only
    with pytest.raises(DatabaseError), transaction.atomic():
        SupportingDocument.objects.filter(pk=document.pk).update(version=version)


def test_attach_to_version_gives_a_new_record_its_person(world, head):
    from hoso.people.tests.factories import IDENTITY, PERSONAL

    change_set = people_services.start_new_record(unit=world.unit, acting_user=world.officer)
    header = {"employing_unit": str(world.unit.uid), "managing_unit": str(world.unit.uid), "staff_kind": "CONG_CHUC"}
    for group, data in {
        "header": header,
        "personal": PERSONAL,
        "identity": IDENTITY | {"citizen_id": "087185000999"},
    }.items():
        people_services.update_person_group(
            change_set=change_set, group_key=group, data=data, acting_user=world.officer, partial=True
        )
    change_set.refresh_from_db()
    document = make_document(change_set, world.officer, document_type="RECRUITMENT", parts=["header", "personal"])
    assert document.person is None
    version = approve(change_set, head)
    document.refresh_from_db()
    assert document.person == version.person and document.version == version


def test_attach_to_version_refuses_another_change_set_version(world, head):
    version = approve(world.draft, head)
    other = draft_with_career_row(world.person, world.officer)
    with pytest.raises(ValueError, match="not made from this change set"):
        services.attach_to_version(change_set=other, version=version)


def test_a_tampered_file_no_longer_matches(world):
    document = make_document(world.draft, world.officer)
    default_storage.delete(document.file.name)
    default_storage.save(document.file.name, _content(multi_fernet().encrypt(pdf_bytes("black"))))
    assert not content_matches(document)
    default_storage.delete(document.file.name)
    default_storage.save(document.file.name, _content(b"not a token"))
    assert not content_matches(document)


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


# --- required documents ----------------------------------------------------------------------------


def test_changed_parts_are_the_parts_that_differ_from_the_base(world):
    assert changed_parts(world.draft) == ["work_history"]
    people_services.update_person_group(
        change_set=world.draft,
        group_key="salary",
        data={"salary_step": "5", "salary_step_date": "01/01/2026"},
        acting_user=world.officer,
        partial=True,
    )
    world.draft.refresh_from_db()
    assert changed_parts(world.draft) == ["salary", "work_history"]


def test_every_change_needs_a_document_by_default(world):
    assert missing_documents(world.draft) == [
        "“Tóm tắt quá trình công tác” đã thay đổi nhưng chưa có tài liệu kèm theo."
    ]
    make_document(world.draft, world.officer, document_type="OTHER_EVIDENCE", parts=["work_history"])
    assert missing_documents(world.draft) == []


def test_a_salary_change_needs_a_salary_decision(world):
    people_services.update_person_group(
        change_set=world.draft,
        group_key="salary",
        data={"salary_step": "5", "salary_step_date": "01/01/2026"},
        acting_user=world.officer,
        partial=True,
    )
    world.draft.refresh_from_db()
    make_document(world.draft, world.officer, document_type="OTHER_EVIDENCE", parts=["work_history", "salary"])
    (message,) = missing_documents(world.draft)
    assert message.startswith("“Ngạch, chức danh nghề nghiệp, lương và phụ cấp” đã thay đổi")
    assert "Quyết định nâng bậc lương, xếp lương" in message
    make_document(world.draft, world.officer, document_type="SALARY", parts=["salary"])
    assert missing_documents(world.draft) == []


def test_a_removed_document_no_longer_counts(world):
    document = make_document(world.draft, world.officer)
    assert missing_documents(world.draft) == []
    services.remove_document(document=document, acting_user=world.officer)
    assert len(missing_documents(world.draft)) == 1


def test_the_setting_decides_per_part(world, settings):
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": [], "work_history": None}
    assert missing_documents(world.draft) == []
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": None}
    assert missing_documents(world.draft) == []
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": ["DIPLOMA"]}
    make_document(world.draft, world.officer)  # a work assignment: not accepted here
    assert "Văn bằng, chứng chỉ" in missing_documents(world.draft)[0]


# --- what a signature covers -----------------------------------------------------------------------


def test_signed_entries_are_stable_json_safe_and_survive_the_approval(world, head):
    first = make_document(world.draft, world.officer, number="2/QĐ", parts=["work_history", "positions"])
    second = make_document(world.draft, world.officer, number="1/QĐ", file=upload_file("b.png", png_bytes()))
    removed = make_document(world.draft, world.officer, number="3/QĐ")
    services.remove_document(document=removed, acting_user=world.officer)

    entries = signed_entries(world.draft)
    assert [entry["uid"] for entry in entries] == sorted([str(first.uid), str(second.uid)])
    by_uid = {entry["uid"]: entry for entry in entries}
    assert by_uid[str(first.uid)] == {
        "uid": str(first.uid),
        "type": "WORK_ASSIGNMENT",
        "number": "2/QĐ",
        "issued_on": "2026-03-02",
        "issuer": "Ủy ban nhân dân tỉnh",
        "sha256": first.sha256,
        "size": str(first.size),
        "content_type": "application/pdf",
        "parts": ["positions", "work_history"],
    }
    assert by_uid[str(second.uid)]["content_type"] == "image/png"
    assert json.loads(json.dumps(entries)) == entries
    assert signed_entries(world.draft) == entries
    approve(world.draft, head)
    assert signed_entries(world.draft) == entries


# --- key rotation of the stored files --------------------------------------------------------------


def test_rotating_the_keys_re_encrypts_the_files_and_keeps_their_content(world, head, settings):
    from io import StringIO

    from cryptography.fernet import Fernet
    from django.core.management import call_command

    content = pdf_bytes()
    document = make_document(world.draft, world.officer, file=upload_file("a.pdf", content))
    approve(world.draft, head)  # a document that a version holds is rotated too
    old_token = default_storage.open(document.file.name, "rb").read()
    new_key = Fernet.generate_key().decode()
    settings.HOSO_FIELD_ENCRYPTION_KEYS = [new_key, *settings.HOSO_FIELD_ENCRYPTION_KEYS]

    output = StringIO()
    call_command("rotate_document_keys", stdout=output)
    assert "Would re-encrypt 1 file(s)" in output.getvalue()
    assert default_storage.open(document.file.name, "rb").read() == old_token

    call_command("rotate_document_keys", "--wet-run", stdout=output)
    token = default_storage.open(document.file.name, "rb").read()
    assert token != old_token and Fernet(new_key.encode()).decrypt(token) == content
    assert content_matches(document)
