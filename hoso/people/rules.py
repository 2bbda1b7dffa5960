"""Rules across fields and rows of a record, checked on a snapshot before it becomes a version.

Field-level shape is checked by the forms; here live the rules that need several fields: the ID
number against birth date and sex (formats.md §1), ages and date order (profile_fields.md A.1),
overlapping periods (item 33), salary coefficients that must match the rank's group and step
(NĐ 204/2004, Bảng 2–3; formats.md §7), one evaluation a year (item 35.1), contract terms
(BLLĐ 2019 Art. 20, 25).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem, SalaryScaleStep
from hoso.people.validators import citizen_id_errors

# Where an error belongs: ("person", field) or (section key, row uid, field).
Path = tuple[str, ...]

ADULT_AGE = 18
MAX_FIXED_TERM_MONTHS = 36
MAX_PROBATION_DAYS = 60
PARENT_RELATIONS = {"BO_DE", "ME_DE", "BO_NUOI", "ME_NUOI"}
SALARY_TABLE_OF_KIND = {
    CatalogKind.CIVIL_SERVICE_RANK: "bang2_cong_chuc",
    CatalogKind.PROFESSIONAL_TITLE: "bang3_vien_chuc",
}


@dataclass(frozen=True)
class RuleError:
    path: Path
    message: str


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class _Salary:
    """Coefficients by (table, group, step), and each rank's kind and group: two small queries."""

    def __init__(self, rank_codes: set[str]) -> None:
        self.ranks = {
            code: (kind, (attributes or {}).get("salary_group") or "")
            for code, kind, attributes in CatalogItem.objects.filter(
                kind__in=list(SALARY_TABLE_OF_KIND), code__in=rank_codes
            ).values_list("code", "kind", "attributes")
        }
        groups = {group for _, group in self.ranks.values() if group}
        self.steps = (
            {(row.table, row.group, row.step): row for row in SalaryScaleStep.objects.filter(group__in=groups)}
            if groups
            else {}
        )

    def check(self, rank_code: str | None, step: Any, coefficient: Any) -> str | None:
        if not rank_code or step in (None, "") or coefficient in (None, ""):
            return None
        kind, group = self.ranks.get(rank_code, ("", ""))
        table = SALARY_TABLE_OF_KIND.get(kind)  # type: ignore[call-overload]
        if not table or not group:
            return None  # ranks outside Bảng 2–3 (support staff, Bảng 4) are not checked here
        row = self.steps.get((table, group, int(step)))
        if row is None:
            last = max((s for (t, g, s) in self.steps if t == table and g == group), default=0)
            return _("Group %(group)s has steps 1 to %(last)s; step %(step)s does not exist.") % {
                "group": group,
                "last": last,
                "step": step,
            }
        if Decimal(str(coefficient)) != row.coefficient:
            return _("Step %(step)s of group %(group)s has coefficient %(expected)s, not %(given)s.") % {
                "step": step,
                "group": group,
                "expected": row.coefficient,
                "given": coefficient,
            }
        return None


