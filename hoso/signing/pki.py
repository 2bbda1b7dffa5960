"""A small PKI made with `cryptography`: a CA and the certificates it issues (demo, fake remote service, tests).

No Django here, so the fake remote-signing server runs on its own. Real approvers' certificates come from a
licensed Vietnamese CA; this only stands in for one (STACK.md §4, "Throwaway PKI").
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _name(common_name: str, organisation: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _key_usage(*, signing: bool = False, ca: bool = False, encipherment: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(common_name: str = "hoso demo CA", *, days: int = 3650, key_size: int = 3072) -> Issued:
    """A self-signed root CA (RSA, keyCertSign)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    name = _name(common_name, "hoso")
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, certificate)


def issue(
    ca: Issued,
    common_name: str,
    *,
    organisation: str = "",
    not_before: datetime.datetime | None = None,
    not_after: datetime.datetime | None = None,
    days: int = 365,
    signing: bool = True,
    key: rsa.RSAPrivateKey | None = None,
) -> Issued:
    """A signer's certificate (RSA-2048, digitalSignature + nonRepudiation unless `signing` is False)."""
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = not_before or _now() - datetime.timedelta(minutes=5)
    end = not_after or start + datetime.timedelta(days=days)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=signing, encipherment=not signing), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def to_pkcs12(issued: Issued, passphrase: str, *, ca: Issued | None = None, friendly_name: str = "hoso") -> bytes:
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"),
        issued.key,
        issued.certificate,
        [ca.certificate] if ca is not None else None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def write_ca(ca: Issued, directory: Path) -> tuple[Path, Path]:
    """Write the CA's certificate and key (the key readable by the owner only); returns (certificate, key)."""
    directory.mkdir(parents=True, exist_ok=True)
    certificate_path = directory / "hoso-demo-ca.pem"
    key_path = directory / "hoso-demo-ca.key"
    certificate_path.write_text(ca.certificate_pem, encoding="ascii")
    key_path.write_bytes(ca.key_pem())
    key_path.chmod(0o600)
    return certificate_path, key_path


def read_ca(directory: Path) -> Issued | None:
    certificate_path = directory / "hoso-demo-ca.pem"
    key_path = directory / "hoso-demo-ca.key"
    if not (certificate_path.exists() and key_path.exists()):
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError(f"{key_path} does not hold an RSA key")
    return Issued(key, x509.load_pem_x509_certificate(certificate_path.read_bytes()))
