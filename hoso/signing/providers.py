"""Signing providers behind one interface: `sign(data, *, credential) -> SignatureResult` (REQ-049).

- `LocalPkcs12Provider` signs with a PKCS#12 certificate held (encrypted) for the approver, with pyHanko.
- `RemoteSigningProvider` speaks the protocol Vietnamese CAs offer for signing from a phone or from a USB token
  through a browser plug-in: hoso computes the CMS signed attributes here, sends their SHA-256 to the service,
  the signer confirms on their device, the service returns the raw signature and the certificate, and hoso
  assembles the detached CMS with pyHanko's external-signer flow (STACK.md §4):

      POST {base}/sign-requests  {account, hash (base64 SHA-256 of the signed attributes), hash_algorithm,
                                  description}                                   → 201 {id}
      GET  {base}/sign-requests/{id}  → {status: PENDING | SIGNED | REJECTED | EXPIRED,
                                         signature (base64 raw), certificate (PEM)}

Both produce a detached CMS (SignedData) over the exact bytes, with the signing time as a signed attribute.
"""

import base64
import datetime
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from asn1crypto import cms, keys
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore

from hoso.signing.enums import CredentialKind
from hoso.signing.errors import SigningError
from hoso.signing.models import SigningCredential
from hoso.signing.trust import from_pem, run, to_asn1

DIGEST = "sha256"


@dataclass(frozen=True)
class SignatureResult:
    cms: bytes  # DER of a ContentInfo holding a detached SignedData
    certificate: x509.Certificate
    signed_at: datetime.datetime
    chain: list[x509.Certificate] = field(default_factory=list)


class SigningProvider(Protocol):
    def sign(self, data: bytes, *, credential: SigningCredential) -> SignatureResult: ...


def _signing_time() -> datetime.datetime:
    return timezone.now().replace(microsecond=0)


def open_pkcs12(data: bytes, passphrase: str) -> tuple[Any, x509.Certificate, list[x509.Certificate]]:
    """(private key, certificate, other certificates) of a PKCS#12 file; SigningError when it does not open."""
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") or None)
    except (ValueError, TypeError):
        raise SigningError(
            _(
                "The certificate file does not open: the passphrase is wrong or the file is not a PKCS#12 (.p12/.pfx) file."
            )
        ) from None
    if key is None or certificate is None:
        raise SigningError(_("The certificate file holds no private key and certificate."))
    return key, certificate, list(others or [])


class LocalPkcs12Provider:
    """Signs with the PKCS#12 credential held for the approver (pyHanko `SimpleSigner`)."""

    def sign(self, data: bytes, *, credential: SigningCredential) -> SignatureResult:
        # The PKCS#12 file is opened once (its key derivation is slow by design) and pyHanko's signer is built from it.
        key, certificate, others = open_pkcs12(credential.pkcs12_bytes, credential.passphrase)
        registry = SimpleCertificateStore()
        registry.register_multiple([to_asn1(other) for other in others])
        signer = signers.SimpleSigner(
            signing_key=keys.PrivateKeyInfo.load(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())),
            signing_cert=to_asn1(certificate),
            cert_registry=registry,
        )
        signed_at = _signing_time()
        content_info = run(
            signer.async_sign_general_data(
                data,
                DIGEST,
                detached=True,
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=signed_at),
            )
        )
        return SignatureResult(content_info.dump(), certificate, signed_at, others)


