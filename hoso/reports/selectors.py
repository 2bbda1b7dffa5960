"""Reads behind reports: head counts for the annual report on the number and quality of CBCCVC.

The statistics are aggregate queries, one GROUP BY per dimension over the people in the user's reporting
scope (`people_for(user, VIEW_REPORTS)`): the database counts, Python only adds up a few hundred groups, so
the cost does not grow in Python with the number of people.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, QuerySet, Value, When
from django.utils import timezone

from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.catalogs.models import CatalogItem
from hoso.organisations.models import JobPosition
from hoso.people.models import Person
from hoso.people.selectors import people_for
from hoso.reports.enums import AGE_BAND_LIMITS, NOT_RECORDED, AgeBand, Dimension

# Dimensions counted by a catalog entry: the Person column holding it.
CATALOG_DIMENSIONS: dict[Dimension, str] = {
    Dimension.STAFF_KIND: "staff_kind_id",
    Dimension.RANK: "rank_id",
    Dimension.ETHNICITY: "ethnicity_id",
    Dimension.QUALIFICATION: "highest_qualification_id",
}

Counts = dict[str, int]


@dataclass(frozen=True)
class HeadCounts:
    """How many people there are, by dimension: per employing unit and for the whole scope.

    Keys are stable codes: catalog codes (staff kind, rank or title, ethnicity, qualification), `Gender`,
    `AgeBand` and `JobPositionCategory` values; `NOT_RECORDED` ("") counts people with nothing recorded.
    """

    as_of: datetime.date
    by_unit: dict[str, dict[int, Counts]]  # dimension -> employing unit id -> key -> people
    total: dict[str, Counts]  # dimension -> key -> people
    people: int

    def for_unit(self, unit_id: int) -> dict[str, Counts]:
        """One unit's counts by dimension (its own staff, without its sub-units)."""
        return {dimension: units.get(unit_id, {}) for dimension, units in self.by_unit.items()}


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band_expression(as_of: datetime.date) -> Case:
    """The age band (completed years on `as_of`) of a person, computed in SQL from the date of birth.

    A person is at most N years old on `as_of` when born after the day N + 1 years earlier.
    """
    whens = [
        When(date_of_birth__gt=years_before(as_of, oldest + 1), then=Value(band.value))
        for band, oldest in AGE_BAND_LIMITS
    ]
    return Case(*whens, default=Value(AgeBand.OVER_60.value), output_field=CharField())


def _grouped(people: QuerySet[Person], column: str, **annotations: Any) -> list[tuple[int, Any, int]]:
    """(employing unit id, value, people) for each group of `column`: one aggregate query."""
    rows = people.annotate(**annotations) if annotations else people
    grouped = rows.order_by().values("employing_unit_id", column).annotate(people=Count("*"))
    return list(grouped.values_list("employing_unit_id", column, "people"))


def _add(target: dict[int, Counts], groups: Iterable[tuple[int, str, int]]) -> None:
    for unit_id, key, count in groups:
        counts = target.setdefault(unit_id, {})
        counts[key] = counts.get(key, 0) + count


def head_counts_of(people: QuerySet[Person], *, as_of: datetime.date) -> HeadCounts:
    """Head counts of these people on `as_of` by every `Dimension`, per employing unit and in total."""
    raw: dict[Dimension, list[tuple[int, Any, int]]] = {
        dimension: _grouped(people, column) for dimension, column in CATALOG_DIMENSIONS.items()
    }
    raw[Dimension.SEX] = _grouped(people, "gender")
    raw[Dimension.AGE_BAND] = _grouped(people, "age_band", age_band=age_band_expression(as_of))
    raw[Dimension.JOB_POSITION] = _grouped(people, "job_position_id")

    catalog_ids = {value for dimension in CATALOG_DIMENSIONS for _, value, _ in raw[dimension] if value is not None}
    codes = dict(CatalogItem.objects.filter(pk__in=catalog_ids).values_list("pk", "code")) if catalog_ids else {}
    position_ids = {value for _, value, _ in raw[Dimension.JOB_POSITION] if value is not None}
    categories = (
        dict(JobPosition.objects.filter(pk__in=position_ids).values_list("pk", "category")) if position_ids else {}
    )
    keys: dict[Dimension, dict[Any, str]] = {
        **dict.fromkeys(CATALOG_DIMENSIONS, codes),
        Dimension.JOB_POSITION: categories,
    }

    by_unit: dict[str, dict[int, Counts]] = {}
    total: dict[str, Counts] = {}
    for dimension in Dimension:
        lookup = keys.get(dimension)
        groups = [
            (unit_id, (lookup.get(value, NOT_RECORDED) if lookup is not None else value) or NOT_RECORDED, count)
            for unit_id, value, count in raw[dimension]
        ]
        per_unit: dict[int, Counts] = {}
        _add(per_unit, groups)
        by_unit[dimension.value] = per_unit
        whole: dict[int, Counts] = {}
        _add(whole, ((0, key, count) for _, key, count in groups))
        total[dimension.value] = whole.get(0, {})
    return HeadCounts(
        as_of=as_of,
        by_unit=by_unit,
        total=total,
        people=sum(total[Dimension.SEX.value].values()),
    )


def head_counts(user: User, *, as_of: datetime.date | None = None) -> HeadCounts:
    """The statistics of the annual report for the people in the user's reporting scope (VIEW_REPORTS).

    A user without VIEW_REPORTS anywhere gets empty statistics, as if the scope held nobody.
    """
    return head_counts_of(people_for(user, Capability.VIEW_REPORTS), as_of=as_of or timezone.localdate())
