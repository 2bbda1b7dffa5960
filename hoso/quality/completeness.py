"""Which items of the national form a record must fill, and how much of them one record fills.

Hoàn thiện hồ sơ (REQ-029: "check that data is complete … against the CV form or contract template that the
managing authority confirmed"). The items and what makes each one required come from the personal-history form
of TT 06/2023/TT-BNV as `docs/domain/profile_fields.md` §A lists it (column "validation": "required"; rows that
repeat count as filled with at least one row), and the labour contract of TT 05/2023/TT-BNV (§C) for contract
workers. A province adds or removes items with `HOSO_COMPLETENESS_ITEMS` (keys of `ITEMS`).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoso.people import models as people_models
from hoso.people.enums import FamilySide

# Staff kinds (loai_doi_tuong.csv) without a civil-service rank or salary-table placement of their own: contract
# workers and the part-time commune workers (NĐ 33/2023) have a contract or an allowance, not a rank (item 30.1).
NO_RANK_STAFF_KINDS = frozenset({"NGUOI_LAO_DONG", "KHONG_CHUYEN_TRACH_XA"})
CONTRACT_STAFF_KINDS = frozenset({"NGUOI_LAO_DONG"})


def _has_rank(row: Mapping[str, Any]) -> bool:
    return row.get("staff_kind__code") not in NO_RANK_STAFF_KINDS


def _is_contract_worker(row: Mapping[str, Any]) -> bool:
    return row.get("staff_kind__code") in CONTRACT_STAFF_KINDS


def _always(row: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class RequiredItem:
    """One item of the form. Filled when every field in `fields` is, or one of `any_of`, or a row of `section`."""

    key: str
    item: str  # the item number on the form ("H1", "5", "30.1", "C" for the labour contract)
    label: str | Promise
    fields: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    section: type[people_models.SectionRow] | None = None
    section_filter: tuple[tuple[str, str], ...] = ()
    applies: Callable[[Mapping[str, Any]], bool] = field(default=_always, compare=False)

    def is_filled(self, row: Mapping[str, Any]) -> bool:
        if self.section is not None:
            return bool(row.get(f"has_{self.key}"))
        if self.any_of:
            return any(_filled(row.get(name)) for name in self.any_of)
        return all(_filled(row.get(name)) for name in self.fields)


def _filled(value: Any) -> bool:
    return value not in (None, "")


# Every item hoso can require. DEFAULT_ITEMS are those the form marks "required"; the others are offered to a
# province that asks for more (HOSO_COMPLETENESS_ITEMS).
ITEMS: tuple[RequiredItem, ...] = (
    RequiredItem("H1", "H1", _("Managing agency"), fields=("managing_unit",)),
    RequiredItem("1", "1", _("Full name at birth and sex"), fields=("full_name", "gender")),
    RequiredItem("3", "3", _("Date of birth"), fields=("date_of_birth",)),
    RequiredItem("4", "4", _("Place of birth"), any_of=("birth_place", "birth_place_unit")),
    RequiredItem("5", "5", _("Home town"), any_of=("hometown_unit", "hometown_province", "hometown_commune")),
    RequiredItem("6", "6", _("Ethnicity"), fields=("ethnicity",)),
    RequiredItem("7", "7", _("Religion"), fields=("religion",)),
    RequiredItem(
        "8", "8", _("Personal identification number and issue date"), fields=("citizen_id", "citizen_id_issue_date")
    ),
    RequiredItem("9", "9", _("Social-insurance number"), fields=("social_insurance_number",)),
    RequiredItem("10", "10", _("Current residence"), any_of=("current_address", "current_address_unit")),
    RequiredItem(
        "13",
        "13",
        _("Date first recruited and recruiting body"),
        fields=("first_recruitment_date", "first_recruiting_body"),
        applies=_has_rank,
    ),
    RequiredItem("14", "14", _("Date joined the current agency"), fields=("current_agency_join_date",)),
    RequiredItem("19", "19", _("General education"), fields=("general_education",)),
    RequiredItem("20", "20", _("Highest professional qualification"), fields=("highest_qualification",)),
    RequiredItem(
        "30.1",
        "30.1",
        _("Rank or professional title, salary step, coefficient and date"),
        fields=("rank", "salary_step", "salary_coefficient", "salary_step_date"),
        applies=_has_rank,
    ),
    RequiredItem("30.3", "30.3", _("Job position"), fields=("job_position",)),
    RequiredItem("31", "31", _("Health status"), fields=("health_status",)),
    RequiredItem("32", "32", _("Education and training"), section=people_models.TrainingEntry),
    RequiredItem("33", "33", _("Career summary"), section=people_models.WorkHistoryEntry),
    RequiredItem("35.1", "35.1", _("Yearly evaluations and awards"), section=people_models.AnnualRecord),
    RequiredItem(
        "36", "36.1", _("Own family"), section=people_models.FamilyRelation, section_filter=(("side", FamilySide.OWN),)
    ),
    RequiredItem("37.1", "37.1", _("Salary history"), section=people_models.SalaryHistoryEntry, applies=_has_rank),
    RequiredItem("C", "C", _("Labour contract"), section=people_models.LabourContract, applies=_is_contract_worker),
)

# profile_fields.md §A: H1, 1, 3, 4, 5, 6, 7, 8, 10, 19, 20 are "required"; 13 and 30.1 are required of cadres,
# civil servants and public employees; 33, 36.1 and 37.1 are the form's tables every record declares; §C the contract.
DEFAULT_ITEMS = ("H1", "1", "3", "4", "5", "6", "7", "8", "10", "13", "19", "20", "30.1", "33", "36", "37.1", "C")
ITEMS_BY_KEY = {item.key: item for item in ITEMS}


@cache
def _configured(keys: tuple[str, ...]) -> tuple[RequiredItem, ...]:
    unknown = [key for key in keys if key not in ITEMS_BY_KEY]
    if unknown:
        raise ImproperlyConfigured(
            f"HOSO_COMPLETENESS_ITEMS: unknown items {', '.join(unknown)}; known: {', '.join(ITEMS_BY_KEY)}"
        )
    return tuple(ITEMS_BY_KEY[key] for key in keys)


def required_items() -> tuple[RequiredItem, ...]:
    """The items this province requires, in the order of the form."""
    return _configured(tuple(getattr(settings, "HOSO_COMPLETENESS_ITEMS", None) or DEFAULT_ITEMS))


def item_labels(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(item number, label) of stored missing-item keys, for display; keys no longer known are skipped."""
    return [(ITEMS_BY_KEY[key].item, str(ITEMS_BY_KEY[key].label)) for key in keys if key in ITEMS_BY_KEY]


def person_rows(person_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The values the required items read, one query: single fields plus one EXISTS per required section."""
    items = required_items()
    names = {"pk", "staff_kind__code"}
    for item in items:
        names.update(item.fields + item.any_of)
    sections = {
        f"has_{item.key}": Exists(
            item.section._default_manager.filter(person=OuterRef("pk"), **dict(item.section_filter))
        )
        for item in items
        if item.section is not None
    }
    return list(
        people_models.Person.objects.filter(pk__in=list(person_ids))
        .annotate(**sections)
        .values(*sorted(names), *sections)
    )


def score(row: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    """(filled, required, keys of the missing items) of one record's values."""
    applicable = [item for item in required_items() if item.applies(row)]
    missing = [item.key for item in applicable if not item.is_filled(row)]
    return len(applicable) - len(missing), len(applicable), missing
