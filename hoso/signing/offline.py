"""Verify an exported bundle of signed record versions WITHOUT Django or hoso's database (REQ-073: checkable by
whoever receives it). Only the standard library, asn1crypto, cryptography and pyHanko are imported, so this file
can be copied and run on its own:

    python -m hoso.signing.offline bundle.json --trust ca.pem [--document file.pdf …]

For each version it checks: the SHA-256 of the signed bytes, the detached CMS signature over them (intact and
valid), the certificate chain up to a trusted root given with --trust, and the certificate's validity AT SIGNING
TIME (a certificate that has expired since still verifies a past signature); it prints the record's content. Each
--document file is matched by its SHA-256 against the documents the signatures cover. Exit status 0 when every
check passes, 1 otherwise. `check_cms` is also what hoso's own verification uses.
"""

import argparse
import asyncio
import base64
import datetime
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import cms, pem
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

BUNDLE_FORMAT = "hoso.signed-record-bundle/1"

# Problem codes, with the Vietnamese text this tool prints (hoso translates the codes itself).
MESSAGES = {
    "unreadable": "Chữ ký số không đọc được (không phải CMS/PKCS#7 tách rời).",
    "altered": "Nội dung đã bị thay đổi sau khi ký: chữ ký không còn khớp với nội dung.",
    "invalid": "Chữ ký số không hợp lệ.",
    "untrusted": "Chứng thư số không do tổ chức chứng thực tin cậy cấp.",
    "not_valid_at_signing": "Chứng thư số không còn hiệu lực (hoặc chưa có hiệu lực) vào thời điểm ký.",
    "hash_mismatch": "Mã băm SHA-256 của nội dung đã ký không khớp.",
    "time_mismatch": "Thời điểm ký được lưu khác với thời điểm ký ghi trong chữ ký số.",
}


@dataclass
class CmsCheck:
    """The outcome of checking one detached CMS signature."""

    problems: list[str] = field(default_factory=list)  # codes of MESSAGES
    signer: str = ""
    signed_at: datetime.datetime | None = None
    certificate: asn1_x509.Certificate | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def _common_name(certificate: asn1_x509.Certificate) -> str:
    subject = certificate.subject.native
    return str(subject.get("common_name") or certificate.subject.human_friendly)


def check_cms(
    data: bytes,
    cms_der: bytes,
    *,
    roots: list[asn1_x509.Certificate],
    at: datetime.datetime | None = None,
    other_certs: list[asn1_x509.Certificate] | None = None,
) -> CmsCheck:
    """Check a detached CMS signature over `data`: intact, valid, chaining to `roots` and valid at signing time.

    `at` is the signing time to judge the certificate at (hoso's stored time); without it, the signing time the
    signature itself carries.
    """
    result = CmsCheck()
    try:
        content_info = cms.ContentInfo.load(cms_der)
        signed_data = content_info["content"]
        if content_info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signer_info = signed_data["signer_infos"][0]
    except (ValueError, TypeError, KeyError, IndexError):
        result.problems.append("unreadable")
        return result
    reported = _reported_time(signer_info)
    moment = at or reported or datetime.datetime.now(datetime.UTC)
    result.signed_at = moment
    if at is not None and reported is not None and abs(at - reported) > datetime.timedelta(seconds=1):
        result.problems.append("time_mismatch")  # the stored time is what the certificate is judged at
    context = ValidationContext(
        trust_roots=roots,
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
        other_certs=other_certs or [],
    )
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=True)
    try:
        status = asyncio.run(
            async_validate_detached_cms(data, signed_data, signer_validation_context=context, key_usage_settings=usage)
        )
    except (SignatureValidationError, ValueError, TypeError):
        result.problems.append("invalid")
        return result
    result.certificate = status.signing_cert
    result.signer = _common_name(status.signing_cert) if status.signing_cert is not None else ""
    if not status.intact:
        result.problems.append("altered")
        return result
    if not status.valid:
        result.problems.append("invalid")
    if not status.trusted:
        certificate = status.signing_cert
        if certificate is not None and not (certificate.not_valid_before <= moment <= certificate.not_valid_after):
            result.problems.append("not_valid_at_signing")
        else:
            result.problems.append("untrusted")
    return result


