"""Verification of a record's versions and signatures (REQ-049 "check them later", issue 5 §3).

For each version: the SHA-256 of the signed bytes; the detached CMS signature over them (intact, valid, chaining to
the province's trusted roots, the certificate valid AT SIGNING TIME, so a certificate that expired since still
verifies a past signature); the signed record equals the version's stored snapshot, and where it does not, EACH
differing field path is reported with the version number ("person.full_name",
"sections.training.<uid>.school"); each supporting document's stored content still matches its signed hash. For the
current version, the live rows equal the snapshot. A version without a signature that was made from a change set
after signing began is a failure ("approved without a signature"); an initial or imported version (no change set),
or one from before signing began, is a warning ("not yet approved by signature").

Field paths above a reader's clearance are withheld from what the page and the API show (`redacted_for`).
"""

import datetime
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from hoso.people import permissions
from hoso.people.models import Person, RecordVersion
from hoso.people.sections import SECTIONS
from hoso.people.snapshot import content_hash, serialize_person
from hoso.signing.content import FORMAT, parse
from hoso.signing.enums import CheckStatus
from hoso.signing.models import VersionSignature
from hoso.signing.offline import check_cms, load_certificates
from hoso.signing.trust import trust_roots


@dataclass(frozen=True)
class Finding:
    status: str  # CheckStatus
    message: str
    path: str = ""  # the field path a finding is about, when it is about one

    @property
    def failed(self) -> bool:
        return self.status == CheckStatus.FAILED


@dataclass
class VersionReport:
    number: int
    is_current: bool
    signed: bool
    signer_name: str = ""
    signer_title: str = ""
    on_behalf_of: str = ""
    signed_at: datetime.datetime | None = None
    certificate_subject: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        if any(f.status == CheckStatus.FAILED for f in self.findings):
            return CheckStatus.FAILED
        if any(f.status == CheckStatus.WARNING for f in self.findings):
            return CheckStatus.WARNING
        return CheckStatus.OK

    @property
    def ok(self) -> bool:
        return self.status != CheckStatus.FAILED


@dataclass
class RecordReport:
    person_uid: str
    full_name: str
    versions: list[VersionReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.versions)

    @property
    def status(self) -> str:
        statuses = {v.status for v in self.versions}
        for status in (CheckStatus.FAILED, CheckStatus.WARNING):
            if status in statuses:
                return status
        return CheckStatus.OK

    def lines(self, *, include_warnings: bool = True) -> list[str]:
        """One line per problem: "<person uid> v<n> FAILED|WARNING <message>"."""
        lines = []
        for version in self.versions:
            for finding in version.findings:
                if finding.status == CheckStatus.OK or (finding.status == CheckStatus.WARNING and not include_warnings):
                    continue
                lines.append(f"{self.person_uid} v{version.number} {finding.status} {finding.message}")
        return lines


# --- comparing snapshots --------------------------------------------------------------------------


def diff_paths(signed: Any, stored: Any, prefix: str = "") -> Iterator[str]:
    """The paths where two snapshots differ; rows of sections are keyed by their uid, not their position."""
    if isinstance(signed, dict) and isinstance(stored, dict):
        for key in sorted(set(signed) | set(stored)):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in signed or key not in stored:
                yield path
            else:
                yield from diff_paths(signed[key], stored[key], path)
        return
    if isinstance(signed, list) and isinstance(stored, list):
        if all(isinstance(r, dict) and "uid" in r for r in [*signed, *stored]):
            yield from diff_paths({r["uid"]: r for r in signed}, {r["uid"]: r for r in stored}, prefix)
            return
        if signed != stored:
            yield prefix
        return
    if signed != stored:
        yield prefix


def _is_hidden(path: str, level: int) -> bool:
    parts = path.split(".")
    if parts[0] == "record":
        parts = parts[1:]
    if not parts:
        return False
    if parts[0] == "person":
        return len(parts) < 2 or parts[1] in permissions.hidden_person_fields(level)
    if parts[0] == "sections" and len(parts) >= 2 and parts[1] in SECTIONS:
        if permissions.section_hidden(parts[1], level):
            return True
        return len(parts) >= 4 and parts[3] in permissions.hidden_section_fields(parts[1], level)
    return False


