"""Every write to a personnel record: change sets, their edits, and applying them as a new version.

A record changes only here. A change set holds the whole proposed record in snapshot form against
a base version; `apply_change_set` validates it, writes the live rows and a new immutable
`RecordVersion` in one transaction, and refuses a change set whose base is no longer current, so
no update is ever lost (REQ-032). Approval and digital signatures (REQ-042…) will sit in front of
`apply_change_set`; the approvals app calls it, not the other way round.
"""

import copy
import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.accounts.models import User
from hoso.accounts.services import follow_transfer
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.core.text import fold, name_sort_key
from hoso.organisations.models import OrgUnit
from hoso.people import permissions
from hoso.people.diff import RecordDiff, diff_snapshots
from hoso.people.enums import ChangeOrigin, ChangeSetStatus
from hoso.people.forms import RecordPartForm, person_group_form, section_form
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.rules import check_record
from hoso.people.sections import PERSON_GROUPS, SECTIONS
from hoso.people.snapshot import (
    Snapshot,
    content_hash,
    empty_snapshot,
    encode_value,
    model_field,
    serialize_people,
    serialize_person,
)

EDITABLE = {ChangeSetStatus.DRAFT, ChangeSetStatus.RETURNED}
# A draft is applied directly only by the low-level callers (test factories, the demo, imports); the web and the API
# go through hoso.approvals.services.approve, which applies FORWARDED change sets after review (REQ-045, REQ-048).
APPLICABLE = {ChangeSetStatus.DRAFT, ChangeSetStatus.SUBMITTED, ChangeSetStatus.FORWARDED, ChangeSetStatus.APPROVED}
BULK_BATCH = 1000


class RecordError(Exception):
    """A domain error whose message a user can read (Vietnamese through gettext)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RecordInvalid(RecordError):
    """Invalid data: `errors` maps a field path ("person.full_name", "work_history.<uid>.end_date",
    or "work_history.new.end_date" for a row being added) to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("The record has errors; nothing was saved."))
        self.errors = errors


class StaleChangeSet(RecordError):
    pass


class ChangeSetNotEditable(RecordError):
    pass


class NotAllowed(RecordError, PermissionDenied):
    """The acting user may not do this to this record (the access policy says no)."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def _refuse_hidden(data: dict[str, Any], hidden: Iterable[str], prefix: str) -> None:
    """Fields above the user's clearance cannot be written: sending one is refused, field by field."""
    refused = {
        f"{prefix}.{name}": [_("You may not change this item: it is above your access level.")]
        for name in hidden
        if name in data
    }
    if refused:
        raise RecordInvalid(refused)


# --- helpers ------------------------------------------------------------------------------------


def refresh_derived_fields(person: Person) -> None:
    """Search and sort columns derived from the names (never typed).

    The ID number stays out of `search_text`: it is encrypted, and found through its blind index
    (`citizen_id_index`, kept by the field itself on save).
    """
    person.search_text = " ".join(part for part in (fold(person.full_name), fold(person.other_names)) if part)[:400]
    person.name_sort_key = name_sort_key(person.full_name)[:255]


def current_snapshot(person: Person) -> Snapshot:
    version = RecordVersion.objects.filter(person=person, number=person.current_version).only("snapshot").first()
    return version.snapshot if version else serialize_person(person)


def _form_errors(form: RecordPartForm, prefix: str) -> dict[str, list[str]]:
    return {
        (f"{prefix}.{name}" if name != "__all__" else prefix): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }


def _encode_cleaned(model: type[Model], form: RecordPartForm) -> dict[str, Any]:
    return {name: encode_value(model_field(model, name), form.cleaned_data.get(name)) for name in form.fields}


def _person_form(group_key: str, data: dict[str, Any], instance: Person | None) -> RecordPartForm:
    form_class = person_group_form(group_key)
    return form_class(data=data, instance=copy.copy(instance) if instance else None)


