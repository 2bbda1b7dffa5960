"""Writes of hoso.workdays: the administrator's calendar overrides (REQ-054).

Each write runs in its own transaction with its audit entry (the calendar is one of the province's catalogs, so the
entry is CATALOG_CHANGED with `"catalog": "calendar"`), and drops the cached overrides of `hoso.workdays.calendar`.
Deadlines already computed were STORED by their callers (ChangeSet.approval_due, the approval batch): a new override
moves the windows and deadlines computed from now on, never a past stored deadline.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.core.text import clean_text
from hoso.workdays import calendar
from hoso.workdays.models import CalendarOverride
from hoso.workdays.permissions import can_edit_calendar


def _require_editor(acting_user: Any) -> None:
    if not can_edit_calendar(acting_user):
        raise PermissionDenied(_("Only the province's catalog administrators may change the calendar."))


def _detail(override: CalendarOverride) -> dict[str, Any]:
    return {
        "catalog": "calendar",
        "date": override.date.isoformat(),
        "is_working_day": override.is_working_day,
        "name": override.name,
        "decision_number": override.decision_number,
        "decision_date": override.decision_date.isoformat(),
        "decision_issuer": override.decision_issuer,
    }


def _forget_after_write() -> None:
    calendar.mark_written()
    transaction.on_commit(calendar.invalidate_cache)


def add_override(
    *,
    acting_user: Any,
    date: datetime.date,
    is_working_day: bool,
    name: str,
    decision_number: str,
    decision_date: datetime.date,
    decision_issuer: str,
) -> CalendarOverride:
    """Declare `date` a working day or a day off by an official decision (ngày làm bù, ngày nghỉ; REQ-054).

    One override a date; the decision must already be issued (its date not after today).
    """
    _require_editor(acting_user)
    errors: dict[str, list[str]] = {}
    if decision_date > timezone.localdate():
        errors["decision_date"] = [_("The decision date cannot be in the future.")]
    with transaction.atomic():
        if CalendarOverride.objects.filter(date=date).exists():
            errors["date"] = [_("This date already has an override; remove it first.")]
        if errors:
            raise ValidationError(errors)
        override = CalendarOverride(
            date=date,
            is_working_day=is_working_day,
            name=clean_text(name),
            decision_number=clean_text(decision_number),
            decision_date=decision_date,
            decision_issuer=clean_text(decision_issuer),
            created_by=acting_user,
        )
        override.full_clean()
        override.save()
        record_event(AuditAction.CATALOG_CHANGED, actor=acting_user, target=override, detail=_detail(override))
        _forget_after_write()
    return override


def remove_override(*, acting_user: Any, override: CalendarOverride) -> None:
    """Remove an override (entered by mistake, or a decision revoked): the date follows the holidays package again."""
    _require_editor(acting_user)
    with transaction.atomic():
        detail = {**_detail(override), "removed": True}
        CalendarOverride.objects.filter(pk=override.pk).delete()
        record_event(AuditAction.CATALOG_CHANGED, actor=acting_user, target=override, detail=detail)
        _forget_after_write()
