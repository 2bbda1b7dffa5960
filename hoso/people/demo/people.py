"""One synthetic personnel record at a time, in snapshot form (see hoso/people/snapshot.py).

`PeopleGenerator.make` returns the person's fields and every section's rows exactly as
`serialize_people` would read them back: catalog codes, unit and job-position UUIDs, ISO dates,
decimals as strings. The writer turns them into table rows, and the same dictionaries become
version 1 of the record. Every record satisfies `hoso.people.rules.check_record` and the forms of
`hoso.people.forms`; the few deliberate problems (`PROBLEMS`) are suspicious, never invalid.

Dates follow one fixed "today" (`TODAY`), so a seed always gives the same province. Months are
handled as integers (year * 12 + month - 1) and periods start on the first day of a month.
"""

import bisect
import datetime
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from hoso.core.text import fold
from hoso.people.demo import data
from hoso.people.demo.catalogs import DemoCatalogs
from hoso.people.demo.profiles import (
    CONTRACT_JOBS,
    CONTRACT_JOBS_BY_PROFILE,
    CONTRACT_RANK,
    CONTRACTOR_RANK,
    LADDERS,
    PROFESSIONAL_LEVEL_BY_GROUP,
    PROFESSIONAL_LEVEL_START,
    PROFILES,
    TITLE_CONVERSION_DATE,
    Ladder,
    Leader,
)
from hoso.people.demo.units import PlannedUnit, UnitPlan
from hoso.people.sections import SECTIONS
from hoso.people.snapshot import empty_snapshot, encode_scalar, model_field

TODAY = datetime.date(2026, 11, 1)
TODAY_M = TODAY.year * 12 + TODAY.month - 1
LAST_EVALUATED_YEAR = 2025
EVALUATIONS_FROM = 2019
PUBLIC_SERVICE_ALLOWANCE_FROM = 2012 * 12 + 4  # NĐ 34/2012/NĐ-CP, from 05/2012
CONVERSION_M = TITLE_CONVERSION_DATE.year * 12 + TITLE_CONVERSION_DATE.month - 1
PROFESSIONAL_LEVEL_M = PROFESSIONAL_LEVEL_START.year * 12 + PROFESSIONAL_LEVEL_START.month - 1
JOB_POSITIONS_FROM = 2023 * 12  # job positions approved under NĐ 62/2020 took effect in the units
CCCD_CAMPAIGN = (2021 * 12 + 2, 2024 * 12 + 5)  # chip-based cards issued 03/2021–06/2024
ORDERED_UUID_EPOCH_MS = 1_790_000_000_000  # 2026-09-21: the time field of the generated uids counts from here
CIVIL_KINDS = {"CONG_CHUC", "CAN_BO"}
RARE_GIVEN_NAMES = {"Hông"}  # kept rare: there to tell "Hông" from "Hồng" in searches
CONTRACT_KINDS = {"NGUOI_LAO_DONG", "HD_NHIEM_VU_CONG_CHUC"}

# Deliberate problems for the consistency checks: each leaves the record valid to apply.
PROBLEMS: dict[str, str] = {
    "MISSING_ETHNICITY": "Ethnicity (item 6) is empty.",
    "OVERDUE_SALARY_STEP": "The salary step is older than its interval: the next step is overdue.",
    "MISSING_PHONE": "No contact phone (item 8).",
    "CONTRACT_ENDED_STILL_WORKING": "The only labour contract has ended but the status is still in service.",
    "UNKNOWN_ID_PREFIX": "The ID number's first three digits are not a known birth-registration province.",
    "MISSING_EVALUATION": "No evaluation row for 2025 although the person worked all year.",
}

STATUSES: dict[str, float] = {
    "DANG_CONG_TAC": 85.6,
    "TAP_SU": 2.5,
    "BIET_PHAI": 0.5,
    "DI_HOC": 0.5,
    "NGHI_THAI_SAN": 1.0,
    "NGHI_OM_DAI": 0.2,
    "NGHI_KHONG_LUONG": 0.2,
    "TAM_DINH_CHI": 0.05,
    "NGHI_HUU": 5.5,
    "NGHI_HUU_TRUOC_TUOI": 0.5,
    "THOI_VIEC": 1.2,
    "CHUYEN_CONG_TAC": 0.8,
    "CHAM_DUT_HD": 0.8,
    "TU_TRAN": 0.15,
}
LEFT_STATUSES = {"THOI_VIEC", "CHUYEN_CONG_TAC", "CHAM_DUT_HD", "TU_TRAN"}
RETIRED_STATUSES = {"NGHI_HUU", "NGHI_HUU_TRUOC_TUOI"}
RATINGS: dict[str, float] = {"HTTNV": 60, "HTXSNV": 16, "HTNV": 22, "KHTNV": 2}
ETHNICITIES: dict[str, float] = {"01": 992, "04": 5, "05": 2.5, "17": 0.5}
RELIGIONS: dict[str, float] = {"00": 68, "01": 14, "03": 7, "02": 5, "05": 5, "08": 1}
MOBILE_PREFIXES = (
    "090 091 093 094 096 097 098 086 088 070 076 077 078 079 081 082 083 084 085 032 033 034 035 036 037 "
    "038 039 056 058 059"
).split()
QUALIFICATION_ORDER = {
    code: rank
    for rank, codes in enumerate(
        (("SO_CAP",), ("TRUNG_CAP",), ("CAO_DANG",), ("DAI_HOC",), ("THAC_SI", "CK1", "BSNT"), ("TIEN_SI", "CK2"))
    )
    for code in codes
}


class DemoRandom(random.Random):
    """`random.Random` with cheaper integer draws (the generator makes tens of millions of them).

    Same seed, same sequence; the draws are uniform to within float rounding, which is plenty here.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            return int(self.random() * start)
        if step == 1:
            return start + int(self.random() * (stop - start))
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def ordered_uuid(self) -> str:
        """A time-ordered UUID (version 7 layout, RFC 9562) drawn from this generator.

        The 48-bit time field is a counter from a fixed instant, so uids are deterministic and
        increase in the order rows are written: index inserts append instead of splitting pages.
        """
        self.uuid_counter += 1
        bits = ((ORDERED_UUID_EPOCH_MS + self.uuid_counter) << 80) | (0x7 << 76) | (2 << 62)
        bits |= (self.getrandbits(12) << 64) | self.getrandbits(62)
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    uuid_counter = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, (), (self.getstate(), self.uuid_counter)

    def __setstate__(self, state: tuple[Any, int]) -> None:
        self.setstate(state[0])
        self.uuid_counter = state[1]


class Weighted:
    """A weighted choice, precomputed once."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


_MONTHS = {m: f"{m // 12:04d}-{m % 12 + 1:02d}-01" for m in range(1880 * 12, 2101 * 12)}


def month_iso(m: int) -> str:
    """The first day of month `m` (year * 12 + month - 1) in ISO form."""
    return _MONTHS[m]


