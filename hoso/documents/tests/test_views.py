"""The document panels on the change set, diff and record pages; upload, removal and download in the browser."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.documents.models import SupportingDocument
from hoso.documents.tests.factories import make_document, pdf_bytes, png_bytes, upload_file
from hoso.documents.tests.test_services import approve
from hoso.people.enums import ChangeSetStatus

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def form_data(**overrides):
    return {
        "document_type": "WORK_ASSIGNMENT",
        "number": "125/QĐ-UBND",
        "issued_on": "02/03/2026",
        "issuer": "Ủy ban nhân dân tỉnh",
        "parts": ["work_history"],
        "description": "",
        "file": upload_file("quyet-dinh.pdf", pdf_bytes()),
    } | overrides


@pytest.fixture
def author(client, world):
    client.force_login(world.officer)
    return client


def test_the_edit_page_lists_documents_and_offers_the_upload_form(author, world):
    make_document(world.draft, world.officer, number="77/QĐ-SNV")
    page = author.get(reverse("people:change_set_edit", kwargs={"uid": world.draft.uid})).content.decode()
    assert "Tài liệu kèm theo" in page
    assert "77/QĐ-SNV" in page and "Tóm tắt quá trình công tác" in page
    assert 'enctype="multipart/form-data"' in page
    assert reverse("documents:download", kwargs={"uid": SupportingDocument.objects.get().uid}) in page


def test_the_edit_page_says_which_documents_are_missing(author, world):
    page = author.get(reverse("people:change_set_edit", kwargs={"uid": world.draft.uid})).content.decode()
    assert "Trước khi gửi thay đổi này, cần đính kèm:" in page
    assert "“Tóm tắt quá trình công tác” đã thay đổi nhưng chưa có tài liệu kèm theo." in page


def test_uploading_without_javascript_attaches_and_goes_back_to_the_draft(author, world):
    response = author.post(reverse("documents:upload", kwargs={"uid": world.draft.uid}), form_data())
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("people:change_set_edit", kwargs={"uid": world.draft.uid}) + "#documents"
    )
    document = SupportingDocument.objects.get()
    assert document.number == "125/QĐ-UBND" and str(document.issued_on) == "2026-03-02"
    assert document.uploaded_by == world.officer


def test_uploading_with_htmx_answers_the_panel(author, world):
    response = author.post(
        reverse("documents:upload", kwargs={"uid": world.draft.uid}),
        form_data(file=upload_file("bang-khen.png", png_bytes())),
        **HTMX,
    )
    assert response.status_code == 200
    assert 'id="documents-panel"' in response.content.decode()
    assert json.loads(response["HX-Trigger"])["people:saved"]["message"].startswith("Đã đính kèm")
    assert SupportingDocument.objects.get().content_type == "image/png"


def test_a_bad_upload_shows_the_reason_next_to_the_field_and_saves_nothing(author, world):
    response = author.post(
        reverse("documents:upload", kwargs={"uid": world.draft.uid}),
        form_data(file=upload_file("quyet-dinh.pdf", png_bytes()), issued_on="31/02/2026"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu được. Vui lòng sửa các lỗi sau:" in page
    assert "Nhập một ngày hợp lệ." in page  # the form's own message for 31/02
    assert SupportingDocument.objects.count() == 0
    response = author.post(
        reverse("documents:upload", kwargs={"uid": world.draft.uid}),
        form_data(file=upload_file("quyet-dinh.pdf", png_bytes())),
        **HTMX,
    )
    assert "Tệp bị ghi nhãn sai" in response.content.decode()
    assert SupportingDocument.objects.count() == 0


def test_others_cannot_upload(client, world, head, officer_b):
    url = reverse("documents:upload", kwargs={"uid": world.draft.uid})
    client.force_login(head)
    assert client.post(url, form_data()).status_code == 403
    client.force_login(officer_b)
    assert client.post(url, form_data()).status_code == 404
    assert SupportingDocument.objects.count() == 0


def test_an_upload_to_a_submitted_change_set_is_refused(author, world):
    world.draft.status = ChangeSetStatus.SUBMITTED
    world.draft.save(update_fields=["status"])
    response = author.post(reverse("documents:upload", kwargs={"uid": world.draft.uid}), form_data())
    assert response.status_code == 302 and "diff" in response["Location"]
    assert SupportingDocument.objects.count() == 0


def test_removing_a_document(author, world):
    document = make_document(world.draft, world.officer)
    response = author.post(reverse("documents:remove", kwargs={"uid": document.uid}), {"reason": "Nhầm"}, **HTMX)
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.removed_at is not None and document.removal_reason == "Nhầm"
    assert "1 tài liệu đã gỡ bỏ" in response.content.decode()


def test_the_diff_page_shows_each_document_next_to_the_part_it_supports(client, world, head):
    make_document(world.draft, world.officer, number="88/QĐ-SNV")
    client.force_login(head)
    page = client.get(reverse("people:change_set_diff", kwargs={"uid": world.draft.uid})).content.decode()
    panel = page[page.index("Tài liệu kèm theo từng phần thay đổi") :]
    assert panel.index("Tóm tắt quá trình công tác") < panel.index("88/QĐ-SNV")


def test_the_record_page_lists_the_documents_of_the_version(client, world, head):
    make_document(world.draft, world.officer, number="99/QĐ-SNV")
    version = approve(world.draft, head)
    client.force_login(head)
    page = client.get(reverse("people:detail", kwargs={"uid": world.person.uid})).content.decode()
    assert f"Tài liệu kèm theo phiên bản {version.number}" in page and "99/QĐ-SNV" in page
    earlier = client.get(
        reverse("people:version_detail", kwargs={"uid": world.person.uid, "number": version.number - 1})
    ).content.decode()
    assert "Phiên bản này không có tài liệu kèm theo." in earlier


def test_download_streams_the_decrypted_file_and_logs_it(author, world):
    content = pdf_bytes()
    document = make_document(world.draft, world.officer, file=upload_file("QĐ bổ nhiệm.pdf", content))
    response = author.get(reverse("documents:download", kwargs={"uid": document.uid}))
    assert response.status_code == 200
    assert response.content == content
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.ATTACHMENT_VIEWED)
    assert entry.detail["sha256"] == document.sha256


def test_download_out_of_scope_is_absent(client, world, officer_b):
    document = make_document(world.draft, world.officer)
    client.force_login(officer_b)
    assert client.get(reverse("documents:download", kwargs={"uid": document.uid})).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.ATTACHMENT_VIEWED).exists()


def test_a_restricted_document_is_withheld_from_a_reader_without_clearance(client, world, head, unit_admin):
    ordinary = make_document(world.draft, world.officer, number="1/QĐ")
    sensitive = make_document(
        world.draft, world.officer, document_type="IDENTITY_PAPER", number="2/GKS", parts=["personal"]
    )
    approve(world.draft, head)
    # the unit administrator reads the record without its sensitive items (ethnicity, religion: item 6–7)
    client.force_login(unit_admin)
    assert client.get(reverse("documents:download", kwargs={"uid": ordinary.uid})).status_code == 200
    assert client.get(reverse("documents:download", kwargs={"uid": sensitive.uid})).status_code == 404
    page = client.get(reverse("people:detail", kwargs={"uid": world.person.uid})).content.decode()
    assert "1/QĐ" in page and "2/GKS" not in page
    assert "1 tài liệu vượt quá mức được tiếp cận của bạn không được hiển thị." in page
    client.force_login(head)
    assert client.get(reverse("documents:download", kwargs={"uid": sensitive.uid})).status_code == 200


def test_the_employee_reads_the_documents_of_their_own_record(client, world, head):
    from hoso.accounts.models import User

    employee = User.objects.create_user("employee", password="x-Password-1", unit=world.unit)
    world.person.account = employee
    world.person.save(update_fields=["account"])
    document = make_document(world.draft, world.officer, document_type="IDENTITY_PAPER", parts=["personal"])
    client.force_login(employee)
    assert client.get(reverse("documents:download", kwargs={"uid": document.uid})).status_code == 404  # a draft
    approve(world.draft, head)
    assert client.get(reverse("documents:download", kwargs={"uid": document.uid})).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panels_do_not_grow_queries_with_documents(client, world, head):
    diff_url = reverse("people:change_set_diff", kwargs={"uid": world.draft.uid})
    edit_url = reverse("people:change_set_edit", kwargs={"uid": world.draft.uid})
    make_document(world.draft, world.officer)
    client.force_login(world.officer)
    one = (_queries(client, diff_url), _queries(client, edit_url))
    for number in range(4):
        make_document(world.draft, world.officer, number=f"{number}/QĐ")
    assert (_queries(client, diff_url), _queries(client, edit_url)) == one
