"""The pages and API of hoso.signing: the report, the bundle, the summaries on the record pages, certificates."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.api.auth import issue_token
from hoso.people.models import RecordVersion
from hoso.people.snapshot import content_hash
from hoso.people.tests.factories import make_unit, make_user
from hoso.signing import pki
from hoso.signing.models import SigningCredential
from hoso.signing.services import sign_version
from hoso.signing.tests.conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user: User) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def signed(world, head_credential) -> RecordVersion:
    version = RecordVersion.objects.get(person=world.person, number=1)
    sign_version(version=version, documents=[], signer=world.head)
    return version


@pytest.fixture
def unit_admin(world) -> User:
    user = User.objects.create_user("quan_tri", password="x", unit=world.unit)
    grant(user, "unit-admin", world.unit)
    return user


def test_the_report_page_and_api(world, signed):
    page = client_for(world.head).get(reverse("signing:verify", args=[world.person.uid]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mọi phiên bản đều có chữ ký số hợp lệ" in text
    assert "Trần Văn Đức, Giám đốc" in text
    answer = api_client(world.head).get(f"/api/v1/signatures/people/{world.person.uid}/verification")
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is True and body["status"] == "OK"
    assert body["versions"][0]["signer_name"] == "Trần Văn Đức"


def test_another_unit_gets_404(world, signed):
    stranger = make_user("officer_b", make_unit("Sở Tài chính"))
    assert client_for(stranger).get(reverse("signing:verify", args=[world.person.uid])).status_code == 404
    assert client_for(stranger).get(reverse("signing:bundle", args=[world.person.uid])).status_code == 404
    api = api_client(stranger)
    assert api.get(f"/api/v1/signatures/people/{world.person.uid}/verification").status_code == 404
    assert api.get(f"/api/v1/signatures/people/{world.person.uid}/bundle").status_code == 404


def test_field_paths_above_the_clearance_are_withheld(world, signed, unit_admin):
    snapshot = signed.snapshot
    snapshot["person"]["religion"] = "99"  # item 7, sensitive
    RecordVersion.objects.filter(pk=signed.pk).update(snapshot=snapshot, content_hash=content_hash(snapshot))
    body = api_client(unit_admin).get(f"/api/v1/signatures/people/{world.person.uid}/verification").json()
    messages = [f["message"] for f in body["versions"][0]["findings"]]
    assert body["ok"] is False
    assert not any("religion" in m for m in messages)
    assert any("trường thông tin hạn chế tiếp cận" in m for m in messages)
    full = api_client(world.head).get(f"/api/v1/signatures/people/{world.person.uid}/verification").json()
    assert any(f["path"] == "person.religion" for f in full["versions"][0]["findings"])
    page = client_for(world.head).get(reverse("signing:verify", args=[world.person.uid])).content.decode()
    assert "Kiểm tra không đạt" in page
    assert "Phiên bản 1: trường person.religion khác với nội dung đã ký." in page


def test_the_bundle_is_for_full_clearance_only(world, signed, unit_admin):
    response = client_for(world.head).get(reverse("signing:bundle", args=[world.person.uid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="hoso-{world.person.uid}-')
    bundle = json.loads(response.content)
    assert bundle["format"] == "hoso.signed-record-bundle/1" and len(bundle["versions"]) == 1
    assert client_for(unit_admin).get(reverse("signing:bundle", args=[world.person.uid])).status_code == 403
    assert api_client(unit_admin).get(f"/api/v1/signatures/people/{world.person.uid}/bundle").status_code == 403
    assert api_client(world.head).get(f"/api/v1/signatures/people/{world.person.uid}/bundle").status_code == 200


def test_the_record_pages_show_the_signature(world, signed):
    client = client_for(world.head)
    detail = client.get(reverse("people:detail", args=[world.person.uid])).content.decode()
    summary_url = reverse("signing:version_summary", args=[world.person.uid, 1])
    assert summary_url in detail  # loaded after the page (htmx): the record page costs no query more
    assert reverse("signing:verify", args=[world.person.uid]) in detail
    summary = client.get(summary_url).content.decode()
    assert "Phiên bản 1 do Trần Văn Đức ký lúc" in summary and "Giám đốc" in summary
    stranger = make_user("officer_b", make_unit("Sở Tài chính"))
    assert client_for(stranger).get(summary_url).status_code == 404
    versions = client.get(reverse("people:versions", args=[world.person.uid])).content.decode()
    assert "do Trần Văn Đức ký lúc" in versions


def test_the_versions_page_costs_the_same_with_more_signed_versions(world, head_credential):
    from hoso.people import services as people_services

    client = client_for(world.head)
    url = reverse("people:versions", args=[world.person.uid])

    def add_signed_version() -> None:
        draft = people_services.start_change_set(person=world.person, acting_user=world.officer)
        people_services.update_person_group(
            change_set=draft,
            group_key="personal",
            data={"other_names": f"Tên gọi khác {world.person.current_version}"},
            acting_user=world.officer,
            partial=True,
        )
        draft.refresh_from_db()
        version = people_services.apply_change_set(change_set=draft, acting_user=world.officer)
        sign_version(version=version, documents=[], signer=world.head)
        world.person.refresh_from_db()

    add_signed_version()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_signed_version()
    add_signed_version()
    with CaptureQueriesContext(connection) as more:
        assert "do Trần Văn Đức ký lúc" in client.get(url).content.decode()
    assert len(more) == len(few)


# --- certificates -----------------------------------------------------------------------------------


def upload(ca, issued, passphrase=PASSPHRASE):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("chu-ky.p12", pki.to_pkcs12(issued, passphrase, ca=ca), "application/x-pkcs12")


def test_an_account_manager_registers_and_revokes_a_certificate(world, ca, unit_admin):
    client = client_for(unit_admin)
    url = reverse("signing:add_local", args=[world.head.uid])
    response = client.post(
        url, {"pkcs12": upload(ca, pki.issue(ca, "Trần Văn Đức")), "passphrase": PASSPHRASE, "title": "Giám đốc"}
    )
    assert response.status_code == 302
    credential = SigningCredential.objects.get(user=world.head)
    assert credential.title == "Giám đốc" and "Trần Văn Đức" in credential.subject
    mine = client_for(world.head).get(reverse("signing:my_certificates")).content.decode()
    assert "Đồng chí có thể ký số phê duyệt." in mine
    assert client.post(reverse("signing:revoke", args=[credential.uid])).status_code == 302
    credential.refresh_from_db()
    assert credential.revoked_at is not None and not credential.active
    mine = client_for(world.head).get(reverse("signing:my_certificates")).content.decode()
    assert "đã bị thu hồi" in mine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda ca, other: {"pkcs12": upload(ca, pki.issue(ca, "A")), "passphrase": "sai"}, "mật khẩu không đúng"),
        (lambda ca, other: {"pkcs12": upload(other, pki.issue(other, "A")), "passphrase": PASSPHRASE}, "tin cậy cấp"),
        (
            lambda ca, other: {"pkcs12": upload(ca, pki.issue(ca, "A", signing=False)), "passphrase": PASSPHRASE},
            "không dùng để ký",
        ),
        (lambda ca, other: {"passphrase": PASSPHRASE}, "Trường này là bắt buộc"),
    ],
    ids=["wrong-passphrase", "untrusted", "wrong-key-usage", "no-file"],
)
def test_a_bad_certificate_file_is_refused_per_field(world, ca, other_ca, unit_admin, data, message):
    response = client_for(unit_admin).post(reverse("signing:add_local", args=[world.head.uid]), data(ca, other_ca))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SigningCredential.objects.exists()


def test_a_remote_account_is_registered_with_its_certificate(world, ca, unit_admin):
    client = client_for(unit_admin)
    url = reverse("signing:add_remote", args=[world.head.uid])
    bad = client.post(url, {"remote_account": "tvduc@ca", "certificate_pem": "không phải PEM"})
    assert bad.status_code == 422
    assert "Đây không phải chứng thư số dạng PEM" in bad.content.decode()
    empty = client.post(url, {"remote_account": "", "certificate_pem": ""})
    assert empty.status_code == 422
    assert "Trường này là bắt buộc" in empty.content.decode()
    assert not SigningCredential.objects.exists()
    issued = pki.issue(ca, "Trần Văn Đức")
    good = client.post(url, {"remote_account": "tvduc@ca", "certificate_pem": issued.certificate_pem})
    assert good.status_code == 302
    assert SigningCredential.objects.get().kind == "REMOTE"


def test_only_managers_of_the_account_manage_its_certificates(world, ca):
    stranger = User.objects.create_user("qt_b", password="x", unit=make_unit("Sở Tài chính"))
    grant(stranger, "unit-admin", stranger.unit)
    client = client_for(stranger)
    assert client.get(reverse("signing:account_certificates", args=[world.head.uid])).status_code == 404
    response = client.post(
        reverse("signing:add_local", args=[world.head.uid]),
        {"pkcs12": upload(ca, pki.issue(ca, "A")), "passphrase": PASSPHRASE},
    )
    assert response.status_code == 404
    assert not SigningCredential.objects.exists()


def test_the_administration_site_only_shows_credentials(world):
    from hoso.signing.tests.factories import registered_credential

    admin = User.objects.create_superuser("root", password="x")
    credential = registered_credential(world.head)
    client = client_for(admin)
    page = client.get(reverse("admin:signing_signingcredential_change", args=[credential.pk]))
    assert page.status_code == 200
    assert "passphrase" not in page.content.decode() and "pkcs12" not in page.content.decode()
    assert client.get(reverse("admin:signing_versionsignature_changelist")).status_code == 200
