"""Human-readable values of a snapshot: catalog names, unit names, dd/mm/yyyy dates, choice labels.

Resolving names costs one query per kind of related object, however many fields and rows.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hoso.catalogs.models import CatalogItem
from hoso.people.models import Person
from hoso.people.sections import SECTIONS
from hoso.people.snapshot import NATURAL_KEYS, model_field


def field_label(model: type[models.Model], name: str) -> str:
    return str(capfirst(model_field(model, name).verbose_name))


class Labeller:
    """Collect the related keys of one or more snapshots, then format any value with no more queries."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        self.names: dict[type[models.Model], dict[str, str]] = {}

    def collect(self, snapshot: dict[str, Any]) -> "Labeller":
        for name, value in snapshot.get("person", {}).items():
            self._want(Person, name, value)
        for key, rows in snapshot.get("sections", {}).items():
            model = SECTIONS[key].model
            for row in rows:
                for name, value in row.items():
                    if name != "uid":
                        self._want(model, name, value)
        return self

    def _want(self, model: type[models.Model], name: str, value: Any) -> None:
        if value in (None, ""):
            return
        field = model_field(model, name)
        if field.is_relation:
            self.wanted[field.related_model].add(str(value))  # type: ignore[index]

    def resolve(self) -> "Labeller":
        for target, keys in self.wanted.items():
            key = NATURAL_KEYS[target]
            if target is CatalogItem:  # codes repeat across catalogs: "01" is Kinh and Phật giáo
                self.names[target] = {
                    f"{kind}:{code}": name
                    for kind, code, name in CatalogItem.objects.filter(code__in=keys).values_list(
                        "kind", "code", "name"
                    )
                }
                continue
            label = "full_name" if hasattr(target, "full_name") and key == "key" else "name"
            self.names[target] = {
                str(natural): str(name)
                for natural, name in target._default_manager.filter(**{f"{key}__in": keys}).values_list(key, label)
            }
        return self

    def display(self, model: type[models.Model], name: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        field = model_field(model, name)
        if field.is_relation:
            names = self.names.get(field.related_model, {})  # type: ignore[arg-type]
            if field.related_model is CatalogItem:
                limit = cast(models.ForeignKey, field).get_limit_choices_to()  # type: ignore[type-arg]
                for kind in limit.get("kind__in", []):  # type: ignore[union-attr]
                    if f"{kind}:{value}" in names:
                        return names[f"{kind}:{value}"]
                return str(value)
            return names.get(str(value), str(value))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return _("Yes") if value else _("No")
        if isinstance(field, models.DateField):
            day = datetime.date.fromisoformat(value)
            if name in {"start_date", "end_date"} and day.day == 1:
                return day.strftime("%m/%Y")
            return day.strftime("%d/%m/%Y")
        if isinstance(field, models.DecimalField):
            return format(Decimal(value), "f").replace(".", ",")
        if isinstance(field, models.PositiveIntegerField | models.PositiveBigIntegerField) and name.endswith(
            ("amount", "amount_vnd", "income")
        ):
            return f"{int(value):,}".replace(",", ".")
        return str(value)
