"""The operations of issue 5: a head approves and signs a batch of change sets, and their versions are verified.

`approve_sign_batch_<n>`: unit A's head approves n change sets (1,000 by default) in ONE call to
`hoso.approvals.services.approve`, which applies each as a new version, attaches its supporting document and signs
it with the head's PKCS#12 certificate (a bench CA made once with `hoso.signing.demo` under var/bench/keys and
trusted by this process). Preparing the n change sets (start, edit, upload a PDF, submit, forward: as unit A's
officer, through the services) is setup outside the timing. The n records are the first n of unit A's subtree that
the province's rule table sends to this head (REQ-050): each run starts their change sets again from their current
version, so the bench database stays usable for the next run. The approval window (REQ-053) is checked but not
enforced: config/settings/bench.py sets HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW, so the figure does not depend on the
day of the month.

`verify_<n>_versions`: `hoso.signing.verification.verify_version` over the n versions just signed (content hash,
CMS signature, certificate chain and validity at signing time, documents' hashes, live rows of the current version).

Both answers are checked against plain SQL on the same connection (the floor-style check of bench/operations.py):
the versions the batch made, each with its signature and approval decision, and no change set left unapplied.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from bench.timing import Operation
from hoso.accounts.models import User
from hoso.approvals import rules
from hoso.approvals import services as approvals
from hoso.approvals.models import ApprovalDecision
from hoso.documents import services as documents
from hoso.documents.models import DocumentType
from hoso.documents.selectors import required_types
from hoso.documents.tests.factories import pdf_bytes
from hoso.people import services as people
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.signing.demo import create_demo_ca, issue_demo_credential
from hoso.signing.errors import SigningError
from hoso.signing.models import VersionSignature
from hoso.signing.services import check_ready
from hoso.signing.trust import trust_roots
from hoso.signing.verification import signing_began, verify_version

BATCH = 1_000  # change sets per approval call (issue 5 "Done when")
WARMUP = 3  # change sets approved before the timed batch, outside the timing (first signature, caches)
CHANGE_GROUP = "positions"  # the form's items the change touches (item 29, work strengths)
VERSION = RecordVersion._meta.db_table
SIGNATURE = VersionSignature._meta.db_table
DECISION = ApprovalDecision._meta.db_table
CHANGE_SET = ChangeSet._meta.db_table


class BenchSetupError(RuntimeError):
    """The bench database cannot give what the batch needs (e.g. too few records for the head)."""


def _placeholders(values: list[int]) -> str:
    return ", ".join(["%s"] * len(values))


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@dataclass
class ApprovalBench:
    """What the two operations share in one measuring process: the people, the pool, the last batch's versions."""

    officer: User
    head: User
    unit_path: str
    batch: int
    keys_dir: str
    pool: list[Person] = field(default_factory=list)
    signed_versions: list[int] = field(default_factory=list)  # the versions the last timed batch made
    document: bytes = b""
    document_type: DocumentType | None = None
    _ready: bool = False

    # --- once per process -----------------------------------------------------------------------------

    def ready(self) -> None:
        """The bench CA and the head's certificate from it, the document type, the pool of records."""
        if self._ready:
            return
        ca = create_demo_ca(self.keys_dir)  # also makes this process trust the bench CA
        try:
            check_ready(self.head)
        except SigningError:  # none yet, or issued by another CA (the demo's): give the head one from the bench CA
            issue_demo_credential(self.head, ca=ca, title="Thủ trưởng đơn vị (chứng thư thử nghiệm của bench)")
            check_ready(self.head)
        self.document = pdf_bytes()
        self.document_type = self._document_type()
        self.pool = self._pool(self.batch)
        self._ready = True

    def _document_type(self) -> DocumentType:
        accepted = required_types(CHANGE_GROUP)
        types = DocumentType.objects.filter(is_active=True).order_by("position", "pk")
        if accepted:
            types = types.filter(code__in=accepted)
        for document_type in types:
            if document_type.supports(CHANGE_GROUP):
                return document_type
        raise BenchSetupError(f"No active document type supports a change to {CHANGE_GROUP!r}.")

    def _pool(self, size: int) -> list[Person]:
        """The first `size` records of unit A's subtree (by id) whose changes this head approves (REQ-050)."""
        candidates = (
            Person.objects.filter(employing_unit__path__startswith=self.unit_path, account__isnull=True)
            .select_related("employing_unit")
            .order_by("id")
        )
        chosen: list[Person] = []
        start = 0
        while len(chosen) < size:
            chunk = list(candidates[start : start + 500])
            if not chunk:
                break
            start += len(chunk)
            probes = [
                ChangeSet(
                    pk=-(n + 1), person=person, unit=person.employing_unit, proposed=people.current_snapshot(person)
                )
                for n, person in enumerate(chunk)
            ]
            approvers = rules.approvers_for(probes)  # the rule table read once per chunk
            approvable = {
                probe.person_id
                for probe in probes
                if rules.authority(self.head, approvers[probe.pk], probe.person.account_id).allowed
            }
            chosen += [person for person in chunk if person.pk in approvable]
        if len(chosen) < size:
            raise BenchSetupError(
                f"Unit A's head approves only {len(chosen)} records of unit A's subtree, fewer than the "
                f"{size} the batch needs (--approval-batch {self.batch})."
            )
        return chosen[:size]

    # --- preparing change sets (outside the timing) -----------------------------------------------------

    def prepared(self, person: Person, index: int) -> ChangeSet:
        """One change set as a unit's officer brings it to the head: edited, documented, submitted, forwarded."""
        person.refresh_from_db()
        today = timezone.localdate()
        change_set = people.start_change_set(person=person, acting_user=self.officer, title=f"bench batch {index}")
        people.update_person_group(
            change_set=change_set,
            group_key=CHANGE_GROUP,
            data={"work_strengths": f"Thẩm định, tổng hợp hồ sơ (bench {index}, {timezone.now():%H%M%S%f})"},
            acting_user=self.officer,
            partial=True,
        )
        documents.upload_document(
            change_set=change_set,
            acting_user=self.officer,
            file=SimpleUploadedFile(f"qd-{index}.pdf", self.document, content_type="application/pdf"),
            document_type=self.document_type,
            number=f"{index % 900 + 100}/QĐ-UBND",
            issued_on=today - datetime.timedelta(days=1),
            issuer="Ủy ban nhân dân tỉnh",
            parts=[CHANGE_GROUP],
        )
        change_set = approvals.submit(change_set=change_set, acting_user=self.officer, confirmed=True, event_date=today)
        if change_set.status == ChangeSetStatus.SUBMITTED:  # the officer's check is a step of its own here
            change_set = approvals.forward(change_set=change_set, acting_user=self.officer)
        if change_set.status != ChangeSetStatus.FORWARDED:
            raise BenchSetupError(f"Change set {change_set.pk} is {change_set.status}, not waiting for approval.")
        return change_set

    def prepare_batch(self, index: int) -> list[ChangeSet]:
        """Warm up on a few records of the pool, then bring one change set per record of the pool to the head, each
        from the record's current version (the setup of a run)."""
        self.ready()
        warm = [self.prepared(person, -(n + 1)) for n, person in enumerate(self.pool[:WARMUP])]
        self.approve(warm)
        return [self.prepared(person, index * 10_000 + n) for n, person in enumerate(self.pool)]

    # --- the timed call ---------------------------------------------------------------------------------

    def approve(self, change_sets: list[ChangeSet]) -> tuple[int, int, tuple[int, ...]]:
        """One call to `approve`; the answer: approved, refused, and the new versions' ids."""
        result = approvals.approve(change_sets=change_sets, acting_user=self.head, comment="bench")
        if result.refused:
            first = result.refused[0]
            raise AssertionError(
                f"{len(result.refused)} of {len(change_sets)} change sets were refused, e.g. "
                f"{first.change_set.pk}: {first.message} {first.errors}"
            )
        return len(result.approved), len(result.refused), tuple(sorted(item.version.pk for item in result.approved))

    def approve_batch(self, change_sets: list[ChangeSet]) -> tuple[int, int, tuple[int, ...]]:
        answer = self.approve(change_sets)
        self.signed_versions = list(answer[2])
        return answer

    def approve_floor(self, change_sets: list[ChangeSet]) -> tuple[int, int, tuple[int, ...]]:
        """The same answer in SQL: each change set's version with its signature and decision; those not applied."""
        ids = [change_set.pk for change_set in change_sets]
        marks = _placeholders(ids)
        rows = _fetch(
            f"""SELECT v.id FROM {VERSION} v
                  JOIN {SIGNATURE} s ON s.version_id = v.id
                  JOIN {DECISION} d ON d.version_id = v.id AND d.change_set_id = v.change_set_id
                 WHERE v.change_set_id IN ({marks}) ORDER BY v.id""",
            ids,
        )
        (unapplied,) = _fetch(
            f"SELECT COUNT(*) FROM {CHANGE_SET} WHERE id IN ({marks}) AND status <> %s",
            [*ids, ChangeSetStatus.APPLIED.value],
        )[0]
        return len(rows), unapplied, tuple(row[0] for row in rows)

    # --- verification ---------------------------------------------------------------------------------------

    def versions_to_verify(self, _index: int) -> list[int]:
        """The versions the last timed batch signed; without one in this process, the newest n signed versions."""
        if self.signed_versions:
            return self.signed_versions
        newest = VersionSignature.objects.order_by("-pk").values_list("version_id", flat=True)[: self.batch]
        return sorted(newest)

    def verify(self, version_ids: list[int]) -> tuple[int, int, int]:
        """verify_version over the versions, read in one query: how many, how many verify, how many are signed."""
        roots, began = trust_roots(), signing_began()
        versions = (
            RecordVersion.objects.filter(pk__in=version_ids)
            .select_related("person", "signature", "signature__on_behalf_of")
            .order_by("pk")
        )
        reports = [verify_version(version, roots=roots, began=began) for version in versions]
        failed = [f"v{r.number}: {r.findings[0].message}" for r in reports if not r.ok]
        if failed:
            raise AssertionError(f"{len(failed)} of {len(reports)} versions failed verification, e.g. {failed[0]}")
        return len(reports), sum(1 for r in reports if r.ok), sum(1 for r in reports if r.signed)

    def verify_floor(self, version_ids: list[int]) -> tuple[int, int, int]:
        """The same count in SQL: the versions, and those with a stored signature over a content hash."""
        marks = _placeholders(version_ids)
        (total,) = _fetch(f"SELECT COUNT(*) FROM {VERSION} WHERE id IN ({marks})", version_ids)[0]
        (signed,) = _fetch(
            f"""SELECT COUNT(*) FROM {VERSION} v JOIN {SIGNATURE} s ON s.version_id = v.id
                 WHERE v.id IN ({marks}) AND s.content_sha256 <> ''""",
            version_ids,
        )[0]
        return total, signed, signed


