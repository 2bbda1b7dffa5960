"""Writes of hoso.signing: approvers' credentials and the signature of each approved version (REQ-049/052/055).

`sign_version` runs INSIDE the approval transaction of hoso.approvals: it signs the version's canonical content
(`hoso.signing.content`), checks its own signature against the province's trusted roots before storing it, and
raises `SigningError` with nothing stored on any failure, so no approved version exists without a valid signature
and no signature without its version (issue 5 §3).
"""

import base64
import hashlib
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.people.models import RecordVersion
from hoso.signing.content import signed_content
from hoso.signing.enums import CredentialKind
from hoso.signing.errors import SigningError
from hoso.signing.models import SigningCredential, VersionSignature
from hoso.signing.offline import MESSAGES, check_cms
from hoso.signing.providers import open_pkcs12, provider_for
from hoso.signing.trust import check_certificate, describe, from_pem, to_asn1, to_pem, trust_roots

__all__ = [
    "SigningError",
    "add_local_credential",
    "add_remote_credential",
    "check_ready",
    "credential_for",
    "revoke_credential",
    "sign_version",
]


def usable_credentials(user: User) -> list[SigningCredential]:
    return list(
        SigningCredential.objects.filter(user=user, active=True, revoked_at__isnull=True).order_by("-created_at")
    )


def credential_for(user: User) -> SigningCredential:
    """The credential `user` signs with now: the newest active one whose certificate is currently valid.

    Raises `SigningError` naming why there is none (none registered, all revoked, expired, not yet valid).
    """
    now = timezone.now()
    credentials = usable_credentials(user)
    if not credentials:
        if SigningCredential.objects.filter(user=user).exists():
            raise SigningError(
                _("Your signing certificates have all been revoked; ask the account manager for a new one.")
            )
        raise SigningError(
            _("You have no signing certificate; ask the account manager to register one before approving.")
        )
    for credential in credentials:
        if credential.not_before <= now <= credential.not_after:
            return credential
    newest = credentials[0]
    if now > newest.not_after:
        raise SigningError(
            _("Your signing certificate expired on %(date)s; ask the certification authority for a new one.")
            % {"date": timezone.localtime(newest.not_after).strftime("%d/%m/%Y")}
        )
    raise SigningError(
        _("Your signing certificate is not valid yet: it is valid from %(date)s.")
        % {"date": timezone.localtime(newest.not_before).strftime("%d/%m/%Y")}
    )


def check_ready(user: User) -> None:
    """Raise `SigningError` unless `user` can sign now (a credential, currently valid, issued by a trusted CA)."""
    credential = credential_for(user)
    check_certificate(from_pem(credential.certificate_pem), at=timezone.now())


def sign_version(
    *,
    version: RecordVersion,
    documents: list[dict[str, Any]],
    signer: User,
    on_behalf_of: User | None = None,
) -> VersionSignature:
    """Sign `version` (with the documents' entries) as `signer`, check the signature, store it; see the module doc.

    REQ-055: the signature names the signer and their title; REQ-052: a delegate signs on behalf of the head.
    """
    credential = credential_for(signer)
    check_certificate(from_pem(credential.certificate_pem), at=timezone.now())
    data = signed_content(version=version, documents=documents)
    result = provider_for(credential).sign(data, credential=credential)
    check_certificate(result.certificate, at=result.signed_at, intermediates=result.chain)
    check = check_cms(
        data, result.cms, roots=trust_roots(), at=result.signed_at, other_certs=[to_asn1(c) for c in result.chain]
    )
    if not check.ok:
        raise SigningError(
            _("The signature made for version %(number)s did not verify: %(reason)s")
            % {"number": version.number, "reason": " ".join(MESSAGES[code] for code in check.problems)}
        )
    with transaction.atomic():
        signature = VersionSignature.objects.create(
            version=version,
            signed_content=base64.b64encode(data).decode("ascii"),
            content_sha256=hashlib.sha256(data).hexdigest(),
            cms=result.cms,
            certificate_pem=to_pem(result.certificate),
            chain_pem="".join(to_pem(c) for c in result.chain),
            signer=signer,
            on_behalf_of=on_behalf_of,
            signer_name=signer.get_full_name(),
            signer_title=credential.title,
            signed_at=result.signed_at,
            provider=credential.kind,
            credential=credential,
            documents=documents,
        )
        record_event(
            AuditAction.VERSION_SIGNED,
            actor=signer,
            person=version.person,
            target=("people.recordversion", f"{version.person.uid}/{version.number}"),
            detail={
                "version": version.number,
                "sha256": signature.content_sha256,
                "certificate": credential.serial,
                "on_behalf_of": on_behalf_of.username if on_behalf_of else None,
            },
        )
    return signature