def _changed(change_set: ChangeSet, acting_user: User, part: str) -> None:
    record_event(
        AuditAction.CHANGE_SET_CHANGED,
        actor=acting_user,
        person=change_set.person,
        unit=change_set.unit,
        target=change_set,
        detail={"part": part},
    )


def _with_values(data: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Form data (a dict or a QueryDict) with some fields set to snapshot values."""
    if hasattr(data, "lists"):
        merged: dict[str, Any] = {key: items if len(items) > 1 else items[0] for key, items in data.lists()}
    else:
        merged = dict(data)
    merged.update(values)
    return merged


def _lock_editable(change_set: ChangeSet, acting_user: User) -> ChangeSet:
    locked = ChangeSet.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=change_set.pk)
    _require(permissions.can_edit_change_set(acting_user, locked), _("Only the author of this draft can edit it."))
    if locked.status not in EDITABLE:
        raise ChangeSetNotEditable(
            _("This change set is %(status)s and can no longer be edited.") % {"status": locked.get_status_display()}
        )
    return locked


def _existing_person(change_set: ChangeSet) -> Person | None:
    return Person.objects.get(pk=change_set.person_id) if change_set.person_id else None


# --- starting and editing -------------------------------------------------------------------------


@transaction.atomic
def start_change_set(*, person: Person, acting_user: User, title: str = "") -> ChangeSet:
    """A draft against the person's current version, holding a copy of it to edit.

    The unit's officer enters changes to the records of the unit; the employee proposes changes to their own.
    """
    _require(permissions.can_start_change_set(acting_user, person), _("You may not enter changes to this record."))
    change_set = ChangeSet.objects.create(
        person=person,
        unit=person.employing_unit,
        base_version=person.current_version,
        proposed=copy.deepcopy(current_snapshot(person)),
        title=title[:200],
        created_by=acting_user,
        origin=ChangeOrigin.SELF if person.account_id == acting_user.pk else ChangeOrigin.UNIT,
    )
    record_event(AuditAction.CHANGE_SET_CREATED, actor=acting_user, person=person, target=change_set)
    return change_set


@transaction.atomic
def start_new_record(*, unit: OrgUnit, acting_user: User, title: str = "") -> ChangeSet:
    """A draft for a person who has no record yet, employed by `unit`."""
    _require(permissions.can_start_new_record(acting_user, unit), _("You may not create records in this unit."))
    proposed = empty_snapshot()
    proposed["person"]["employing_unit"] = str(unit.uid)
    proposed["person"]["managing_unit"] = str(unit.uid)
    change_set = ChangeSet.objects.create(
        person=None, unit=unit, base_version=0, proposed=proposed, title=title[:200], created_by=acting_user
    )
    record_event(AuditAction.CHANGE_SET_CREATED, actor=acting_user, unit=unit, target=change_set)
    return change_set


def update_person_group(
    *, change_set: ChangeSet, group_key: str, data: dict[str, Any], acting_user: User, partial: bool = False
) -> ChangeSet:
    """Replace the fields of one group of the form (e.g. items 8–12) in the draft.

    With `partial`, fields missing from `data` keep their proposed values (merged under the lock,
    so two partial updates at once cannot overwrite each other).
    """
    if group_key not in PERSON_GROUPS:
        raise RecordInvalid({"group": [_("Unknown part of the record.")]})
    with transaction.atomic():
        locked = _lock_editable(change_set, acting_user)
        current = locked.proposed["person"]
        names = {spec.name for spec in PERSON_GROUPS[group_key].fields}
        hidden = names & permissions.hidden_person_fields(permissions.writable_level(acting_user, locked))
        _refuse_hidden(data, hidden, "person")
        if partial:
            data = {name: current.get(name) for name in names} | dict(data.items())
        data = _with_values(data, {name: current.get(name) for name in hidden})
        form = _person_form(group_key, data, _existing_person(locked))
        if not form.is_valid():
            raise RecordInvalid(_form_errors(form, "person"))
        locked.proposed["person"].update(_encode_cleaned(Person, form))
        locked.save(update_fields=["proposed", "updated_at"])
        _changed(locked, acting_user, group_key)
    return locked


def save_section_row(
    *, change_set: ChangeSet, section_key: str, row_uid: str | None, data: dict[str, Any], acting_user: User
) -> str:
    """Add a row (row_uid None) or replace one in a repeating section of the draft; returns its uid."""
    spec = SECTIONS.get(section_key)
    if spec is None:
        raise RecordInvalid({"section": [_("Unknown part of the record.")]})
    with transaction.atomic():
        locked = _lock_editable(change_set, acting_user)
        level = permissions.writable_level(acting_user, locked)
        _require(not permissions.section_hidden(section_key, level), _("This part is above your access level."))
        rows: list[dict[str, Any]] = locked.proposed["sections"].setdefault(section_key, [])
        index = next((i for i, row in enumerate(rows) if row["uid"] == row_uid), None)
        if row_uid is not None and index is None:
            raise RecordInvalid({f"{section_key}.{row_uid}": [_("This row no longer exists in the change set.")]})
        hidden = permissions.hidden_section_fields(section_key, level)
        _refuse_hidden(data, hidden, f"{section_key}.{row_uid or 'new'}")
        if index is not None:
            data = _with_values(data, {name: rows[index].get(name) for name in hidden})
        form = section_form(section_key)(data=data)
        if not form.is_valid():
            raise RecordInvalid(_form_errors(form, f"{section_key}.{row_uid or 'new'}"))
        uid = row_uid or str(uuid.uuid4())
        row = {"uid": uid, **_encode_cleaned(spec.model, form)}
        if index is None:
            rows.append(row)
        else:
            rows[index] = row
        locked.save(update_fields=["proposed", "updated_at"])
        _changed(locked, acting_user, section_key)
    return uid


def remove_section_row(*, change_set: ChangeSet, section_key: str, row_uid: str, acting_user: User) -> None:
    with transaction.atomic():
        locked = _lock_editable(change_set, acting_user)
        level = permissions.writable_level(acting_user, locked)
        rows = locked.proposed["sections"].get(section_key, [])
        hidden = permissions.hidden_section_fields(section_key, level) if section_key in SECTIONS else frozenset()
        _require(
            not any(row.get(name) not in (None, "", False) for row in rows if row["uid"] == row_uid for name in hidden),
            _("This row holds items above your access level; it cannot be removed by you."),
        )
        kept = [row for row in rows if row["uid"] != row_uid]
        if len(kept) == len(rows):
            raise RecordInvalid({f"{section_key}.{row_uid}": [_("This row no longer exists in the change set.")]})
        locked.proposed["sections"][section_key] = kept
        locked.save(update_fields=["proposed", "updated_at"])
        _changed(locked, acting_user, section_key)


def withdraw_change_set(*, change_set: ChangeSet, acting_user: User) -> None:
    with transaction.atomic():
        locked = _lock_editable(change_set, acting_user)
        locked.status = ChangeSetStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        record_event(
            AuditAction.CHANGE_SET_WITHDRAWN, actor=acting_user, person=locked.person, unit=locked.unit, target=locked
        )


def base_snapshot(change_set: ChangeSet) -> Snapshot:
    if change_set.person_id is None:
        return empty_snapshot()
    version = RecordVersion.objects.filter(person_id=change_set.person_id, number=change_set.base_version).first()
    return version.snapshot if version else empty_snapshot()


def diff_change_set(change_set: ChangeSet, *, level: int = permissions.FULL) -> RecordDiff:
    """The difference between the base version and the draft, without the items above the reader's `level`."""
    return diff_snapshots(
        permissions.redact(base_snapshot(change_set), level), permissions.redact(change_set.proposed, level)
    )


# --- applying -----------------------------------------------------------------------------------


def _validate_for_apply(
    person: Person | None, base: Snapshot, proposed: Snapshot
) -> tuple[dict[str, list[str]], list[RecordPartForm], dict[str, dict[str, RecordPartForm]]]:
    """Run the forms of every changed part (all parts for a new record) and the cross-field rules."""
    errors: dict[str, list[str]] = {}
    group_forms: list[RecordPartForm] = []
    for key, group in PERSON_GROUPS.items():
        names = [spec.name for spec in group.fields]
        changed = person is None or any(base["person"].get(n) != proposed["person"].get(n) for n in names)
        if changed:
            form = _person_form(key, proposed["person"], person)
            if form.is_valid():
                group_forms.append(form)
            else:
                errors.update(_form_errors(form, "person"))
    row_forms: dict[str, dict[str, RecordPartForm]] = {}
    for key in SECTIONS:
        old_rows = {row["uid"]: row for row in base["sections"].get(key, [])}
        for row in proposed["sections"].get(key, []):
            if person is not None and old_rows.get(row["uid"]) == row:
                continue
            form = section_form(key)(data=row)
            if form.is_valid():
                row_forms.setdefault(key, {})[row["uid"]] = form
            else:
                errors.update(_form_errors(form, f"{key}.{row['uid']}"))
    for error in check_record(proposed):
        errors.setdefault(".".join(error.path), []).append(error.message)
    return errors, group_forms, row_forms


def _write_live_rows(
    person: Person, base: Snapshot, proposed: Snapshot, row_forms: dict[str, dict[str, RecordPartForm]]
) -> None:
    for key, spec in SECTIONS.items():
        wanted = proposed["sections"].get(key, [])
        wanted_uids = [row["uid"] for row in wanted]
        stale = [row["uid"] for row in base["sections"].get(key, []) if row["uid"] not in set(wanted_uids)]
        if stale:
            spec.model._default_manager.filter(person=person, uid__in=stale).delete()
        forms_by_uid = row_forms.get(key, {})
        existing = (
            {str(obj.uid): obj for obj in spec.model._default_manager.filter(person=person, uid__in=list(forms_by_uid))}
            if forms_by_uid
            else {}
        )
        for position, uid in enumerate(wanted_uids):
            form = forms_by_uid.get(uid)
            if form is None:
                continue
            obj = existing.get(uid) or spec.model(person=person, uid=uuid.UUID(uid))
            for name, value in form.cleaned_data.items():
                setattr(obj, name, value)
            for name, value in spec.fixed.items():
                setattr(obj, name, value)
            obj.position = position
            obj.save()
        old_order = [row["uid"] for row in base["sections"].get(key, []) if row["uid"] in set(wanted_uids)]
        if [u for u in wanted_uids if u not in forms_by_uid] != [u for u in old_order if u not in forms_by_uid]:
            for position, uid in enumerate(wanted_uids):
                spec.model._default_manager.filter(person=person, uid=uid).update(position=position)


def check_change_set(change_set: ChangeSet) -> dict[str, list[str]]:
    """The errors `apply_change_set` would refuse the change set with (field path → messages); empty when none.

    The workflow runs it when a change set is submitted, so the approver is not the first to find them.
    """
    person = Person.objects.get(pk=change_set.person_id) if change_set.person_id else None
    errors, _group_forms, _row_forms = _validate_for_apply(person, base_snapshot(change_set), change_set.proposed)
    return errors


def apply_change_set(
    *,
    change_set: ChangeSet,
    acting_user: User,
    effective_at: datetime.datetime | None = None,
    approval_checked_by_caller: bool = False,
) -> RecordVersion:
    """Turn a change set into the record's next version, atomically; refuse a stale base.

    `approval_checked_by_caller`: the approvals workflow has decided who approves by the province's rule table
    (REQ-050, which may name a unit outside the record's own, e.g. the Director of Home Affairs for REQ-051) and
    checked it under the same lock; only hoso.approvals.services.approve passes it.
    """
    with transaction.atomic():
        locked = (
            ChangeSet.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=change_set.pk)
        )
        _require(
            approval_checked_by_caller or permissions.can_apply_change_set(acting_user, locked),
            _("Only an approver of this record's unit can make the change official, and not on their own record."),
        )
        if locked.status not in APPLICABLE:
            raise ChangeSetNotEditable(
                _("This change set is %(status)s and cannot be applied.") % {"status": locked.get_status_display()}
            )
        person: Person | None = None
        if locked.person_id:
            person = Person.objects.select_for_update().get(pk=locked.person_id)
            if person.current_version != locked.base_version:
                raise StaleChangeSet(
                    _(
                        "The record was changed by version %(current)s after this change set was started from "
                        "version %(base)s. Start a new change set from the current version."
                    )
                    % {"current": person.current_version, "base": locked.base_version}
                )
        base = base_snapshot(locked)
        proposed = locked.proposed
        errors, group_forms, row_forms = _validate_for_apply(person, base, proposed)
        if errors:
            raise RecordInvalid(errors)

        target = person or Person()
        old_unit_id = person.employing_unit_id if person else None
        for form in group_forms:
            for name, value in form.cleaned_data.items():
                setattr(target, name, value)
        refresh_derived_fields(target)
        target.current_version = (person.current_version if person else 0) + 1
        try:
            with transaction.atomic():
                target.save()
        except IntegrityError:
            # Another change set created this ID number between validation and now.
            raise RecordInvalid(
                {"person.citizen_id": [_("A record with this personal identification number already exists.")]}
            ) from None
        _write_live_rows(target, base if person else empty_snapshot(), proposed, row_forms)
        account = target.account if target.account_id is not None else None
        if person is not None and account is not None and target.employing_unit_id != old_unit_id:
            follow_transfer(user=account, new_unit=target.employing_unit, acting_user=acting_user)

        snapshot = serialize_person(target)
        version = RecordVersion.objects.create(
            person=target,
            number=target.current_version,
            snapshot=snapshot,
            content_hash=content_hash(snapshot),
            effective_at=effective_at or timezone.now(),
            created_by=acting_user,
            change_set=locked,
            summary=locked.title,
        )
        locked.person = target
        locked.status = ChangeSetStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.save(update_fields=["person", "status", "applied_at", "updated_at"])
        record_event(
            AuditAction.RECORD_CHANGED if person is not None else AuditAction.RECORD_CREATED,
            actor=acting_user,
            person=target,
            unit=target.employing_unit,
            target=locked,
            detail={"version": version.number, "content_hash": version.content_hash},
        )
    return version