def redacted_for(report: RecordReport, level: int) -> RecordReport:
    """The report without the field paths above `level` (the finding stays, its field is withheld)."""
    if level >= permissions.FULL:
        return report
    versions = []
    for version in report.versions:
        findings = [
            replace(f, path="", message=_withhold(f, version.number)) if f.path and _is_hidden(f.path, level) else f
            for f in version.findings
        ]
        versions.append(replace(version, findings=findings))
    return replace(report, versions=versions)


def _withhold(finding: Finding, number: int) -> str:
    return _("Version %(number)s: a restricted field differs (not shown at your access level).") % {"number": number}


# --- when signing began ---------------------------------------------------------------------------


def signing_began() -> datetime.datetime | None:
    """From when approved versions must carry a signature: HOSO_SIGNING_REQUIRED_SINCE, else the first signature."""
    configured = getattr(settings, "HOSO_SIGNING_REQUIRED_SINCE", "")
    if configured:
        moment = parse_datetime(configured)
        if moment is None:
            day = parse_date(configured)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
    first: datetime.datetime | None = VersionSignature.objects.aggregate(first=Min("signed_at"))["first"]
    return first


# --- one version ----------------------------------------------------------------------------------


def _documents_findings(entries: list[dict[str, Any]], number: int) -> list[Finding]:
    """Each supporting document's stored content still matches the hash that was signed."""
    findings: list[Finding] = []
    if not entries:
        return findings
    try:
        from hoso.documents.content import content_matches
        from hoso.documents.models import SupportingDocument
    except ImportError:  # the documents app is not installed: nothing to compare with
        return [Finding(CheckStatus.WARNING, _("The supporting documents cannot be checked here."))]
    uids = [str(e.get("uid", "")) for e in entries]
    stored = {str(d.uid): d for d in SupportingDocument.objects.filter(uid__in=uids)}
    for entry in entries:
        name = " ".join(str(entry.get(k) or "") for k in ("type", "number")).strip() or str(entry.get("uid", ""))
        document = stored.get(str(entry.get("uid", "")))
        if document is None:
            findings.append(
                Finding(
                    CheckStatus.FAILED,
                    _("Version %(number)s: the signed document %(name)s is missing.")
                    % {"number": number, "name": name},
                    f"documents.{entry.get('uid')}",
                )
            )
            continue
        same_hash = getattr(document, "sha256", entry.get("sha256")) == entry.get("sha256")
        if not same_hash or not content_matches(document):
            findings.append(
                Finding(
                    CheckStatus.FAILED,
                    _("Version %(number)s: the content of document %(name)s has changed since it was signed.")
                    % {"number": number, "name": name},
                    f"documents.{entry.get('uid')}",
                )
            )
    return findings


CMS_MESSAGES = {
    "unreadable": lambda: _("the signature cannot be read."),
    "altered": lambda: _("the signed content was altered: the signature no longer matches it."),
    "invalid": lambda: _("the signature is not valid."),
    "untrusted": lambda: _("the certificate was not issued by a trusted certification authority."),
    "not_valid_at_signing": lambda: _("the certificate was not valid at the time of signing."),
    "time_mismatch": lambda: _("the stored signing time differs from the one inside the signature."),
    "hash_mismatch": lambda: _("the signed content does not match its SHA-256 hash."),
}