def check_record(snapshot: dict[str, Any], *, today: datetime.date | None = None) -> list[RuleError]:
    """Every rule broken by this snapshot, each with the path of the field it is about."""
    today = today or timezone.localdate()
    person = snapshot["person"]
    sections = snapshot["sections"]
    errors: list[RuleError] = []

    def add(path: Path, message: str) -> None:
        errors.append(RuleError(path, message))

    dob = _date(person.get("date_of_birth"))
    if dob and dob > today:
        add(("person", "date_of_birth"), _("The date of birth cannot be in the future."))
    if dob and dob.year < 1900:
        add(("person", "date_of_birth"), _("The date of birth must be after 1900."))

    citizen_id = person.get("citizen_id") or ""
    if len(citizen_id) == 12 and citizen_id.isdigit() and person.get("gender"):
        for message in citizen_id_errors(citizen_id, date_of_birth=dob, is_female=person["gender"] == "FEMALE"):
            add(("person", "citizen_id"), message)

    issue = _date(person.get("citizen_id_issue_date"))
    if issue and issue > today:
        add(("person", "citizen_id_issue_date"), _("The issue date cannot be in the future."))
    if issue and dob and issue <= dob:
        add(("person", "citizen_id_issue_date"), _("The issue date must be after the date of birth."))

    recruited = _date(person.get("first_recruitment_date"))
    if recruited and dob and recruited < _add_years(dob, ADULT_AGE):
        add(
            ("person", "first_recruitment_date"),
            _("The person must be at least 18 when recruited (18 on %(date)s).")
            % {"date": _fmt(_add_years(dob, ADULT_AGE))},
        )
    if recruited and recruited > today:
        add(("person", "first_recruitment_date"), _("The recruitment date cannot be in the future."))
    joined = _date(person.get("current_agency_join_date"))
    if joined and recruited and joined < recruited:
        add(
            ("person", "current_agency_join_date"),
            _("Joining the current agency cannot precede the first recruitment."),
        )

    party_join, party_official = _date(person.get("party_join_date")), _date(person.get("party_official_date"))
    if party_join and dob and party_join < _add_years(dob, ADULT_AGE):
        add(("person", "party_join_date"), _("Party admission requires the age of 18."))
    if party_join and party_official and party_official < party_join:
        add(("person", "party_official_date"), _("Full membership cannot precede admission."))
    if party_official and not party_join:
        add(("person", "party_join_date"), _("Enter the admission date before the date of full membership."))

    enlisted, discharged = _date(person.get("military_enlist_date")), _date(person.get("military_discharge_date"))
    if discharged and enlisted and discharged < enlisted:
        add(("person", "military_discharge_date"), _("Discharge cannot precede enlistment."))

    appointed, reappointed = (
        _date(person.get("position_appointment_date")),
        _date(person.get("position_reappointment_date")),
    )
    if reappointed and appointed and reappointed <= appointed:
        add(("person", "position_reappointment_date"), _("Re-appointment must come after the appointment."))
    if person.get("current_position") and not appointed:
        add(("person", "position_appointment_date"), _("Enter the appointment date of the current position."))

    for name in ("rank_appointment_date", "salary_step_date", "over_ceiling_date", "position_appointment_date"):
        day = _date(person.get(name))
        if day and dob and day < _add_years(dob, ADULT_AGE - 3):
            add(("person", name), _("This date is before the person could have worked."))

    rank_codes = (
        {person.get("rank") or ""}
        | {row.get("rank") or "" for row in sections.get("salary_history", [])}
        | {row.get("pay_rank") or "" for row in sections.get("labour_contracts", [])}
    )
    salary = _Salary({code for code in rank_codes if code})
    salary_error = salary.check(person.get("rank"), person.get("salary_step"), person.get("salary_coefficient"))
    if salary_error:
        add(("person", "salary_coefficient"), salary_error)
    if person.get("over_ceiling_percent") and person.get("rank") and person.get("salary_step"):
        kind, group = salary.ranks.get(person["rank"], ("", ""))
        table = SALARY_TABLE_OF_KIND.get(kind)  # type: ignore[call-overload]
        step_row = salary.steps.get((table, group, int(person["salary_step"])))
        if step_row is not None and step_row.step < step_row.max_step:
            add(("person", "over_ceiling_percent"), _("The over-ceiling allowance is paid only at the last step."))

    # Periods of every section: start before end; work periods that are not concurrent must not overlap.
    for key, rows in sections.items():
        for row in rows:
            start, end = _date(row.get("start_date")), _date(row.get("end_date"))
            if start and end and end < start:
                add((key, row["uid"], "end_date"), _("The end cannot precede the start."))
            if start and dob and start < dob:
                add((key, row["uid"], "start_date"), _("This period starts before the date of birth."))
    work = sorted(
        (row for row in sections.get("work_history", []) if not row.get("is_concurrent") and row.get("start_date")),
        key=lambda row: row["start_date"],
    )
    for earlier, later in zip(work, work[1:], strict=False):
        earlier_end = _date(earlier.get("end_date")) or datetime.date.max
        if _date(later["start_date"]) < earlier_end:  # type: ignore[operator]
            add(
                ("work_history", later["uid"], "start_date"),
                _("This period overlaps the one at %(organisation)s; mark one of them as a concurrent post.")
                % {"organisation": earlier.get("organisation") or ""},
            )
    open_rows = [row for row in work if not row.get("end_date")]
    for row in open_rows[1:]:
        add(("work_history", row["uid"], "end_date"), _("Only one main post can be open (until now)."))

    for row in sections.get("salary_history", []):
        salary_error = salary.check(row.get("rank"), row.get("salary_step"), row.get("salary_coefficient"))
        if salary_error:
            add(("salary_history", row["uid"], "salary_coefficient"), salary_error)

    seen_years: dict[int, str] = {}
    for row in sections.get("annual_records", []):
        year = row.get("year")
        if year in seen_years:
            add(("annual_records", row["uid"], "year"), _("The year %(year)s already has a row.") % {"year": year})
        elif year is not None:
            seen_years[year] = row["uid"]
            if year > today.year:
                add(("annual_records", row["uid"], "year"), _("The year cannot be in the future."))

    for key in ("family_own", "family_spouse"):
        for row in sections.get(key, []):
            year = row.get("birth_year")
            if year and year > today.year:
                add((key, row["uid"], "birth_year"), _("The year of birth cannot be in the future."))
            if key == "family_own" and row.get("relation") in PARENT_RELATIONS and year and dob and year >= dob.year:
                add((key, row["uid"], "birth_year"), _("A parent must be born before the person."))

    for row in sections.get("labour_contracts", []):
        start, end = _date(row.get("start_date")), _date(row.get("end_date"))
        if row.get("contract_type") == "HDLD_XDTH":
            if not end:
                add(("labour_contracts", row["uid"], "end_date"), _("A fixed-term contract needs an end date."))
            elif start and _months_between(start, end) > MAX_FIXED_TERM_MONTHS:
                add(("labour_contracts", row["uid"], "end_date"), _("A fixed-term contract lasts at most 36 months."))
        p_start, p_end = _date(row.get("probation_start")), _date(row.get("probation_end"))
        if p_start and p_end:
            if p_end < p_start:
                add(("labour_contracts", row["uid"], "probation_end"), _("The end cannot precede the start."))
            elif (p_end - p_start).days + 1 > MAX_PROBATION_DAYS:
                add(("labour_contracts", row["uid"], "probation_end"), _("Probation lasts at most 60 days."))
        if row.get("pay_mode") == "AGREED" and not row.get("pay_amount_vnd"):
            add(("labour_contracts", row["uid"], "pay_amount_vnd"), _("Enter the agreed pay."))
        if row.get("pay_mode") == "SALARY_TABLE":
            salary_error = salary.check(row.get("pay_rank"), row.get("pay_step"), row.get("pay_coefficient"))
            if salary_error:
                add(("labour_contracts", row["uid"], "pay_coefficient"), salary_error)
    return errors
