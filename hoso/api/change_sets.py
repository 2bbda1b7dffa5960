"""Change sets: start one, edit its groups and section rows, read its diff, approve it as a new signed version.

Each write is one call to a `hoso.people.services` function, which validates with the record's
forms and writes atomically: invalid input changes nothing. Values are what the forms accept:
dates dd/mm/yyyy or yyyy-mm-dd (periods also mm/yyyy), catalog entries by official code,
administrative units by key, units and job positions by UUID.
"""

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router, Status

from hoso.accounts.models import User
from hoso.api.auth import api_user
from hoso.api.errors import PROBLEMS, ApiInvalid, ApiProblem
from hoso.api.reads import visible_change_set
from hoso.api.schemas import (
    Applied,
    ChangeSetIn,
    ChangeSetOut,
    DiffPart,
    FieldValues,
    Problem,
    RowOut,
)
from hoso.approvals import permissions as approval_permissions
from hoso.approvals import services as approval_services
from hoso.organisations.selectors import units_visible_to
from hoso.people import permissions, services
from hoso.people.forms import person_group_form, section_form
from hoso.people.models import ChangeSet
from hoso.people.sections import PERSON_GROUPS, SECTIONS
from hoso.people.selectors import person_for_user
from hoso.people.services import NotAllowed
from hoso.signing.errors import SigningError

router = Router(tags=["change sets"])

READ = {401: Problem, 404: Problem}
WRITE = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _out(change_set: ChangeSet, user: User) -> dict[str, Any]:
    """The change set as the user may read it: items above their access level are left out of `proposed`."""
    level = permissions.change_set_clearance(user, change_set)
    return {
        "uid": change_set.uid,
        "status": change_set.status,
        "title": change_set.title,
        "base_version": change_set.base_version,
        "person": change_set.person.uid if change_set.person is not None else None,
        "unit": change_set.unit.uid,
        "created_at": change_set.created_at,
        "updated_at": change_set.updated_at,
        "applied_at": change_set.applied_at,
        "proposed": permissions.redact(change_set.proposed, level),
    }


def _form_value(value: Any) -> Any:
    """A JSON scalar as a browser would post it, so the forms treat API input like form input."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _field_values(payload: dict[str, Any], allowed: list[str], prefix: str) -> dict[str, Any]:
    """Check the shape of a body of field values: known names, single JSON values, no NUL characters."""
    errors: dict[str, list[str]] = {}
    for name, value in payload.items():
        if name not in allowed:
            errors[f"{prefix}.{name}"] = [_("Unknown field.")]
        elif isinstance(value, dict | list):
            errors[f"{prefix}.{name}"] = [_("A single value is expected, not a list or an object.")]
        elif isinstance(value, str) and "\x00" in value:
            errors[f"{prefix}.{name}"] = [_("Null characters are not allowed in text.")]
    if errors:
        raise ApiInvalid(errors)
    return {name: _form_value(value) for name, value in payload.items()}


@router.post("", response={201: ChangeSetOut, **WRITE})
def create_change_set(request: HttpRequest, payload: ChangeSetIn) -> Status[dict[str, Any]]:
    """Start a draft: from a person's current version (`person`), or a new record in a unit (`unit`)."""
    user = api_user(request)
    if payload.person is not None and payload.unit is None:
        person = person_for_user(user, payload.person)
        if person is None:
            raise ApiInvalid({"person": [_("There is no record with this identifier.")]})
        change_set = services.start_change_set(person=person, acting_user=user, title=payload.title)
    elif payload.unit is not None and payload.person is None:
        unit = units_visible_to(user).filter(uid=payload.unit).first()
        if unit is None:
            raise ApiInvalid({"unit": [_("There is no unit with this identifier.")]})
        change_set = services.start_new_record(unit=unit, acting_user=user, title=payload.title)
    else:
        raise ApiInvalid({"person": [_("Give either a person (to edit a record) or a unit (for a new record).")]})
    return Status(201, _out(change_set, user))


@router.get("/{uid}", response={200: ChangeSetOut, **READ})
def get_change_set(request: HttpRequest, uid: str) -> dict[str, Any]:
    user = api_user(request)
    return _out(visible_change_set(user, uid), user)


