"""The readable difference between two snapshots: old → new per field and per row of each section."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from hoso.people.display import Labeller, field_label
from hoso.people.enums import RestrictionLevel
from hoso.people.models import Person
from hoso.people.sections import LAYOUT, PersonGroup, SectionSpec


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    restriction: RestrictionLevel


@dataclass
class RowChange:
    uid: str
    change: str  # "added" | "removed" | "changed"
    summary: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class PartDiff:
    key: str
    title: str | Promise
    items: str
    is_section: bool
    fields: list[FieldChange] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)


@dataclass
class RecordDiff:
    parts: list[PartDiff]

    @property
    def is_empty(self) -> bool:
        return not self.parts

    @property
    def count(self) -> int:
        return sum(len(p.fields) + len(p.rows) for p in self.parts)

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "key": p.key,
                "title": str(p.title),
                "items": p.items,
                "fields": [f.__dict__ | {"restriction": int(f.restriction)} for f in p.fields],
                "rows": [
                    {
                        "uid": r.uid,
                        "change": r.change,
                        "summary": r.summary,
                        "fields": [f.__dict__ | {"restriction": int(f.restriction)} for f in r.fields],
                    }
                    for r in p.rows
                ],
            }
            for p in self.parts
        ]


def _row_summary(spec: SectionSpec, row: dict[str, Any], labeller: Labeller) -> str:
    parts = []
    for name in spec.field_names[:3]:
        text = labeller.display(spec.model, name, row.get(name))
        if text:
            parts.append(text)
    return " · ".join(parts)


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> RecordDiff:
    labeller = Labeller().collect(old).collect(new).resolve()
    parts: list[PartDiff] = []
    old_person, new_person = old.get("person", {}), new.get("person", {})
    for part in LAYOUT:
        if isinstance(part, PersonGroup):
            changes = [
                FieldChange(
                    spec.name,
                    field_label(Person, spec.name),
                    labeller.display(Person, spec.name, old_person.get(spec.name)),
                    labeller.display(Person, spec.name, new_person.get(spec.name)),
                    spec.restriction,
                )
                for spec in part.fields
                if (old_person.get(spec.name) or None) != (new_person.get(spec.name) or None)
            ]
            if changes:
                parts.append(PartDiff(part.key, part.title, part.items, False, fields=changes))
            continue
        old_rows = {row["uid"]: row for row in old.get("sections", {}).get(part.key, [])}
        new_rows = {row["uid"]: row for row in new.get("sections", {}).get(part.key, [])}
        rows: list[RowChange] = []
        for uid, row in new_rows.items():
            before = old_rows.get(uid)
            if before is None:
                fields = [
                    FieldChange(
                        s.name,
                        field_label(part.model, s.name),
                        "",
                        labeller.display(part.model, s.name, row.get(s.name)),
                        s.restriction,
                    )
                    for s in part.fields
                    if row.get(s.name) not in (None, "", False)
                ]
                rows.append(RowChange(uid, "added", _row_summary(part, row, labeller), fields))
                continue
            fields = [
                FieldChange(
                    s.name,
                    field_label(part.model, s.name),
                    labeller.display(part.model, s.name, before.get(s.name)),
                    labeller.display(part.model, s.name, row.get(s.name)),
                    s.restriction,
                )
                for s in part.fields
                if (before.get(s.name) or None) != (row.get(s.name) or None)
            ]
            if fields:
                rows.append(RowChange(uid, "changed", _row_summary(part, row, labeller), fields))
        for uid, row in old_rows.items():
            if uid not in new_rows:
                fields = [
                    FieldChange(
                        s.name,
                        field_label(part.model, s.name),
                        labeller.display(part.model, s.name, row.get(s.name)),
                        "",
                        s.restriction,
                    )
                    for s in part.fields
                    if row.get(s.name) not in (None, "", False)
                ]
                rows.append(RowChange(uid, "removed", _row_summary(part, row, labeller), fields))
        if rows:
            parts.append(PartDiff(part.key, part.title, part.items, True, rows=rows))
    return RecordDiff(parts)
