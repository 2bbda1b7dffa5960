"""The remote-signing provider against the FAKE remote-signing server (a real HTTP client, a local fake service)."""

import pytest

from hoso.people.models import RecordVersion
from hoso.signing import pki
from hoso.signing.enums import CheckStatus
from hoso.signing.errors import SigningError
from hoso.signing.fake_remote import EXPIRE, NEVER, REJECT, FakeRemoteSigner
from hoso.signing.models import VersionSignature
from hoso.signing.services import add_remote_credential, sign_version
from hoso.signing.verification import verify_record

pytestmark = pytest.mark.django_db
API_KEY = "khoa-api-thu"


@pytest.fixture
def fake(settings):
    with FakeRemoteSigner(api_key=API_KEY) as server:
        settings.HOSO_SIGNING_REMOTE_URL = server.url
        settings.HOSO_SIGNING_REMOTE_API_KEY = API_KEY
        settings.HOSO_SIGNING_REMOTE_TIMEOUT = 2
        settings.HOSO_SIGNING_REMOTE_POLL_INTERVAL = 0.05
        yield server


@pytest.fixture
def remote_head(world, ca, fake):
    from hoso.accounts.tests.factories import grant

    issued = pki.issue(ca, "Trần Văn Đức")
    fake.add_account("tvduc@ca", issued)
    grant(world.officer, "unit-admin", world.unit)
    return add_remote_credential(
        user=world.head, remote_account="tvduc@ca", certificate_pem=issued.certificate_pem, acting_user=world.officer
    )


def version_of(world) -> RecordVersion:
    return RecordVersion.objects.get(person=world.person, number=world.person.current_version)


def test_signed_through_the_remote_service(world, remote_head, fake):
    fake.delay = 0.2  # the signer confirms on the phone after a moment
    signature = sign_version(version=version_of(world), documents=[], signer=world.head)
    assert signature.provider == "REMOTE"
    assert len(fake.requests) == 1
    report = verify_record(world.person)
    assert report.versions[-1].status == CheckStatus.OK, report.versions[-1].findings


@pytest.mark.parametrize(
    ("mode", "message"),
    [(REJECT, "đã từ chối"), (EXPIRE, "đã hết hạn"), (NEVER, "không xác nhận yêu cầu ký trong vòng 2 giây")],
)
def test_a_refused_or_unanswered_request_stores_nothing(world, remote_head, fake, mode, message):
    fake.mode = mode
    with pytest.raises(SigningError, match=message):
        sign_version(version=version_of(world), documents=[], signer=world.head)
    assert not VersionSignature.objects.exists()


def test_a_wrong_api_key_is_reported(world, remote_head, settings):
    settings.HOSO_SIGNING_REMOTE_API_KEY = "sai"
    with pytest.raises(SigningError, match="khóa API"):
        sign_version(version=version_of(world), documents=[], signer=world.head)


def test_an_unreachable_service_is_reported(world, remote_head, settings):
    settings.HOSO_SIGNING_REMOTE_URL = "http://127.0.0.1:9"
    with pytest.raises(SigningError, match="Không kết nối được"):
        sign_version(version=version_of(world), documents=[], signer=world.head)


def test_a_signature_with_another_certificate_is_refused(world, remote_head, fake, ca):
    fake.add_account("tvduc@ca", pki.issue(ca, "Người khác"))
    with pytest.raises(SigningError, match="chứng thư số khác"):
        sign_version(version=version_of(world), documents=[], signer=world.head)
    assert not VersionSignature.objects.exists()