def month_of(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retirement_month(catalogs: DemoCatalogs, dob: datetime.date, *, female: bool) -> int:
    """The month the person reaches the normal retirement age (which depends on that year)."""
    dob_m = month_of(dob)
    year = dob.year + (57 if female else 61)
    reach = dob_m + catalogs.retirement_months(year, female=female)
    for _ in range(4):
        if reach // 12 == year:
            break
        year = reach // 12
        reach = dob_m + catalogs.retirement_months(year, female=female)
    return reach


def first_month_at_age(dob: datetime.date, years: int) -> int:
    """The first month whose first day the person is at least `years` old."""
    birthday = add_years(dob, years)
    return month_of(birthday) + (1 if birthday.day > 1 else 0)


@dataclass
class Role:
    """What is decided about a person before the draw: leadership post, account, forced traits."""

    leader: Leader | None = None
    account_id: int | None = None
    problem: str | None = None
    staff_kind: str | None = None
    ladder: str | None = None
    status: str | None = None
    party: bool = False


@dataclass
class PersonRecord:
    uid: str
    person: dict[str, Any]
    sections: dict[str, list[dict[str, Any]]]
    account_id: int | None
    problem: dict[str, str] | None


@dataclass
class _Career:
    """The dates and ranks of one person's working life, decided before the rows are written."""

    staff_kind: str
    status: str
    female: bool
    dob: datetime.date
    dob_m: int
    birth_code: str
    recruit_m: int
    join_m: int
    end_m: int | None  # last month worked (closed statuses), None when still working
    ladder: Ladder | None
    rank_plan: list[tuple[int, str]] = field(default_factory=list)
    probation: int = 0
    appointment_m: int | None = None
    military: tuple[int, int] | None = None
    discipline_m: int | None = None
    discipline_delay: int = 0
    pay_by_table: bool = True
    salary_rows: list[list[Any]] = field(default_factory=list)
    # The degree the person was recruited with: (qualification, institution, major, mode, start, end).
    first_degree: tuple[str, str, str, str, int, int] | None = None

    @property
    def limit_m(self) -> int:
        return self.end_m if self.end_m is not None else TODAY_M


class PeopleGenerator:
    """Draws people for the units of a plan from one random stream."""

    def __init__(self, rng: DemoRandom, catalogs: DemoCatalogs, plan: UnitPlan) -> None:
        self.rng = rng
        self.catalogs = catalogs
        self.plan = plan
        self.used_ids: set[str] = set()
        self.personnel_numbers: dict[int, int] = {}
        self.family = Weighted(data.FAMILY_NAMES)
        self.middle = {False: Weighted(data.MIDDLE_NAMES_MALE), True: Weighted(data.MIDDLE_NAMES_FEMALE)}
        self.given = {False: data.GIVEN_NAMES_MALE, True: data.GIVEN_NAMES_FEMALE}
        self.birth_provinces = Weighted(data.BIRTH_PROVINCES)
        self.statuses = Weighted(STATUSES)
        self.ratings = Weighted(RATINGS)
        self.ethnicities = Weighted(ETHNICITIES)
        self.religions = Weighted(RELIGIONS)
        self.backgrounds = Weighted(dict(data.FAMILY_BACKGROUNDS))
        self.profile_kinds = {key: Weighted(p.staff_kinds) for key, p in PROFILES.items()}
        self.profile_ladders = {key: Weighted(p.ladders) for key, p in PROFILES.items()}
        self.unknown_prefixes = sorted(f"0{n:02d}" for n in range(1, 97) if f"0{n:02d}" not in catalogs.known_prefixes)
        self.defaults = {key: _section_defaults(key) for key in SECTIONS}
        self.person_defaults = empty_snapshot()["person"]
        self.person_defaults["date_of_birth_precision"] = "DAY"
        communes = plan.communes
        self.commune_words = ["Phường" if kind == "phuong" else "Xã" for _, _, kind in communes]
        self.commune_by_name = {name: i for i, (_, name, _) in enumerate(communes)}
        self.open_units_by_profile: dict[str, list[PlannedUnit]] = {}
        for planned in plan.units:
            if planned.profile and planned.valid_to is None:
                self.open_units_by_profile.setdefault(planned.profile, []).append(planned)

    # --- small helpers ------------------------------------------------------------------------

    def uid(self) -> str:
        return self.rng.ordered_uuid()

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def row(self, key: str, **values: Any) -> dict[str, Any]:
        row = dict(self.defaults[key])
        row["uid"] = self.uid()
        row.update(values)
        return row

    def name(self, female: bool, family: str | None = None) -> str:
        middle = self.middle[female].pick(self.rng)
        given = self.rng.choice(self.given[female])
        while given == middle.split()[-1] or (given in RARE_GIVEN_NAMES and self.rng.random() < 0.9):
            given = self.rng.choice(self.given[female])
        return f"{family or self.family.pick(self.rng)} {middle} {given}"

    def day_in(self, m: int, *, after: datetime.date | None = None) -> datetime.date:
        day = datetime.date(m // 12, m % 12 + 1, self.rng.randint(1, 28))
        return max(day, after) if after else day

    def decision(self, m: int, issuer: str, suffix: str = "QĐ-UBND") -> dict[str, Any]:
        """Number, date and issuer of the decision a row rests on, dated in the month before `m`."""
        day = self.day_in(m - 1 if self.chance(0.6) else m)
        return {
            "decision_number": f"{self.rng.randint(12, 3400)}/{suffix}",
            "decision_date": day.isoformat(),
            "decision_issuer": issuer,
        }

    def commune_label(self, c: int) -> str:
        return f"{self.commune_words[c].lower()} {self.plan.communes[c][1]}"

    def address(self, c: int) -> str:
        if self.plan.communes[c][2] == "phuong":
            street = self.rng.choice(data.STREETS)
            return (
                f"Số {self.rng.randint(1, 350)}, đường {street}, khóm {self.rng.randint(1, 9)}, "
                f"{self.commune_label(c)}, tỉnh Đồng Tháp"
            )
        return f"Ấp {self.rng.choice(data.HAMLETS)}, {self.commune_label(c)}, tỉnh Đồng Tháp"

    def nearby_commune(self, unit: PlannedUnit) -> int:
        if self.chance(0.7):
            return unit.commune
        return self.rng.randrange(len(self.plan.communes))

    # --- the person ---------------------------------------------------------------------------

    def make(self, unit: PlannedUnit, role: Role) -> PersonRecord:
        rng = self.rng
        profile = PROFILES[unit.profile]
        problem = role.problem
        if problem == "CONTRACT_ENDED_STILL_WORKING":
            role.staff_kind, role.status = "NGUOI_LAO_DONG", "DANG_CONG_TAC"
        elif problem == "OVERDUE_SALARY_STEP":
            role.status = "DANG_CONG_TAC"
            role.staff_kind = next(k for k in profile.staff_kinds if k not in CONTRACT_KINDS)
            role.ladder = next(key for key in profile.ladders if not LADDERS[key].legacy)
        elif problem == "MISSING_EVALUATION":
            role.status = "DANG_CONG_TAC"

        if role.leader and role.ladder is None:
            role.ladder = next(iter(profile.ladders))
        staff_kind = role.staff_kind or self.profile_kinds[unit.profile].pick(rng)
        if role.leader and staff_kind in CONTRACT_KINDS:
            staff_kind = next(k for k in profile.staff_kinds if k not in CONTRACT_KINDS)
        if role.leader and unit.kind in ("PROVINCIAL_COMMITTEE", "COMMUNE_COMMITTEE"):
            staff_kind = "CAN_BO"
        female = rng.random() < profile.female_share
        career = self.career(unit, role, staff_kind, female)
        employer = unit
        if (
            career.end_m is not None
            and unit.predecessor_unit is not None
            and unit.valid_from is not None
            and career.end_m < month_of(unit.valid_from)
        ):
            employer = self.plan.units[unit.predecessor_unit]  # left before the commune existed

        family_name = self.family.pick(rng)
        full_name = self.name(female, family_name)
        sections: dict[str, list[dict[str, Any]]] = {key: [] for key in SECTIONS}
        person = dict(self.person_defaults)
        record_uid = self.uid()

        self.identity(person, sections, career, full_name, problem, unit)
        self.work(person, sections, career, unit, employer, role)
        self.salary(person, sections, career, employer, problem)
        self.training(person, sections, career, unit, role)
        memberships_party = self.memberships(person, sections, career, employer, role)
        self.family_rows(sections, career, family_name, full_name)
        self.evaluations(sections, career, employer, problem)
        self.allowances(person, sections, career, employer, profile.allowance, profile.occupational_percent, role)
        self.job_positions(person, sections, career, employer)
        self.contracts(sections, career, employer, unit, problem)
        self.other_sections(person, sections, career, unit, memberships_party)
        self.assessment(person, career, employer)

        person["employing_unit"] = employer.uid
        managing = self.plan.units[employer.managing]
        if role.leader and role.leader[2] >= 2 and employer.kind in ("DEPARTMENT", "DEPARTMENT_EQUIVALENT"):
            managing = self.plan.units[0]  # the province appoints and manages heads of departments
        person["managing_unit"] = managing.uid
        self.personnel_numbers[managing.index] = self.personnel_numbers.get(managing.index, 0) + 1
        person["personnel_number"] = f"{managing.index + 1:03d}{self.personnel_numbers[managing.index]:05d}"
        person["paper_file_location"] = f"Tủ hồ sơ số {rng.randint(1, 12)}, {managing.name}"
        person["staff_kind"] = career.staff_kind
        person["employment_status"] = career.status

        problem_entry = None
        if problem:
            problem_entry = {
                "kind": problem,
                "person_uid": record_uid,
                "citizen_id": person["citizen_id"],
                "full_name": person["full_name"],
                "unit": employer.name,
                "detail": PROBLEMS[problem],
            }
        return PersonRecord(record_uid, person, sections, role.account_id, problem_entry)

    # --- dates of a career ----------------------------------------------------------------------

    def career(self, unit: PlannedUnit, role: Role, staff_kind: str, female: bool) -> _Career:
        rng = self.rng
        status = role.status or self.statuses.pick(rng)
        if role.leader:
            status = "DANG_CONG_TAC"
        if status == "TAP_SU" and staff_kind not in ("CONG_CHUC", "VIEN_CHUC"):
            status = "DANG_CONG_TAC"
        if status == "CHAM_DUT_HD" and staff_kind not in CONTRACT_KINDS:
            status = "THOI_VIEC"
        if status == "THOI_VIEC" and staff_kind in CONTRACT_KINDS:
            status = "CHAM_DUT_HD"
        if status == "NGHI_THAI_SAN" and not female:
            status = "DANG_CONG_TAC"
        if status == "BIET_PHAI" and staff_kind not in CIVIL_KINDS:
            status = "DANG_CONG_TAC"

        ladder: Ladder | None = None
        pay_by_table = True
        if staff_kind == "NGUOI_LAO_DONG":
            jobs = CONTRACT_JOBS_BY_PROFILE.get(unit.profile, ()) + CONTRACT_JOBS
            pay_by_table = rng.choice(jobs)[2] and rng.random() < 0.8
        elif staff_kind == "HD_NHIEM_VU_CONG_CHUC":
            ladder = LADDERS["specialist"]
        else:
            ladder = LADDERS[role.ladder or self.profile_ladders[unit.profile].pick(rng)]
        degree_years = ladder.degree_years if ladder else (2 if pay_by_table else 0)
        probation = 0  # months of probation (tập sự) on entering a rank: 12 for groups A1–A3, 6 below
        if ladder is not None and staff_kind in ("CONG_CHUC", "VIEN_CHUC", "HOI", "CAN_BO"):
            probation = 12 if self.catalogs.rank_group[ladder.ranks[0]].startswith(("A1", "A2", "A3")) else 6

        valid_from_m = month_of(unit.valid_from) if unit.valid_from else None
        lowest_end = 2019 * 12
        if valid_from_m is not None and unit.predecessor_unit is None:
            lowest_end = max(lowest_end, valid_from_m)
        if staff_kind == "HD_NHIEM_VU_CONG_CHUC":
            lowest_end = max(lowest_end, 2025 * 12 + 8)

        for attempt in range(40):
            end_m: int | None = None
            birth_code = self.birth_provinces.pick(rng)
            if status == "NGHI_HUU":
                end_m = rng.randint(lowest_end, TODAY_M - 1)
                dob_m = end_m - self.catalogs.retirement_months(end_m // 12, female=female)
                dob = datetime.date(dob_m // 12, dob_m % 12 + 1, rng.randint(1, 28))
            else:
                if status == "NGHI_HUU_TRUOC_TUOI":
                    end_m = rng.randint(max(lowest_end, 2025 * 12), 2025 * 12 + 11)
                    age = (self.catalogs.retirement_months(end_m // 12, female=female) - rng.randint(24, 60)) // 12
                    reference = end_m // 12
                elif status in LEFT_STATUSES:
                    end_m = rng.randint(lowest_end, TODAY_M - 1)
                    age = rng.randint(26, 55)
                    reference = end_m // 12
                else:
                    if role.leader:
                        age = rng.randint(40, 56) if role.leader[2] >= 2 else rng.randint(36, 55)
                    elif status == "TAP_SU":
                        age = rng.randint(22, 30)
                    elif status == "NGHI_THAI_SAN":
                        age = rng.randint(24, 40)
                    elif role.problem == "OVERDUE_SALARY_STEP":
                        age = rng.randint(30, 45)
                    else:
                        age = 23 + int(rng.betavariate(2.0, 2.3) * 38)
                    if attempt >= 30:
                        age = rng.randint(40, 48)
                    reference = TODAY.year
                dob = datetime.date(reference - age, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                dob_m = month_of(dob)
                if end_m is None:
                    reach_m = self.retirement_month(dob, female)
                    if reach_m < TODAY_M:
                        continue  # past retirement age: draw again
            if rng.random() < 0.02 and dob.year < 1975:
                dob = datetime.date(dob.year, 1, 1)  # only the year is known
                dob_m = month_of(dob)

            limit = end_m if end_m is not None else TODAY_M
            earliest = max(first_month_at_age(dob, 18), dob_m + (17 + degree_years) * 12 + 9)
            military: tuple[int, int] | None = None
            if not female and rng.random() < 0.05 and degree_years <= 4:
                enlist = first_month_at_age(dob, 18) + rng.randint(0, 18)
                military = (enlist, enlist + 23)
                earliest = max(earliest, military[1] + 3 + degree_years * 12)
            if status == "TAP_SU":
                low, high = max(earliest, TODAY_M - probation + 1), TODAY_M - 1
            elif role.problem == "OVERDUE_SALARY_STEP" and ladder is not None:
                group = self.catalogs.salary_of(ladder.ranks[0])
                span = 12 * group.years_per_step
                low, high = max(earliest, TODAY_M - span * (group.max_step - 2) + 1), TODAY_M - span - 2
            else:
                low, high = earliest, limit - 13
                if role.problem == "MISSING_EVALUATION":
                    high = min(high, 2024 * 12 - 1)
                if role.leader:
                    high = min(high, TODAY_M - 12 * (12 if role.leader[2] >= 2 else 8))
            if low > high:
                if attempt < 39:
                    continue
                low = high = max(earliest, min(high, limit - 1))
            recruit = low + min(high - low, int(rng.expovariate(1 / 30)))
            break
        else:  # pragma: no cover - the last attempts always succeed
            raise RuntimeError("No career fits this person.")

        if staff_kind == "NGUOI_LAO_DONG" or rng.random() < 0.55 or status == "TAP_SU":
            join = recruit
        else:
            join = rng.randint(recruit, max(recruit, limit - 12))
        if role.leader:
            join = min(join, TODAY_M - 12 * 4)
            join = max(join, recruit)
        career = _Career(
            staff_kind=staff_kind,
            status=status,
            female=female,
            dob=dob,
            dob_m=dob_m,
            birth_code=birth_code,
            recruit_m=recruit,
            join_m=join,
            end_m=end_m,
            ladder=ladder,
            military=military,
            pay_by_table=pay_by_table,
        )
        if role.leader:
            earliest_appointment = max(join + 12, recruit + 12 * (10 if role.leader[2] >= 2 else 6))
            career.appointment_m = rng.randint(min(earliest_appointment, TODAY_M - 3), TODAY_M - 3)
        career.probation = probation
        if (
            role.leader is None
            and role.problem is None
            and staff_kind not in CONTRACT_KINDS
            and rng.random() < 0.005
            and limit - recruit > 48
        ):
            career.discipline_m = rng.randint(max(recruit + 24, 2019 * 12), limit - 1)
            career.discipline_delay = 6
        self.plan_ranks(career, role)
        self.plan_first_degree(career)
        return career

    def plan_first_degree(self, career: _Career) -> None:
        """The qualification the entry rank asks for, finished a few months before recruitment."""
        rng = self.rng
        ladder = career.ladder
        if ladder is None:
            if not (career.pay_by_table and rng.random() < 0.6):
                return
            qualification, years, major = "TRUNG_CAP", 2, rng.choice(data.MAJORS["support"])
        else:
            group = self.catalogs.rank_group[career.rank_plan[0][1]] if career.rank_plan else "A1"
            qualification = {"B": "TRUNG_CAP", "A0": "CAO_DANG"}.get(group, "DAI_HOC")
            years = {"TRUNG_CAP": 2, "CAO_DANG": 3}.get(qualification, ladder.degree_years)
            major = rng.choice(data.MAJORS[ladder.majors])
        end = career.recruit_m - rng.randint(2, 8)
        start = end - years * 12 + 3
        if start < career.dob_m + 16 * 12:
            return
        mode = "CHINH_QUY" if rng.random() < 0.85 else rng.choice(("VLVH", "TU_XA"))
        career.first_degree = (qualification, self.university(ladder, qualification), major, mode, start, end)

    def retirement_month(self, dob: datetime.date, female: bool) -> int:
        return retirement_month(self.catalogs, dob, female=female)

    def plan_ranks(self, career: _Career, role: Role) -> None:
        """Ranks held, with the months of promotion (nâng ngạch, thăng hạng) and of the 2021 conversion."""
        rng = self.rng
        if career.staff_kind == "NGUOI_LAO_DONG":
            if career.pay_by_table:
                career.rank_plan = [(career.join_m, CONTRACT_RANK)]
            return
        if career.staff_kind == "HD_NHIEM_VU_CONG_CHUC":
            career.rank_plan = [(career.join_m, CONTRACTOR_RANK)]
            return
        ladder = career.ladder
        if ladder is None:
            return
        limit = career.limit_m
        service_years = (limit - career.recruit_m) / 12
        if role.leader:
            top = min(role.leader[2], len(ladder.ranks) - 1)
        elif role.problem == "OVERDUE_SALARY_STEP":
            top = 0
        else:
            top = 0
            if len(ladder.ranks) > 1 and rng.random() < min(0.65, max(0.0, (service_years - 9) / 14)):
                top = 1
                if len(ladder.ranks) > 2 and service_years > 20 and rng.random() < 0.06:
                    top = 2
        plan = [(career.recruit_m, ladder.ranks[0])]
        previous = career.recruit_m
        for rung in range(1, top + 1):
            low, high = previous + 12 * (8 if rung == 1 else 5), limit - 12
            if low > high:
                break
            previous = rng.randint(low, high)
            plan.append((previous, ladder.ranks[rung]))
        if ladder.legacy and career.recruit_m < CONVERSION_M:
            converted: list[tuple[int, str]] = []
            for i, (m, code) in enumerate(plan):
                next_m = plan[i + 1][0] if i + 1 < len(plan) else limit + 1
                if m < CONVERSION_M and code in ladder.legacy:
                    converted.append((m, ladder.legacy[code]))
                    if next_m > CONVERSION_M and limit >= CONVERSION_M:
                        converted.append((CONVERSION_M, code))
                else:
                    converted.append((m, code))
            plan = converted
        career.rank_plan = plan

    # --- identity, items 1–12 ---------------------------------------------------------------------

    def identity(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        full_name: str,
        problem: str | None,
        unit: PlannedUnit,
    ) -> None:
        rng = self.rng
        dob = career.dob
        person["full_name"] = full_name
        person["gender"] = "FEMALE" if career.female else "MALE"
        person["date_of_birth"] = dob.isoformat()
        if dob.month == 1 and dob.day == 1 and dob.year < 1975:
            person["date_of_birth_precision"] = "YEAR"
        if rng.random() < 0.03:
            person["other_names"] = f"{rng.choice(data.NICKNAME_PREFIXES)} {full_name.split()[-1]}"

        code = career.birth_code
        province_name, province_full = self.catalogs.former_provinces.get(code, (data.PROVINCE_NAME, "Tỉnh Đồng Tháp"))
        if code in ("87", "82"):
            old_province = "Đồng Tháp" if code == "87" else "Tiền Giang"
            districts = [d for d in data.DISTRICTS if d[2] == old_province]
            kind_word, district, _, communes = rng.choice(districts)
            commune = rng.choice(communes)
            c = self.commune_by_name.get(commune)
            word = self.commune_words[c] if c is not None else "Xã"
            person["birth_place"] = f"{word} {commune}, {kind_word} {district}, tỉnh {old_province}"
            person["hometown_commune"] = f"{word} {commune}"
            person["hometown_district"] = f"{kind_word.capitalize()} {district}"
            person["hometown_province"] = data.PROVINCE_NAME
            if c is not None:
                person["hometown_unit"] = f"xa:{self.plan.communes[c][0]}"
        else:
            person["birth_place"] = province_full
            person["hometown_province"] = province_name
            person["hometown_unit"] = f"tinh-cu:{code}"
        person["birth_place_unit"] = f"tinh-cu:{code}"
        person["ethnicity"] = None if problem == "MISSING_ETHNICITY" else self.ethnicities.pick(rng)
        person["religion"] = self.religions.pick(rng)

        prefix = rng.choice(self.unknown_prefixes) if problem == "UNKNOWN_ID_PREFIX" else f"0{code}"
        digit = (dob.year // 100 - 19) * 2 + (1 if career.female else 0)
        while True:
            citizen_id = f"{prefix}{digit}{dob.year % 100:02d}{rng.randrange(1_000_000):06d}"
            if citizen_id not in self.used_ids:
                self.used_ids.add(citizen_id)
                break
        person["citizen_id"] = citizen_id
        issue_low = max(CCCD_CAMPAIGN[0], first_month_at_age(dob, 14))
        issue_m = rng.randint(issue_low, max(issue_low, min(CCCD_CAMPAIGN[1], TODAY_M - 1)))
        issued = self.day_in(issue_m)
        person["citizen_id_issue_date"] = issued.isoformat()
        person["citizen_id_issue_place"] = (
            "Bộ Công an" if issued >= datetime.date(2024, 7, 1) else "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
        )
        if problem != "MISSING_PHONE":
            person["phone"] = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}"
        given = fold(full_name.split()[-1]).replace(" ", "")
        initials = "".join(fold(word)[0] for word in full_name.split()[:-1])
        if career.staff_kind in CIVIL_KINDS and rng.random() < 0.6:
            person["email"] = f"{given}{initials}{rng.randint(1, 99) if rng.random() < 0.3 else ''}@dongthap.gov.vn"
        elif rng.random() < 0.85:
            person["email"] = f"{given}{initials}{dob.year % 100:02d}{rng.randint(1, 999)}@gmail.com"
        insurance = f"{'87' if code == '87' else '82'}{rng.randrange(100_000_000):08d}"
        person["social_insurance_number"] = insurance
        holder = "HT3" if career.status in RETIRED_STATUSES else "HC4"
        person["health_insurance_card_number"] = f"{holder}{insurance[:2]}{insurance}"
        home = self.nearby_commune(unit)
        person["current_address"] = self.address(home)
        person["current_address_unit"] = f"xa:{self.plan.communes[home][0]}"
        person["permanent_address"] = (
            person["current_address"]
            if rng.random() < 0.7
            else self.address(self.rng.randrange(len(self.plan.communes)))
        )
        person["family_background"] = self.backgrounds.pick(rng)
        if career.military:
            person["military_enlist_date"] = self.day_in(career.military[0], after=add_years(dob, 18)).isoformat()
            person["military_discharge_date"] = self.day_in(career.military[1]).isoformat()
            person["military_highest_rank"] = rng.choice(("Hạ sĩ", "Trung sĩ", "Thượng sĩ"))
            person["occupation_before_recruitment"] = "Bộ đội xuất ngũ"
        else:
            person["occupation_before_recruitment"] = rng.choice(
                ("Sinh viên", "Sinh viên mới tốt nghiệp", "Lao động hợp đồng", "Giáo viên hợp đồng", "Làm nông")
                if career.ladder
                else ("Làm nông", "Lao động tự do", "Công nhân")
            )
        if career.dob.year < 1976 and career.birth_code in ("01", "40", "38", "42"):
            person["general_education"] = "10/10"
        elif career.ladder is None and rng.random() < 0.35:
            person["general_education"] = "9/12"
        else:
            person["general_education"] = "12/12"

    # --- work history, item 33 ------------------------------------------------------------------------

    def work(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        unit: PlannedUnit,
        employer: PlannedUnit,
        role: Role,
    ) -> None:
        rng = self.rng
        rows = sections["work_history"]
        job = career.ladder.job if career.ladder else "Nhân viên hợp đồng"
        # (start month, explicit last month or None = until the next period, organisation, unit uid, title)
        periods: list[tuple[int, int | None, str, str | None, str]] = []
        if career.military:
            periods.append(
                (career.military[0], career.military[1], "Bộ Chỉ huy Quân sự tỉnh Đồng Tháp", None, "Chiến sĩ")
            )
        if career.first_degree and rng.random() < 0.5:
            _, institution, _, _, start, end = career.first_degree
            if start > (career.military[1] if career.military else career.dob_m + 16 * 12):
                periods.append((start, end, institution, None, "Học sinh" if career.ladder is None else "Sinh viên"))
        if career.join_m > career.recruit_m:
            moves = 1 if career.join_m - career.recruit_m < 60 or rng.random() < 0.6 else 2
            points = sorted(rng.sample(range(career.recruit_m + 1, career.join_m), moves - 1)) if moves > 1 else []
            for start in [career.recruit_m, *points]:
                periods.append((start, None, *self.previous_employer(unit, start), job))
        current_from = career.join_m
        valid_from_m = month_of(employer.valid_from) if employer.valid_from else None
        if valid_from_m is not None and current_from < valid_from_m:
            predecessor = self.plan.units[employer.predecessor_unit] if employer.predecessor_unit is not None else None
            if predecessor is not None and rng.random() < 0.6:
                periods.append((current_from, None, predecessor.label, predecessor.uid, job))
            elif employer.predecessors:
                periods.append((current_from, None, rng.choice(employer.predecessors), None, job))
            else:
                periods.append((current_from, None, *self.previous_employer(unit, current_from), job))
            current_from = valid_from_m
        periods.append((current_from, career.end_m, employer.label, employer.uid, job))
        if role.leader and career.appointment_m is not None:
            periods = _titled_from(periods, career.appointment_m, career.join_m, role.leader[0])

        decisions = rng.random() < 0.7
        for i, (start, last, organisation, unit_uid, row_title) in enumerate(periods):
            if last is None and i + 1 < len(periods):
                last = periods[i + 1][0] - 1
            values: dict[str, Any] = {
                "start_date": month_iso(start),
                "end_date": month_iso(last) if last is not None else None,
                "organisation": organisation,
                "title": row_title,
                "unit": unit_uid,
            }
            if decisions and start >= career.recruit_m:
                values.update(self.decision(start, employer.issuer))
            rows.append(self.row("work_history", **values))
        if career.status == "BIET_PHAI":
            start = rng.randint(max(current_from, TODAY_M - 24), TODAY_M - 1)
            commune = self.rng.randrange(len(self.plan.communes))
            rows.append(
                self.row(
                    "work_history",
                    start_date=month_iso(start),
                    organisation=f"Ủy ban nhân dân {self.commune_label(commune)}, tỉnh Đồng Tháp",
                    title=f"Biệt phái làm {job}",
                    is_concurrent=True,
                    **self.decision(start, employer.issuer),
                )
            )
        elif career.end_m is None and career.staff_kind in CIVIL_KINDS and rng.random() < 0.04:
            start = rng.randint(current_from, TODAY_M - 1)
            rows.append(
                self.row(
                    "work_history",
                    start_date=month_iso(start),
                    organisation=f"Công đoàn cơ sở {employer.name}",
                    title="Chủ tịch Công đoàn cơ sở",
                    is_concurrent=True,
                )
            )
            person["concurrent_positions"] = "Chủ tịch Công đoàn cơ sở"

        first = next((row for row in rows if row["start_date"] == month_iso(career.recruit_m)), None)
        person["first_recruitment_date"] = month_iso(career.recruit_m)
        person["first_recruiting_body"] = first["organisation"] if first else employer.label
        person["current_agency_join_date"] = month_iso(career.join_m)
        if role.leader and career.appointment_m is not None:
            person["current_position"] = role.leader[0]
            person["position_appointment_date"] = self.day_in(career.appointment_m).isoformat()
            if TODAY_M - career.appointment_m > 60:
                person["position_reappointment_date"] = self.day_in(career.appointment_m + 60).isoformat()
        ladder = career.ladder
        field = ladder.strengths if ladder else "support"
        person["main_duties"] = rng.choice(ladder.duties) if ladder else "Phục vụ công tác hành chính, hậu cần"
        person["work_strengths"] = rng.choice(data.WORK_STRENGTHS[field])
        person["longest_held_job"] = job

    def previous_employer(self, unit: PlannedUnit, start: int) -> tuple[str, str | None]:
        """An earlier workplace: another unit of the tree of the same kind when one existed, or a text."""
        rng = self.rng
        same = [
            other
            for other in self.open_units_by_profile.get(unit.profile, ())
            if other.index != unit.index and (other.valid_from is None or month_of(other.valid_from) <= start)
        ]
        if same and rng.random() < 0.35:
            other = rng.choice(same)
            return other.label, other.uid
        kind_word, district, province, communes = rng.choice(data.DISTRICTS)
        where = f"{kind_word} {district}, tỉnh {province}"
        commune = rng.choice(communes)
        options: tuple[str, ...]
        if unit.profile in ("hospital", "cdc"):
            options = (f"Trung tâm Y tế {where}", f"Trạm Y tế {commune}, {where}", f"Bệnh viện Đa khoa {where}")
        elif unit.profile in ("high_school", "secondary_school", "primary_school", "preschool", "college"):
            options = (f"Trường Trung học cơ sở {commune}, {where}", f"Trường Tiểu học {commune}, {where}")
        else:
            options = (
                f"Ủy ban nhân dân {where}",
                f"Phòng Nội vụ {where}",
                f"Phòng Tài chính - Kế hoạch {where}",
                f"Ủy ban nhân dân xã {commune}, {where}",
            )
        return rng.choice(options), None

    def university(self, ladder: Ladder | None, qualification: str) -> str:
        rng = self.rng
        if qualification in ("TRUNG_CAP",):
            return rng.choice(data.VOCATIONAL_SCHOOLS)
        if qualification == "CAO_DANG":
            return rng.choice(data.COLLEGES)
        if ladder and ladder.strengths == "health":
            return rng.choice(data.UNIVERSITIES_HEALTH)
        if ladder and ladder.strengths == "school" and ladder.key != "lecturer":
            return rng.choice(data.UNIVERSITIES_TEACHER)
        return rng.choice(data.UNIVERSITIES_GENERAL)

    # --- rank and salary, items 30.1 and 37.1 ------------------------------------------------------------

    def salary(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        employer: PlannedUnit,
        problem: str | None,
    ) -> None:
        if not career.rank_plan:
            return
        catalogs = self.catalogs
        start_m, rank = career.rank_plan[0]
        group = catalogs.salary_of(rank)
        step, step_since = 1, start_m
        percent = "85.00" if career.probation else "100.00"
        # rows: [start month, rank, step, coefficient, percent, step since, what happened]
        rows: list[list[Any]] = [[start_m, rank, 1, group.coefficients[0], percent, start_m, "start"]]
        events = sorted(
            [(m, "rank", code) for m, code in career.rank_plan[1:]]
            + ([(start_m + career.probation, "probation", "")] if career.probation else [])
        )
        index = 0
        limit = career.limit_m
        while True:
            due = None
            if step < group.max_step:
                due = step_since + 12 * group.years_per_step
                if career.discipline_m is not None and step_since <= career.discipline_m < due:
                    due += career.discipline_delay
            candidates = [m for m in (events[index][0] if index < len(events) else None, due) if m is not None]
            if not candidates:
                break
            m = min(candidates)
            if m > limit:
                break
            what = "step"
            while index < len(events) and events[index][0] == m:
                _, kind, code = events[index]
                index += 1
                if kind == "probation":
                    percent = "100.00"
                    what = "probation"
                else:
                    coefficient = group.coefficients[step - 1]
                    rank, group = code, catalogs.salary_of(code)
                    step, step_since = group.step_for(coefficient), m
                    what = "rank"
            if due == m and what != "rank":
                step, step_since, what = step + 1, m, "step"
            row = [m, rank, step, group.coefficients[step - 1], percent, step_since, what]
            if rows[-1][0] == m:
                rows[-1] = row
            else:
                rows.append(row)
        if problem == "OVERDUE_SALARY_STEP" and rows[-1][6] == "step" and len(rows) > 1:
            rows.pop()  # the step that fell due was never granted

        history = sections["salary_history"]
        decisions = self.rng.random() < 0.75
        for i, (m, row_rank, row_step, coefficient, row_percent, _, _) in enumerate(rows):
            end = month_iso(rows[i + 1][0] - 1) if i + 1 < len(rows) else None
            if end is None and career.end_m is not None:
                end = month_iso(career.end_m)
            values: dict[str, Any] = {
                "start_date": month_iso(m),
                "end_date": end,
                "rank": row_rank,
                "salary_step": row_step,
                "salary_coefficient": coefficient,
                "salary_percent": row_percent,
            }
            if decisions:
                values.update(self.decision(m, employer.issuer))
            history.append(self.row("salary_history", **values))

        last = rows[-1]
        current_rank, current_group = last[1], catalogs.salary_of(last[1])
        person["rank"] = current_rank
        person["salary_step"] = last[2]
        person["salary_coefficient"] = last[3]
        person["salary_step_date"] = month_iso(last[5])
        person["salary_percent"] = last[4]
        rank_start = next(row[0] for row in rows if row[1] == current_rank)
        if career.status != "TAP_SU":
            appointed = rank_start + career.probation if rank_start == career.recruit_m else rank_start
            person["rank_appointment_date"] = month_iso(min(appointed, TODAY_M - 1))
        if career.end_m is None and last[2] == current_group.max_step:
            span = 12 * current_group.years_per_step
            at_last_step = TODAY_M - last[5]
            if at_last_step >= span:
                percent_over = 5 + (at_last_step - span) // 12
                person["over_ceiling_percent"] = percent_over
                person["over_ceiling_date"] = month_iso(last[5] + span + 12 * (percent_over - 5))
        career.salary_rows = rows

    # --- training, items 19–21 and 32 -------------------------------------------------------------------

    def training(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        unit: PlannedUnit,
        role: Role,
    ) -> None:
        rng = self.rng
        ladder = career.ladder
        catalogs = self.catalogs
        degrees: list[tuple[str, str]] = []  # (qualification, major)

        def degree(
            qualification: str, start: int, end: int, major: str, mode: str, institution: str | None = None
        ) -> None:
            institution = institution or self.university(ladder, qualification)
            name = data.DEGREE_NAMES[qualification]
            if ladder and ladder.key in ("doctor", "preventive_doctor") and qualification == "DAI_HOC":
                name = "Bằng bác sĩ"
            elif ladder and ladder.key == "pharmacist" and qualification == "DAI_HOC":
                name = "Bằng dược sĩ"
            sections["training_professional"].append(
                self.row(
                    "training_professional",
                    start_date=month_iso(start),
                    end_date=month_iso(end),
                    institution=institution,
                    major=major,
                    mode=mode,
                    qualification=qualification,
                    certificate=f"{name} ngành {major}" if qualification != "CK1" and qualification != "CK2" else name,
                )
            )
            degrees.append((qualification, major))

        if career.first_degree:
            qualification, institution, major, mode, start, end = career.first_degree
            degree(qualification, start, end, major, mode, institution)
        if ladder is not None and career.first_degree:
            first = career.first_degree[0]
            level = QUALIFICATION_ORDER[first]
            for m, code in career.rank_plan[1:]:
                group = catalogs.rank_group[code]
                if group in ("A1",) and level < QUALIFICATION_ORDER["DAI_HOC"]:
                    self.upgrade(degree, "DAI_HOC", m, career, major, "LIEN_THONG", 24)
                    level = QUALIFICATION_ORDER["DAI_HOC"]
                elif group.startswith("A2") and level < QUALIFICATION_ORDER["DAI_HOC"]:
                    self.upgrade(degree, "DAI_HOC", m, career, major, "LIEN_THONG", 24)
                    level = QUALIFICATION_ORDER["DAI_HOC"]
                elif group.startswith("A2") and ladder.strengths == "health" and ladder.degree_years >= 6:
                    if self.upgrade(degree, "CK1", m, career, rng.choice(data.MAJORS["specialty"]), "CHINH_QUY", 24):
                        level = QUALIFICATION_ORDER["CK1"]
                elif group.startswith("A2") and rng.random() < 0.45:
                    if self.upgrade(degree, "THAC_SI", m, career, major, "VLVH", 24):
                        level = QUALIFICATION_ORDER["THAC_SI"]
                elif group.startswith("A3"):
                    target = "CK2" if ladder.degree_years >= 6 else ("TIEN_SI" if level >= 4 else "THAC_SI")
                    if self.upgrade(degree, target, m, career, major, "VLVH", 36):
                        level = QUALIFICATION_ORDER[target]
        if degrees:
            best = max(degrees, key=lambda item: QUALIFICATION_ORDER[item[0]])
            person["highest_qualification"] = best[0]
            person["highest_qualification_major"] = best[1]
            if best[0] in ("TIEN_SI", "CK2") and rng.random() < 0.15 and career.end_m is None:
                person["academic_title"] = "PGS"
                person["academic_title_year"] = rng.randint(2015, 2025)
        else:
            person["highest_qualification"] = "SO_CAP" if rng.random() < 0.5 else "CHUA_DAO_TAO"

        civil = career.staff_kind in CIVIL_KINDS
        leader = role.leader
        # 32.2 political theory
        political: str | None = None
        if leader and (leader[2] >= 2 or unit.kind in ("DEPARTMENT", "DEPARTMENT_EQUIVALENT", "PROVINCIAL_COMMITTEE")):
            political = "CAO_CAP"
        elif leader or (civil and rng.random() < 0.2):
            political = "TRUNG_CAP"
        elif role.party or (civil and rng.random() < 0.45) or (ladder and rng.random() < 0.2):
            political = "SO_CAP"
        if political:
            months = {"SO_CAP": 2, "TRUNG_CAP": 14, "CAO_CAP": 20}[political]
            course = self.course_start(career, months, before=career.appointment_m)
            if course is not None:
                start = course
                sections["training_political"].append(
                    self.row(
                        "training_political",
                        start_date=month_iso(start),
                        end_date=month_iso(start + months),
                        institution=data.POLITICAL_SCHOOLS[political],
                        mode="VLVH" if political != "SO_CAP" else "BOI_DUONG",
                        political_theory_level=political,
                        certificate="Bằng tốt nghiệp" if political != "SO_CAP" else "Giấy chứng nhận",
                    )
                )
                person["political_theory_level"] = political
        elif civil:
            person["political_theory_level"] = "CHUA"
        # 32.3 state management and professional-title courses
        if ladder is not None:
            # (level, earliest month, month it must be done by, rank)
            courses: list[tuple[str, int, int | None, str]] = []
            if civil or career.staff_kind == "HOI":
                levels = {
                    "B": "CS",
                    "A0": "CS",
                    "A1": "CV",
                    "A2.1": "CVC",
                    "A2.2": "CVC",
                    "A3.1": "CVCC",
                    "A3.2": "CVCC",
                }
                for i, (m, code) in enumerate(career.rank_plan):
                    level_code = levels.get(catalogs.rank_group[code], "CV")
                    if i == 0:  # during the entry rank
                        until = career.rank_plan[1][0] if len(career.rank_plan) > 1 else None
                        courses.append((level_code, m, until, code))
                    else:  # in the years before the promotion that needs it
                        courses.append((level_code, m - 60, m, code))
            elif career.staff_kind == "VIEN_CHUC" and rng.random() < 0.6:
                m, code = career.rank_plan[-1]
                promoted = len(career.rank_plan) > 1
                courses.append(("CDNN", m - 36 if promoted else m, m if promoted else None, code))
            if leader and career.appointment_m is not None:
                courses.append(("LDQL", career.appointment_m - 48, career.appointment_m, ""))
            best_level = None
            for level_code, earliest, due, code in courses:
                course = self.course_start(career, 3, before=due, earliest=max(earliest, career.recruit_m))
                if course is None:
                    continue
                start = course
                if level_code == "CDNN":
                    certificate = (
                        f"Chứng chỉ bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp {catalogs.rank_name[code]}"
                    )
                    institution = self.university(ladder, "DAI_HOC")
                elif level_code == "LDQL":
                    certificate = "Chứng chỉ bồi dưỡng lãnh đạo, quản lý cấp phòng"
                    institution = "Trường Chính trị tỉnh Đồng Tháp"
                else:
                    certificate = (
                        f"Chứng chỉ bồi dưỡng quản lý nhà nước chương trình {_STATE_MANAGEMENT_NAMES[level_code]}"
                    )
                    institution = (
                        "Học viện Hành chính và Quản trị công"
                        if level_code == "CVCC"
                        else "Trường Chính trị tỉnh Đồng Tháp"
                    )
                sections["training_state_management"].append(
                    self.row(
                        "training_state_management",
                        start_date=month_iso(start),
                        end_date=month_iso(start + 2),
                        institution=institution,
                        state_management_level=level_code,
                        certificate=certificate,
                    )
                )
                if level_code in _STATE_MANAGEMENT_RANK and (
                    best_level is None or _STATE_MANAGEMENT_RANK[level_code] > _STATE_MANAGEMENT_RANK[best_level]
                ):
                    best_level = level_code
                elif best_level is None and level_code == "CDNN":
                    best_level = "CDNN"
            if best_level:
                person["state_management_level"] = best_level
        # 32.4 defence and security
        if (leader and rng.random() < 0.8) or (civil and rng.random() < 0.35) or rng.random() < 0.08:
            course = self.course_start(career, 1)
            if course is not None:
                start = course
                target_group = 3 if leader else 4
                sections["training_defence"].append(
                    self.row(
                        "training_defence",
                        start_date=month_iso(start),
                        end_date=month_iso(start + 1),
                        institution="Trường Quân sự tỉnh Đồng Tháp",
                        certificate=f"Chứng chỉ bồi dưỡng kiến thức quốc phòng và an ninh đối tượng {target_group}",
                    )
                )
        # 32.5 IT
        if ladder is not None and rng.random() < 0.85 or ladder is None and rng.random() < 0.3:
            course = self.course_start(career, 2, earliest=career.recruit_m - 24)
            if course is not None:
                start = course
                if start < 2016 * 12:
                    level_code = rng.choice(("TH_A", "TH_B"))
                    certificate = f"Chứng chỉ tin học trình độ {level_code[-1]}"
                else:
                    level_code = "CNTT_CB" if rng.random() < 0.85 else "CNTT_NC"
                    certificate = (
                        "Chứng chỉ ứng dụng công nghệ thông tin cơ bản"
                        if level_code == "CNTT_CB"
                        else "Chứng chỉ ứng dụng công nghệ thông tin nâng cao"
                    )
                sections["training_it"].append(
                    self.row(
                        "training_it",
                        start_date=month_iso(start),
                        end_date=month_iso(start + 2),
                        institution=rng.choice(
                            (
                                "Trung tâm Tin học, Trường Đại học Đồng Tháp",
                                "Trường Đại học Tiền Giang",
                                "Trung tâm Ngoại ngữ - Tin học Đồng Tháp",
                            )
                        ),
                        it_level=level_code,
                        certificate=certificate,
                    )
                )
                person["it_level"] = level_code
        # 32.6 languages
        if ladder is not None and rng.random() < 0.7:
            course = self.course_start(career, 3, earliest=career.recruit_m - 24)
            if course is not None:
                start = course
                language = (
                    "Tiếng Anh" if rng.random() < 0.93 else rng.choice(("Tiếng Pháp", "Tiếng Trung", "Tiếng Khmer"))
                )
                score = ""
                if language == "Tiếng Khmer":
                    level_code, certificate = "TIENG_DT", "Chứng chỉ tiếng dân tộc Khmer"
                elif start < 2015 * 12:
                    level_code = rng.choice(("CC_A", "CC_B", "CC_B", "CC_C"))
                    certificate = f"Chứng chỉ {language.lower()} trình độ {level_code[-1]}"
                elif rng.random() < 0.05:
                    level_code, certificate = "QUOC_TE", "IELTS"
                    score = rng.choice(("5.5", "6.0", "6.5", "7.0"))
                else:
                    level_code = rng.choice(("CEFR_A2", "CEFR_B1", "CEFR_B1", "CEFR_B2"))
                    certificate = f"Chứng chỉ ngoại ngữ bậc {level_code[-2:]} theo Khung năng lực 6 bậc"
                sections["training_language"].append(
                    self.row(
                        "training_language",
                        start_date=month_iso(start),
                        end_date=month_iso(start + 3),
                        institution=rng.choice(
                            (
                                "Trung tâm Ngoại ngữ - Tin học Đồng Tháp",
                                "Trường Đại học Cần Thơ",
                                "Trường Đại học Đồng Tháp",
                            )
                        ),
                        language=language,
                        language_level=level_code,
                        score=score,
                        certificate=certificate,
                    )
                )
                label = {"QUOC_TE": f"IELTS {score}", "TIENG_DT": "chứng chỉ"}.get(
                    level_code, level_code.split("_")[-1]
                )
                person["foreign_languages"] = f"{language} {label}"

    def upgrade(
        self, degree: Any, qualification: str, due: int, career: _Career, major: str, mode: str, months: int
    ) -> bool:
        """An in-service degree finished a few months before the promotion that needed it."""
        end = due - self.rng.randint(3, 12)
        start = end - months
        if start < career.recruit_m + 6:
            return False
        degree(qualification, start, end, major, mode)
        return True

    def course_start(
        self, career: _Career, months: int, *, before: int | None = None, earliest: int | None = None
    ) -> int | None:
        """A month for a short course during the career (before `before` when given), or None."""
        low = max(earliest if earliest is not None else career.recruit_m, career.dob_m + 18 * 12)
        high = min(career.limit_m, TODAY_M - 1) - months
        if before is not None:
            high = min(high, before - months - 1)
        if low > high:
            return None
        return self.rng.randint(low, high)

    # --- memberships, items 15–16 --------------------------------------------------------------------

    def memberships(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        employer: PlannedUnit,
        role: Role,
    ) -> bool:
        rng = self.rng
        rows = sections["memberships"]
        dob = career.dob
        youth = first_month_at_age(dob, 15) + rng.randint(0, 18)
        youth_day = self.day_in(youth, after=add_years(dob, 15))
        person["first_sociopolitical_org"] = "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
        person["first_sociopolitical_org_date"] = youth_day.isoformat()
        left_youth = add_years(dob, 30)
        rows.append(
            self.row(
                "memberships",
                kind="YOUTH_UNION",
                organisation_name="Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                joined_on=youth_day.isoformat(),
                left_on=left_youth.isoformat() if left_youth < TODAY else None,
            )
        )
        p_party = {"CAN_BO": 0.95, "CONG_CHUC": 0.62, "VIEN_CHUC": 0.44, "HOI": 0.5}.get(career.staff_kind, 0.1)
        party = role.party or bool(role.leader) or rng.random() < p_party
        if party:
            low = max(first_month_at_age(dob, 22), career.recruit_m - 24)
            high = min(career.limit_m, TODAY_M - 14)
            if role.leader and career.appointment_m is not None:
                high = min(high, career.appointment_m - 1)
            if low <= high:
                joined_m = rng.randint(low, high)
                joined = self.day_in(joined_m, after=add_years(dob, 18))
                official = add_years(joined, 1)
                position = ""
                if role.leader and role.leader[0] == employer.leaders[0][0]:
                    position = (
                        "Bí thư Chi bộ"
                        if employer.kind not in ("DEPARTMENT", "PROVINCIAL_COMMITTEE")
                        else "Bí thư Đảng ủy"
                    )
                elif role.leader:
                    position = rng.choice(("Phó Bí thư Chi bộ", "Chi ủy viên"))
                rows.append(
                    self.row(
                        "memberships",
                        kind="PARTY",
                        organisation_name=f"Đảng bộ {employer.name}",
                        joined_on=joined.isoformat(),
                        official_on=official.isoformat(),
                        left_on=None,
                        position_held=position,
                        card_number=f"{rng.randint(10, 99)}.{rng.randrange(1_000_000):06d}",
                    )
                )
                person["party_join_date"] = joined.isoformat()
                person["party_official_date"] = official.isoformat()
                person["party_position"] = position
                if position == "Bí thư Đảng ủy":
                    person["party_concurrent_positions"] = "Ủy viên Ban Chấp hành Đảng bộ tỉnh"
            else:
                party = False
        union_m = career.recruit_m + rng.randint(1, 4)
        if union_m <= min(career.limit_m, TODAY_M - 1):
            union_day = self.day_in(union_m)
            rows.append(
                self.row(
                    "memberships",
                    kind="TRADE_UNION",
                    organisation_name=f"Công đoàn cơ sở {employer.name}",
                    joined_on=union_day.isoformat(),
                    left_on=self.day_in(career.end_m, after=union_day).isoformat()
                    if career.end_m is not None
                    else None,
                )
            )
        women_m = min(career.recruit_m + rng.randint(1, 24), career.limit_m, TODAY_M - 1)
        if career.female and rng.random() < 0.3:
            rows.append(
                self.row(
                    "memberships",
                    kind="WOMEN_UNION",
                    organisation_name=f"Hội Liên hiệp Phụ nữ {employer.name}",
                    joined_on=self.day_in(women_m, after=add_years(dob, 18)).isoformat(),
                )
            )
        if career.military:
            rows.append(
                self.row(
                    "memberships",
                    kind="VETERANS",
                    organisation_name="Hội Cựu chiến binh Việt Nam",
                    joined_on=self.day_in(career.military[1] + rng.randint(1, 12)).isoformat(),
                )
            )
        return party

    # --- family, item 36 ---------------------------------------------------------------------------------

    def family_rows(
        self, sections: dict[str, list[dict[str, Any]]], career: _Career, family_name: str, full_name: str
    ) -> None:
        rng = self.rng
        year = career.dob.year
        age = TODAY.year - year

        def details(birth_year: int, *, female: bool, deceased: bool, abroad: bool) -> str:
            commune = self.commune_label(rng.randrange(len(self.plan.communes)))
            if deceased:
                return (
                    f"Quê quán: {commune}, tỉnh Đồng Tháp; đã mất năm {rng.randint(max(birth_year + 40, 1990), 2025)}"
                )
            member_age = TODAY.year - birth_year
            if member_age < 18:
                occupation = "Học sinh" if member_age > 5 else "Còn nhỏ"
            elif member_age < 23 and rng.random() < 0.6:
                occupation = "Sinh viên"
            elif member_age > 62:
                occupation = rng.choice(data.OCCUPATIONS_OLDER)
                if occupation == "Nội trợ" and not female:
                    occupation = "Làm ruộng"
            else:
                occupation = rng.choice(data.OCCUPATIONS_ADULT)
            where = f"định cư tại {rng.choice(data.COUNTRIES_ABROAD)}" if abroad else f"{commune}, tỉnh Đồng Tháp"
            return f"Nghề nghiệp: {occupation}; nơi ở: {where}"

        def member(
            key: str, relation: str, female: bool, birth_year: int, family: str | None, *, abroad: bool = False
        ) -> None:
            birth_year = min(birth_year, TODAY.year - 1)
            member_age = TODAY.year - birth_year
            deceased = member_age > 60 and rng.random() < min(0.9, (member_age - 60) / 30)
            sections[key].append(
                self.row(
                    key,
                    relation=relation,
                    full_name=self.name(female, family),
                    birth_year=birth_year,
                    details=details(birth_year, female=female, deceased=deceased, abroad=abroad),
                    lives_abroad=abroad and not deceased,
                    is_deceased=deceased,
                )
            )

        # 36.1: parents (older than the person), spouse, children, siblings.
        father_year = year - rng.randint(22, 38)
        member("family_own", "BO_DE", False, father_year, family_name)
        member("family_own", "ME_DE", True, min(year - 18, father_year + rng.randint(-2, 8)), None)
        if age >= 24 and rng.random() < min(0.92, (age - 22) / 8):
            spouse_family = self.family.pick(rng)
            spouse_year = min(year + (rng.randint(-2, 5) if career.female else rng.randint(-6, 2)), TODAY.year - 20)
            member("family_own", "CHONG" if career.female else "VO", not career.female, spouse_year, spouse_family)
            child_family = spouse_family if career.female else family_name
            first_child = year + rng.randint(23, 33)
            for n in range(rng.choice((0, 1, 1, 2, 2, 2, 3))):
                child_year = first_child + n * rng.randint(2, 5)
                if child_year >= TODAY.year:
                    break
                member("family_own", "CON_DE", rng.random() < 0.5, child_year, child_family)
            # 36.2: the spouse's parents and siblings.
            in_law_father = spouse_year - rng.randint(22, 36)
            member("family_spouse", "BO_VO_CHONG", False, in_law_father, spouse_family)
            member("family_spouse", "ME_VO_CHONG", True, in_law_father + rng.randint(-2, 6), None)
            for _ in range(rng.choice((0, 1, 1, 2))):
                member(
                    "family_spouse",
                    "ANH_CHI_EM_VO_CHONG",
                    rng.random() < 0.5,
                    spouse_year + rng.randint(-8, 8),
                    spouse_family,
                )
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            sibling_year = year + rng.choice((-1, 1)) * rng.randint(1, 10)
            sibling_female = rng.random() < 0.5
            relation = ("CHI_RUOT" if sibling_female else "ANH_RUOT") if sibling_year < year else "EM_RUOT"
            member("family_own", relation, sibling_female, sibling_year, family_name, abroad=rng.random() < 0.01)

    # --- yearly evaluations and discipline, item 35 -------------------------------------------------------

    def evaluations(
        self, sections: dict[str, list[dict[str, Any]]], career: _Career, employer: PlannedUnit, problem: str | None
    ) -> None:
        rng = self.rng
        first_year = max(career.recruit_m // 12, EVALUATIONS_FROM)
        last_year = LAST_EVALUATED_YEAR
        if career.end_m is not None:
            last_year = min(last_year, career.end_m // 12 if career.end_m % 12 >= 6 else career.end_m // 12 - 1)
        discipline_year = career.discipline_m // 12 if career.discipline_m is not None else None
        streak = 0
        for year in range(first_year, last_year + 1):
            if problem == "MISSING_EVALUATION" and year == LAST_EVALUATED_YEAR:
                continue
            values: dict[str, Any] = {"year": year}
            if year == career.recruit_m // 12 and career.recruit_m % 12 >= 6:
                values["rating"] = "CHUA_DANH_GIA"
                streak = 0
            elif year == discipline_year:
                values["rating"] = "HTNV"
                streak = 0
            else:
                rating = self.ratings.pick(rng)
                values["rating"] = rating
                streak = streak + 1 if rating == "HTXSNV" else 0
                if rating in ("HTXSNV", "HTTNV") and rng.random() < 0.7:
                    values["emulation_title"] = "CSTD_CO_SO" if rating == "HTXSNV" and rng.random() < 0.5 else "LDTT"
                award = None
                if streak >= 2 and rng.random() < 0.3:
                    award, details = "BANG_KHEN_BO_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
                elif rating != "HTNV" and rating != "KHTNV" and rng.random() < 0.12:
                    award, details = "GIAY_KHEN", f"Giấy khen của Thủ trưởng {employer.name}"
                if award:
                    values["award"] = award
                    values["award_details"] = details
                    values.update(self.decision((year + 1) * 12 + rng.randint(0, 2), employer.issuer, "QĐ-KT"))
            sections["annual_records"].append(self.row("annual_records", **values))
        if career.discipline_m is not None:
            start = self.day_in(career.discipline_m)
            sections["disciplinary_actions"].append(
                self.row(
                    "disciplinary_actions",
                    start_date=start.isoformat(),
                    end_date=add_years(start, 1).isoformat(),
                    form=rng.choice(("KHIEN_TRACH", "KHIEN_TRACH", "CANH_CAO")),
                    violation=rng.choice(data.VIOLATIONS),
                    decision_number=f"{rng.randint(10, 900)}/QĐ-KL",
                    decision_date=start.isoformat(),
                    decision_issuer=employer.issuer,
                )
            )

    # --- allowances, items 30.2 and 37.2 ----------------------------------------------------------------

    def allowances(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        employer: PlannedUnit,
        kind: str,
        occupational: int,
        role: Role,
    ) -> None:
        rng = self.rng
        rows = sections["allowances"]
        end = month_iso(career.end_m) if career.end_m is not None else None
        summary: list[str] = []
        if career.staff_kind in CIVIL_KINDS:
            start = max(career.recruit_m, PUBLIC_SERVICE_ALLOWANCE_FROM)
            if start <= career.limit_m:
                rows.append(
                    self.row(
                        "allowances",
                        start_date=month_iso(start),
                        end_date=end,
                        allowance_type="PC_CONG_VU",
                        percent="25.00",
                        mode="Hằng tháng",
                    )
                )
                summary.append("Phụ cấp công vụ 25%")
        if career.staff_kind == "VIEN_CHUC" and occupational and career.ladder and not career.ladder.is_support:
            rows.append(
                self.row(
                    "allowances",
                    start_date=month_iso(career.recruit_m),
                    end_date=end,
                    allowance_type="PC_UU_DAI_NGHE",
                    percent=f"{occupational}.00",
                    mode="Hằng tháng",
                )
            )
            summary.append(f"Phụ cấp ưu đãi nghề {occupational}%")
            if kind == "teacher" and career.limit_m - career.recruit_m >= 60:
                years = (career.limit_m - career.recruit_m) // 12
                since = career.recruit_m + 12 * years
                rows.append(
                    self.row(
                        "allowances",
                        start_date=month_iso(since),
                        end_date=end,
                        allowance_type="PC_THAM_NIEN_NGHE",
                        percent=f"{years}.00",
                        mode="Hằng tháng",
                    )
                )
                summary.append(f"Phụ cấp thâm niên nghề {years}%")
        if role.leader and career.appointment_m is not None:
            rows.append(
                self.row(
                    "allowances",
                    start_date=month_iso(career.appointment_m),
                    allowance_type="PC_CHUC_VU",
                    coefficient=role.leader[1],
                    mode="Hằng tháng",
                    **self.decision(career.appointment_m, employer.issuer),
                )
            )
            person["position_allowance"] = role.leader[1]
        if person.get("over_ceiling_percent"):
            rows.append(
                self.row(
                    "allowances",
                    start_date=person["over_ceiling_date"],
                    allowance_type="PC_THAM_NIEN_VUOT_KHUNG",
                    percent=f"{person['over_ceiling_percent']}.00",
                    mode="Hằng tháng",
                )
            )
        if person.get("concurrent_positions") and rng.random() < 0.5:
            person["concurrent_allowance"] = "0.10"
        person["other_allowances"] = "; ".join(summary)

    # --- job positions, item 30.3 -------------------------------------------------------------------

    def job_positions(
        self, person: dict[str, Any], sections: dict[str, list[dict[str, Any]]], career: _Career, employer: PlannedUnit
    ) -> None:
        if career.staff_kind in CONTRACT_KINDS or not person["rank"] or career.end_m is not None:
            return
        key = person["current_position"] if person["current_position"] in employer.job_positions else person["rank"]
        if key not in employer.job_positions:
            return
        uid, name = employer.job_positions[key]
        start = max(JOB_POSITIONS_FROM, career.join_m)
        if employer.valid_from:
            start = max(start, month_of(employer.valid_from))
        group = self.catalogs.rank_group[person["rank"]]
        level = PROFESSIONAL_LEVEL_BY_GROUP.get(group) if career.staff_kind == "VIEN_CHUC" else None
        rows = sections["job_positions"]
        if level and start < PROFESSIONAL_LEVEL_M:
            rows.append(
                self.row(
                    "job_positions",
                    start_date=month_iso(start),
                    end_date=month_iso(PROFESSIONAL_LEVEL_M - 1),
                    job_position=uid,
                    job_position_name=name,
                )
            )
            start = PROFESSIONAL_LEVEL_M
        rows.append(
            self.row(
                "job_positions",
                start_date=month_iso(start),
                job_position=uid,
                job_position_name=name,
                professional_level=level,
            )
        )
        person["job_position"] = uid
        person["professional_level"] = level

    # --- contracts of contract workers -------------------------------------------------------------------

    def contracts(
        self,
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        employer: PlannedUnit,
        unit: PlannedUnit,
        problem: str | None,
    ) -> None:
        if career.staff_kind not in CONTRACT_KINDS:
            return
        rng = self.rng
        jobs = CONTRACT_JOBS_BY_PROFILE.get(unit.profile, ()) + CONTRACT_JOBS
        job_title, duties, _ = rng.choice(jobs)
        if career.staff_kind == "HD_NHIEM_VU_CONG_CHUC":
            job_title, duties = "Thực hiện nhiệm vụ của công chức", "Tham mưu, thực hiện nhiệm vụ chuyên môn được giao"
        representative = self.name(rng.random() < 0.4)
        title = employer.leaders[0][0] if employer.leaders else "Thủ trưởng cơ quan"
        salary_rows = career.salary_rows

        def pay_at(m: int) -> dict[str, Any]:
            if not salary_rows:
                return {"pay_mode": "AGREED", "pay_amount_vnd": rng.randrange(4_800_000, 9_000_000, 100_000)}
            row = [r for r in salary_rows if r[0] <= m][-1] if salary_rows[0][0] <= m else salary_rows[0]
            return {"pay_mode": "SALARY_TABLE", "pay_rank": row[1], "pay_step": row[2], "pay_coefficient": row[3]}

        def contract(number: int, kind: str, start: int, end_day: datetime.date | None) -> dict[str, Any]:
            start_day = datetime.date(start // 12, start % 12 + 1, 1)
            signed = start_day - datetime.timedelta(days=rng.randint(1, 6))
            legal = (
                "Bộ luật Lao động năm 2019; Nghị định số 111/2022/NĐ-CP ngày 30/12/2022 của Chính phủ"
                if start < 2025 * 12 + 7
                else "Bộ luật Lao động năm 2019; Nghị định số 173/2025/NĐ-CP của Chính phủ"
            )
            return self.row(
                "labour_contracts",
                contract_number=f"{number:02d}/{start // 12}/HĐLĐ",
                contract_type=kind,
                legal_bases=legal,
                employer_representative=representative,
                employer_representative_title=title,
                employer_address=self.address(employer.commune),
                employer_phone=f"0277{rng.randrange(10_000_000):07d}",
                start_date=start_day.isoformat(),
                end_date=end_day.isoformat() if end_day else None,
                probation_start=start_day.isoformat() if number == 1 else None,
                probation_end=(start_day + datetime.timedelta(days=29)).isoformat() if number == 1 else None,
                workplace=employer.label,
                job_title=job_title,
                duties=duties,
                working_hours="08 giờ/ngày, 40 giờ/tuần; nghỉ thứ Bảy, Chủ nhật và các ngày lễ theo quy định",
                equipment="Được trang bị đồng phục và bảo hộ lao động theo quy định",
                pay_method="Chuyển khoản",
                pay_period="Hằng tháng",
                pay_rise_terms="Nâng bậc lương theo quy định của Nhà nước",
                insurance_terms="Tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp theo quy định",
                training_terms="Được tham gia bồi dưỡng nghiệp vụ theo yêu cầu công việc",
                other_benefits="Được hưởng các chế độ phúc lợi của cơ quan",
                employer_obligations="Bảo đảm việc làm và thực hiện đầy đủ các điều đã cam kết trong hợp đồng",
                copies=2,
                signed_date=signed.isoformat(),
                **pay_at(start),
            )

        rows = sections["labour_contracts"]
        start = career.join_m
        if career.staff_kind == "HD_NHIEM_VU_CONG_CHUC":
            end_day = datetime.date(start // 12 + 2, start % 12 + 1, 1) - datetime.timedelta(days=1)
            rows.append(contract(1, "HD_NV_CONG_CHUC", start, end_day))
            return
        if problem == "CONTRACT_ENDED_STILL_WORKING":
            end_m = rng.randint(2026 * 12, TODAY_M - 2)
            start = max(start, end_m - 35)
            end_day = datetime.date((end_m + 1) // 12, (end_m + 1) % 12 + 1, 1) - datetime.timedelta(days=1)
            rows.append(contract(1, "HDLD_XDTH", start, end_day))
            return
        months = rng.choice((12, 24, 36))
        first_end_m = start + months  # first month after the fixed term
        first_end = datetime.date(first_end_m // 12, first_end_m % 12 + 1, 1) - datetime.timedelta(days=1)
        if career.end_m is not None and career.end_m < first_end_m:
            left = datetime.date(career.end_m // 12, career.end_m % 12 + 1, 28)
            rows.append(contract(1, "HDLD_XDTH", start, min(first_end, left)))
            return
        rows.append(contract(1, "HDLD_XDTH", start, first_end))
        if first_end_m <= career.limit_m:
            last_day = (
                datetime.date(career.end_m // 12, career.end_m % 12 + 1, 28) if career.end_m is not None else None
            )
            rows.append(contract(2, "HDLD_KXDTH", first_end_m, last_day))
            raises = [r for r in salary_rows if r[0] > first_end_m and r[6] == "step"]
            if raises and rng.random() < 0.5:
                raise_row = raises[-1]
                effective = datetime.date(raise_row[0] // 12, raise_row[0] % 12 + 1, 1)
                sections["contract_annexes"].append(
                    self.row(
                        "contract_annexes",
                        contract_number=rows[-1]["contract_number"],
                        annex_number="01/PLHĐ",
                        signed_date=(effective - datetime.timedelta(days=rng.randint(1, 10))).isoformat(),
                        effective_date=effective.isoformat(),
                        content=f"Điều chỉnh bậc lương lên bậc {raise_row[2]}, hệ số {raise_row[3]}",
                    )
                )

    # --- the rest: ID history, policy, honours, property, health, income ----------------------------------

    def other_sections(
        self,
        person: dict[str, Any],
        sections: dict[str, list[dict[str, Any]]],
        career: _Career,
        unit: PlannedUnit,
        party: bool,
    ) -> None:
        rng = self.rng
        dob = career.dob
        if dob.year <= 1998 and rng.random() < 0.85:
            prefix = data.CMND_PREFIXES.get(career.birth_code, "3" + str(rng.randint(0, 9)))
            issued = self.day_in(first_month_at_age(dob, 16) + rng.randint(0, 36))
            sections["legacy_ids"].append(
                self.row(
                    "legacy_ids",
                    kind="CMND9",
                    number=f"{prefix}{rng.randrange(10_000_000):07d}",
                    issue_date=issued.isoformat(),
                    issue_place=f"Công an tỉnh {self.catalogs.former_provinces.get(career.birth_code, ('Đồng Tháp', ''))[0]}",
                )
            )
        if person["ethnicity"] in ("05", "17") and rng.random() < 0.8:
            sections["policy_statuses"].append(
                self.row("policy_statuses", status="DTTS", note="Người dân tộc thiểu số")
            )
        elif rng.random() < 0.03:
            status = rng.choice(("CON_THUONG_BINH", "CON_LIET_SI", "CON_NGUOI_CO_CONG", "CON_BENH_BINH"))
            sections["policy_statuses"].append(self.row("policy_statuses", status=status))
        ladder = career.ladder
        if ladder and career.end_m is None and TODAY_M - career.recruit_m > 20 * 12 and rng.random() < 0.01:
            title = {"school": "NGUT", "health": "TTUT"}.get(ladder.strengths)
            if title:
                year = rng.choice((2017, 2020, 2023))
                sections["state_honours"].append(
                    self.row(
                        "state_honours",
                        title=title,
                        year=year,
                        decision_number=f"{rng.randint(100, 2500)}/QĐ-CTN",
                        decision_date=datetime.date(year, 11, rng.randint(1, 20)).isoformat(),
                        decision_issuer="Chủ tịch nước",
                    )
                )
        if ladder and ladder.strengths == "health" and rng.random() < 0.004:
            start = self.course_start(career, 6)
            if start is not None:
                sections["foreign_links"].append(
                    self.row(
                        "foreign_links",
                        start_date=month_iso(start),
                        end_date=month_iso(start + 6),
                        organisation="Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
                        address="Tokyo, Nhật Bản",
                        work_done="Tham gia dự án nâng cao năng lực y tế cơ sở",
                    )
                )
        properties = sections["properties"]
        if rng.random() < 0.7:
            kind = rng.choice(("HOUSING_OWNED", "HOUSING_OWNED", "LAND_OWNED"))
            description = "Nhà ở riêng lẻ" if kind == "HOUSING_OWNED" else "Đất ở tại nông thôn"
            properties.append(
                self.row(
                    "properties",
                    kind=kind,
                    description=description,
                    area_m2=f"{rng.randint(600, 3000) / 10:.1f}",
                    certificate=f"Giấy chứng nhận QSDĐ số C{rng.choice('ĐHKS')} {rng.randrange(1_000_000):06d}",
                )
            )
            if rng.random() < 0.25:
                properties.append(
                    self.row(
                        "properties",
                        kind="BUSINESS_LAND",
                        description="Đất trồng lúa",
                        area_m2=f"{rng.randint(1000, 20000):d}.0",
                        certificate=f"Giấy chứng nhận QSDĐ số C{rng.choice('ĐHKS')} {rng.randrange(1_000_000):06d}",
                    )
                )
        coefficient = float(person["salary_coefficient"] or 2.0)
        person["household_salary_income"] = (
            int(coefficient * 2_340_000 * 12 * rng.uniform(1.6, 2.4)) // 100_000 * 100_000
        )
        if rng.random() < 0.35:
            person["household_other_income"] = rng.randrange(10_000_000, 150_000_000, 1_000_000)
        person["health_status"] = rng.choice(("Tốt", "Tốt", "Tốt", "Khá", "Bình thường"))
        person["height_cm"] = rng.randint(148, 168) if career.female else rng.randint(158, 180)
        weight = rng.randint(420, 620) if career.female else rng.randint(520, 800)
        person["weight_kg"] = f"{weight / 10:.1f}"
        person["blood_group"] = rng.choice(("O", "O", "A", "B", "B", "AB"))
        if ladder is not None and career.end_m is None and person["rank"] and rng.random() < 0.08:
            person["succession_planned_title"] = rng.choice(("Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc"))

    def assessment(self, person: dict[str, Any], career: _Career, employer: PlannedUnit) -> None:
        rng = self.rng
        if career.end_m is not None and career.end_m < TODAY_M - 24:
            return
        person["assessment"] = rng.choice(data.ASSESSMENTS)
        declared = self.day_in(rng.randint(2026 * 12, TODAY_M - 1))
        person["declared_on"] = declared.isoformat()
        person["assessment_date"] = min(declared + datetime.timedelta(days=rng.randint(3, 20)), TODAY).isoformat()
        managing = self.plan.units[employer.managing]
        person["assessed_by"] = f"Thủ trưởng {managing.name}"[:120]


def _titled_from(
    periods: list[tuple[int, int | None, str, str | None, str]], appointed: int, joined: int, title: str
) -> list[tuple[int, int | None, str, str | None, str]]:
    """Work periods with the leadership post as title from the appointment on (the row it falls in is split)."""
    titled: list[tuple[int, int | None, str, str | None, str]] = []
    for i, (start, last, organisation, unit_uid, row_title) in enumerate(periods):
        until = last if last is not None else (periods[i + 1][0] - 1 if i + 1 < len(periods) else TODAY_M)
        if start < joined or until < appointed:
            titled.append((start, last, organisation, unit_uid, row_title))
        elif start >= appointed:
            titled.append((start, last, organisation, unit_uid, title))
        else:
            titled.append((start, appointed - 1, organisation, unit_uid, row_title))
            titled.append((appointed, last, organisation, unit_uid, title))
    return titled


_STATE_MANAGEMENT_NAMES = {
    "CS": "cán sự",
    "CV": "chuyên viên",
    "CVC": "chuyên viên chính",
    "CVCC": "chuyên viên cao cấp",
}
_STATE_MANAGEMENT_RANK = {"CS": 1, "CV": 2, "CVC": 3, "CVCC": 4}


def _section_defaults(key: str) -> dict[str, Any]:
    """A row of a section with every field at its empty value, in snapshot form."""
    spec = SECTIONS[key]
    row: dict[str, Any] = {}
    for name in spec.field_names:
        model_fld = model_field(spec.model, name)
        if model_fld.is_relation or model_fld.null:
            row[name] = None
        elif model_fld.has_default() and not callable(model_fld.default):
            row[name] = encode_scalar(model_fld, model_fld.default)
        else:
            row[name] = ""
    return row
