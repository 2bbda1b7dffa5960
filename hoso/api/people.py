"""People: the staff list and search, a full record, its versions and the record as of a date."""

import datetime
import uuid
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from hoso.accounts.models import User
from hoso.api.auth import api_user
from hoso.api.errors import ApiInvalid, ApiProblem
from hoso.api.reads import mask_citizen_id, page_of, record_parts, visible_person
from hoso.api.schemas import CleanStr, PersonPage, Problem, Record, VersionList
from hoso.api.units import DEFAULT_PAGE_SIZE, Page, PageSize
from hoso.organisations.selectors import units_visible_to
from hoso.people import permissions
from hoso.people.models import Person, RecordVersion
from hoso.people.selectors import StaffFilter, current_version, staff_list, versions_of
from hoso.people.services import record_as_of
from hoso.people.snapshot import serialize_person
from hoso.people.views import audit_record_view, audit_search

router = Router(tags=["people"])

Code = Annotated[CleanStr, Query("", max_length=40)]
MAX_VERSION = 2**31 - 1


def _catalog(item: Any) -> dict[str, str] | None:
    return {"code": item.code, "name": item.name} if item is not None else None


def _list_item(person: Person) -> dict[str, Any]:
    return {
        "uid": person.uid,
        "full_name": person.full_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth,
        "citizen_id": mask_citizen_id(person.citizen_id),
        "unit": {"uid": person.employing_unit.uid, "name": person.employing_unit.name},
        "staff_kind": _catalog(person.staff_kind),
        "employment_status": _catalog(person.employment_status),
        "rank": _catalog(person.rank),
    }


@router.get("/", response={200: PersonPage, 401: Problem, 422: Problem})
def list_people(
    request: HttpRequest,
    q: Annotated[
        CleanStr, Query("", max_length=200, description="Name words, diacritics ignored, or all 12 digits of an ID.")
    ] = "",
    unit: Annotated[uuid.UUID | None, Query(description="Employing unit.")] = None,
    include_subunits: bool = True,
    staff_kind: Code = "",
    status: Code = "",
    rank: Code = "",
    sort: Literal["name", "-name", "birth", "-birth"] = "name",
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """The staff list: people the user may see, filtered, in Vietnamese name order."""
    user = api_user(request)
    unit_obj = None
    if unit is not None:
        unit_obj = units_visible_to(user).filter(uid=unit).first()
        if unit_obj is None:
            raise ApiInvalid({"unit": [_("There is no unit with this identifier.")]})
    filters = StaffFilter(
        query=q,
        unit=unit_obj,
        include_subunits=include_subunits,
        staff_kind=staff_kind,
        employment_status=status,
        rank=rank,
        sort=sort,
    )
    count, rows = page_of(staff_list(user, filters), page, page_size)
    if filters.query.strip():
        audit_search(request, filters, count)
    return {"count": count, "page": page, "page_size": page_size, "results": [_list_item(p) for p in rows]}


def _record(request: HttpRequest, user: User, person: Person, version: RecordVersion | None) -> dict[str, Any]:
    """The record as `user` may read it: items above their access level are left out; the read is logged."""
    level = permissions.record_clearance(user, person)
    audit_record_view(request, person, version, level)
    if version is None:  # a record written before versions existed: its live rows
        return {
            "uid": person.uid,
            "version": 0,
            "content_hash": None,
            "effective_at": None,
            "parts": record_parts(serialize_person(person), level),
        }
    return {
        "uid": person.uid,
        "version": version.number,
        "content_hash": version.content_hash,
        "effective_at": version.effective_at,
        "parts": record_parts(version.snapshot, level),
    }


@router.get("/{uid}", response={200: Record, 401: Problem, 404: Problem})
def get_person(request: HttpRequest, uid: str) -> dict[str, Any]:
    """The full record: the current version laid out as the national form, with labels."""
    user = api_user(request)
    person = visible_person(user, uid)
    return _record(request, user, person, current_version(person))


@router.get("/{uid}/versions", response={200: VersionList, 401: Problem, 404: Problem})
def list_versions(request: HttpRequest, uid: str) -> dict[str, Any]:
    """Every version of the record, newest first (without their content)."""
    person = visible_person(api_user(request), uid)
    versions = list(versions_of(person))
    return {
        "count": len(versions),
        "results": [
            {
                "number": v.number,
                "effective_at": v.effective_at,
                "created_at": v.created_at,
                "created_by": v.created_by.username if v.created_by is not None else None,
                "summary": v.summary,
                "content_hash": v.content_hash,
            }
            for v in versions
        ],
    }


@router.get("/{uid}/versions/{number}", response={200: Record, 401: Problem, 404: Problem, 422: Problem})
def get_version(request: HttpRequest, uid: str, number: Annotated[int, Path(ge=1, le=MAX_VERSION)]) -> dict[str, Any]:
    """One version of the record, laid out like the current one."""
    user = api_user(request)
    person = visible_person(user, uid)
    version = RecordVersion.objects.filter(person=person, number=number).first()
    if version is None:
        raise Http404
    return _record(request, user, person, version)


@router.get("/{uid}/as-of", response={200: Record, 401: Problem, 404: Problem, 422: Problem})
def get_as_of(request: HttpRequest, uid: str, date: datetime.date) -> dict[str, Any]:
    """The version in force at the end of `date` (YYYY-MM-DD)."""
    user = api_user(request)
    person = visible_person(user, uid)
    version = record_as_of(person, date)
    if version is None:
        raise ApiProblem(
            404, _("No version of this record was in force on %(date)s.") % {"date": date.strftime("%d/%m/%Y")}
        )
    return _record(request, user, person, version)