def _public_der(public_key: Any) -> bytes:
    return bytes(public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo))


# --- credential management ------------------------------------------------------------------------


def can_manage_credentials(acting_user: User, user: User) -> bool:
    """Account managers register and revoke the signing certificates of the accounts they manage (REQ-009)."""
    return policy.can(acting_user, Capability.MANAGE_ACCOUNTS, user)


def _require_manager(acting_user: User, user: User) -> None:
    if not can_manage_credentials(acting_user, user):
        from hoso.people.services import NotAllowed

        raise NotAllowed(_("You may not manage the signing certificates of this account."))


def add_local_credential(
    *, user: User, pkcs12: bytes, passphrase: str, acting_user: User, title: str = ""
) -> SigningCredential:
    """Register a PKCS#12 certificate held for `user`: it must open, hold the matching key, be trusted and valid now."""
    _require_manager(acting_user, user)
    try:
        key, certificate, others = open_pkcs12(pkcs12, passphrase)
    except SigningError as exc:
        raise SigningError(exc.message, errors={"passphrase": [exc.message]}) from None
    if _public_der(key.public_key()) != _public_der(certificate.public_key()):
        message = _("The private key in the file does not belong to its certificate.")
        raise SigningError(message, errors={"pkcs12": [message]})
    try:
        check_certificate(certificate, at=timezone.now(), intermediates=others)
    except SigningError as exc:
        raise SigningError(exc.message, errors={"pkcs12": [exc.message]}) from None
    return _create(
        user=user,
        acting_user=acting_user,
        kind=CredentialKind.LOCAL_PKCS12,
        certificate_pem=to_pem(certificate),
        facts=describe(certificate),
        title=title,
        pkcs12=base64.b64encode(pkcs12).decode("ascii"),
        passphrase=passphrase,
    )


def add_remote_credential(
    *, user: User, remote_account: str, certificate_pem: str, acting_user: User, title: str = ""
) -> SigningCredential:
    """Register an account at the remote-signing service with its certificate (trusted and valid now)."""
    _require_manager(acting_user, user)
    errors: dict[str, list[str]] = {}
    remote_account = remote_account.strip()
    if not remote_account:
        errors["remote_account"] = [_("Enter the account at the remote-signing service.")]
    try:
        certificate = from_pem(certificate_pem.strip())
    except ValueError:
        errors["certificate_pem"] = [_("This is not a certificate in PEM form (-----BEGIN CERTIFICATE-----).")]
        certificate = None
    if certificate is not None:
        try:
            check_certificate(certificate, at=timezone.now())
        except SigningError as exc:
            errors["certificate_pem"] = [exc.message]
    if errors:
        raise SigningError(next(iter(errors.values()))[0], errors=errors)
    if certificate is None:  # pragma: no cover - reported above
        raise SigningError(errors["certificate_pem"][0], errors=errors)
    return _create(
        user=user,
        acting_user=acting_user,
        kind=CredentialKind.REMOTE,
        certificate_pem=to_pem(certificate),
        facts=describe(certificate),
        title=title,
        remote_account=remote_account,
    )


@transaction.atomic
def _create(
    *, user: User, acting_user: User, kind: str, certificate_pem: str, facts: dict[str, Any], title: str, **extra: str
) -> SigningCredential:
    credential = SigningCredential(
        user=user,
        kind=kind,
        title=title.strip()[:200],
        certificate_pem=certificate_pem,
        created_by=acting_user,
        **facts,
        **extra,
    )
    credential.full_clean()
    credential.save()
    record_event(
        AuditAction.SIGNING_CREDENTIAL_ADDED,
        actor=acting_user,
        unit=user.unit,
        target=credential,
        detail={"account": user.username, "kind": kind, "serial": credential.serial, "subject": credential.subject},
    )
    return credential


@transaction.atomic
def revoke_credential(*, credential: SigningCredential, acting_user: User) -> SigningCredential:
    """Stop a credential from signing; its past signatures stay valid (they are checked at their signing time)."""
    _require_manager(acting_user, credential.user)
    credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at is None:
        credential.active = False
        credential.revoked_at = timezone.now()
        credential.save(update_fields=["active", "revoked_at"])
        record_event(
            AuditAction.SIGNING_CREDENTIAL_REVOKED,
            actor=acting_user,
            unit=credential.user.unit,
            target=credential,
            detail={"account": credential.user.username, "serial": credential.serial},
        )
    return credential
