"""The JSON API of hoso.quality, mounted under /api/v1/quality by hoso/api/api.py.

A unit's completeness and consistency findings, a person's, and "run the check now". Scope comes from the same
selectors as the pages: a unit or record out of reach answers 404, one without the right 403, bad filters 422
with a message per field and nothing written.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from hoso.api.auth import api_user
from hoso.api.errors import ApiInvalid
from hoso.api.reads import page_of, visible_person, visible_unit
from hoso.api.schemas import Problem
from hoso.api.units import DEFAULT_PAGE_SIZE, Page, PageSize
from hoso.quality import permissions, selectors, services
from hoso.quality.completeness import item_labels
from hoso.quality.enums import Rule
from hoso.quality.forms import ALL, OPEN, RESOLVED
from hoso.quality.models import CheckRun, CompletenessScore, Finding

router = Router(tags=["quality"])

READ = {401: Problem, 403: Problem, 404: Problem}


class MissingItemOut(Schema):
    item: str
    label: str


class CompletenessOut(Schema):
    filled: int
    required: int
    percent: int | None


class RecordCompletenessOut(CompletenessOut):
    person: uuid.UUID
    full_name: str
    missing: list[MissingItemOut]


class RuleCountOut(Schema):
    rule: str
    label: str
    open: int


class RunOut(Schema):
    uid: uuid.UUID
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    status: str
    people_checked: int
    found_new: int
    still_open: int
    resolved: int


class UnitQualityOut(Schema):
    unit: uuid.UUID
    name: str
    completeness: CompletenessOut
    records: int
    lowest: list[RecordCompletenessOut]
    open_findings: list[RuleCountOut]
    last_run: RunOut | None


class FindingOut(Schema):
    uid: uuid.UUID
    person: uuid.UUID
    full_name: str
    rule: str
    rule_label: str
    key: str
    message: str
    details: dict[str, Any]
    first_found: datetime.datetime
    last_seen: datetime.datetime
    resolved_at: datetime.datetime | None


class FindingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[FindingOut]


class PersonQualityOut(Schema):
    person: uuid.UUID
    completeness: CompletenessOut | None
    computed_at: datetime.datetime | None
    missing: list[MissingItemOut]
    findings: list[FindingOut]


def _run(run: CheckRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "uid": run.uid,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "status": run.status,
        "people_checked": run.people_checked,
        "found_new": run.found_new,
        "still_open": run.still_open,
        "resolved": run.resolved,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "uid": finding.uid,
        "person": finding.person.uid,
        "full_name": finding.person.full_name,
        "rule": finding.rule,
        "rule_label": str(finding.get_rule_display()),
        "key": finding.key,
        "message": finding.message,
        "details": finding.details,
        "first_found": finding.first_found,
        "last_seen": finding.last_seen,
        "resolved_at": finding.resolved_at,
    }


def _missing(keys: list[str]) -> list[dict[str, str]]:
    return [{"item": item, "label": label} for item, label in item_labels(keys)]


def _quality_unit(request: HttpRequest, uid: str) -> Any:
    user = api_user(request)
    unit = visible_unit(user, uid)
    if not permissions.can_view_unit_quality(user, unit):
        raise PermissionDenied(_("You may not see this unit's data quality."))
    return user, unit


@router.get("/units/{uid}", response={200: UnitQualityOut, **READ})
def unit_quality(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A unit's completeness (its subtree's records in service), its least complete records and open findings."""
    user, unit = _quality_unit(request, uid)
    people = selectors.unit_people_for_quality(user, unit)
    filled, required, records = selectors.completeness_of(people)
    counts = selectors.open_counts_by_rule(people)
    return {
        "unit": unit.uid,
        "name": unit.name,
        "completeness": {"filled": filled, "required": required, "percent": selectors.share(filled, required)},
        "records": records,
        "lowest": [
            {
                "person": row.person.uid,
                "full_name": row.person.full_name,
                "filled": row.filled,
                "required": row.required,
                "percent": row.percent,
                "missing": [{"item": item, "label": label} for item, label in row.missing],
            }
            for row in selectors.lowest_completeness(people)
        ],
        "open_findings": [
            {"rule": value, "label": str(label), "open": counts.get(value, 0)} for value, label in Rule.choices
        ],
        "last_run": _run(selectors.last_run_of(unit)),
    }


@router.get("/units/{uid}/findings", response={200: FindingPage, 422: Problem, **READ})
def unit_findings(
    request: HttpRequest,
    uid: str,
    rule: str = "",
    state: str = OPEN,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """The findings about a unit's subtree: `rule` (a rule code) and `state` (open, resolved or all)."""
    user, unit = _quality_unit(request, uid)
    errors: dict[str, list[str]] = {}
    if rule and rule not in Rule.values:
        errors["rule"] = [_("Unknown rule. Use one of: %(rules)s.") % {"rules": ", ".join(Rule.values)}]
    if state not in (OPEN, RESOLVED, ALL):
        errors["state"] = [_("Use open, resolved or all.")]
    if errors:
        raise ApiInvalid(errors)
    findings = selectors.filtered_findings(selectors.unit_people_for_quality(user, unit), rule=rule, state=state)
    count, rows = page_of(findings, page, page_size)
    return {"count": count, "page": page, "page_size": page_size, "results": [_finding(f) for f in rows]}


@router.post("/units/{uid}/checks", response={202: RunOut, **READ})
def run_unit_check(request: HttpRequest, uid: str) -> Status[dict[str, Any] | None]:
    """Run the consistency check over the unit's subtree now, in a background job (202: queued)."""
    user, unit = _quality_unit(request, uid)
    if not permissions.can_run_unit_checks(user, unit):
        raise PermissionDenied(_("You may not run checks on this unit."))
    run = services.request_check(unit=unit, acting_user=user)
    return Status(202, _run(run))


@router.get("/people/{uid}", response={200: PersonQualityOut, **READ})
def person_quality(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A record's completeness, its missing items and its open findings."""
    user = api_user(request)
    person = visible_person(user, uid)
    if not permissions.can_view_person_quality(user, person):
        raise PermissionDenied(_("You may not see this record's data quality."))
    score = CompletenessScore.objects.filter(person=person).first()
    findings = Finding.objects.filter(person=person, resolved_at__isnull=True).select_related("person")
    return {
        "person": person.uid,
        "completeness": (
            {"filled": score.filled, "required": score.required, "percent": score.percent} if score else None
        ),
        "computed_at": score.computed_at if score else None,
        "missing": _missing(score.missing) if score else [],
        "findings": [_finding(f) for f in findings.order_by("rule", "key")],
    }
