"""The consistency rules: contradictions in stored records that an officer must find and correct.

Kiểm tra tính thống nhất của dữ liệu (REQ-029: date logic and catalog codes; REQ-026: likely duplicates; REQ-046:
the officer logs contradictions). Each rule is a small function with a code (`Rule`), a Vietnamese message and its
legal basis (`RULE_BASIS`). They run on the stored rows of a batch of people (a handful of queries per batch), so
the nightly run over 100,000 people keeps memory bounded; what a rule needs from the whole province (retirement
ages, salary tables, the groups of likely duplicates) is read once into a `CheckContext`.

The same cross-field rules also guard new entries (`hoso.people.rules.check_record`, run on a snapshot before it
becomes a version); this module reuses its building blocks (the ID-number check, the salary-table check, the
parent relations) for records that predate them or came from imports.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem, RetirementAge
from hoso.people.models import (
    DisciplinaryAction,
    FamilyRelation,
    LegacyIdNumber,
    Person,
    SalaryHistoryEntry,
    WorkHistoryEntry,
)
from hoso.people.rules import ADULT_AGE, PARENT_RELATIONS, SALARY_TABLE_OF_KIND, _add_years, _fmt, _Salary
from hoso.people.validators import citizen_id_errors
from hoso.quality.enums import Rule
from hoso.quality.selectors import closed_statuses

CHILD_RELATIONS = frozenset({"CON_DE", "CON_NUOI"})
# Months a discipline delays the next regular step (TT 08/2013/TT-BNV Art. 2.3, amended by TT 03/2021/TT-BNV;
# formats.md §7): reprimand or warning 6 months; salary-step reduction, demotion, removal from post 12 months.
DISCIPLINE_DELAY_MONTHS = {
    "KHIEN_TRACH": 6,
    "CANH_CAO": 6,
    "HA_BAC_LUONG": 12,
    "GIANG_CHUC": 12,
    "CACH_CHUC": 12,
}
# An early step for outstanding achievement comes at most 12 months early (TT 08/2013/TT-BNV Art. 3).
EARLY_STEP_MONTHS = 12
# Before the table of NĐ 135/2020 (from 2021): 60 for men, 55 for women (BLLĐ 2012 Art. 187).
RETIREMENT_BEFORE_2021 = (60, 0, 55, 0)

RULE_BASIS: dict[str, Any] = {
    Rule.HIRED_UNDER_18: gettext_lazy(
        "Law on Cadres and Civil Servants 2008 Art. 36, Law on Public Employees 2010 Art. 22: candidates are 18 or "
        "older; TT 06/2023/TT-BNV item 13"
    ),
    Rule.OVERLAPPING_WORK: gettext_lazy("TT 06/2023/TT-BNV item 33: periods do not overlap except concurrent posts"),
    Rule.EARLY_SALARY_STEP: gettext_lazy(
        "NĐ 204/2004/NĐ-CP; TT 08/2013/TT-BNV Art. 2–3 (amended by TT 03/2021/TT-BNV): a step every 3 years (A0–A3) "
        "or 2 years (B, C), at most 12 months early, delayed 6–12 months by a discipline"
    ),
    Rule.RETIREMENT_AGE_PASSED: gettext_lazy(
        "Labour Code 2019 Art. 169; NĐ 135/2020/NĐ-CP Art. 4: retirement at the end of the month the age is reached"
    ),
    Rule.RANK_SCALE_MISMATCH: gettext_lazy("NĐ 204/2004/NĐ-CP, tables 2 and 3; TT 06/2023/TT-BNV item 30.1"),
    Rule.CITIZEN_ID_MISMATCH: gettext_lazy(
        "TT 07/2016/TT-BCA Art. 7 (amended by TT 59/2021/TT-BCA): digit 4 gives the century and sex, digits 5–6 the "
        "year of birth"
    ),
    Rule.FAMILY_AGE: gettext_lazy("TT 06/2023/TT-BNV item 36: parents are older than the person, children younger"),
    Rule.DUPLICATE: gettext_lazy("REQ-026; NĐ 27/2026/NĐ-CP Art. 16: one record per person for the whole working life"),
}


@dataclass(frozen=True)
class Found:
    person_id: int
    rule: str
    key: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckContext:
    """What the rules read from the whole province, once per run."""

    today: datetime.date
    closed_status_ids: set[int]
    retirement_ages: dict[int, tuple[int, int, int, int]]
    catalog_codes: dict[int, str]  # rank, discipline form, family relation: id -> code
    catalog_names: dict[int, str]  # the same: id -> name
    name_twins: dict[tuple[str, datetime.date], list[tuple[int, str, str]]]  # -> (person id, uid, unit name)
    legacy_twins: dict[int, list[int]]  # person id -> the other people holding one of its earlier ID numbers
    legacy_people: dict[int, tuple[str, str]]  # person id -> (uid, unit name) of those in legacy_twins

    @classmethod
    def load(cls, *, today: datetime.date) -> "CheckContext":
        closed = set(closed_statuses().values_list("pk", flat=True))
        ages = {
            row.year: (row.male_years, row.male_months, row.female_years, row.female_months)
            for row in RetirementAge.objects.all()
        }
        items = CatalogItem.objects.filter(
            kind__in=[
                CatalogKind.CIVIL_SERVICE_RANK,
                CatalogKind.PROFESSIONAL_TITLE,
                CatalogKind.DISCIPLINE_FORM,
                CatalogKind.FAMILY_RELATION,
            ]
        ).values_list("pk", "code", "name")
        codes = {pk: code for pk, code, _ in items}
        names = {pk: name for pk, _, name in items}
        return cls(
            today=today,
            closed_status_ids=closed,
            retirement_ages=ages,
            catalog_codes=codes,
            catalog_names=names,
            name_twins=_name_twins(),
            legacy_twins=(legacy := _legacy_twins()),
            legacy_people=_people_labels(set(legacy)),
        )


def _people_labels(ids: set[int]) -> dict[int, tuple[str, str]]:
    return {
        pk: (str(uid), unit)
        for pk, uid, unit in Person.objects.filter(pk__in=ids).values_list("pk", "uid", "employing_unit__name")
    }


def _name_twins() -> dict[tuple[str, datetime.date], list[tuple[int, str, str]]]:
    """People sharing a normalised name and a date of birth: one GROUP BY, then only the pairs found."""
    groups = list(
        Person.objects.exclude(name_sort_key="")
        .order_by()
        .values("name_sort_key", "date_of_birth")
        .annotate(people=Count("pk"))
        .filter(people__gt=1)
        .values_list("name_sort_key", "date_of_birth")
    )
    twins: dict[tuple[str, datetime.date], list[tuple[int, str, str]]] = defaultdict(list)
    for start in range(0, len(groups), 500):
        keys = groups[start : start + 500]
        names = {name for name, _ in keys}
        wanted = set(keys)
        rows = Person.objects.filter(name_sort_key__in=names).values_list(
            "pk", "uid", "employing_unit__name", "name_sort_key", "date_of_birth"
        )
        for pk, uid, unit, name, born in rows:
            if (name, born) in wanted:
                twins[(name, born)].append((pk, str(uid), unit))
    return dict(twins)


def _number_hash(number: str) -> int:
    """A compact key for an earlier ID number (the numbers are encrypted at rest; only equality matters here)."""
    return int.from_bytes(hashlib.blake2b(number.strip().upper().encode(), digest_size=8).digest(), "big")


def _legacy_twins() -> dict[int, list[int]]:
    """For each person sharing an earlier ID number with others, those others.

    The numbers are encrypted, so each is decrypted once here, read in chunks and kept as an 8-byte hash.
    """
    holders: dict[int, int | list[int]] = {}
    for person_id, number in LegacyIdNumber.objects.order_by().values_list("person_id", "number").iterator(2000):
        if not number:
            continue
        key = _number_hash(number)
        held = holders.get(key)
        if held is None:
            holders[key] = person_id
        elif isinstance(held, int):
            if held != person_id:
                holders[key] = [held, person_id]
        elif person_id not in held:
            held.append(person_id)
    others: dict[int, list[int]] = defaultdict(list)
    for held in holders.values():
        if isinstance(held, list):
            for person_id in held:
                others[person_id].extend(pk for pk in held if pk != person_id)
    return dict(others)


@dataclass
class PersonData:
    """One person's row and the section rows the rules read."""

    pk: int
    values: dict[str, Any]
    work: list[Any] = field(default_factory=list)  # named rows of WorkHistoryEntry
    salary: list[Any] = field(default_factory=list)  # of SalaryHistoryEntry
    disciplines: list[Any] = field(default_factory=list)  # of DisciplinaryAction
    family: list[Any] = field(default_factory=list)  # of FamilyRelation