class RemoteSigningProvider:
    """Signs through the province CA's remote-signing service (see the module docstring)."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
    ) -> None:
        self.base_url = (base_url if base_url is not None else settings.HOSO_SIGNING_REMOTE_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.HOSO_SIGNING_REMOTE_API_KEY
        self.timeout = float(timeout if timeout is not None else settings.HOSO_SIGNING_REMOTE_TIMEOUT)
        self.poll_interval = float(
            poll_interval if poll_interval is not None else settings.HOSO_SIGNING_REMOTE_POLL_INTERVAL
        )

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}

    def _call(self, method: str, path: str, **kwargs: object) -> dict[str, object]:
        if not self.base_url:
            raise SigningError(_("The remote-signing service is not configured (HOSO_SIGNING_REMOTE_URL)."))
        try:
            response = requests.request(
                method,
                f"{self.base_url}{path}",
                headers=self._headers(),
                timeout=(5, 15),
                **kwargs,  # type: ignore[arg-type]
            )
        except requests.RequestException:
            raise SigningError(_("The remote-signing service cannot be reached; try again later.")) from None
        if response.status_code in (401, 403):
            raise SigningError(_("The remote-signing service refused hoso's credentials (API key)."))
        if response.status_code == 404:
            raise SigningError(_("The remote-signing service does not know this signing account or request."))
        if response.status_code >= 400:
            raise SigningError(
                _("The remote-signing service answered with an error (%(status)s).") % {"status": response.status_code}
            )
        try:
            body = response.json()
        except ValueError:
            raise SigningError(_("The remote-signing service sent an answer that cannot be read.")) from None
        if not isinstance(body, dict):
            raise SigningError(_("The remote-signing service sent an answer that cannot be read."))
        return body

    def sign(self, data: bytes, *, credential: SigningCredential, description: str = "") -> SignatureResult:
        certificate = from_pem(credential.certificate_pem)
        asn1_certificate = to_asn1(certificate)
        signed_at = _signing_time()
        placeholder = signers.ExternalSigner(asn1_certificate, None, signature_value=256)
        attributes = run(
            placeholder.signed_attrs(
                hashlib.sha256(data).digest(),
                DIGEST,
                attr_settings=PdfCMSSignedAttributes(signing_time=signed_at),
                is_pdf_sig=False,
            )
        )
        to_be_signed = hashlib.sha256(attributes.dump()).digest()
        created = self._call(
            "POST",
            "/sign-requests",
            json={
                "account": credential.remote_account,
                "hash": base64.b64encode(to_be_signed).decode("ascii"),
                "hash_algorithm": "SHA-256",
                "description": description or _("Approve a record version"),
            },
        )
        request_id = str(created.get("id", ""))
        if not request_id:
            raise SigningError(_("The remote-signing service sent an answer that cannot be read."))
        answer = self._wait(request_id)
        try:
            raw = base64.b64decode(str(answer.get("signature", "")), validate=True)
            returned = from_pem(str(answer.get("certificate", "")))
        except ValueError:
            raise SigningError(_("The remote-signing service sent an answer that cannot be read.")) from None
        if returned != certificate:
            raise SigningError(
                _(
                    "The remote-signing service signed with another certificate than the one registered for this account."
                )
            )
        finisher = signers.ExternalSigner(asn1_certificate, None, signature_value=raw)
        content_info: cms.ContentInfo = run(finisher.async_sign_prescribed_attributes(DIGEST, signed_attrs=attributes))
        return SignatureResult(content_info.dump(), certificate, signed_at)

    def _wait(self, request_id: str) -> dict[str, object]:
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._call("GET", f"/sign-requests/{request_id}")
            status = answer.get("status")
            if status == "SIGNED":
                return answer
            if status == "REJECTED":
                raise SigningError(_("The signer refused the signing request on their device."))
            if status == "EXPIRED":
                raise SigningError(_("The signing request expired before the signer confirmed it."))
            if time.monotonic() >= deadline:
                raise SigningError(
                    _("The signer did not confirm the signing request within %(seconds)s seconds.")
                    % {"seconds": int(self.timeout)}
                )
            time.sleep(min(self.poll_interval, max(0.0, deadline - time.monotonic())))


def provider_for(credential: SigningCredential) -> SigningProvider:
    if credential.kind == CredentialKind.REMOTE:
        return RemoteSigningProvider()
    return LocalPkcs12Provider()