# --- history ------------------------------------------------------------------------------------


def record_as_of(person: Person, moment: datetime.datetime | datetime.date) -> RecordVersion | None:
    """The version in force at `moment` (a date means the end of that day, local time)."""
    if not isinstance(moment, datetime.datetime):
        moment = timezone.make_aware(datetime.datetime.combine(moment, datetime.time.max))
    return RecordVersion.objects.filter(person=person, effective_at__lte=moment).order_by("-number").first()


def create_initial_versions(
    person_ids: Iterable[int], *, acting_user: User | None = None, effective_at: datetime.datetime | None = None
) -> int:
    """Version 1 of records written in bulk (demo province, legacy import), in batches."""
    ids = list(person_ids)
    moment = effective_at or timezone.now()
    created = 0
    for start in range(0, len(ids), BULK_BATCH):
        batch = ids[start : start + BULK_BATCH]
        with transaction.atomic():
            snapshots = serialize_people(batch)
            RecordVersion.objects.bulk_create(
                [
                    RecordVersion(
                        person_id=pk,
                        number=1,
                        snapshot=snap,
                        content_hash=content_hash(snap),
                        effective_at=moment,
                        created_by=acting_user,
                        summary=_("First version"),
                    )
                    for pk, snap in snapshots.items()
                ]
            )
            Person.objects.filter(pk__in=batch).update(current_version=1)
        created += len(batch)
    return created
