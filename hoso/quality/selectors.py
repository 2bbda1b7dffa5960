"""Reads of hoso.quality: completeness aggregates and the findings a user may see.

Aggregates read the stored `CompletenessScore` rows in one SQL query (SUM … GROUP BY unit), so a province of
100,000 people costs one index scan, not a computation per record. Lists get their people from
`people_for_quality`, built on the one access policy (`policy.person_q`, as `people_for` is).
"""

from dataclasses import dataclass

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem
from hoso.organisations.models import OrgUnit, path_ids
from hoso.people.models import Person
from hoso.quality.completeness import item_labels
from hoso.quality.models import CheckRun, CompletenessScore, Finding

# Capabilities that let an officer work on a unit's data quality (the regulations make checking records an
# officer's duty: REQ-029, REQ-046); heads see their unit through APPROVE; the Department through VIEW_REPORTS.
QUALITY_CAPABILITIES = (Capability.REVIEW, Capability.EDIT_RECORD, Capability.APPROVE)


def closed_statuses() -> QuerySet[CatalogItem]:
    """Employment statuses that end service (trang_thai_cong_tac.csv, lifecycle "closed": retired, left, …)."""
    return CatalogItem.objects.filter(kind=CatalogKind.EMPLOYMENT_STATUS, attributes__lifecycle="closed")


def current_people_q(prefix: str = "") -> Q:
    """People still in service: no status recorded, or a status whose lifecycle is not closed."""
    return ~Q(**{f"{prefix}employment_status__in": closed_statuses()})


def _current_scores() -> QuerySet[CompletenessScore]:
    return CompletenessScore.objects.filter(current_people_q("person__"))


