"""Units of the organisation tree: list and search, one unit's details, a flat subtree."""

import datetime
from collections import defaultdict
from typing import Annotated, Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from hoso.api.auth import api_user
from hoso.api.reads import page_of, visible_unit
from hoso.api.schemas import CleanStr, Problem, Subtree, UnitDetail, UnitPage
from hoso.core.text import fold
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import JobPosition, OrgUnit, StaffingQuota
from hoso.organisations.selectors import sibling_order, unit_detail, units_visible_to

router = Router(tags=["units"])

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
MAX_PAGE = 100_000

Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


def _ref(unit: OrgUnit | None) -> dict[str, Any] | None:
    return {"uid": unit.uid, "name": unit.name} if unit is not None else None


def _catalog(item: Any) -> dict[str, str] | None:
    return {"code": item.code, "name": item.name} if item is not None else None


def _list_item(unit: OrgUnit) -> dict[str, Any]:
    return {
        "uid": unit.uid,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "administrative_level": unit.administrative_level,
        "parent": unit.parent.uid if unit.parent is not None else None,
        "depth": unit.depth,
        "agency_code": unit.agency_code,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


@router.get("/", response={200: UnitPage, 401: Problem, 422: Problem})
def list_units(
    request: HttpRequest,
    q: Annotated[CleanStr, Query("", max_length=200, description="Words of the name; diacritics ignored.")] = "",
    kind: Annotated[OrgUnitKind | None, Query()] = None,
    active: Annotated[datetime.date | None, Query(description="Only units existing on this day.")] = None,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Units the user may see, in tree order."""
    units = units_visible_to(api_user(request)).select_related("parent")
    for word in fold(q).split():
        units = units.filter(Q(search_text__contains=word) | Q(name__icontains=word))
    if kind is not None:
        units = units.filter(kind=kind)
    if active is not None:
        units = units.valid_on(active)
    count, rows = page_of(units.order_by("path", "id"), page, page_size)
    return {"count": count, "page": page, "page_size": page_size, "results": [_list_item(u) for u in rows]}


def _quota(quota: StaffingQuota) -> dict[str, Any]:
    return {
        "year": quota.year,
        "civil_servants": quota.civil_servants,
        "public_employees": quota.public_employees,
        "contract_workers": quota.contract_workers,
        "decision_number": quota.decision_number,
        "decision_date": quota.decision_date,
    }


def _job_position(position: JobPosition) -> dict[str, Any]:
    return {
        "uid": position.uid,
        "code": position.code,
        "name": position.name,
        "category": position.category,
        "required_rank": _catalog(position.required_rank),
        "national_position": _catalog(position.national_position),
        "min_level": position.min_level,
        "max_level": position.max_level,
        "valid_from": position.valid_from,
        "valid_to": position.valid_to,
        "decision_number": position.decision_number,
        "decision_date": position.decision_date,
    }


@router.get("/{uid}", response={200: UnitDetail, 401: Problem, 404: Problem})
def get_unit(request: HttpRequest, uid: str) -> dict[str, Any]:
    """One unit: its place in the tree, validity, founding decision, staffing quotas and job positions."""
    unit = visible_unit(api_user(request), uid)
    detail = unit_detail(unit)
    return {
        **_list_item(unit),
        "kind_display": unit.get_kind_display(),
        "parent": _ref(unit.parent),
        "ancestors": [_ref(u) for u in detail.ancestors],
        "children": [_ref(u) for u in detail.children],
        "successor": _ref(unit.successor),
        "display_order": unit.display_order,
        "decision": {"number": unit.decision_number, "date": unit.decision_date, "issuer": unit.decision_issuer},
        "staffing_quotas": [_quota(q) for q in detail.staffing_quotas],
        "job_positions": [_job_position(p) for p in detail.job_positions],
    }


def _subtree_item(unit: OrgUnit, depth: int) -> dict[str, Any]:
    return {
        "uid": unit.uid,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent.uid if unit.parent is not None else None,
        "depth": depth,
        "agency_code": unit.agency_code,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


@router.get("/{uid}/subtree", response={200: Subtree, 401: Problem, 404: Problem, 422: Problem})
def get_subtree(
    request: HttpRequest,
    uid: str,
    active: Annotated[datetime.date | None, Query(description="Only units existing on this day.")] = None,
) -> dict[str, Any]:
    """Every unit below this one, depth first, siblings in display then alphabetical order (one query)."""
    user = api_user(request)
    unit = visible_unit(user, uid)
    below = units_visible_to(user).filter(path__startswith=unit.path).exclude(pk=unit.pk).select_related("parent")
    if active is not None:
        below = below.valid_on(active)
    rows = sorted(below.order_by(), key=sibling_order)
    by_parent: dict[int | None, list[OrgUnit]] = defaultdict(list)
    present = {row.pk for row in rows}
    for row in rows:
        # A unit whose parent is left out (not existing that day, or not visible) hangs from the root.
        by_parent[row.parent_id if row.parent_id in present else unit.pk].append(row)
    results: list[dict[str, Any]] = []

    def walk(parent_pk: int) -> None:
        for child in by_parent.get(parent_pk, []):
            results.append(_subtree_item(child, child.depth - unit.depth))
            walk(child.pk)

    walk(unit.pk)
    return {"root": _ref(unit), "count": len(results), "results": results}
