"""Which certificates may sign: issued by a trusted CA of the province, valid at the time, meant for signing.

The trusted roots are PEM files listed in `HOSO_SIGNING_TRUST_ROOTS` (REQ-049: certificates of licensed CAs). A
certificate is refused when it is expired or not yet valid at the signing time, does not chain to a trusted root
(pyhanko-certvalidator builds and checks the path), or lacks the digitalSignature and nonRepudiation key usages.
Revocation (OCSP/CRL) is not checked: there is no network here (docs/adr/0004-signed-record-versions.md).
"""

import asyncio
import datetime
import functools
from collections.abc import Coroutine, Iterable
from pathlib import Path
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from hoso.signing.errors import SigningError

REQUIRED_KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})


def run[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one of pyHanko's coroutines from synchronous code."""
    return asyncio.run(coroutine)


def load_pem_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    certificates = []
    if pem.detect(data):
        for _type, _headers, der in pem.unarmor(data, multiple=True):
            certificates.append(asn1_x509.Certificate.load(der))
    else:
        certificates.append(asn1_x509.Certificate.load(data))
    return certificates


def trust_roots(paths: Iterable[str] | None = None) -> list[asn1_x509.Certificate]:
    """The province's trusted CA certificates (a file that cannot be read is a configuration error).

    Read once per file version: a batch of approvals does not re-read and re-parse them for each signature.
    """
    chosen = list(paths if paths is not None else getattr(settings, "HOSO_SIGNING_TRUST_ROOTS", []))
    return list(_read_roots(tuple((path, Path(path).stat().st_mtime_ns) for path in chosen)))


@functools.lru_cache(maxsize=16)
def _read_roots(files: tuple[tuple[str, int], ...]) -> tuple[asn1_x509.Certificate, ...]:
    roots: list[asn1_x509.Certificate] = []
    for path, _mtime in files:
        roots.extend(load_pem_certificates(Path(path).read_bytes()))
    return tuple(roots)


def to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def to_pem(certificate: x509.Certificate | asn1_x509.Certificate) -> str:
    if isinstance(certificate, asn1_x509.Certificate):
        return pem.armor("CERTIFICATE", certificate.dump()).decode("ascii")
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def from_pem(text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(text.encode("ascii"))


def describe(certificate: x509.Certificate) -> dict[str, Any]:
    """The facts of a certificate kept with a credential."""
    return {
        "subject": certificate.subject.rfc4514_string()[:500],
        "serial": format(certificate.serial_number, "X")[:100],
        "issuer": certificate.issuer.rfc4514_string()[:500],
        "not_before": certificate.not_valid_before_utc,
        "not_after": certificate.not_valid_after_utc,
    }


def common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def validation_context(
    moment: datetime.datetime, roots: list[asn1_x509.Certificate] | None = None, **kwargs: Any
) -> ValidationContext:
    """A context that trusts only the province's roots, fetches nothing and judges validity at `moment`."""
    return ValidationContext(
        trust_roots=roots if roots is not None else trust_roots(),
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
        **kwargs,
    )


def check_certificate(
    certificate: x509.Certificate,
    *,
    at: datetime.datetime,
    intermediates: Iterable[x509.Certificate] = (),
) -> None:
    """Raise `SigningError` unless `certificate` may sign at `at` (see the module docstring)."""
    if at < certificate.not_valid_before_utc:
        raise SigningError(
            _("The certificate is not valid yet: it is valid from %(date)s.")
            % {"date": _local(certificate.not_valid_before_utc)}
        )
    if at > certificate.not_valid_after_utc:
        raise SigningError(
            _("The certificate expired on %(date)s; ask the certification authority for a new one.")
            % {"date": _local(certificate.not_valid_after_utc)}
        )
    missing = _missing_key_usage(certificate)
    if missing:
        raise SigningError(
            _("The certificate is not meant for signing documents (it lacks the key usage: %(usage)s).")
            % {"usage": ", ".join(sorted(missing))}
        )
    roots = trust_roots()
    if not roots:
        raise SigningError(
            _("No trusted certification authority is configured (HOSO_SIGNING_TRUST_ROOTS); signing is not possible.")
        )
    context = validation_context(at, roots, other_certs=[to_asn1(c) for c in intermediates])
    validator = CertificateValidator(to_asn1(certificate), validation_context=context)
    try:
        run(validator.async_validate_usage(key_usage=set(REQUIRED_KEY_USAGE)))
    except PathBuildingError:
        raise SigningError(
            _("The certificate was not issued by a certification authority that this province trusts (%(issuer)s).")
            % {"issuer": certificate.issuer.rfc4514_string()}
        ) from None
    except (ExpiredError, NotYetValidError):
        raise SigningError(_("A certificate of the chain is not valid at the time of signing.")) from None
    except RevokedError:
        raise SigningError(_("The certificate has been revoked.")) from None
    except (InvalidCertificateError, PathValidationError) as exc:
        raise SigningError(_("The certificate cannot be used to sign: %(reason)s") % {"reason": str(exc)}) from None


def _missing_key_usage(certificate: x509.Certificate) -> set[str]:
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return {"digitalSignature", "nonRepudiation"}
    missing = set()
    if not usage.digital_signature:
        missing.add("digitalSignature")
    if not usage.content_commitment:
        missing.add("nonRepudiation")
    return missing


def _local(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
