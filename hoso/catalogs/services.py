"""Catalog writes: loading the official CSV files (danh mục) into the database.

`load_catalogs` upserts every CSV file of a directory by its natural key (the official code) in one
transaction. It reads the existing rows once, creates the new ones and updates only what changed,
so a second run writes nothing. It never deletes: an entry that vanished from its file is marked
inactive (every foreign key to a catalog is PROTECT anyway). The loader does not reactivate an
entry an administrator deactivated.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from hoso.catalogs.enums import AdminUnitLevel, CatalogKind
from hoso.catalogs.models import (
    COMMUNE_KEY_PREFIX,
    FORMER_PROVINCE_KEY_PREFIX,
    PROVINCE_KEY_PREFIX,
    AdminUnit,
    BaseSalary,
    CatalogItem,
    OfficialDay,
    RetirementAge,
    SalaryScaleStep,
)
from hoso.catalogs.selectors import clear_catalog_cache
from hoso.core.text import clean_text, fold

# Dates of the 2025 reorganisation (NQ 202/2025/QH15): the 34 provinces and the two-level local
# government start on 01/07/2025; the 63 former provinces end the day before.
REORGANISATION_DATE = datetime.date(2025, 7, 1)
FORMER_PROVINCES_END = datetime.date(2025, 6, 30)


class CatalogFileError(ValueError):
    """A catalog file cannot be loaded; the message names the file and the row."""


@dataclass(frozen=True)
class ItemFile:
    """How one CSV file maps onto CatalogItem rows of one kind."""

    kind: CatalogKind
    code_column: str = "code"
    name_column: str = "name_vi"
    name_en_column: str = "name_en"  # used when the file has it
    search_columns: tuple[str, ...] = ()  # extra columns folded into search_text


ITEM_FILES: dict[str, ItemFile] = {
    "ethnic_groups": ItemFile(CatalogKind.ETHNICITY, search_columns=("other_spellings",)),
    "religions": ItemFile(CatalogKind.RELIGION),
    "loai_doi_tuong": ItemFile(CatalogKind.STAFF_KIND),
    "trang_thai_cong_tac": ItemFile(CatalogKind.EMPLOYMENT_STATUS),
    "ngach_cong_chuc": ItemFile(CatalogKind.CIVIL_SERVICE_RANK),
    "chuc_danh_nghe_nghiep": ItemFile(CatalogKind.PROFESSIONAL_TITLE),
    "bac_nghe_nghiep_vien_chuc": ItemFile(CatalogKind.PROFESSIONAL_LEVEL, code_column="bac_nghe_nghiep"),
    "vi_tri_viec_lam_vien_chuc_nd232_2026": ItemFile(CatalogKind.JOB_POSITION),
    "trinh_do_pho_thong": ItemFile(CatalogKind.GENERAL_EDUCATION, name_column="display", search_columns=("name_vi",)),
    "trinh_do_chuyen_mon": ItemFile(CatalogKind.QUALIFICATION),
    "hoc_ham": ItemFile(CatalogKind.ACADEMIC_TITLE),
    "danh_hieu_nha_nuoc": ItemFile(CatalogKind.STATE_HONOUR),
    "ly_luan_chinh_tri": ItemFile(CatalogKind.POLITICAL_THEORY_LEVEL),
    "quan_ly_nha_nuoc": ItemFile(CatalogKind.STATE_MANAGEMENT_LEVEL),
    "ngoai_ngu_trinh_do": ItemFile(CatalogKind.LANGUAGE_LEVEL),
    "tin_hoc_trinh_do": ItemFile(CatalogKind.IT_LEVEL),
    "hinh_thuc_dao_tao": ItemFile(CatalogKind.TRAINING_MODE),
    "xep_loai_danh_gia": ItemFile(CatalogKind.EVALUATION_RATING),
    "khen_thuong": ItemFile(CatalogKind.AWARD),
    "hinh_thuc_ky_luat": ItemFile(CatalogKind.DISCIPLINE_FORM),
    "quan_he_gia_dinh": ItemFile(CatalogKind.FAMILY_RELATION),
    "doi_tuong_chinh_sach": ItemFile(CatalogKind.POLICY_STATUS),
    "loai_hop_dong": ItemFile(CatalogKind.CONTRACT_TYPE),
    "loai_phu_cap": ItemFile(CatalogKind.ALLOWANCE_TYPE),
    "phu_cap_chuc_vu": ItemFile(
        CatalogKind.POSITION_ALLOWANCE, name_column="position_vi", name_en_column="position_en"
    ),
    "ngay_le_quy_tac": ItemFile(CatalogKind.HOLIDAY_RULE),
}
SORT_COLUMNS = ("sort_order", "rank")
VALIDITY_COLUMNS = ("valid_from", "valid_to")

PROVINCES_FILE = "provinces_2025"
FORMER_PROVINCES_FILE = "provinces_pre2025"
COMMUNES_FILE = "communes_seed_provinces"
SALARY_SCALE_FILE = "bang_luong_nd204"
BASE_SALARY_FILE = "luong_co_so"
RETIREMENT_AGE_FILE = "tuoi_nghi_huu"
OFFICIAL_DAYS_FILE = "ngay_le_2025_2026"
ADMIN_UNIT_FILES = (PROVINCES_FILE, FORMER_PROVINCES_FILE, COMMUNES_FILE)  # load order: provinces first
OTHER_FILES = (SALARY_SCALE_FILE, BASE_SALARY_FILE, RETIREMENT_AGE_FILE, OFFICIAL_DAYS_FILE)
KNOWN_FILES = frozenset(ITEM_FILES) | frozenset(ADMIN_UNIT_FILES) | frozenset(OTHER_FILES)


@dataclass
class FileResult:
    """What loading one file did."""

    file: str
    rows: int
    created: int = 0
    updated: int = 0
    deactivated: int = 0


# --- reading --------------------------------------------------------------------------------


@dataclass
class _Row:
    file: str
    line: int
    values: dict[str, str]

    def error(self, message: str) -> CatalogFileError:
        return CatalogFileError(
            _("%(file)s, row %(row)d: %(message)s") % {"file": self.file, "row": self.line, "message": message}
        )

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def date(self, column: str) -> datetime.date | None:
        value = self.values[column]
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.error(
                _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD)") % {"column": column, "value": value}
            ) from None

    def required_date(self, column: str) -> datetime.date:
        value = self.date(column)
        if value is None:
            raise self.error(_("%(column)s is empty") % {"column": column})
        return value

    def integer(self, column: str) -> int:
        value = self.values[column]
        try:
            return int(value)
        except ValueError:
            raise self.error(
                _("%(column)s: “%(value)s” is not a whole number") % {"column": column, "value": value}
            ) from None

    def decimal(self, column: str) -> Decimal:
        value = self.values[column]
        try:
            return Decimal(value)
        except InvalidOperation:
            raise self.error(
                _("%(column)s: “%(value)s” is not a decimal number") % {"column": column, "value": value}
            ) from None


@dataclass
class _File:
    name: str  # file name, for messages
    columns: list[str]
    rows: list[_Row] = field(default_factory=list)


def _read_file(path: Path, required: Iterable[str]) -> _File:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [clean_text(column) for column in (reader.fieldnames or [])]
        reader.fieldnames = columns
        missing = [column for column in required if column not in columns]
        if missing:
            raise CatalogFileError(
                _("%(file)s: missing required column(s): %(columns)s")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        result = _File(name=path.name, columns=columns)
        for record in reader:
            if None in record:
                raise CatalogFileError(
                    _("%(file)s, row %(row)d: more fields than the header has columns")
                    % {"file": path.name, "row": reader.line_num}
                )
            values = {column: clean_text(value) for column, value in record.items()}
            if not any(values.values()):
                continue  # a blank line
            result.rows.append(_Row(file=path.name, line=reader.line_num, values=values))
    return result


def _unique(rows: Iterable[_Row], key: Callable[[_Row], Any], label: str) -> Iterator[tuple[Any, _Row]]:
    """Yield (key, row), refusing an empty or duplicate key."""
    seen: dict[Any, int] = {}
    for row in rows:
        value = key(row)
        if value in (None, ""):
            raise row.error(_("%(column)s is empty") % {"column": label})
        if value in seen:
            raise row.error(
                _("duplicate %(column)s “%(value)s” (first in row %(first)d)")
                % {"column": label, "value": value, "first": seen[value]}
            )
        seen[value] = row.line
        yield value, row


def _check_lengths(row: _Row, model: type[models.Model], values: dict[str, Any]) -> None:
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        model_field = model._meta.get_field(name)
        max_length = getattr(model_field, "max_length", None)
        if max_length and len(value) > max_length:
            raise row.error(_("%(field)s is longer than %(max)d characters") % {"field": name, "max": max_length})


# --- writing --------------------------------------------------------------------------------


def _upsert[K](
    *,
    model: type[models.Model],
    existing: dict[K, Any],
    desired: dict[K, dict[str, Any]],
    defaults: dict[str, Any] | None = None,
    result: FileResult,
) -> None:
    """Create the missing rows and update the changed ones; `existing` is updated with the new rows."""
    to_create: list[Any] = []
    to_update: list[Any] = []
    update_fields: set[str] = set()
    for key, values in desired.items():
        instance = existing.get(key)
        if instance is None:
            instance = model(**(defaults or {}), **values)
            to_create.append(instance)
            existing[key] = instance
            continue
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            update_fields.update(changed)
            to_update.append(instance)
    if to_create:
        model._default_manager.bulk_create(to_create)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(update_fields))
    result.created += len(to_create)
    result.updated += len(to_update)


def _deactivate(model: type[models.Model], instances: Iterable[Any], result: FileResult) -> None:
    ids = [instance.pk for instance in instances if instance.is_active]
    if ids:
        model._default_manager.filter(pk__in=ids).update(is_active=False)
        for instance in instances:
            instance.is_active = False
    result.deactivated += len(ids)


def catalog_item_search_text(*, code: str, name: str, extra: Iterable[str] = ()) -> str:
    """The folded text the searchable selects match against (code, name and alternative spellings)."""
    return fold(" ".join(part for part in (code, name, *extra) if part))[:400]


def search_text_for_item(item: CatalogItem) -> str:
    """search_text for an entry edited by hand, with the same extra columns as the loader."""
    spec = next((spec for spec in ITEM_FILES.values() if spec.kind == item.kind), None)
    extra = [str(item.attributes.get(column, "")) for column in spec.search_columns] if spec else []
    return catalog_item_search_text(code=item.code, name=item.name, extra=extra)


def admin_unit_search_text(*, code: str, name: str, full_name: str) -> str:
    return fold(" ".join(part for part in (code, name, full_name) if part))[:300]


def _load_items(data: _File, spec: ItemFile, existing: dict[tuple[str, str], CatalogItem]) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    sort_column = next((column for column in SORT_COLUMNS if column in data.columns), None)
    has_name_en = spec.name_en_column in data.columns
    used = {spec.code_column, spec.name_column, spec.name_en_column, sort_column, *VALIDITY_COLUMNS}
    desired: dict[tuple[str, str], dict[str, Any]] = {}
    for position, (code, row) in enumerate(_unique(data.rows, lambda row: row[spec.code_column], spec.code_column), 1):
        name = row[spec.name_column]
        if not name:
            raise row.error(_("%(column)s is empty") % {"column": spec.name_column})
        values: dict[str, Any] = {
            "kind": spec.kind.value,
            "code": code,
            "name": name,
            "sort_order": row.integer(sort_column) if sort_column and row[sort_column] else position,
            "attributes": {column: value for column, value in row.values.items() if column not in used},
            "search_text": catalog_item_search_text(
                code=code, name=name, extra=[row.get(column) for column in spec.search_columns]
            ),
        }
        if has_name_en:
            values["name_en"] = row[spec.name_en_column]
        for column in VALIDITY_COLUMNS:
            if column in data.columns:
                values[column] = row.date(column)
        _check_lengths(row, CatalogItem, values)
        desired[(spec.kind.value, code)] = values
    _upsert(model=CatalogItem, existing=existing, desired=desired, defaults={"is_active": True}, result=result)
    vanished = [item for key, item in existing.items() if key[0] == spec.kind.value and key not in desired]
    _deactivate(CatalogItem, vanished, result)
    return result


def _load_admin_units(data: _File, file_key: str, existing: dict[str, AdminUnit]) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    ids = {key: unit.pk for key, unit in existing.items()}

    def unit_id(row: _Row, key: str) -> int:
        if key not in ids:
            raise row.error(_("unknown administrative unit “%(key)s”") % {"key": key})
        return ids[key]

    used = {"code", "name_vi", "full_name_vi", "unit_type"}
    if file_key == PROVINCES_FILE:
        prefix, level = PROVINCE_KEY_PREFIX, AdminUnitLevel.PROVINCE
    elif file_key == FORMER_PROVINCES_FILE:
        prefix, level = FORMER_PROVINCE_KEY_PREFIX, AdminUnitLevel.PROVINCE
    else:
        prefix, level = COMMUNE_KEY_PREFIX, AdminUnitLevel.COMMUNE
    desired: dict[str, dict[str, Any]] = {}
    for code, row in _unique(data.rows, lambda row: row["code"], "code"):
        values: dict[str, Any] = {
            "key": prefix + code,
            "code": code,
            "level": level.value,
            "name": row["name_vi"],
            "full_name": row["full_name_vi"] or row["name_vi"],
            "unit_type": row.get("unit_type"),
            "attributes": {column: value for column, value in row.values.items() if column not in used},
            "search_text": admin_unit_search_text(code=code, name=row["name_vi"], full_name=row["full_name_vi"]),
            "valid_from": REORGANISATION_DATE,
            "valid_to": None,
            "parent_id": None,
            "successor_id": None,
        }
        if file_key == FORMER_PROVINCES_FILE:
            values["valid_from"] = None
            values["valid_to"] = FORMER_PROVINCES_END
            if row["successor_code_2025"]:
                values["successor_id"] = unit_id(row, PROVINCE_KEY_PREFIX + row["successor_code_2025"])
        elif file_key == COMMUNES_FILE:
            values["parent_id"] = unit_id(row, PROVINCE_KEY_PREFIX + row["province_code"])
        if not values["name"]:
            raise row.error(_("%(column)s is empty") % {"column": "name_vi"})
        _check_lengths(row, AdminUnit, values)
        desired[values["key"]] = values
    _upsert(model=AdminUnit, existing=existing, desired=desired, defaults={"is_active": True}, result=result)
    vanished = [unit for key, unit in existing.items() if key.startswith(prefix) and key not in desired]
    _deactivate(AdminUnit, vanished, result)
    return result


def _load_salary_scale(data: _File) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    existing = {(step.table, step.group, step.step): step for step in SalaryScaleStep.objects.all()}
    desired: dict[tuple[str, str, int], dict[str, Any]] = {}
    for key, row in _unique(
        data.rows, lambda row: (row["salary_table"], row["group"], row.integer("bac")), "salary_table, group, bac"
    ):
        values = {
            "table": key[0],
            "group": key[1],
            "step": key[2],
            "coefficient": row.decimal("he_so"),
            "years_per_step": row.integer("years_per_step"),
            "max_step": row.integer("max_bac"),
            "description": row.get("description"),
        }
        _check_lengths(row, SalaryScaleStep, values)
        desired[key] = values
    _upsert(model=SalaryScaleStep, existing=existing, desired=desired, result=result)
    return result


def _load_base_salaries(data: _File) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    existing = {salary.effective_from: salary for salary in BaseSalary.objects.all()}
    desired: dict[datetime.date, dict[str, Any]] = {}
    for effective_from, row in _unique(data.rows, lambda row: row.required_date("effective_from"), "effective_from"):
        values = {
            "effective_from": effective_from,
            "amount_vnd": row.integer("amount_vnd_per_month"),
            "legal_basis": row.get("legal_basis"),
        }
        _check_lengths(row, BaseSalary, values)
        desired[effective_from] = values
    _upsert(model=BaseSalary, existing=existing, desired=desired, result=result)
    return result


def _load_retirement_ages(data: _File) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    existing = {age.year: age for age in RetirementAge.objects.all()}
    desired: dict[int, dict[str, Any]] = {}
    for year, row in _unique(data.rows, lambda row: row.integer("year_reaching_age"), "year_reaching_age"):
        desired[year] = {
            "year": year,
            "male_years": row.integer("male_years"),
            "male_months": row.integer("male_months"),
            "female_years": row.integer("female_years"),
            "female_months": row.integer("female_months"),
        }
    _upsert(model=RetirementAge, existing=existing, desired=desired, result=result)
    return result


def _load_official_days(data: _File) -> FileResult:
    result = FileResult(file=data.name, rows=len(data.rows))
    existing = {day.date: day for day in OfficialDay.objects.all()}
    desired: dict[datetime.date, dict[str, Any]] = {}
    for date, row in _unique(data.rows, lambda row: row.required_date("date"), "date"):
        values = {
            "date": date,
            "day_type": row["day_type"],
            "rule_code": row.get("rule_code"),
            "name": row["name_vi"],
            "notes": row.get("notes"),
        }
        _check_lengths(row, OfficialDay, values)
        desired[date] = values
    _upsert(model=OfficialDay, existing=existing, desired=desired, result=result)
    return result


REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    **{name: (spec.code_column, spec.name_column) for name, spec in ITEM_FILES.items()},
    PROVINCES_FILE: ("code", "name_vi", "full_name_vi"),
    FORMER_PROVINCES_FILE: ("code", "name_vi", "full_name_vi", "cccd_prefix", "successor_code_2025"),
    COMMUNES_FILE: ("code", "name_vi", "full_name_vi", "province_code"),
    SALARY_SCALE_FILE: ("salary_table", "group", "bac", "he_so", "years_per_step", "max_bac"),
    BASE_SALARY_FILE: ("effective_from", "amount_vnd_per_month"),
    RETIREMENT_AGE_FILE: ("year_reaching_age", "male_years", "male_months", "female_years", "female_months"),
    OFFICIAL_DAYS_FILE: ("date", "day_type", "name_vi"),
}


def load_catalogs(*, directory: Path) -> list[FileResult]:
    """Upsert every catalog CSV file of `directory` in one transaction; return what each file did.

    Raises CatalogFileError (and writes nothing) when a file is unknown, misses a required
    column, has a duplicate or empty code or an unreadable value.
    """
    if not directory.is_dir():
        raise CatalogFileError(_("The catalog directory does not exist: %(path)s") % {"path": directory})
    paths = {path.stem: path for path in sorted(directory.glob("*.csv"))}
    unknown = sorted(name for name in paths if name not in KNOWN_FILES)
    if unknown:
        raise CatalogFileError(
            _("No loader knows these files: %(files)s") % {"files": ", ".join(f"{name}.csv" for name in unknown)}
        )
    files = {name: _read_file(path, REQUIRED_COLUMNS[name]) for name, path in paths.items()}

    results: list[FileResult] = []
    with transaction.atomic():
        items = {(item.kind, item.code): item for item in CatalogItem.objects.all()}
        for name, spec in ITEM_FILES.items():
            if name in files:
                results.append(_load_items(files[name], spec, items))
        units = {unit.key: unit for unit in AdminUnit.objects.all()}
        for name in ADMIN_UNIT_FILES:
            if name in files:
                results.append(_load_admin_units(files[name], name, units))
        loaders: dict[str, Callable[[_File], FileResult]] = {
            SALARY_SCALE_FILE: _load_salary_scale,
            BASE_SALARY_FILE: _load_base_salaries,
            RETIREMENT_AGE_FILE: _load_retirement_ages,
            OFFICIAL_DAYS_FILE: _load_official_days,
        }
        for name, loader in loaders.items():
            if name in files:
                results.append(loader(files[name]))
        transaction.on_commit(clear_catalog_cache)
    clear_catalog_cache()
    return results
