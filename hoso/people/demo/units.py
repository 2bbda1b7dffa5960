"""The demo province's unit tree: planned in memory (deterministic), then bulk-created.

`plan_units` decides which units exist for a number of people, about one unit per 330 people
with at least 25: the provincial People's Committee, departments with their internal sections,
sub-departments, centres and public service units (schools, hospitals), commune People's
Committees (the 2025 communes of Đồng Tháp), associations and a few district committees that
ended on 30/06/2025. `create_units` writes them with `bulk_create` and `rebuild_paths`, then the
staffing quotas, job positions and the units' creation and merger events.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.db import transaction

from hoso.organisations.enums import AdministrativeLevel, JobPositionCategory, OrgUnitKind
from hoso.organisations.models import JobPosition, JobPositionQuota, OrgUnit, OrgUnitEvent, StaffingQuota
from hoso.organisations.services import rebuild_paths
from hoso.people.demo import data
from hoso.people.demo.catalogs import DemoCatalogs
from hoso.people.demo.profiles import LADDERS, LEADERS, LEADERS_BY_PROFILE, PROFILES, SECTION_HEADS_OF_OFFICES, Leader

PEOPLE_PER_UNIT = 1000 / 3  # about 300 units for 100,000 people
MIN_UNITS = 25
REORGANISED_ON = datetime.date(2025, 7, 1)  # two-tier local government; Tiền Giang merged into Đồng Tháp
DEPARTMENTS_MERGED_ON = datetime.date(2025, 3, 1)  # departments merged under NQ 18-NQ/TW (2025)
DISTRICTS_ENDED_ON = datetime.date(2025, 6, 30)
PROVINCE_AGENCY_CODE = "H20"
ROOT_NAME = "Ủy ban nhân dân tỉnh Đồng Tháp"
ROOT_AGENCY_CODE = f"000.00.00.{PROVINCE_AGENCY_CODE}"
PROVINCE_ISSUER = "Ủy ban nhân dân tỉnh Đồng Tháp"

# Departments created or renamed by the 2025 mergers, with the former names their staff worked under.
PREDECESSORS: dict[str, tuple[str, ...]] = {
    "Sở Nội vụ": ("Sở Lao động - Thương binh và Xã hội",),
    "Sở Tài chính": ("Sở Kế hoạch và Đầu tư",),
    "Sở Nông nghiệp và Môi trường": ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"),
    "Sở Xây dựng": ("Sở Giao thông vận tải",),
    "Sở Khoa học và Công nghệ": ("Sở Thông tin và Truyền thông",),
    "Sở Dân tộc và Tôn giáo": ("Ban Dân tộc tỉnh",),
}
LEADERS_BY_NAME: dict[str, tuple[Leader, ...]] = {
    "Văn phòng Ủy ban nhân dân tỉnh": (
        ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "0.90", 2),
        ("Phó Chánh Văn phòng Ủy ban nhân dân tỉnh", "0.70", 1),
    ),
    "Thanh tra tỉnh": (("Chánh Thanh tra tỉnh", "0.90", 2), ("Phó Chánh Thanh tra tỉnh", "0.70", 1)),
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh": (
        ("Chánh Văn phòng", "0.90", 2),
        ("Phó Chánh Văn phòng", "0.70", 1),
    ),
    "Ban Quản lý Khu kinh tế": (("Trưởng ban", "0.90", 2), ("Phó Trưởng ban", "0.70", 1)),
    "Ban Thi đua - Khen thưởng": (("Trưởng ban", "0.70", 1), ("Phó Trưởng ban", "0.50", 1)),
    "Văn phòng": SECTION_HEADS_OF_OFFICES,
}

# Shares of each category in a tree of 300 units, the minimum of each, and people per unit.
CATEGORY_SHARES: dict[str, float] = {
    "department": 15,
    "section": 58,
    "subordinate": 30,
    "hospital": 12,
    "medical_centre": 13,
    "high_school": 40,
    "education": 4,
    "province_service": 3,
    "association": 4,
    "district": 6,
    "commune": 102,
    "commune_school": 12,
}
CATEGORY_MINIMUMS: dict[str, int] = {
    "department": 8,
    "section": 2,
    "subordinate": 1,
    "hospital": 2,
    "medical_centre": 0,
    "high_school": 1,
    "education": 0,
    "province_service": 0,
    "association": 1,
    "district": 2,
    "commune": 4,
    "commune_school": 1,
}
# Where units are added (or removed) when the shares do not add up to the target.
ADJUST_ORDER = ("commune", "high_school", "commune_school", "medical_centre", "section", "subordinate")


def unit_count_for(people: int) -> int:
    """The size of the tree for a number of people: about 300 units for 100,000 people."""
    return max(MIN_UNITS, round(people / PEOPLE_PER_UNIT))


@dataclass
class PlannedUnit:
    """A unit of the demo tree before (and after) it is written."""

    index: int
    name: str
    kind: str
    profile: str  # key of PROFILES; "" for units nobody is currently employed in
    parent: int | None
    weight: float  # relative number of people employed
    label: str  # how a work-history row names it
    commune: int  # index of the commune it sits in (addresses)
    short_name: str = ""
    level: str = AdministrativeLevel.PROVINCE
    agency_code: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    successor: int | None = None
    predecessors: tuple[str, ...] = ()  # earlier names of the agency (text, for work history)
    predecessor_unit: int | None = None  # an ended unit of the tree whose staff it took over
    district: int | None = None  # index in data.DISTRICTS (communes and their schools)
    leaders: tuple[Leader, ...] = ()
    managing: int = 0  # index of the unit with personnel authority (H1)
    ranks: tuple[str, ...] = ()  # ranks its job positions require
    uid: str = ""
    pk: int = 0
    job_positions: dict[str, tuple[str, str]] = field(default_factory=dict)  # rank or title -> (uid, name)

    @property
    def issuer(self) -> str:
        """Who signs decisions about its staff."""
        if self.kind in (OrgUnitKind.COMMUNE_COMMITTEE, OrgUnitKind.DISTRICT_COMMITTEE):
            return self.name
        return PROVINCE_ISSUER


@dataclass
class UnitPlan:
    units: list[PlannedUnit]
    communes: list[tuple[str, str, str]]  # (GSO code, name, unit type) of the province's communes
    commune_district: dict[int, int]  # commune index -> index in data.DISTRICTS

    def by_name(self, name: str) -> PlannedUnit:
        return next(unit for unit in self.units if unit.name == name)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _category_counts(target: int, pools: dict[str, int]) -> dict[str, int]:
    """How many units of each category, summing to `target` when the pools allow it."""
    total_share = sum(CATEGORY_SHARES.values()) + 1
    counts = {
        category: min(pools[category], max(CATEGORY_MINIMUMS[category], round(share * target / total_share)))
        for category, share in CATEGORY_SHARES.items()
    }
    diff = target - 1 - sum(counts.values())
    while diff:
        step = 1 if diff > 0 else -1
        for category in ADJUST_ORDER:
            allowed = pools[category] if step > 0 else CATEGORY_MINIMUMS[category]
            if (step > 0 and counts[category] < allowed) or (step < 0 and counts[category] > allowed):
                counts[category] += step
                diff -= step
                break
        else:
            break  # every pool is full (or at its minimum)
    return counts


def plan_units(people: int, rng: random.Random, communes: list[tuple[str, str, str]], *, units: int = 0) -> UnitPlan:
    """Decide the tree for `people` people (or exactly `units` units when the pools allow)."""
    target = units or unit_count_for(people)
    commune_index = {name: i for i, (_, name, _) in enumerate(communes)}
    commune_district: dict[int, int] = {}
    for d, (_, _, _, names) in enumerate(data.DISTRICTS):
        for name in names:
            if name in commune_index:
                commune_district[commune_index[name]] = d
    seat = commune_index.get("Mỹ Tho", 0)  # the provincial seat since 01/07/2025

    plan: list[PlannedUnit] = []
    root = PlannedUnit(
        index=0,
        uid=_uid(rng),
        name=ROOT_NAME,
        kind=OrgUnitKind.PROVINCIAL_COMMITTEE,
        profile="admin",
        parent=None,
        weight=0.02,
        label=ROOT_NAME,
        commune=seat,
        short_name="UBND tỉnh",
        agency_code=ROOT_AGENCY_CODE,
        leaders=LEADERS["PROVINCIAL_COMMITTEE"],
    )
    plan.append(root)

    # Pools, in the order units are taken from them.
    departments = list(data.DEPARTMENTS)
    n_departments = min(len(departments), max(CATEGORY_MINIMUMS["department"], round(15 * target / 300)))
    chosen_departments = departments[:n_departments]
    section_pool = [
        (d, name)
        for depth in range(max(len(dept[4]) for dept in chosen_departments))
        for d, dept in enumerate(chosen_departments)
        if depth < len(dept[4])
        for name in (dept[4][depth],)
    ]
    subordinate_pool = [
        (d, sub)
        for depth in range(max(len(dept[5]) for dept in chosen_departments))
        for d, dept in enumerate(chosen_departments)
        if depth < len(dept[5])
        for sub in (dept[5][depth],)
    ]
    commune_order = list(range(len(communes)))
    rng.shuffle(commune_order)
    commune_order.sort(key=lambda c: c not in commune_district)  # communes of a known district first
    district_order = sorted(
        {commune_district[c] for c in commune_order if c in commune_district},
        key=lambda d: [commune_order.index(c) for c in commune_order if commune_district.get(c) == d][0],
    )
    pools = {
        "department": n_departments,
        "section": len(section_pool),
        "subordinate": len(subordinate_pool),
        "hospital": len(data.HOSPITALS),
        "medical_centre": len(data.DISTRICTS),
        "high_school": len(data.HIGH_SCHOOL_NAMES),
        "education": len(data.EDUCATION_UNITS),
        "province_service": len(data.PROVINCE_SERVICE_UNITS),
        "association": len(data.ASSOCIATIONS),
        "district": len(district_order),
        "commune": len(communes),
        "commune_school": 3 * len(communes),
    }
    counts = _category_counts(target, pools)
    counts["department"] = n_departments
    counts["commune_school"] = min(counts["commune_school"], 3 * counts["commune"])

    # Departments and what is under them. Codes: 000.00.BB.H20, then 000.CC.BB.H20.
    department_units: list[PlannedUnit] = []
    child_numbers: dict[int, int] = {}

    def child_code(parent: PlannedUnit) -> str:
        child_numbers[parent.index] = child_numbers.get(parent.index, 0) + 1
        level_2 = parent.agency_code.split(".")[2]
        return f"000.{child_numbers[parent.index]:02d}.{level_2}.{PROVINCE_AGENCY_CODE}"

    for number, (name, short, kind, profile, _, _) in enumerate(chosen_departments, start=1):
        merged = name in PREDECESSORS
        unit = PlannedUnit(
            index=len(plan),
            uid=_uid(rng),
            name=name,
            kind=kind,
            profile=profile,
            parent=root.index,
            weight=0.3,
            label=f"{name} tỉnh Đồng Tháp" if not name.endswith("tỉnh") else f"{name} Đồng Tháp",
            commune=seat,
            short_name=short,
            agency_code=f"000.00.{number:02d}.{PROVINCE_AGENCY_CODE}",
            valid_from=DEPARTMENTS_MERGED_ON if merged else None,
            predecessors=tuple(f"{old} tỉnh Đồng Tháp" for old in PREDECESSORS.get(name, ())),
            leaders=LEADERS_BY_NAME.get(name) or LEADERS[kind],
        )
        plan.append(unit)
        department_units.append(unit)

    for d, section in section_pool[: counts["section"]]:
        parent = department_units[d]
        parent.weight = 0.05  # leaders only, once the department has sections
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=section,
                kind=OrgUnitKind.INTERNAL_SECTION,
                profile=parent.profile,
                parent=parent.index,
                weight=0.15,
                label=f"{section}, {parent.label}",
                commune=seat,
                agency_code=child_code(parent),
                valid_from=parent.valid_from,
                predecessors=parent.predecessors,
                leaders=LEADERS_BY_NAME.get(section) or LEADERS[OrgUnitKind.INTERNAL_SECTION],
            )
        )
    for d, (kind, sub, profile) in subordinate_pool[: counts["subordinate"]]:
        parent = department_units[d]
        weight = {"SUB_DEPARTMENT": 0.6, "CENTRE": 1.1, "PUBLIC_SERVICE_UNIT": 1.0}[kind] * (
            2 if profile == "cdc" else 1
        )
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=sub,
                kind=kind,
                profile=profile,
                parent=parent.index,
                weight=weight,
                label=f"{sub} tỉnh Đồng Tháp" if not sub.endswith("tỉnh") else f"{sub} Đồng Tháp",
                commune=seat,
                agency_code=child_code(parent),
                leaders=LEADERS_BY_NAME.get(sub) or LEADERS[kind],
            )
        )

    health = next(unit for unit in department_units if unit.name == "Sở Y tế")
    education = next(unit for unit in department_units if unit.name == "Sở Giáo dục và Đào tạo")
    hospitals = list(data.HOSPITALS)
    for name, size in hospitals[: counts["hospital"]]:
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.PUBLIC_SERVICE_UNIT,
                profile="hospital",
                parent=health.index,
                weight=7 * size,
                label=name,
                commune=rng.randrange(len(communes)),
                agency_code=child_code(health),
                leaders=LEADERS_BY_PROFILE["hospital"],
            )
        )
    for d in (
        district_order[: counts["medical_centre"]]
        + [d for d in range(len(data.DISTRICTS)) if d not in district_order][
            : max(0, counts["medical_centre"] - len(district_order))
        ]
    ):
        district = data.DISTRICTS[d]
        name = f"Trung tâm Y tế khu vực {district[1]}"
        if any(unit.name == name for unit in plan):
            name = f"{name} ({district[2]})"
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.CENTRE,
                profile="hospital",
                parent=health.index,
                weight=4,
                label=f"{name}, tỉnh Đồng Tháp",
                commune=commune_index.get(district[3][0], seat),
                agency_code=child_code(health),
                leaders=(("Giám đốc Trung tâm", "0.60", 1), ("Phó Giám đốc Trung tâm", "0.40", 1)),
            )
        )
    for name in data.HIGH_SCHOOL_NAMES[: counts["high_school"]]:
        full = f"Trường Trung học phổ thông {name}"
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=full,
                kind=OrgUnitKind.PUBLIC_SERVICE_UNIT,
                profile="high_school",
                parent=education.index,
                weight=3,
                label=f"{full}, tỉnh Đồng Tháp",
                commune=rng.randrange(len(communes)),
                short_name=f"THPT {name}",
                agency_code=child_code(education),
                leaders=LEADERS_BY_PROFILE["high_school"],
            )
        )
    for name, profile, size in data.EDUCATION_UNITS[: counts["education"]]:
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.PUBLIC_SERVICE_UNIT,
                profile="high_school" if profile == "school" else profile,
                parent=education.index,
                weight=2.5 * size,
                label=name,
                commune=seat,
                agency_code=child_code(education),
                leaders=LEADERS_BY_PROFILE.get(profile, LEADERS["PUBLIC_SERVICE_UNIT"]),
            )
        )

    level_2 = len(chosen_departments)
    for name, profile, size in data.PROVINCE_SERVICE_UNITS[: counts["province_service"]]:
        level_2 += 1
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.PUBLIC_SERVICE_UNIT,
                profile=profile,
                parent=root.index,
                weight=2 * size,
                label=name,
                commune=seat,
                agency_code=f"000.00.{level_2:02d}.{PROVINCE_AGENCY_CODE}",
                leaders=LEADERS_BY_PROFILE.get(profile, LEADERS["PUBLIC_SERVICE_UNIT"]),
            )
        )
    for number, name in enumerate(data.ASSOCIATIONS[: counts["association"]], start=40):
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.ASSOCIATION,
                profile="association",
                parent=root.index,
                weight=0.08,
                label=f"{name} Đồng Tháp",
                commune=seat,
                agency_code=f"000.00.{number:02d}.{PROVINCE_AGENCY_CODE}",
                leaders=LEADERS["ASSOCIATION"],
            )
        )

    # Communes (from 01/07/2025) and the district committees (until 30/06/2025) they replaced.
    chosen_communes = commune_order[: counts["commune"]]
    district_units: dict[int, PlannedUnit] = {}
    for number, d in enumerate(district_order[: counts["district"]], start=60):
        kind_word, name, province, _ = data.DISTRICTS[d]
        full = f"Ủy ban nhân dân {kind_word} {name}"
        unit = PlannedUnit(
            index=len(plan),
            uid=_uid(rng),
            name=full,
            kind=OrgUnitKind.DISTRICT_COMMITTEE,
            profile="",
            parent=root.index,
            weight=0,
            label=f"{full}, tỉnh {province}",
            commune=commune_index.get(data.DISTRICTS[d][3][0], seat),
            level=AdministrativeLevel.DISTRICT,
            agency_code=f"000.00.{number:02d}.{PROVINCE_AGENCY_CODE}",
            valid_to=DISTRICTS_ENDED_ON,
            district=d,
        )
        plan.append(unit)
        district_units[d] = unit
    commune_units: dict[int, PlannedUnit] = {}
    for c in chosen_communes:
        _, name, unit_type = communes[c]
        word = "phường" if unit_type == "phuong" else "xã"
        full = f"Ủy ban nhân dân {word} {name}"
        district_of = commune_district.get(c)
        old_province = data.DISTRICTS[district_of][2] if district_of is not None else "Đồng Tháp"
        predecessors = (
            (f"Ủy ban nhân dân {data.DISTRICTS[district_of][0]} {data.DISTRICTS[district_of][1]}, tỉnh {old_province}",)
            if district_of is not None
            else ()
        )
        unit = PlannedUnit(
            index=len(plan),
            uid=_uid(rng),
            name=full,
            kind=OrgUnitKind.COMMUNE_COMMITTEE,
            profile="commune",
            parent=root.index,
            weight=0.35,
            label=f"{full}, tỉnh Đồng Tháp",
            commune=c,
            level=AdministrativeLevel.COMMUNE,
            valid_from=REORGANISED_ON,
            predecessors=predecessors,
            predecessor_unit=district_units[district_of].index if district_of in district_units else None,
            district=district_of,
            leaders=LEADERS["COMMUNE_COMMITTEE"],
        )
        plan.append(unit)
        commune_units[c] = unit
    for d, district_unit in district_units.items():
        seat_name = data.DISTRICTS[d][3][0]
        successor = commune_units.get(commune_index.get(seat_name, -1))
        if successor is None:
            successor = next((commune_units[c] for c in chosen_communes if commune_district.get(c) == d), None)
        district_unit.successor = successor.index if successor else None

    school_kinds = (
        ("Trường Mầm non", "preschool"),
        ("Trường Tiểu học", "primary_school"),
        ("Trường Trung học cơ sở", "secondary_school"),
    )
    schools = [(c, kind) for kind in school_kinds for c in chosen_communes]
    for c, (prefix, profile) in schools[: counts["commune_school"]]:
        commune_unit = commune_units[c]
        name = f"{prefix} {communes[c][1]}"
        plan.append(
            PlannedUnit(
                index=len(plan),
                uid=_uid(rng),
                name=name,
                kind=OrgUnitKind.PUBLIC_SERVICE_UNIT,
                profile=profile,
                parent=commune_unit.index,
                weight=1.4,
                label=f"{name}, tỉnh Đồng Tháp",
                commune=c,
                level=AdministrativeLevel.COMMUNE,
                valid_from=REORGANISED_ON,
                district=commune_unit.district,
                leaders=LEADERS_BY_PROFILE[profile],
            )
        )

    for unit in plan:
        unit.weight *= rng.lognormvariate(0, 0.25) if unit.weight else 0
        unit.managing = _managing_unit(plan, unit)
        unit.ranks = _ranks_of(unit)
        if unit.kind in (OrgUnitKind.SUB_DEPARTMENT, OrgUnitKind.CENTRE, OrgUnitKind.PUBLIC_SERVICE_UNIT):
            unit.valid_from = unit.valid_from or datetime.date(rng.randint(1990, 2015), rng.randint(1, 12), 1)
    return UnitPlan(units=plan, communes=communes, commune_district=commune_district)


AUTHORITIES = {
    OrgUnitKind.PROVINCIAL_COMMITTEE,
    OrgUnitKind.DEPARTMENT,
    OrgUnitKind.DEPARTMENT_EQUIVALENT,
    OrgUnitKind.COMMUNE_COMMITTEE,
    OrgUnitKind.DISTRICT_COMMITTEE,
    OrgUnitKind.ASSOCIATION,
}


def _managing_unit(plan: list[PlannedUnit], unit: PlannedUnit) -> int:
    """The nearest unit above (or the unit itself) with personnel authority."""
    current: PlannedUnit | None = unit
    while current is not None:
        if current.kind in AUTHORITIES:
            return current.index
        current = plan[current.parent] if current.parent is not None else None
    return 0


def _ranks_of(unit: PlannedUnit) -> tuple[str, ...]:
    if not unit.profile:
        return ()
    ranks: list[str] = []
    for key in PROFILES[unit.profile].ladders:
        for rank in LADDERS[key].ranks:
            if rank not in ranks:
                ranks.append(rank)
    return tuple(ranks)


def _decision(rng: random.Random, year: int, suffix: str = "QĐ-UBND") -> tuple[str, datetime.date]:
    return f"{rng.randint(10, 3200)}/{suffix}", datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


@transaction.atomic
def create_units(plan: UnitPlan, catalogs: DemoCatalogs, rng: random.Random, *, people: int) -> None:
    """Write the planned tree, its quotas, job positions and events; fills `pk` of each unit."""
    units = plan.units
    by_depth: dict[int, list[PlannedUnit]] = {}
    depth_of: dict[int, int] = {}
    for unit in units:
        depth_of[unit.index] = 0 if unit.parent is None else depth_of[unit.parent] + 1
        by_depth.setdefault(depth_of[unit.index], []).append(unit)
    for depth in sorted(by_depth):
        rows = []
        for order, unit in enumerate(by_depth[depth], start=1):
            number, day = _decision(rng, (unit.valid_from or datetime.date(2008, 1, 1)).year)
            rows.append(
                OrgUnit(
                    uid=uuid.UUID(unit.uid),
                    name=unit.name,
                    short_name=unit.short_name,
                    kind=unit.kind,
                    administrative_level=unit.level,
                    parent_id=units[unit.parent].pk if unit.parent is not None else None,
                    agency_code=unit.agency_code,
                    display_order=order,
                    valid_from=unit.valid_from,
                    valid_to=unit.valid_to,
                    decision_number=number if unit.parent is not None else "",
                    decision_date=min(day, unit.valid_from) if unit.valid_from and unit.parent is not None else None,
                    decision_issuer=PROVINCE_ISSUER if unit.parent is not None else "",
                )
            )
        for unit, row in zip(by_depth[depth], OrgUnit.objects.bulk_create(rows), strict=True):
            unit.pk = row.pk
    successors = [
        OrgUnit(pk=unit.pk, successor_id=units[unit.successor].pk) for unit in units if unit.successor is not None
    ]
    OrgUnit.objects.bulk_update(successors, ["successor"])
    rebuild_paths()

    total_weight = sum(unit.weight for unit in units) or 1
    quotas: list[StaffingQuota] = []
    positions: list[JobPosition] = []
    events: list[OrgUnitEvent] = []
    for unit in units:
        expected = people * unit.weight / total_weight
        if unit.profile and unit.kind != OrgUnitKind.INTERNAL_SECTION:
            staff = PROFILES[unit.profile].staff_kinds
            share = {kind: weight / sum(staff.values()) for kind, weight in staff.items()}
            for year, factor in ((2025, 1.06), (2026, 1.0)):
                number, day = _decision(rng, year - 1)
                quotas.append(
                    StaffingQuota(
                        unit_id=unit.pk,
                        year=year,
                        civil_servants=round(
                            expected * factor * (share.get("CONG_CHUC", 0) + share.get("CAN_BO", 0)) + 0.49
                        ),
                        public_employees=round(expected * factor * share.get("VIEN_CHUC", 0) + 0.49),
                        contract_workers=round(expected * factor * share.get("NGUOI_LAO_DONG", 0) + 0.49),
                        decision_number=number,
                        decision_date=day,
                    )
                )
        if unit.profile:
            positions.extend(_job_positions(unit, catalogs, rng, expected))
        if unit.kind == OrgUnitKind.DISTRICT_COMMITTEE:
            events.append(
                OrgUnitEvent(
                    unit_id=unit.pk,
                    kind=OrgUnitEvent.Kind.MERGED if unit.successor is not None else OrgUnitEvent.Kind.CLOSED,
                    effective_date=REORGANISED_ON,
                    decision_number="1663/NQ-UBTVQH15",
                    decision_date=datetime.date(2025, 6, 16),
                    decision_issuer="Ủy ban Thường vụ Quốc hội",
                    successor_id=units[unit.successor].pk if unit.successor is not None else None,
                )
            )
        elif unit.valid_from in (REORGANISED_ON, DEPARTMENTS_MERGED_ON) and unit.kind != OrgUnitKind.INTERNAL_SECTION:
            events.append(
                OrgUnitEvent(
                    unit_id=unit.pk,
                    kind=OrgUnitEvent.Kind.CREATED,
                    effective_date=unit.valid_from,
                    decision_number=_decision(rng, 2025)[0],
                    decision_date=unit.valid_from - datetime.timedelta(days=rng.randint(3, 20)),
                    decision_issuer=PROVINCE_ISSUER,
                    new_name=unit.name,
                    new_parent_id=units[unit.parent].pk if unit.parent is not None else None,
                )
            )
    StaffingQuota.objects.bulk_create(quotas)
    created = JobPosition.objects.bulk_create(positions)
    OrgUnitEvent.objects.bulk_create(events)
    JobPositionQuota.objects.bulk_create(
        [
            JobPositionQuota(job_position_id=position.pk, year=2026, headcount=max(1, rng.randint(1, 12)))
            for position in created
        ]
    )


def _job_positions(unit: PlannedUnit, catalogs: DemoCatalogs, rng: random.Random, expected: float) -> list[JobPosition]:
    """The unit's approved job positions: one per leadership post and per rank of its careers."""
    rows: list[JobPosition] = []
    number, day = _decision(rng, 2024)
    seen: set[str] = set()

    def add(key: str, name: str, category: str, rank: str | None, national: str = "") -> None:
        uid = _uid(rng)
        unit.job_positions[key] = (uid, name)
        levels = catalogs.job_position_levels.get(national, (None, None))
        rows.append(
            JobPosition(
                uid=uuid.UUID(uid),
                unit_id=unit.pk,
                code=f"VTVL-{len(rows) + 1:02d}",
                name=name,
                category=category,
                required_rank_id=catalogs.id_of("RANK", rank) if rank else None,
                national_position_id=catalogs.id_of("JOB_POSITION", national) if national else None,
                min_level=levels[0],
                max_level=levels[1],
                valid_from=max(datetime.date(2024, 1, 1), unit.valid_from or datetime.date(2024, 1, 1)),
                valid_to=unit.valid_to,
                decision_number=number,
                decision_date=day,
            )
        )

    for title, _, _ in unit.leaders:
        if title not in seen:
            seen.add(title)
            add(title, title, JobPositionCategory.LEADERSHIP, None)
    for key in PROFILES[unit.profile].ladders:
        ladder = LADDERS[key]
        for rank in ladder.ranks:
            if rank in seen:
                continue
            seen.add(rank)
            name = catalogs.rank_name[rank]
            category = JobPositionCategory.SUPPORT if ladder.is_support else JobPositionCategory.PROFESSIONAL
            add(
                rank,
                f"{ladder.job} ({name})" if not name.startswith(ladder.job) else name,
                category,
                rank,
                ladder.national_position,
            )
    return rows
