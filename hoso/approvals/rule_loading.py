"""Loading a province's preset of approver rules into the table (REQ-050; `manage.py load_approval_rules`)."""

import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hoso.accounts.models import User
from hoso.approvals.enums import ApproverTarget, ManagementList
from hoso.approvals.models import ApprovalRule
from hoso.approvals.presets import PRESETS
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.organisations.enums import OrgUnitKind
from hoso.organisations.models import OrgUnit


def home_affairs_unit() -> OrgUnit | None:
    """The Department of Home Affairs: HOSO_HOME_AFFAIRS_UNIT (agency code or public id), else a unit so named."""
    wanted = (settings.HOSO_HOME_AFFAIRS_UNIT or "").strip()
    units = OrgUnit.objects.all()
    if wanted:
        try:
            return units.filter(uid=uuid.UUID(wanted)).first()
        except ValueError:
            return units.filter(agency_code=wanted).first()
    today = timezone.localdate()
    current = units.filter(kind=OrgUnitKind.DEPARTMENT, name__contains="Nội vụ").filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return current.order_by("path").first()


@transaction.atomic
def load_preset(name: str, *, acting_user: User | None = None, replace: bool = True) -> int:
    """Write the preset's rules (replacing the table, or only into an empty one); returns how many were written."""
    if name not in PRESETS:
        raise ValueError(f"unknown approval rules preset {name!r}; known: {', '.join(sorted(PRESETS))}")
    if ApprovalRule.objects.exists():
        if not replace:
            return 0
        ApprovalRule.objects.all().delete()
    home_affairs = None
    for order, spec in enumerate(PRESETS[name], start=1):
        target_unit = None
        if spec["target"] == ApproverTarget.FIXED_UNIT and spec.get("fixed_unit") == "home_affairs":
            home_affairs = home_affairs or home_affairs_unit()
            target_unit = home_affairs
        ApprovalRule.objects.create(
            order=order * 10,
            name=spec["name"],
            staff_kinds=[str(code) for code in spec.get("staff_kinds", [])],
            unit_kinds=[str(kind) for kind in spec.get("unit_kinds", [])],
            management_list=str(spec.get("management_list", "")),
            target=spec["target"],
            target_unit_kinds=[str(kind) for kind in spec.get("target_unit_kinds", [])],
            target_unit=target_unit,
            basis=spec.get("basis", ""),
        )
    record_event(AuditAction.APPROVAL_RULE_CHANGED, actor=acting_user, detail={"preset": name})
    return len(PRESETS[name])


def complete_fixed_units() -> int:
    """Point the Standing Committee rules still without a unit at the Department of Home Affairs (REQ-051).

    `make migrate` loads the preset into an empty database before any unit exists; the demo (or a later run of
    `load_approval_rules --if-empty`) completes the rule once the Department is there.
    """
    home_affairs = home_affairs_unit()
    if home_affairs is None:
        return 0
    return ApprovalRule.objects.filter(
        target=ApproverTarget.FIXED_UNIT,
        target_unit__isnull=True,
        management_list=ManagementList.PROVINCIAL_STANDING_COMMITTEE,
    ).update(target_unit=home_affairs)