def completeness_by_unit(unit_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(items filled, items required) summed over each unit's current people (its own staff, not sub-units).

    Units without a scored person are absent. One aggregate query.
    """
    if not unit_ids:
        return {}
    rows = (
        _current_scores()
        .filter(person__employing_unit_id__in=unit_ids)
        .order_by()
        .values("person__employing_unit_id")
        .annotate(total_filled=Sum("filled"), total_required=Sum("required"))
        .values_list("person__employing_unit_id", "total_filled", "total_required")
    )
    return {unit_id: (filled or 0, required or 0) for unit_id, filled, required in rows}


def completeness_for_province() -> tuple[int, int]:
    """(items filled, items required) summed over every current person of the province. One aggregate query."""
    totals = _current_scores().aggregate(
        total_filled=Coalesce(Sum("filled"), 0), total_required=Coalesce(Sum("required"), 0)
    )
    return totals["total_filled"], totals["total_required"]


def completeness_of(people: QuerySet[Person]) -> tuple[int, int, int]:
    """(items filled, items required, records scored) over these people (already scoped), one query."""
    totals = CompletenessScore.objects.filter(person__in=people.filter(current_people_q()).values("pk")).aggregate(
        total_filled=Coalesce(Sum("filled"), 0),
        total_required=Coalesce(Sum("required"), 0),
        records=Count("pk"),
    )
    return totals["total_filled"], totals["total_required"], totals["records"]


def share(filled: int, required: int) -> int | None:
    """Whole percent filled, or None when nothing is required."""
    return round(100 * filled / required) if required else None


@dataclass(frozen=True)
class IncompleteRecord:
    person: Person
    filled: int
    required: int
    missing: list[tuple[str, str]]  # (item number, label)

    @property
    def percent(self) -> int | None:
        return share(self.filled, self.required)


def lowest_completeness(people: QuerySet[Person], *, limit: int = 20) -> list[IncompleteRecord]:
    """The current records of `people` with the lowest share filled, lowest first; one query."""
    scores = (
        CompletenessScore.objects.filter(
            person__in=people.filter(current_people_q()).values("pk"), required__gt=0, filled__lt=F("required")
        )
        .annotate(ratio=Cast("filled", FloatField()) / Cast("required", FloatField()))
        .select_related("person", "person__employing_unit")
        .order_by("ratio", "person__name_sort_key", "person_id")[:limit]
    )
    return [IncompleteRecord(s.person, s.filled, s.required, item_labels(s.missing)) for s in scores]


def findings_of(people: QuerySet[Person]) -> QuerySet[Finding]:
    """Findings about these (already scoped) people, with the person and unit fetched."""
    return Finding.objects.filter(person__in=people.values("pk")).select_related("person", "person__employing_unit")


def people_for_quality(user: User) -> QuerySet[Person]:
    """Records whose data quality this user may see: those on which they enter, check or approve changes."""
    condition: Q | None = None
    for capability in QUALITY_CAPABILITIES:
        part = policy.person_q(user, capability)
        if part is not None:
            condition = part if condition is None else condition | part
    return Person.objects.filter(condition) if condition is not None else Person.objects.none()


def open_findings_for(person: Person) -> list[Finding]:
    return list(Finding.objects.filter(person=person, resolved_at__isnull=True).order_by("rule", "key"))


def in_subtree_q(unit: OrgUnit, prefix: str = "") -> Q:
    """People of a unit's subtree: employing unit or managing agency under its path."""
    return Q(**{f"{prefix}employing_unit__path__startswith": unit.path}) | Q(
        **{f"{prefix}managing_unit__path__startswith": unit.path}
    )


def unit_people_for_quality(user: User, unit: OrgUnit) -> QuerySet[Person]:
    """The records of a unit's subtree whose data quality the user may see."""
    return people_for_quality(user).filter(in_subtree_q(unit))


def filtered_findings(people: QuerySet[Person], *, rule: str = "", state: str = "open") -> QuerySet[Finding]:
    """Findings about these people: open first, by rule, then in Vietnamese name order."""
    findings = findings_of(people)
    if rule:
        findings = findings.filter(rule=rule)
    if state == "open":
        findings = findings.filter(resolved_at__isnull=True)
    elif state == "resolved":
        findings = findings.filter(resolved_at__isnull=False)
    return findings.order_by(F("resolved_at").desc(nulls_first=True), "rule", "person__name_sort_key", "key")


def open_counts_by_rule(people: QuerySet[Person]) -> dict[str, int]:
    """Open findings per rule about these people, one GROUP BY."""
    rows = (
        Finding.objects.filter(person__in=people.values("pk"), resolved_at__isnull=True)
        .order_by()
        .values("rule")
        .annotate(n=Count("pk"))
        .values_list("rule", "n")
    )
    return dict(rows)


def open_counts_by_unit(unit_ids: list[int] | None = None) -> dict[int, int]:
    """Open findings per employing unit (all units when `unit_ids` is None), one GROUP BY."""
    findings = Finding.objects.filter(resolved_at__isnull=True)
    if unit_ids is not None:
        findings = findings.filter(person__employing_unit_id__in=unit_ids)
    rows = (
        findings.order_by()
        .values("person__employing_unit_id")
        .annotate(n=Count("pk"))
        .values_list("person__employing_unit_id", "n")
    )
    return dict(rows)


def last_run_of(unit: OrgUnit | None) -> CheckRun | None:
    """The latest run that covered this unit: over it, over a unit above it, or over the province (None: the
    latest province-wide run)."""
    runs = CheckRun.objects.filter(unit__isnull=True)
    if unit is not None:
        runs = CheckRun.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=path_ids(unit.path)))
    return runs.select_related("started_by", "unit").order_by("-started_at", "-id").first()


@dataclass(frozen=True)
class UnitCompleteness:
    unit: OrgUnit
    filled: int
    required: int
    open_findings: int

    @property
    def percent(self) -> int | None:
        return share(self.filled, self.required)


def province_units(*, limit: int = 100) -> list[UnitCompleteness]:
    """The units with the lowest completeness in the province, with their open findings: three queries."""
    sums = (
        _current_scores()
        .order_by()
        .values("person__employing_unit_id")
        .annotate(total_filled=Sum("filled"), total_required=Sum("required"))
        .values_list("person__employing_unit_id", "total_filled", "total_required")
    )
    rows = sorted(
        ((unit_id, filled or 0, required or 0) for unit_id, filled, required in sums),
        key=lambda row: (row[1] / row[2]) if row[2] else 1.0,
    )[:limit]
    units = OrgUnit.objects.in_bulk([unit_id for unit_id, _, _ in rows])
    findings = open_counts_by_unit([unit_id for unit_id, _, _ in rows])
    return [
        UnitCompleteness(units[unit_id], filled, required, findings.get(unit_id, 0))
        for unit_id, filled, required in rows
        if unit_id in units
    ]