def verify_version(
    version: RecordVersion,
    *,
    roots: list[Any] | None = None,
    began: datetime.datetime | None | bool = False,
    live: dict[str, Any] | None = None,
) -> VersionReport:
    """Check one version (see the module docstring). `live`: the live record's snapshot, for the current version."""
    roots = roots if roots is not None else trust_roots()
    if began is False:
        began = signing_began()
    number = version.number
    is_current = version.number == version.person.current_version
    signature = getattr(version, "signature", None) if _has_signature(version) else None
    report = VersionReport(number=number, is_current=is_current, signed=signature is not None)
    findings = report.findings

    if content_hash(version.snapshot) != version.content_hash:
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: the stored content no longer matches its hash.") % {"number": number},
            )
        )
    if signature is None:
        if version.change_set_id is not None and isinstance(began, datetime.datetime) and version.created_at >= began:
            findings.append(
                Finding(
                    CheckStatus.FAILED, _("Version %(number)s was approved without a signature.") % {"number": number}
                )
            )
        else:
            findings.append(
                Finding(
                    CheckStatus.WARNING,
                    _("Version %(number)s is not yet approved by signature.") % {"number": number},
                )
            )
    else:
        report.signer_name = signature.signer_name
        report.signer_title = signature.signer_title
        report.on_behalf_of = signature.on_behalf_of.get_full_name() if signature.on_behalf_of else ""
        report.signed_at = signature.signed_at
        findings.extend(_signature_findings(version, signature, roots, report))

    if is_current and live is None:
        live = serialize_person(version.person)
    if is_current and live is not None:
        for path in diff_paths(version.snapshot, live):
            findings.append(
                Finding(
                    CheckStatus.FAILED,
                    _("The live record differs from approved version %(number)s at %(path)s.")
                    % {"number": number, "path": path},
                    path,
                )
            )
    if not findings:
        findings.append(
            Finding(CheckStatus.OK, _("Version %(number)s: signature and content are valid.") % {"number": number})
        )
    return report


def _has_signature(version: RecordVersion) -> bool:
    try:
        version.signature  # noqa: B018 - select_related or one query
    except VersionSignature.DoesNotExist:
        return False
    return True


def _signature_findings(
    version: RecordVersion, signature: VersionSignature, roots: list[Any], report: VersionReport
) -> list[Finding]:
    number = version.number
    findings: list[Finding] = []
    try:
        data = signature.signed_bytes
    except ValueError:
        return [
            Finding(
                CheckStatus.FAILED, _("Version %(number)s: the signed content cannot be read.") % {"number": number}
            )
        ]
    if hashlib.sha256(data).hexdigest() != signature.content_sha256:
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: the signed content does not match its SHA-256 hash.") % {"number": number},
            )
        )
    chain = load_certificates(signature.chain_pem.encode("ascii")) if signature.chain_pem else []
    check = check_cms(data, bytes(signature.cms), roots=roots, at=signature.signed_at, other_certs=chain)
    if check.certificate is not None:
        report.certificate_subject = check.certificate.subject.human_friendly
    for code in check.problems:
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: %(problem)s") % {"number": number, "problem": CMS_MESSAGES[code]()},
            )
        )
    try:
        signed = parse(data)
    except ValueError:
        findings.append(
            Finding(
                CheckStatus.FAILED, _("Version %(number)s: the signed content cannot be read.") % {"number": number}
            )
        )
        return findings
    if (
        signed.get("format") != FORMAT
        or signed.get("person") != str(version.person.uid)
        or signed.get("version") != str(number)
    ):
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: the signature was made for another record or version.") % {"number": number},
            )
        )
    if signed.get("content_hash") != version.content_hash:
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: the stored hash of the content differs from the one that was signed.")
                % {"number": number},
            )
        )
    for path in diff_paths(signed.get("record"), version.snapshot, "record"):
        shown = path.removeprefix("record.")
        findings.append(
            Finding(
                CheckStatus.FAILED,
                _("Version %(number)s: %(path)s differs from what was signed.") % {"number": number, "path": shown},
                shown,
            )
        )
    findings.extend(_documents_findings(list(signed.get("documents") or []), number))
    return findings


# --- a whole record -------------------------------------------------------------------------------


def verify_record(person: Person, *, roots: list[Any] | None = None) -> RecordReport:
    """Check every version of `person`'s record, and the live rows against the current version."""
    roots = roots if roots is not None else trust_roots()
    began = signing_began()
    report = RecordReport(person_uid=str(person.uid), full_name=person.full_name)
    versions = (
        RecordVersion.objects.filter(person=person)
        .select_related("person", "signature", "signature__on_behalf_of")
        .order_by("number")
    )
    live = serialize_person(person)
    for version in versions:
        report.versions.append(
            verify_version(
                version, roots=roots, began=began, live=live if version.number == person.current_version else None
            )
        )
    return report


def verify_people(people: Iterable[Person]) -> Iterator[RecordReport]:
    roots = trust_roots()
    for person in people:
        yield verify_record(person, roots=roots)