PERSON_FIELDS = (
    "pk",
    "full_name",
    "gender",
    "date_of_birth",
    "citizen_id",
    "first_recruitment_date",
    "employment_status_id",
    "rank_id",
    "rank__code",
    "salary_step",
    "salary_coefficient",
    "salary_step_date",
    "name_sort_key",
)


def load_people(ids: list[int]) -> list[PersonData]:
    """The batch's people and section rows: four queries, whatever the batch size."""
    people = {row["pk"]: PersonData(row["pk"], row) for row in Person.objects.filter(pk__in=ids).values(*PERSON_FIELDS)}
    # Plain named tuples, not model instances: a batch of 1,000 people has tens of thousands of section rows.
    work = WorkHistoryEntry.objects.filter(person_id__in=ids).order_by("person_id", "start_date", "id")
    for row in work.values_list(
        "person_id", "uid", "start_date", "end_date", "organisation", "is_concurrent", named=True
    ):
        people[row.person_id].work.append(row)
    salary = SalaryHistoryEntry.objects.filter(person_id__in=ids).order_by("person_id", "start_date", "id")
    for pay in salary.values_list(
        "person_id", "uid", "start_date", "rank_id", "salary_step", "salary_coefficient", named=True
    ):
        people[pay.person_id].salary.append(pay)
    disciplines = DisciplinaryAction.objects.filter(person_id__in=ids).order_by()
    for action in disciplines.values_list("person_id", "start_date", "form_id", named=True):
        people[action.person_id].disciplines.append(action)
    # Names of relatives and earlier ID numbers are encrypted: the rules read neither (a relative is named by the
    # relation, earlier numbers come as hashes from the context), so a batch decrypts one value per person.
    family = FamilyRelation.objects.filter(person_id__in=ids).order_by()
    for relative in family.values_list("person_id", "uid", "side", "relation_id", "birth_year", named=True):
        people[relative.person_id].family.append(relative)
    return list(people.values())


