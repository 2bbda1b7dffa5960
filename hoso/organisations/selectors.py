"""Reads of the organisation tree: subtrees, ancestors, the nested tree and a unit's details.

Every function issues a fixed number of queries, whatever the size of the tree.
"""

import datetime
from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from hoso.core.text import collation_key, fold
from hoso.organisations.models import (
    JobPosition,
    OrgUnit,
    OrgUnitEvent,
    OrgUnitQuerySet,
    StaffingQuota,
    path_ids,
    valid_on_q,
)


def units_visible_to(user: AbstractBaseUser | AnonymousUser) -> OrgUnitQuerySet:
    """The units a user may see, as the access policy says; views, the tree and the unit page load units here.

    The policy lives in `accounts` (a later app, which builds on this one), hence the import inside the function.
    """
    from hoso.accounts.policy import visible_units

    return cast(OrgUnitQuerySet, visible_units(user))


def subtree(unit: OrgUnit, *, include_self: bool = True, on: datetime.date | None = None) -> OrgUnitQuerySet:
    """The unit and everything below it (or only below it), optionally only units existing `on` a day."""
    units = OrgUnit.objects.filter(path__startswith=unit.path)
    if not include_self:
        units = units.exclude(pk=unit.pk)
    if on is not None:
        units = units.valid_on(on)
    return units


def ancestors(unit: OrgUnit) -> OrgUnitQuerySet:
    """The units above `unit`, root first, read from its path in one query."""
    return OrgUnit.objects.filter(pk__in=path_ids(unit.path)[:-1]).order_by("depth")


def sibling_order(unit: OrgUnit) -> tuple[int, str]:
    """Display order, then the Vietnamese alphabetical order of the name."""
    return (unit.display_order, collation_key(unit.name))


@dataclass(slots=True)
class TreeNode:
    unit: OrgUnit
    children: list["TreeNode"] = field(default_factory=list)

    @property
    def size(self) -> int:
        """How many units this node shows, itself included."""
        return 1 + sum(child.size for child in self.children)


def unit_tree(
    root: OrgUnit | None = None,
    on: datetime.date | None = None,
    *,
    units: QuerySet[OrgUnit] | None = None,
    search: str = "",
) -> list[TreeNode]:
    """The tree as nested nodes, built from one query; siblings in display then alphabetical order.

    `root` limits it to a subtree, `on` to the units existing that day, `units` to a queryset (the
    units a user may see; a unit whose parent is not in it becomes a top-level node). `search`
    keeps the units whose name, short name or agency code contain every word of it, diacritics and
    case ignored, with their ancestors for context.
    """
    queryset = OrgUnit.objects.all() if units is None else units
    if root is not None:
        queryset = queryset.filter(path__startswith=root.path)
    if on is not None:
        queryset = queryset.filter(valid_on_q(on))
    rows = list(queryset.order_by())

    words = fold(search).split()
    if words:
        kept: set[int] = set()
        for row in rows:
            if all(word in row.search_text for word in words):
                kept.update(path_ids(row.path))
        rows = [row for row in rows if row.pk in kept]

    nodes = {row.pk: TreeNode(row) for row in rows}
    roots: list[TreeNode] = []
    for row in sorted(rows, key=sibling_order):
        parent = nodes.get(row.parent_id) if row.parent_id is not None else None
        (parent.children if parent is not None else roots).append(nodes[row.pk])
    return roots


def children_of(unit: OrgUnit) -> list[OrgUnit]:
    """The direct sub-units, those still existing first, in display then alphabetical order."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by())
    return sorted(children, key=lambda child: (child.valid_to is not None, *sibling_order(child)))


@dataclass(frozen=True, slots=True)
class UnitDetail:
    """Everything the unit page shows, each part read in one query."""

    unit: OrgUnit
    ancestors: list[OrgUnit]
    children: list[OrgUnit]
    predecessors: list[OrgUnit]
    staffing_quotas: list[StaffingQuota]
    job_positions: list[JobPosition]
    events: list[OrgUnitEvent]


def unit_detail(unit: OrgUnit) -> UnitDetail:
    return UnitDetail(
        unit=unit,
        ancestors=list(ancestors(unit)),
        children=children_of(unit),
        predecessors=sorted(unit.predecessors.all(), key=sibling_order),
        staffing_quotas=list(unit.staffing_quotas.order_by("-year")),
        job_positions=list(unit.job_positions.select_related("required_rank", "national_position").order_by("code")),
        events=list(
            unit.events.select_related("old_parent", "new_parent", "successor", "recorded_by").order_by(
                "-effective_date", "-id"
            )
        ),
    )


def count_nodes(nodes: list[TreeNode]) -> int:
    return sum(node.size for node in nodes)
