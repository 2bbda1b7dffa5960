"""Writes to the organisation tree: create, rename, move, merge and close units; quotas; job positions.

Every structural edit (REQ-004) runs in one transaction under the tree's advisory lock, validates
the unit with `full_clean()`, keeps `path`/`depth` in step with the `parent` links, and records an
`OrgUnitEvent` carrying the decision (quyết định) behind it. Units are end-dated, never deleted.

Validity dates are inclusive, and an event's `effective_date` is the day the decision takes
effect: closing a unit from 01/07/2025 sets `valid_to = 30/06/2025`.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat, LPad, Now, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.catalogs.models import CatalogItem
from hoso.core.locks import advisory_xact_lock
from hoso.core.text import clean_text
from hoso.organisations.enums import AdministrativeLevel, JobPositionCategory, OrgUnitKind
from hoso.organisations.models import (
    PATH_SEGMENT_WIDTH,
    JobPosition,
    JobPositionQuota,
    OrgUnit,
    OrgUnitEvent,
    StaffingQuota,
    one_day_before,
    path_segment,
)

# Who makes a change; AnonymousUser and None (scripts, migrations) are recorded as nobody.
type Actor = AbstractBaseUser | AnonymousUser | None

TREE_LOCK = "organisations.tree"
# rebuild_paths() marks the units it has not placed yet with this depth (PositiveSmallIntegerField max).
UNPLACED_DEPTH = 32767
# Fields that full_clean() must not check before the services have computed them.
DERIVED_FIELDS = {"path", "depth", "search_text"}


@dataclass(frozen=True)
class Decision:
    """The decision (quyết định) behind a change: its number, date and issuing body."""

    number: str = ""
    date: datetime.date | None = None
    issuer: str = ""


NO_DECISION = Decision()


def _lock_tree() -> None:
    advisory_xact_lock(TREE_LOCK)


def _actor_id(acting_user: Actor) -> int | None:
    if acting_user is None or not acting_user.is_authenticated:
        return None
    return int(acting_user.pk)


def _record_event(
    unit: OrgUnit,
    kind: OrgUnitEvent.Kind,
    *,
    effective_date: datetime.date,
    decision: Decision,
    acting_user: Actor,
    **changes: object,
) -> OrgUnitEvent:
    event = OrgUnitEvent(
        unit=unit,
        kind=kind,
        effective_date=effective_date,
        decision_number=clean_text(decision.number),
        decision_date=decision.date,
        decision_issuer=clean_text(decision.issuer),
        recorded_by_id=_actor_id(acting_user),
        **changes,
    )
    event.full_clean()
    event.save()
    return event


def _locked(unit: OrgUnit) -> OrgUnit:
    """The unit's current row, locked (structural edits must not work on a stale path)."""
    return OrgUnit.objects.select_for_update(of=("self",)).get(pk=unit.pk)


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _require_valid_on(unit: OrgUnit, day: datetime.date, field: str) -> None:
    if not unit.is_valid_on(day):
        message = _("The unit “%(unit)s” does not exist on that date.") % {"unit": unit.name}
        raise _field_error(field, message, "unit_not_valid")


def _require_open_subunits_handled(unit: OrgUnit, effective_date: datetime.date) -> None:
    if unit.children.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=effective_date)).exists():
        raise ValidationError(
            _("The unit still has sub-units on that date: move or close them first."), code="open_subunits"
        )


def _rewrite_subtree(unit: OrgUnit, *, old_path: str, new_path: str, depth_change: int) -> int:
    """Replace the `old_path` prefix by `new_path` in the whole subtree, in one UPDATE."""
    return OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
        updated_at=Now(),
    )


def create_unit(
    *,
    name: str,
    kind: OrgUnitKind | str,
    parent: OrgUnit | None,
    acting_user: Actor,
    short_name: str = "",
    administrative_level: AdministrativeLevel | str = AdministrativeLevel.PROVINCE,
    agency_code: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    display_order: int = 0,
    decision: Decision = NO_DECISION,
) -> OrgUnit:
    """Create a unit under `parent` (or a root when None) and record its creation (thành lập)."""
    with transaction.atomic():
        _lock_tree()
        parent = _locked(parent) if parent is not None else None
        unit = OrgUnit(
            name=clean_text(name),
            short_name=clean_text(short_name),
            kind=kind,
            administrative_level=administrative_level,
            parent=parent,
            agency_code=clean_text(agency_code).upper(),
            valid_from=valid_from,
            valid_to=valid_to,
            display_order=display_order,
            decision_number=clean_text(decision.number),
            decision_date=decision.date,
            decision_issuer=clean_text(decision.issuer),
        )
        unit.search_text = unit.build_search_text()
        unit.full_clean(exclude=DERIVED_FIELDS)
        unit.save()
        unit.path = (parent.path if parent else "") + path_segment(unit.pk)
        unit.depth = parent.depth + 1 if parent else 0
        unit.save(update_fields=["path", "depth"])
        _record_event(
            unit,
            OrgUnitEvent.Kind.CREATED,
            effective_date=valid_from or decision.date or timezone.localdate(),
            decision=decision,
            acting_user=acting_user,
            new_name=unit.name,
            new_parent=parent,
        )
    return unit


