"""Models of hoso.signing: the approvers' signing credentials and the signature of each approved version.

A `VersionSignature` keeps exactly what was signed (the canonical bytes of `hoso.signing.content`, encrypted because
they contain the record), their SHA-256, the detached CMS signature (DER), the signer's certificate and the time:
REQ-049 asks for the signature, the certificate, the time and a hash of exactly what was signed, checkable later.
"""

import base64

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.crypto import EncryptedTextField
from hoso.core.models import PublicIdModel
from hoso.signing.enums import CredentialKind


class SigningCredential(PublicIdModel):
    """An approver's signing certificate: held here as PKCS#12 (LOCAL) or at a remote-signing service (REMOTE).

    The certificate's facts (subject, serial, issuer, validity) are parsed from the PEM when the credential is added.
    The PKCS#12 file and its passphrase are encrypted at rest (hoso.core.crypto).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="signing_credentials", verbose_name=_("account")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CredentialKind.choices)
    title = models.CharField(_("title shown with the signature"), max_length=200, blank=True)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    subject = models.CharField(_("subject"), max_length=500)
    serial = models.CharField(_("serial number"), max_length=100)
    issuer = models.CharField(_("issuer"), max_length=500)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    pkcs12 = EncryptedTextField(_("PKCS#12 file (base64)"), blank=True)
    passphrase = EncryptedTextField(_("passphrase"), blank=True)
    remote_account = models.CharField(_("account at the remote-signing service"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["user", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=CredentialKind.LOCAL_PKCS12) | models.Q(kind=CredentialKind.REMOTE),
                name="signing_credential_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.serial})"

    @property
    def pkcs12_bytes(self) -> bytes:
        return base64.b64decode(self.pkcs12) if self.pkcs12 else b""


class VersionSignature(models.Model):
    """The signature of one approved record version (REQ-049, REQ-055); made with the version, never changed."""

    version = models.OneToOneField(
        "people.RecordVersion", models.PROTECT, related_name="signature", verbose_name=_("version")
    )
    signed_content = EncryptedTextField(_("signed content (base64)"))
    content_sha256 = models.CharField(_("SHA-256 of the signed content"), max_length=64)
    cms = models.BinaryField(_("signature (detached CMS, DER)"))
    certificate_pem = models.TextField(_("signer's certificate (PEM)"))
    chain_pem = models.TextField(_("certificate chain (PEM)"), blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("signer"))
    # REQ-052: a delegate signs on behalf of the head who delegated the approval.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    signer_name = models.CharField(_("signer's name"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    provider = models.CharField(_("provider"), max_length=12, choices=CredentialKind.choices)
    credential = models.ForeignKey(
        SigningCredential,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("certificate"),
    )
    documents = models.JSONField(_("documents covered"), default=list, blank=True)

    class Meta:
        verbose_name = _("version signature")
        verbose_name_plural = _("version signatures")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.signer_name} · {self.signed_at:%d/%m/%Y %H:%M}"

    @property
    def signed_bytes(self) -> bytes:
        return base64.b64decode(self.signed_content)