def approval_operations(
    *, officer: User, head: User, unit_path: str, batch: int, runs: int, keys_dir: str
) -> list[Operation]:
    bench = ApprovalBench(officer=officer, head=head, unit_path=unit_path, batch=batch, keys_dir=keys_dir)
    return [
        Operation(
            f"approve_sign_batch_{batch}",
            run=bench.approve_batch,
            setup=bench.prepare_batch,
            floor=bench.approve_floor,
            runs=runs,
            warmup=0,
            batch=batch,
            note=f"`hoso.approvals.services.approve` of {batch:,} forwarded change sets (each on its own record of "
            "unit A's subtree, one PDF each) in one call as unit A's head: per change set its lock, approver rule, "
            "window check (HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW on in the bench settings), new version, document "
            "attached, CMS signature with the head's PKCS#12 certificate (bench CA) checked against the trusted "
            f"roots, review step, decision, audit entries; {min(WARMUP, batch)} change sets approved first as a warm-up. "
            "Preparing them (start, edit, upload, submit, forward as the officer) is not timed. Check: the versions, "
            "signatures and decisions counted in SQL",
        ),
        Operation(
            f"verify_{batch}_versions",
            run=bench.verify,
            setup=bench.versions_to_verify,
            floor=bench.verify_floor,
            runs=runs,
            warmup=0,
            batch=batch,
            note=f"`hoso.signing.verification.verify_version` over the {batch:,} versions just signed, read in one "
            "query: content hash, CMS signature, certificate chain and validity at signing time, the documents' "
            "stored content against their signed hashes, the live record against its current version. Check: "
            "the signed versions counted in SQL",
        ),
    ]