def rename_unit(
    unit: OrgUnit,
    *,
    name: str,
    effective_date: datetime.date,
    acting_user: Actor,
    short_name: str | None = None,
    decision: Decision = NO_DECISION,
) -> OrgUnit:
    """Rename a unit (đổi tên); the event keeps the former name."""
    with transaction.atomic():
        _lock_tree()
        unit = _locked(unit)
        old_name = unit.name
        unit.name = clean_text(name)
        if short_name is not None:
            unit.short_name = clean_text(short_name)
        if unit.name == old_name and short_name is None:
            raise _field_error("name", _("The new name is the same as the current one."), "same_name")
        unit.search_text = unit.build_search_text()
        unit.full_clean(exclude=DERIVED_FIELDS)
        unit.save(update_fields=["name", "short_name", "search_text", "updated_at"])
        _record_event(
            unit,
            OrgUnitEvent.Kind.RENAMED,
            effective_date=effective_date,
            decision=decision,
            acting_user=acting_user,
            old_name=old_name,
            new_name=unit.name,
        )
    return unit


def _move(
    unit: OrgUnit,
    new_parent: OrgUnit,
    *,
    effective_date: datetime.date,
    decision: Decision,
    acting_user: Actor,
) -> OrgUnit:
    """Re-parent a locked unit and rewrite its subtree's paths (the caller holds the tree lock)."""
    old_parent = unit.parent
    if old_parent is not None and old_parent.pk == new_parent.pk:
        message = _("The unit is already under “%(parent)s”.") % {"parent": new_parent.name}
        raise _field_error("parent", message, "same_parent")
    _require_valid_on(new_parent, effective_date, "parent")
    unit.parent = new_parent
    unit.full_clean(exclude=DERIVED_FIELDS)  # refuses cycles: see OrgUnit.clean()
    old_path = unit.path
    new_path = new_parent.path + path_segment(unit.pk)
    _rewrite_subtree(unit, old_path=old_path, new_path=new_path, depth_change=new_parent.depth + 1 - unit.depth)
    unit.save(update_fields=["parent", "updated_at"])
    unit.refresh_from_db(fields=["path", "depth"])
    _record_event(
        unit,
        OrgUnitEvent.Kind.MOVED,
        effective_date=effective_date,
        decision=decision,
        acting_user=acting_user,
        old_parent=old_parent,
        new_parent=new_parent,
    )
    return unit


def move_unit(
    unit: OrgUnit,
    *,
    new_parent: OrgUnit,
    effective_date: datetime.date,
    acting_user: Actor,
    decision: Decision = NO_DECISION,
) -> OrgUnit:
    """Place a unit, with its whole subtree, under another unit (chuyển về trực thuộc đơn vị khác)."""
    with transaction.atomic():
        _lock_tree()
        return _move(
            _locked(unit),
            _locked(new_parent),
            effective_date=effective_date,
            decision=decision,
            acting_user=acting_user,
        )


def merge_unit(
    unit: OrgUnit,
    *,
    into: OrgUnit,
    effective_date: datetime.date,
    acting_user: Actor,
    decision: Decision = NO_DECISION,
) -> OrgUnit:
    """Merge a unit into another (sáp nhập): it ends the day before `effective_date`.

    Its sub-units still existing on `effective_date` move under the receiving unit, each with its
    own MOVED event, so the tree stays whole. People and accounts follow in their own services.
    """
    with transaction.atomic():
        _lock_tree()
        unit, into = _locked(unit), _locked(into)
        if into.pk == unit.pk or into.path.startswith(unit.path):
            message = _("A unit cannot be merged into itself or into one of its own sub-units.")
            raise _field_error("successor", message, "merge_into_subunit")
        _require_valid_on(into, effective_date, "successor")
        for child in OrgUnit.objects.filter(parent=unit).valid_on(effective_date).order_by("path"):
            _move(child, into, effective_date=effective_date, decision=decision, acting_user=acting_user)
        _end(unit, effective_date=effective_date, successor=into)
        _record_event(
            unit,
            OrgUnitEvent.Kind.MERGED,
            effective_date=effective_date,
            decision=decision,
            acting_user=acting_user,
            successor=into,
        )
    return unit


def close_unit(
    unit: OrgUnit,
    *,
    effective_date: datetime.date,
    acting_user: Actor,
    successor: OrgUnit | None = None,
    decision: Decision = NO_DECISION,
) -> OrgUnit:
    """Dissolve a unit (giải thể) from `effective_date`; its sub-units must be moved or closed first."""
    with transaction.atomic():
        _lock_tree()
        unit = _locked(unit)
        if successor is not None:
            successor = _locked(successor)
            _require_valid_on(successor, effective_date, "successor")
        _require_open_subunits_handled(unit, effective_date)
        _end(unit, effective_date=effective_date, successor=successor)
        _record_event(
            unit,
            OrgUnitEvent.Kind.CLOSED,
            effective_date=effective_date,
            decision=decision,
            acting_user=acting_user,
            successor=successor,
        )
    return unit


