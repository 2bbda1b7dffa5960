"""Writes of hoso.quality: refreshing completeness scores and running the consistency checker.

Both read people in batches of `HOSO_QUALITY_BATCH_SIZE` ids, so memory stays bounded at 100,000 people, and
write each batch in its own transaction (a crash loses at most the batch under way; the next run completes it).
"""

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.organisations.models import OrgUnit
from hoso.people.models import Person
from hoso.quality import checks
from hoso.quality.completeness import person_rows, score
from hoso.quality.enums import CheckRunStatus
from hoso.quality.models import CheckRun, CompletenessScore, Finding


def batch_size() -> int:
    return max(1, int(getattr(settings, "HOSO_QUALITY_BATCH_SIZE", 1000)))


def _batches(people: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in people:
        batch.append(pk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _id_batches(condition: Q, size: int) -> Iterator[list[int]]:
    """Person ids matching `condition`, by keyset pagination: one small query per batch, never the whole list."""
    last = 0
    while True:
        ids = list(Person.objects.filter(condition, pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def unit_condition(unit: OrgUnit | None) -> Q:
    """The people of a unit's subtree (employing unit or managing agency), or everyone when `unit` is None."""
    if unit is None:
        return Q()
    return Q(employing_unit__path__startswith=unit.path) | Q(managing_unit__path__startswith=unit.path)


def refresh_completeness(person_ids: Iterable[int]) -> int:
    """Recompute and store the completeness score of these records; returns how many were stored.

    Call it after a version is applied (the approvals path, inside or after its transaction) with the ids of the
    changed records; the nightly `run_checks` refreshes everyone. Two queries and one bulk upsert per batch.
    """
    stored = 0
    now = timezone.now()
    for batch in _batches(person_ids, batch_size()):
        rows = person_rows(batch)
        scores = []
        for row in rows:
            filled, required, missing = score(row)
            scores.append(
                CompletenessScore(
                    person_id=row["pk"], filled=filled, required=required, missing=missing, computed_at=now
                )
            )
        with transaction.atomic():
            CompletenessScore.objects.bulk_create(
                scores,
                update_conflicts=True,
                unique_fields=["person"],
                update_fields=["filled", "required", "missing", "computed_at"],
            )
        stored += len(scores)
    return stored


def refresh_completeness_of_unit(unit: OrgUnit | None) -> int:
    """Refresh every record of a unit's subtree (or of the province), batch by batch."""
    stored = 0
    for ids in _id_batches(unit_condition(unit), batch_size()):
        stored += refresh_completeness(ids)
    return stored


def start_check_run(*, unit: OrgUnit | None, acting_user: User | None) -> CheckRun:
    """Record that a consistency check over `unit` (None: the province) was asked for; it runs in `run_check`."""
    with transaction.atomic():
        run = CheckRun.objects.create(
            started_at=timezone.now(), started_by=acting_user, unit=unit, status=CheckRunStatus.QUEUED
        )
        record_event(
            action=AuditAction.QUALITY_CHECK_STARTED,
            actor=acting_user,
            target=run,
            unit=unit,
            detail={"unit": str(unit.uid) if unit else None},
        )
    return run


def run_check(*, run: CheckRun, today: datetime.date | None = None) -> CheckRun:
    """Run the consistency rules over the run's scope, keep findings across runs and resolve the ones gone.

    Kiểm tra tính thống nhất của dữ liệu (REQ-029; REQ-046: the officer finds and logs contradictions). A
    finding seen again keeps its first date and gets `last_seen`; one that no longer applies to a record
    checked in this run is marked resolved; one that reappears is opened again.
    """
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):  # messages are stored in the province's language
        return _run_check(run, today)


def _run_check(run: CheckRun, today: datetime.date) -> CheckRun:
    CheckRun.objects.filter(pk=run.pk).update(status=CheckRunStatus.RUNNING)
    condition = unit_condition(run.unit)
    context = checks.CheckContext.load(today=today)
    checked = found_new = still_open = resolved = 0
    try:
        for ids in _id_batches(condition, batch_size()):
            found = checks.check_people(ids, context)
            now = timezone.now()
            with transaction.atomic():
                existing = {(f.person_id, f.rule, f.key): f for f in Finding.objects.filter(person_id__in=ids)}
                seen: set[tuple[int, str, str]] = set()
                to_create: list[Finding] = []
                to_update: list[Finding] = []
                for item in found:
                    key = (item.person_id, item.rule, item.key)
                    if key in seen:
                        continue
                    seen.add(key)
                    finding = existing.get(key)
                    if finding is None:
                        to_create.append(
                            Finding(
                                person_id=item.person_id,
                                rule=item.rule,
                                key=item.key,
                                message=item.message,
                                details=item.details,
                                first_found=now,
                                last_seen=now,
                                last_run=run,
                            )
                        )
                        found_new += 1
                        continue
                    if finding.resolved_at is not None:
                        finding.first_found, finding.resolved_at = now, None
                        found_new += 1
                    else:
                        still_open += 1
                    finding.message, finding.details, finding.last_seen, finding.last_run = (
                        item.message,
                        item.details,
                        now,
                        run,
                    )
                    to_update.append(finding)
                for key, finding in existing.items():
                    if key not in seen and finding.resolved_at is None:
                        finding.resolved_at, finding.last_run = now, run
                        to_update.append(finding)
                        resolved += 1
                Finding.objects.bulk_create(to_create)
                Finding.objects.bulk_update(
                    to_update, ["message", "details", "first_found", "last_seen", "resolved_at", "last_run"]
                )
            refresh_completeness(ids)
            checked += len(ids)
    except Exception:
        CheckRun.objects.filter(pk=run.pk).update(status=CheckRunStatus.FAILED, finished_at=timezone.now())
        raise
    CheckRun.objects.filter(pk=run.pk).update(
        status=CheckRunStatus.DONE,
        finished_at=timezone.now(),
        people_checked=checked,
        found_new=found_new,
        still_open=still_open,
        resolved=resolved,
    )
    run.refresh_from_db()
    return run


def request_check(*, unit: OrgUnit, acting_user: User) -> CheckRun:
    """ "Run now" on a unit's page: record the run and enqueue the job once the transaction commits."""
    from hoso.quality.tasks import run_consistency_check

    run = start_check_run(unit=unit, acting_user=acting_user)
    transaction.on_commit(lambda: run_consistency_check.enqueue(run_id=run.pk))
    return run
