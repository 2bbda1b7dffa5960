"""The documents API: multipart upload, list, metadata, download, removal; problem details on bad input; 404 out
of scope."""

import pytest
from django.test import Client

from hoso.api.auth import issue_token
from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.documents.models import SupportingDocument
from hoso.documents.tests.factories import make_document, pdf_bytes, png_bytes, upload_file
from hoso.documents.tests.test_services import approve

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def body(**overrides):
    return {
        "document_type": "WORK_ASSIGNMENT",
        "number": "125/QĐ-UBND",
        "issued_on": "2026-03-02",
        "issuer": "Ủy ban nhân dân tỉnh",
        "parts": ["work_history", "positions"],
        "file": upload_file("quyet-dinh.pdf", pdf_bytes()),
    } | overrides


def test_upload_list_read_and_download(world):
    client = api(world.officer)
    pdf = pdf_bytes()
    response = client.post(
        f"/api/v1/documents/change-sets/{world.draft.uid}", body(file=upload_file("quyet-dinh.pdf", pdf))
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["type"] == "WORK_ASSIGNMENT" and created["parts"] == ["work_history", "positions"]
    assert created["issued_on"] == "2026-03-02" and created["version"] is None
    listed = client.get(f"/api/v1/documents/change-sets/{world.draft.uid}").json()
    assert [d["uid"] for d in listed["documents"]] == [created["uid"]] and listed["withheld"] == 0
    assert client.get(f"/api/v1/documents/{created['uid']}").json()["sha256"] == created["sha256"]
    content = client.get(f"/api/v1/documents/{created['uid']}/content")
    assert content.status_code == 200 and content.content == pdf
    assert content["X-Content-Type-Options"] == "nosniff" and content["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action=AuditAction.ATTACHMENT_VIEWED).count() == 1


def test_parts_may_be_comma_separated_and_dates_dd_mm_yyyy(world):
    response = api(world.officer).post(
        f"/api/v1/documents/change-sets/{world.draft.uid}", body(parts="work_history,positions", issued_on="02/03/2026")
    )
    assert response.status_code == 201
    assert response.json()["parts"] == ["work_history", "positions"]


def test_bad_input_is_a_problem_with_a_message_per_field(world):
    response = api(world.officer).post(
        f"/api/v1/documents/change-sets/{world.draft.uid}",
        body(file=upload_file("quyet-dinh.pdf", png_bytes()), number="", parts=[]),
    )
    assert response.status_code == 422
    problem = response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert set(problem["errors"]) == {"file", "number", "parts"}
    assert "ghi nhãn sai" in problem["errors"]["file"][0]
    assert SupportingDocument.objects.count() == 0


def test_a_missing_file_and_a_bad_date(world):
    client = api(world.officer)
    no_file = {k: v for k, v in body().items() if k != "file"}
    response = client.post(f"/api/v1/documents/change-sets/{world.draft.uid}", no_file)
    assert response.status_code == 422 and response.json()["errors"]["file"] == ["Chọn tệp PDF, JPEG hoặc PNG."]
    response = client.post(f"/api/v1/documents/change-sets/{world.draft.uid}", body(issued_on="31/02/2026"))
    assert response.status_code == 422 and "issued_on" in response.json()["errors"]


def test_out_of_scope_is_not_found_and_others_are_forbidden(world, head, officer_b):
    document = make_document(world.draft, world.officer)
    outsider = api(officer_b)
    assert outsider.post(f"/api/v1/documents/change-sets/{world.draft.uid}", body()).status_code == 404
    assert outsider.get(f"/api/v1/documents/change-sets/{world.draft.uid}").status_code == 404
    assert outsider.get(f"/api/v1/documents/{document.uid}/content").status_code == 404
    assert outsider.delete(f"/api/v1/documents/{document.uid}").status_code == 404
    reviewer = api(head)
    assert reviewer.get(f"/api/v1/documents/{document.uid}/content").status_code == 200
    assert reviewer.post(f"/api/v1/documents/change-sets/{world.draft.uid}", body()).status_code == 403
    assert reviewer.delete(f"/api/v1/documents/{document.uid}").status_code == 403
    assert SupportingDocument.objects.filter(removed_at__isnull=True).count() == 1


def test_remove_and_never_after_the_version(world, head):
    client = api(world.officer)
    first = make_document(world.draft, world.officer)
    response = client.delete(f"/api/v1/documents/{first.uid}?reason=Nh%E1%BA%A7m")
    assert response.status_code == 200 and response.json()["removal_reason"] == "Nhầm"
    kept = make_document(world.draft, world.officer)
    approve(world.draft, head)
    response = client.delete(f"/api/v1/documents/{kept.uid}")
    assert response.status_code == 409
    assert "không thể gỡ bỏ hoặc thay thế" in response.json()["detail"]
    assert client.get(f"/api/v1/documents/{kept.uid}").json()["version"] == 2
    upload = client.post(f"/api/v1/documents/change-sets/{world.draft.uid}", body())
    assert upload.status_code == 409


def test_the_catalogue_of_types(world):
    types = api(world.officer).get("/api/v1/documents/types").json()
    salary = next(t for t in types if t["code"] == "SALARY")
    assert salary["group"] == "c" and "salary_history" in salary["parts"]
