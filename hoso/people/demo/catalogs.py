"""The catalog entries the demo generator draws from, read once into dictionaries."""

from dataclasses import dataclass
from decimal import Decimal

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import AdminUnit, CatalogItem, RetirementAge, SalaryScaleStep
from hoso.people.rules import SALARY_TABLE_OF_KIND

DEMO_PROVINCE_CODE = "82"  # Đồng Tháp after 01/07/2025 (provinces_2025.csv)
RANK = "RANK"  # pseudo-kind: civil-service ranks and professional titles together
# Retirement ages before the table of tuoi_nghi_huu.csv starts (BLLĐ 2012) and after it ends.
RETIREMENT_BEFORE = (60 * 12, 55 * 12)
RETIREMENT_AFTER = (62 * 12, 60 * 12)


class CatalogsMissing(Exception):
    pass


@dataclass(frozen=True)
class SalaryGroup:
    """Coefficients of one group of a salary table, as snapshot strings, step 1 first."""

    table: str
    group: str
    coefficients: tuple[str, ...]
    years_per_step: int

    @property
    def max_step(self) -> int:
        return len(self.coefficients)

    def step_for(self, coefficient: str) -> int:
        """The lowest step paying at least `coefficient` (transfer to another rank), else the last."""
        wanted = Decimal(coefficient)
        for step, value in enumerate(self.coefficients, start=1):
            if Decimal(value) >= wanted:
                return step
        return self.max_step


class DemoCatalogs:
    """Catalog ids by code, ranks with their salary groups, retirement ages and the communes."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, int]] = {}
        self.rank_name: dict[str, str] = {}
        self.rank_kind: dict[str, str] = {}
        self.rank_group: dict[str, str] = {}
        self.job_position_levels: dict[str, tuple[int | None, int | None]] = {}
        for pk, kind, code, name, attributes in CatalogItem.objects.values_list(
            "pk", "kind", "code", "name", "attributes"
        ):
            self.ids.setdefault(kind, {})[code] = pk
            if kind in SALARY_TABLE_OF_KIND:
                self.ids.setdefault(RANK, {})[code] = pk
                self.rank_name[code] = name
                self.rank_kind[code] = kind
                self.rank_group[code] = (attributes or {}).get("salary_group") or ""
            elif kind == CatalogKind.JOB_POSITION:
                levels = [(attributes or {}).get(key) or "" for key in ("bac_min", "bac_max")]
                self.job_position_levels[code] = (
                    int(levels[0]) if levels[0].isdigit() else None,
                    int(levels[1]) if levels[1].isdigit() else None,
                )
        if not self.ids.get(CatalogKind.STAFF_KIND) or not self.rank_group:
            raise CatalogsMissing("The catalogs are not loaded: run `manage.py load_catalogs` first.")

        steps: dict[tuple[str, str], list[tuple[int, Decimal, int]]] = {}
        for row in SalaryScaleStep.objects.all():
            steps.setdefault((row.table, row.group), []).append((row.step, row.coefficient, row.years_per_step))
        self.salary_groups = {
            key: SalaryGroup(
                table=key[0],
                group=key[1],
                coefficients=tuple(
                    format(coefficient.quantize(Decimal("0.01")), "f") for _, coefficient, _ in sorted(rows)
                ),
                years_per_step=rows[0][2],
            )
            for key, rows in steps.items()
        }
        self.retirement = {
            row.year: (row.male_years * 12 + row.male_months, row.female_years * 12 + row.female_months)
            for row in RetirementAge.objects.all()
        }
        self.admin_unit_ids: dict[str, int] = dict(AdminUnit.objects.values_list("key", "pk"))
        self.former_provinces: dict[str, tuple[str, str]] = {}  # code -> (name, full name)
        self.known_prefixes: set[str] = set()
        for key, name, full_name, attributes in AdminUnit.objects.filter(key__startswith="tinh-cu:").values_list(
            "key", "name", "full_name", "attributes"
        ):
            self.former_provinces[key.split(":", 1)[1]] = (name, full_name)
            if (attributes or {}).get("cccd_prefix"):
                self.known_prefixes.add(str(attributes["cccd_prefix"]))
        self.communes: list[tuple[str, str, str]] = list(
            AdminUnit.objects.filter(key__startswith="xa:", parent__key=f"tinh:{DEMO_PROVINCE_CODE}")
            .order_by("code")
            .values_list("code", "name", "unit_type")
        )
        if not self.communes:
            raise CatalogsMissing("The communes of Đồng Tháp (province 82) are not loaded: run load_catalogs.")

    def id_of(self, kind: str, code: str) -> int:
        return self.ids[kind][code]

    def codes_for(self, kinds: list[str]) -> dict[str, int]:
        """Code -> id over several catalogs (a foreign key limited to those kinds)."""
        merged: dict[str, int] = {}
        for kind in kinds:
            merged.update(self.ids.get(kind, {}))
        return merged

    def salary_of(self, rank: str) -> SalaryGroup:
        table = SALARY_TABLE_OF_KIND[self.rank_kind[rank]]  # type: ignore[index]
        return self.salary_groups[(table, self.rank_group[rank])]

    def retirement_months(self, year: int, *, female: bool) -> int:
        """Normal retirement age, in months, of someone who reaches it in `year`."""
        if year in self.retirement:
            ages = self.retirement[year]
        elif self.retirement and year < min(self.retirement):
            ages = RETIREMENT_BEFORE
        else:
            ages = RETIREMENT_AFTER
        return ages[1] if female else ages[0]