@router.patch("/{uid}/groups/{group_key}", response={200: ChangeSetOut, **WRITE})
def update_group(
    request: HttpRequest, uid: str, group_key: str, payload: Annotated[FieldValues, Body()]
) -> dict[str, Any]:
    """Change fields of one group of the record (e.g. `identity`, items 8–12).

    Fields left out keep their proposed value; `null` or "" empties a field.
    """
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    if group_key not in PERSON_GROUPS:
        raise Http404
    names = list(person_group_form(group_key).base_fields)
    values = _field_values(payload, names, "person")
    updated = services.update_person_group(
        change_set=change_set, group_key=group_key, data=values, acting_user=user, partial=True
    )
    updated.person, updated.unit = change_set.person, change_set.unit
    return _out(updated, user)


def _section_names(section_key: str) -> list[str]:
    if section_key not in SECTIONS:
        raise Http404
    return list(section_form(section_key).base_fields)


def _row(change_set: ChangeSet, section_key: str, row_uid: str) -> dict[str, Any] | None:
    rows = change_set.proposed.get("sections", {}).get(section_key, [])
    return next((row for row in rows if row.get("uid") == row_uid), None)


def _saved_row(
    request: HttpRequest, uid: str, section_key: str, row_uid: str | None, payload: dict[str, Any]
) -> dict[str, Any]:
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    names = _section_names(section_key)
    if row_uid is not None and _row(change_set, section_key, row_uid) is None:
        raise Http404
    data = _field_values(payload, names, f"{section_key}.{row_uid or 'new'}")
    saved_uid = services.save_section_row(
        change_set=change_set, section_key=section_key, row_uid=row_uid, data=data, acting_user=user
    )
    change_set.refresh_from_db(fields=["proposed"])
    level = permissions.change_set_clearance(user, change_set)
    rows = permissions.redact(change_set.proposed, level).get("sections", {}).get(section_key, [])
    row = next((row for row in rows if row.get("uid") == saved_uid), None)
    return {"uid": saved_uid, "section": section_key, "row": row or {}}


@router.post("/{uid}/sections/{section_key}/rows", response={201: RowOut, **WRITE})
def add_row(
    request: HttpRequest, uid: str, section_key: str, payload: Annotated[FieldValues, Body()]
) -> Status[dict[str, Any]]:
    """Add a row to a repeating section (e.g. `work_history`, item 33); answers the new row's uid."""
    return Status(201, _saved_row(request, uid, section_key, None, payload))


@router.put("/{uid}/sections/{section_key}/rows/{row_uid}", response={200: RowOut, **WRITE})
def replace_row(
    request: HttpRequest, uid: str, section_key: str, row_uid: str, payload: Annotated[FieldValues, Body()]
) -> dict[str, Any]:
    """Replace every field of a row; fields left out are emptied."""
    return _saved_row(request, uid, section_key, row_uid, payload)


@router.delete("/{uid}/sections/{section_key}/rows/{row_uid}", response={204: None, **WRITE})
def delete_row(request: HttpRequest, uid: str, section_key: str, row_uid: str) -> Status[None]:
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    _section_names(section_key)
    if _row(change_set, section_key, row_uid) is None:
        raise Http404
    services.remove_section_row(change_set=change_set, section_key=section_key, row_uid=row_uid, acting_user=user)
    return Status(204, None)


@router.get("/{uid}/diff", response={200: list[DiffPart], **READ})
def get_diff(request: HttpRequest, uid: str) -> list[dict[str, Any]]:
    """What the change set changes against its base version, part by part, with readable values."""
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    return services.diff_change_set(change_set, level=permissions.change_set_clearance(user, change_set)).as_json()


@router.post("/{uid}/apply", response={200: Applied, **WRITE})
def apply(request: HttpRequest, uid: str) -> dict[str, Any]:
    """Approve and sign the change set: it becomes the record's next version (the approval workflow's step).

    Only a change set waiting for approval, by its approver, inside the approval window, with its documents and a
    usable signing certificate (REQ-048/049/053). 403 without the right; 409 when the record changed since the
    change set was started or the change set is not waiting for approval; 422 with the reason (a message per
    field when the record has errors). Nothing is written in any of these cases. Same as
    POST /approvals/change-sets/{uid}/approve.
    """
    user = api_user(request)
    change_set = visible_change_set(user, uid)
    if not approval_permissions.can_approve(user, change_set):
        raise NotAllowed(_("You are not the approver of this change set."))
    try:
        version = approval_services.approve_one(change_set=change_set, acting_user=user)
    except SigningError as error:
        raise ApiProblem(422, error.message, type_uri=PROBLEMS + "signing") from None
    return {
        "version": version.number,
        "content_hash": version.content_hash,
        "person": version.person.uid,
        "effective_at": version.effective_at,
    }