def _reported_time(signer_info: Any) -> datetime.datetime | None:
    for attribute in signer_info["signed_attrs"]:
        if attribute["type"].native == "signing_time":
            value: datetime.datetime = attribute["values"][0].native
            return value
    return None


# --- the bundle ---------------------------------------------------------------------------------------


def verify_bundle(
    bundle: dict[str, Any],
    *,
    roots: list[asn1_x509.Certificate],
    documents: list[bytes] = (),  # type: ignore[assignment]
) -> tuple[list[str], list[dict[str, Any]]]:
    """(problems, versions) of a bundle made by hoso (`hoso.signing.bundle`): one line per problem."""
    problems: list[str] = []
    versions: list[dict[str, Any]] = []
    if bundle.get("format") != BUNDLE_FORMAT:
        return [f"Tệp không phải gói hồ sơ đã ký của hoso ({BUNDLE_FORMAT})."], versions
    covered: set[str] = set()
    for entry in bundle.get("versions", []):
        number = entry.get("version")
        label = f"Phiên bản {number}"
        try:
            data = base64.b64decode(entry["signed_content"], validate=True)
            cms_der = base64.b64decode(entry["cms"], validate=True)
            chain = load_certificates(entry.get("chain_pem", "").encode("ascii")) if entry.get("chain_pem") else []
            signed_at = datetime.datetime.fromisoformat(entry["signed_at"])
        except (KeyError, ValueError, TypeError):
            problems.append(f"{label}: {MESSAGES['unreadable']}")
            continue
        if hashlib.sha256(data).hexdigest() != entry.get("content_sha256"):
            problems.append(f"{label}: {MESSAGES['hash_mismatch']}")
        check = check_cms(data, cms_der, roots=roots, at=signed_at, other_certs=chain)
        problems.extend(f"{label}: {MESSAGES[code]}" for code in check.problems)
        try:
            signed = json.loads(data.decode("utf-8"))
        except ValueError:
            problems.append(f"{label}: {MESSAGES['unreadable']}")
            continue
        for document in signed.get("documents", []):
            covered.add(str(document.get("sha256", "")))
        versions.append({"version": number, "signer": check.signer, "signed_at": signed_at, "content": signed})
    if not bundle.get("versions"):
        problems.append("Gói hồ sơ không có phiên bản nào đã ký số.")
    for position, content in enumerate(documents, start=1):
        if hashlib.sha256(content).hexdigest() not in covered:
            problems.append(f"Tài liệu {position}: không khớp với tài liệu nào được ký (mã băm SHA-256 khác).")
    return problems, versions


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra gói hồ sơ đã ký số của hoso, không cần máy chủ hoso.")
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--trust", type=Path, action="append", required=True, help="PEM of a trusted CA")
    parser.add_argument("--document", type=Path, action="append", default=[], help="a supporting document file")
    parser.add_argument("--quiet", action="store_true", help="do not print the records' content")
    args = parser.parse_args(argv)
    roots = [cert for path in args.trust for cert in load_certificates(path.read_bytes())]
    try:
        bundle = json.loads(args.bundle.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"Không đọc được gói hồ sơ: {exc}" + "\n")
        return 1
    problems, versions = verify_bundle(bundle, roots=roots, documents=[p.read_bytes() for p in args.document])
    for version in versions:
        say(f"Phiên bản {version['version']}: ký bởi {version['signer']} lúc {version['signed_at']:%d/%m/%Y %H:%M} UTC")
        if not args.quiet:
            say(json.dumps(version["content"].get("record", {}), ensure_ascii=False, indent=2, sort_keys=True))
    for problem in problems:
        say(f"LỖI {problem}")
    if problems:
        return 1
    say(f"Hợp lệ: {len(versions)} phiên bản, chữ ký và chứng thư số đều hợp lệ.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