def _end(unit: OrgUnit, *, effective_date: datetime.date, successor: OrgUnit | None) -> None:
    if unit.valid_to is not None and unit.valid_to < effective_date:
        raise ValidationError(_("The unit has already ended."), code="already_ended")
    unit.valid_to = one_day_before(effective_date)
    unit.successor = successor
    unit.full_clean(exclude=DERIVED_FIELDS)
    unit.save(update_fields=["valid_to", "successor", "updated_at"])


def rebuild_paths(*, batch_size: int = 500) -> int:
    """Recompute `path` and `depth` of every unit from the `parent` links, in SQL, one UPDATE per level.

    For bulk loads (the demo generator, imports): `bulk_create` the units parents first with
    `parent` set (leave `path` empty; set `search_text=unit.build_search_text()` or leave it empty
    too), then call this once, inside or outside a transaction. Units whose `search_text` is empty
    get it filled. It returns the number of units and raises ValidationError, writing nothing, if
    the parent links contain a cycle. It records no events and runs no other validation.
    """
    with transaction.atomic():
        _lock_tree()
        units = OrgUnit.objects.order_by()
        # Clear every path first: paths are unique, and a new one may equal a stale one.
        total = units.update(path="", depth=UNPLACED_DEPTH)
        own_segment = Concat(
            Case(
                When(pk__lt=10**PATH_SEGMENT_WIDTH, then=LPad(Cast("pk", CharField()), PATH_SEGMENT_WIDTH, Value("0"))),
                default=Cast("pk", CharField()),
            ),
            Value("."),
            output_field=CharField(),
        )
        parent_path = Subquery(OrgUnit.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
        placed = units.filter(parent__isnull=True).update(path=own_segment, depth=0)
        level = 0
        while placed:
            level += 1
            placed = units.filter(depth=UNPLACED_DEPTH, parent__depth=level - 1).update(
                path=Concat(parent_path, own_segment, output_field=CharField()), depth=level
            )
        if units.filter(depth=UNPLACED_DEPTH).exists():
            raise ValidationError(_("The parent links of the units contain a cycle."), code="cycle")
        unsearchable = list(units.filter(search_text="").only("pk", "name", "short_name", "agency_code"))
        for unit in unsearchable:
            unit.search_text = unit.build_search_text()
        OrgUnit.objects.bulk_update(unsearchable, ["search_text"], batch_size=batch_size)
    return total


def set_staffing_quota(
    unit: OrgUnit,
    *,
    year: int,
    acting_user: Actor,
    civil_servants: int = 0,
    public_employees: int = 0,
    contract_workers: int = 0,
    decision: Decision = NO_DECISION,
) -> StaffingQuota:
    """Set the staffing quota (biên chế) assigned to a unit for a year, replacing an earlier one."""
    with transaction.atomic():
        quota = StaffingQuota.objects.select_for_update(of=("self",)).filter(unit=unit, year=year).first()
        if quota is None:
            quota = StaffingQuota(unit=unit, year=year)
        quota.civil_servants = civil_servants
        quota.public_employees = public_employees
        quota.contract_workers = contract_workers
        quota.decision_number = clean_text(decision.number)
        quota.decision_date = decision.date
        quota.full_clean()
        quota.save()
    return quota


def create_job_position(
    *,
    unit: OrgUnit,
    code: str,
    name: str,
    category: JobPositionCategory | str,
    acting_user: Actor,
    required_rank: CatalogItem | None = None,
    national_position: CatalogItem | None = None,
    min_level: int | None = None,
    max_level: int | None = None,
    valid_from: datetime.date | None = None,
    decision: Decision = NO_DECISION,
) -> JobPosition:
    """Add an approved job position (vị trí việc làm) to a unit, with the rank or title it requires."""
    with transaction.atomic():
        unit = _locked(unit)
        if unit.is_ended(valid_from):
            raise _field_error("unit", _("A dissolved or merged unit cannot get new job positions."), "unit_ended")
        position = JobPosition(
            unit=unit,
            code=clean_text(code).upper(),
            name=clean_text(name),
            category=category,
            required_rank=required_rank,
            national_position=national_position,
            min_level=min_level,
            max_level=max_level,
            valid_from=valid_from,
            decision_number=clean_text(decision.number),
            decision_date=decision.date,
        )
        position.full_clean()
        position.save()
    return position


def set_job_position_quota(position: JobPosition, *, year: int, headcount: int, acting_user: Actor) -> JobPositionQuota:
    """Set how many people a job position provides for in a year."""
    with transaction.atomic():
        quota = (
            JobPositionQuota.objects.select_for_update(of=("self",)).filter(job_position=position, year=year).first()
        )
        if quota is None:
            quota = JobPositionQuota(job_position=position, year=year)
        quota.headcount = headcount
        quota.full_clean()
        quota.save()
    return quota