# --- The rules -----------------------------------------------------------------------------------


def hired_under_18(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Tuyển dụng khi chưa đủ 18 tuổi: first recruited before the 18th birthday."""
    born, hired = person.values["date_of_birth"], person.values["first_recruitment_date"]
    if born and hired and hired < _add_years(born, ADULT_AGE):
        yield Found(
            person.pk,
            Rule.HIRED_UNDER_18,
            "",
            _("Recruited on %(hired)s, before turning 18 on %(adult)s.")
            % {"hired": _fmt(hired), "adult": _fmt(_add_years(born, ADULT_AGE))},
            {"first_recruitment_date": hired.isoformat(), "date_of_birth": born.isoformat()},
        )


def overlapping_work(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Quá trình công tác chồng lấn: two main (not concurrent) posts at the same time."""
    rows = [row for row in person.work if not row.is_concurrent]
    for index, later in enumerate(rows):
        for earlier in rows[:index]:
            earlier_end = earlier.end_date or datetime.date.max
            if later.start_date < earlier_end and earlier.start_date <= later.start_date:
                yield Found(
                    person.pk,
                    Rule.OVERLAPPING_WORK,
                    str(later.uid),
                    _(
                        "The period at %(later)s from %(start)s overlaps the period at %(earlier)s "
                        "(%(earlier_start)s – %(earlier_end)s); one of them should be a concurrent post."
                    )
                    % {
                        "later": later.organisation,
                        "start": _fmt(later.start_date),
                        "earlier": earlier.organisation,
                        "earlier_start": _fmt(earlier.start_date),
                        "earlier_end": _fmt(earlier.end_date) if earlier.end_date else _("now"),
                    },
                    {"row": str(later.uid), "overlaps": str(earlier.uid)},
                )
                break


def _months(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def early_salary_step(person: PersonData, context: CheckContext, salary: "_Salary") -> Iterable[Found]:
    """Nâng bậc lương sớm hơn quy định: a step reached sooner than its interval, early increase and delays counted."""
    series: list[tuple[str, int, datetime.date, str]] = [
        (context.catalog_codes.get(row.rank_id or 0, ""), row.salary_step, row.start_date, str(row.uid))
        for row in person.salary
    ]
    current = person.values
    if current["rank__code"] and current["salary_step"] and current["salary_step_date"]:
        entry = (current["rank__code"], current["salary_step"], current["salary_step_date"], "current")
        if not any(s[0] == entry[0] and s[1] == entry[1] for s in series):
            series.append(entry)
    series.sort(key=lambda s: s[2])
    delays = [
        (row.start_date, DISCIPLINE_DELAY_MONTHS.get(context.catalog_codes.get(row.form_id or 0, ""), 0))
        for row in person.disciplines
    ]
    for previous, following in zip(series, series[1:], strict=False):
        rank, step, start, key = following
        if rank != previous[0] or not rank or step <= previous[1]:
            continue  # a new rank or title is a placement, not a regular step
        kind, group = salary.ranks.get(rank, ("", ""))
        table = SALARY_TABLE_OF_KIND.get(kind)  # type: ignore[call-overload]
        row = salary.steps.get((table, group, step)) if table else None
        if row is None:
            continue
        delay = sum(months for day, months in delays if previous[2] <= day < start)
        needed = (step - previous[1]) * row.years_per_step * 12 + delay - (0 if delay else EARLY_STEP_MONTHS)
        waited = _months(previous[2], start)
        if waited < needed:
            yield Found(
                person.pk,
                Rule.EARLY_SALARY_STEP,
                key,
                _(
                    "Step %(step)s from %(start)s came %(waited)s months after step %(previous)s (%(previous_start)s); "
                    "group %(group)s allows it after %(needed)s months at the earliest."
                )
                % {
                    "step": step,
                    "start": _fmt(start),
                    "waited": waited,
                    "previous": previous[1],
                    "previous_start": _fmt(previous[2]),
                    "group": group,
                    "needed": needed,
                },
                {"step": step, "from": start.isoformat(), "months": waited, "needed": needed},
            )


def retirement_date(born: datetime.date, is_female: bool, ages: dict[int, tuple[int, int, int, int]]) -> datetime.date:
    """The first day of retirement: the day after the last day of the month the person reaches the age.

    The age depends on the year it is reached (NĐ 135/2020 Art. 4; tuoi_nghi_huu.csv); after the table's last year
    the last row holds, before its first year the ages of BLLĐ 2012.
    """
    years = sorted(ages)
    for year in range(born.year + 50, born.year + 70):
        if years and year < years[0]:
            row = RETIREMENT_BEFORE_2021
        else:
            row = ages.get(year) or (ages[years[-1]] if years else RETIREMENT_BEFORE_2021)
        age_years, age_months = (row[2], row[3]) if is_female else (row[0], row[1])
        month_index = born.month - 1 + age_months
        reached_year = born.year + age_years + month_index // 12
        if reached_year == year:
            month = month_index % 12 + 1
            return datetime.date(reached_year + month // 12, month % 12 + 1, 1)
    return datetime.date.max


def retirement_age_passed(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Quá tuổi nghỉ hưu mà vẫn đang công tác: the retirement date has passed and the status is not a closed one."""
    born, status = person.values["date_of_birth"], person.values["employment_status_id"]
    if not born or status in context.closed_status_ids:
        return
    retires = retirement_date(born, person.values["gender"] == "FEMALE", context.retirement_ages)
    if retires <= context.today:
        yield Found(
            person.pk,
            Rule.RETIREMENT_AGE_PASSED,
            "",
            _(
                "Reached retirement age; retirement took effect on %(date)s, but the record still shows the person "
                "in service. Record the retirement, or the decision extending the service."
            )
            % {"date": _fmt(retires)},
            {"retires": retires.isoformat()},
        )


def rank_scale_mismatch(person: PersonData, context: CheckContext, salary: "_Salary") -> Iterable[Found]:
    """Ngạch không khớp bảng lương: the step or coefficient is not the one of the rank's salary group."""
    values = person.values
    message = salary.check(values["rank__code"], values["salary_step"], values["salary_coefficient"])
    if message:
        yield Found(person.pk, Rule.RANK_SCALE_MISMATCH, "current", message, {"rank": values["rank__code"]})
    for row in person.salary:
        code = context.catalog_codes.get(row.rank_id or 0)
        message = salary.check(code, row.salary_step, row.salary_coefficient)
        if message:
            yield Found(
                person.pk,
                Rule.RANK_SCALE_MISMATCH,
                str(row.uid),
                _("Salary history from %(start)s: %(message)s") % {"start": _fmt(row.start_date), "message": message},
                {"row": str(row.uid), "rank": code},
            )


def citizen_id_mismatch(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Số định danh không khớp ngày sinh, giới tính (formats.md §1)."""
    number, born = person.values["citizen_id"] or "", person.values["date_of_birth"]
    if len(number) != 12 or not number.isdigit():
        return
    messages = citizen_id_errors(number, date_of_birth=born, is_female=person.values["gender"] == "FEMALE")
    if messages:
        yield Found(person.pk, Rule.CITIZEN_ID_MISMATCH, "", " ".join(messages), {"problems": len(messages)})


def family_age(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Người thân không hợp lý về tuổi: a parent not older than the person, a child not younger."""
    born = person.values["date_of_birth"]
    if not born:
        return
    for row in person.family:
        if row.side != "OWN" or not row.birth_year:
            continue
        relation = context.catalog_codes.get(row.relation_id or 0, "")
        if relation in PARENT_RELATIONS and row.birth_year >= born.year:
            message = _(
                "The parent entered as %(relation)s, born in %(year)s, is not older than the person (born in %(born)s)."
            )
        elif relation in CHILD_RELATIONS and row.birth_year <= born.year:
            message = _(
                "The child entered as %(relation)s, born in %(year)s, is not younger than the person (born in %(born)s)."
            )
        else:
            continue
        yield Found(
            person.pk,
            Rule.FAMILY_AGE,
            str(row.uid),
            message
            % {
                "relation": context.catalog_names.get(row.relation_id or 0, ""),
                "year": row.birth_year,
                "born": born.year,
            },
            {"row": str(row.uid), "relation": relation, "birth_year": row.birth_year},
        )


def duplicate(person: PersonData, context: CheckContext) -> Iterable[Found]:
    """Hồ sơ có thể trùng: another record with the same name and date of birth, or the same earlier ID number."""
    values = person.values
    for other_pk, other_uid, unit in context.name_twins.get((values["name_sort_key"], values["date_of_birth"]), []):
        if other_pk != person.pk:
            yield Found(
                person.pk,
                Rule.DUPLICATE,
                f"name:{other_uid}",
                _("Another record (%(unit)s) has the same name and date of birth: it may be the same person.")
                % {"unit": unit},
                {"other": other_uid, "unit": unit, "by": "name_and_birth"},
            )
    for other_pk in dict.fromkeys(context.legacy_twins.get(person.pk, [])):
        if other_pk in context.legacy_people:
            other_uid, unit = context.legacy_people[other_pk]
            yield Found(
                person.pk,
                Rule.DUPLICATE,
                f"legacy:{other_uid}",
                _("Another record (%(unit)s) holds the same earlier ID number: it may be the same person.")
                % {"unit": unit},
                {"other": other_uid, "unit": unit, "by": "earlier_id"},
            )


SIMPLE_RULES: tuple[Callable[[PersonData, CheckContext], Iterable[Found]], ...] = (
    hired_under_18,
    overlapping_work,
    retirement_age_passed,
    citizen_id_mismatch,
    family_age,
    duplicate,
)
SALARY_RULES = (early_salary_step, rank_scale_mismatch)


def check_people(ids: list[int], context: CheckContext) -> list[Found]:
    """Every finding of every rule on these people."""
    people = load_people(ids)
    rank_codes = {p.values["rank__code"] for p in people if p.values["rank__code"]}
    rank_codes |= {context.catalog_codes.get(row.rank_id or 0, "") for p in people for row in p.salary}
    salary = _Salary({code for code in rank_codes if code})
    found: list[Found] = []
    for person in people:
        for rule in SIMPLE_RULES:
            found.extend(rule(person, context))
        for salary_rule in SALARY_RULES:
            found.extend(salary_rule(person, context, salary))
    return found
