"""Delegations (ủy quyền) and access by written consent, as the screens offer them; the lookups behind the selects."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import ConsentGrant, Delegation, User
from hoso.accounts.services import grant_consent
from hoso.accounts.tests.manage_support import account, build_tree, person_in, web

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

DELEGATIONS = reverse("manage:delegations")
CONSENTS = reverse("manage:consents")
NEW_CONSENT = reverse("manage:consent_create")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def tree():
    return build_tree()


def delegation_data(delegate: User, **overrides) -> dict:
    data = {
        "delegate": str(delegate.uid),
        "capabilities": ["VIEW_RECORD", "EDIT_RECORD"],
        "valid_from": "01/01/2026",
        "valid_to": "31/12/2027",
        "decision_number": "12/UQ-SNV",
        "decision_date": "30/12/2025",
    }
    data.update(overrides)
    return data


# --- delegations --------------------------------------------------------------------------------------------------


def test_anyone_signed_in_sees_their_delegations_page(tree):
    nobody = account("khongquyen", tree.a)

    response = web(nobody).get(DELEGATIONS)

    assert response.status_code == 200
    assert not response.context["can_delegate"]
    assert web(nobody).post(DELEGATIONS, delegation_data(tree.officer_a)).status_code == 403


def test_delegating_some_of_my_rights_to_a_colleague(tree):
    colleague = account("dongnghiep", tree.a1, full_name="Lý Thị Đồng")

    response = web(tree.officer_a).post(DELEGATIONS, delegation_data(colleague))

    assert response.status_code == 302
    delegation = Delegation.objects.get(delegator=tree.officer_a)
    assert delegation.delegate == colleague
    assert delegation.capabilities == ["VIEW_RECORD", "EDIT_RECORD"]
    assert delegation.decision_number == "12/UQ-SNV"
    assert policy.has_capability(colleague, Capability.EDIT_RECORD, tree.a)
    page = web(colleague).get(DELEGATIONS).content.decode()
    assert "Đỗ Văn Cán" in page  # received from


def test_only_capabilities_i_hold_are_offered_and_accepted(tree):
    colleague = account("dongnghiep", tree.a1)

    response = web(tree.officer_a).post(DELEGATIONS, delegation_data(colleague, capabilities=["MANAGE_ACCOUNTS"]))

    offered = {value for value, _label in response.context["form"].fields["capabilities"].choices}
    assert "MANAGE_ACCOUNTS" not in offered and "EDIT_RECORD" in offered
    assert response.context["form"].errors["capabilities"] == ["Hãy chọn quyền trong danh sách."]
    assert not Delegation.objects.exists()


def test_the_delegate_must_be_an_active_account_of_my_units(tree):
    outsider = account("nguoingoai", tree.b)
    client = web(tree.officer_a)

    response = client.post(DELEGATIONS, delegation_data(outsider))

    assert response.context["form"].errors["delegate"] == ["Hãy chọn trong danh sách."]
    assert not Delegation.objects.exists()


def test_bad_delegation_input_gets_vietnamese_messages_per_field(tree):
    colleague = account("dongnghiep", tree.a1)

    response = web(tree.officer_a).post(
        DELEGATIONS,
        delegation_data(colleague, capabilities=[], valid_from="01/06/2026", valid_to="01/01/2026", decision_number=""),
    )

    errors = response.context["form"].errors
    assert errors["capabilities"] == ["Hãy chọn ít nhất một quyền."]
    assert errors["valid_to"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assert not Delegation.objects.exists()


def test_the_delegator_ends_a_delegation_and_a_stranger_cannot(tree):
    colleague = account("dongnghiep", tree.a1)
    web(tree.officer_a).post(DELEGATIONS, delegation_data(colleague))
    delegation = Delegation.objects.get()
    url = reverse("manage:delegation_revoke", args=[delegation.uid])

    assert web(colleague).post(url).status_code == 404
    assert web(tree.admin_b).post(url).status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_at is None

    assert web(tree.officer_a).post(url).status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    assert not policy.has_capability(User.objects.get(pk=colleague.pk), Capability.EDIT_RECORD, tree.a)


def test_the_delegators_administrator_may_end_it_too(tree):
    colleague = account("dongnghiep", tree.a1)
    web(tree.officer_a).post(DELEGATIONS, delegation_data(colleague))
    delegation = Delegation.objects.get()

    response = web(tree.admin_a).post(
        reverse("manage:delegation_revoke", args=[delegation.uid]), {"next": f"/accounts/manage/{tree.officer_a.uid}/"}
    )

    assert response["Location"] == f"/accounts/manage/{tree.officer_a.uid}/"
    delegation.refresh_from_db()
    assert delegation.revoked_by == tree.admin_a


def test_delegate_lookup_finds_colleagues_by_folded_name_only_in_my_units(tree):
    account("dongnghiep", tree.a1, full_name="Lý Thị Đồng")
    account("nguoingoai", tree.b, full_name="Lý Thị Ngoài")

    response = web(tree.officer_a).get(reverse("manage:lookup_accounts"), {"q": "ly thi", "for": "delegate"})

    texts = [item["text"] for item in response.json()["results"]]
    assert len(texts) == 1 and texts[0].startswith("Lý Thị Đồng")


# --- written consent -----------------------------------------------------------------------------------------------


def consent_data(grantee: User, person, **overrides) -> dict:
    data = {
        "grantee": str(grantee.uid),
        "person": str(person.uid),
        "include_sensitive": "",
        "issuer": "Sở Nội vụ tỉnh Đồng Tháp",
        "purpose": "Thanh tra công vụ",
        "decision_number": "88/QĐ-SNV",
        "decision_date": "05/01/2026",
        "valid_from": "05/01/2026",
        "valid_to": "31/12/2030",
    }
    data.update(overrides)
    return data


def test_consent_pages_refuse_non_administrators(tree):
    client = web(tree.officer_a)

    assert client.get(CONSENTS).status_code == 403
    assert client.get(NEW_CONSENT).status_code == 403
    assert client.get(reverse("manage:lookup_people"), {"q": "nguyen"}).status_code == 403


def test_recording_a_consent_with_its_scan_opens_that_one_record(tree):
    person = person_in(tree.a, 81)
    inspector = account("thanhtra", tree.b, full_name="Vũ Văn Thanh")
    scan = SimpleUploadedFile("quyet-dinh.pdf", PDF, content_type="application/pdf")

    response = web(tree.admin_a).post(NEW_CONSENT, {**consent_data(inspector, person), "scan": scan})

    assert response.status_code == 302, response.context["form"].errors
    grant = ConsentGrant.objects.get()
    assert grant.grantee == inspector and grant.person == person and grant.granted_by == tree.admin_a
    assert grant.decision_number == "88/QĐ-SNV" and grant.valid_to == datetime.date(2030, 12, 31)
    assert grant.scan
    assert web(inspector).get(reverse("people:detail", args=[person.uid])).status_code == 200


def test_bad_consent_input_gets_vietnamese_messages_per_field_and_writes_nothing(tree):
    person = person_in(tree.a, 82)
    inspector = account("thanhtra", tree.b)
    not_a_scan = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = web(tree.admin_a).post(
        NEW_CONSENT,
        {
            **consent_data(inspector, person, issuer="", purpose="", decision_number="", valid_to="01/01/2026"),
            "scan": not_a_scan,
        },
    )

    errors = response.context["form"].errors
    assert errors["issuer"] == ["Nhập cơ quan, người ban hành văn bản đồng ý."]
    assert errors["purpose"] == ["Nhập mục đích truy cập."]
    assert errors["decision_number"] == ["Nhập số văn bản đề nghị hoặc quyết định."]
    assert errors["valid_to"] == ["Ngày kết thúc trước ngày bắt đầu."]
    assert not ConsentGrant.objects.exists()

    not_a_scan = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    wrong_type = web(tree.admin_a).post(NEW_CONSENT, {**consent_data(inspector, person), "scan": not_a_scan})
    assert wrong_type.context["form"].errors["scan"] == ["Bản quét phải là tệp PDF, JPEG hoặc PNG."]
    assert not ConsentGrant.objects.exists()


def test_a_scan_over_ten_megabytes_is_refused(tree):
    person = person_in(tree.a, 83)
    inspector = account("thanhtra", tree.b)
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")

    response = web(tree.admin_a).post(NEW_CONSENT, {**consent_data(inspector, person), "scan": big})

    assert response.context["form"].errors["scan"] == ["Bản quét lớn hơn 10 MB."]
    assert not ConsentGrant.objects.exists()


def test_a_record_outside_my_units_cannot_be_chosen(tree):
    person_b = person_in(tree.b, 84)
    inspector = account("thanhtra", tree.a)

    response = web(tree.admin_a).post(NEW_CONSENT, consent_data(inspector, person_b))

    assert response.context["form"].errors["person"] == ["Hãy chọn trong danh sách."]
    assert not ConsentGrant.objects.exists()


def make_consent(tree, serial: int, scan: bytes | None = None) -> ConsentGrant:
    person = person_in(tree.a, serial)
    inspector = User.objects.filter(username="thanhtra").first() or account("thanhtra", tree.b)
    upload = SimpleUploadedFile("qd.pdf", scan, content_type="application/pdf") if scan else None
    return grant_consent(
        acting_user=tree.admin_a,
        grantee=inspector,
        person=person,
        issuer="Sở Nội vụ",
        purpose="Thanh tra",
        decision_number=f"{serial}/QĐ",
        decision_date=datetime.date(2026, 1, 5),
        valid_from=datetime.date(2026, 1, 5),
        valid_to=datetime.date(2030, 12, 31),
        scan=upload,
    )


def test_the_scan_is_streamed_only_to_administrators_in_scope(tree):
    grant = make_consent(tree, 85, scan=PDF)
    url = reverse("manage:consent_scan", args=[grant.uid])

    response = web(tree.admin_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert web(tree.admin_b).get(url).status_code == 404
    assert web(grant.grantee).get(url).status_code == 403


def test_revoking_a_consent_ends_the_access_at_once(tree):
    grant = make_consent(tree, 86)
    record = reverse("people:detail", args=[grant.person.uid])
    inspector = web(grant.grantee)
    assert inspector.get(record).status_code == 200

    assert web(tree.admin_b).post(reverse("manage:consent_revoke", args=[grant.uid])).status_code == 404
    assert web(tree.admin_a).post(reverse("manage:consent_revoke", args=[grant.uid])).status_code == 302

    grant.refresh_from_db()
    assert grant.revoked_by == tree.admin_a
    assert inspector.get(record).status_code == 404


def test_the_consent_list_shows_my_units_grants_in_a_bounded_number_of_queries(tree):
    client = web(tree.admin_a)
    client.get(CONSENTS)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CONSENTS).status_code == 200
        return len(queries)

    make_consent(tree, 91)
    few = count()
    for serial in range(92, 96):
        make_consent(tree, serial)
    many = count()

    assert len(client.get(CONSENTS).context["grants"]) == 5
    assert web(tree.admin_b).get(CONSENTS).context["grants"].__len__() == 0
    assert many == few
    assert len(client.get(CONSENTS, {"state": "revoked"}).context["grants"]) == 0


def test_people_lookup_finds_records_in_scope_by_name_without_diacritics(tree):
    person_in(tree.a1, 87, "Trương Thị Ánh")
    person_in(tree.b, 88, "Trương Thị Bích")

    response = web(tree.admin_a).get(reverse("manage:lookup_people"), {"q": "truong thi"})

    texts = [item["text"] for item in response.json()["results"]]
    assert len(texts) == 1 and texts[0].startswith("Trương Thị Ánh")


def test_grantee_lookup_offers_any_active_account_to_administrators(tree):
    account("thanhtra", tree.b, full_name="Vũ Văn Thanh")
    account("nghiviec", tree.b, full_name="Vũ Văn Nghỉ", is_active=False)

    response = web(tree.admin_a).get(reverse("manage:lookup_accounts"), {"q": "vu van", "for": "grantee"})

    texts = [item["text"] for item in response.json()["results"]]
    assert len(texts) == 1 and texts[0].startswith("Vũ Văn Thanh")
    assert web(tree.officer_a).get(reverse("manage:lookup_accounts"), {"q": "vu", "for": "grantee"}).status_code == 403
