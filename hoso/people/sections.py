"""The layout of the record: every field, its item on the national form and its restriction level.

One registry drives the snapshot (what a version contains), the diff, the edit forms, the record
page and the API, so adding a section is data here, not code in five places.

Items follow the personal-history form of TT 06/2023/TT-BNV (H1–H4, 1–38); "2C" marks items of
the older Mẫu 2C-BNV/2008 that the 2023 form lacks; "C" the labour contract of TT 05/2023/TT-BNV.
Restriction levels (độ hạn chế tiếp cận) follow the PDPL 2025 and NĐ 356/2025 lists of sensitive
data (docs/domain/reforms_2025.md §3).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoso.people import models as m
from hoso.people.enums import FamilySide, RestrictionLevel, TrainingKind

ORD = RestrictionLevel.ORDINARY
PER = RestrictionLevel.PERSONAL
SEN = RestrictionLevel.SENSITIVE
SEC = RestrictionLevel.SECRET


@dataclass(frozen=True)
class FieldSpec:
    name: str
    item: str
    restriction: RestrictionLevel = ORD


@dataclass(frozen=True)
class PersonGroup:
    """A group of single-valued items of the form, edited and shown together."""

    key: str
    title: str | Promise
    items: str
    fields: tuple[FieldSpec, ...]

    @property
    def is_section(self) -> bool:
        return False


@dataclass(frozen=True)
class SectionSpec:
    """A repeating section: rows of one model, optionally restricted to one value of a column."""

    key: str
    title: str | Promise
    items: str
    model: type[m.SectionRow]
    fields: tuple[FieldSpec, ...]
    fixed: dict[str, str] = field(default_factory=dict)
    for_contract_workers: bool = False

    @property
    def is_section(self) -> bool:
        return True

    def queryset(self) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(**self.fixed)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def _f(item: str, restriction: RestrictionLevel, *names: str) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(name, item, restriction) for name in names)


DECISION = ("decision_number", "decision_date", "decision_issuer")
PERIOD = ("start_date", "end_date")

LAYOUT: tuple[PersonGroup | SectionSpec, ...] = (
    PersonGroup(
        "header",
        _("Agency and identifiers"),
        "H1–H4",
        _f("H1", ORD, "managing_unit")
        + _f("H2", ORD, "employing_unit")
        + _f("H3", ORD, "personnel_number")
        + _f("H", PER, "photo")
        + _f("H", ORD, "staff_kind", "employment_status", "paper_file_location"),
    ),
    PersonGroup(
        "personal",
        _("Personal details"),
        "1–7",
        _f("1", ORD, "full_name", "gender")
        + _f("2", ORD, "other_names")
        + _f("3", PER, "date_of_birth", "date_of_birth_precision")
        + _f("4", PER, "birth_place", "birth_place_unit")
        + _f("5", PER, "hometown_commune", "hometown_district", "hometown_province", "hometown_unit")
        + _f("6", SEN, "ethnicity")
        + _f("7", SEN, "religion"),
    ),
    PersonGroup(
        "identity",
        _("Identity, insurance and residence"),
        "8–12",
        _f("8", PER, "citizen_id", "citizen_id_issue_date", "citizen_id_issue_place", "phone", "email")
        + _f("9", PER, "social_insurance_number", "health_insurance_card_number")
        + _f("10", PER, "current_address", "current_address_unit")
        + _f("2C-8", PER, "permanent_address")
        + _f("11", PER, "family_background")
        + _f("12", ORD, "occupation_before_recruitment"),
    ),
    SectionSpec(
        "legacy_ids",
        _("Earlier identity numbers"),
        "8",
        m.LegacyIdNumber,
        _f("8", PER, "kind", "number", "issue_date", "issue_place"),
    ),
    PersonGroup(
        "recruitment",
        _("Recruitment, Party, organisations, military service"),
        "13–17",
        _f("13", ORD, "first_recruitment_date", "first_recruiting_body")
        + _f("14", ORD, "current_agency_join_date")
        + _f("15", SEN, "party_join_date", "party_official_date")
        + _f("16", SEN, "first_sociopolitical_org", "first_sociopolitical_org_date")
        + _f("17", SEN, "military_enlist_date", "military_discharge_date", "military_highest_rank"),
    ),
    SectionSpec(
        "memberships",
        _("Party and organisation membership"),
        "15–16, 26–27",
        m.OrganisationMembership,
        _f(
            "15",
            SEN,
            "kind",
            "organisation_name",
            "joined_on",
            "official_on",
            "left_on",
            "position_held",
            "card_number",
        ),
    ),
    SectionSpec(
        "policy_statuses", _("Policy-beneficiary status"), "18", m.PolicyStatus, _f("18", SEN, "status", "note")
    ),
    PersonGroup(
        "education",
        _("Education and qualifications"),
        "19–21",
        _f("19", ORD, "general_education")
        + _f("20", ORD, "highest_qualification", "highest_qualification_major")
        + _f("21", ORD, "academic_title", "academic_title_year")
        + _f("2C-15", ORD, "political_theory_level", "state_management_level", "it_level", "foreign_languages"),
    ),
    SectionSpec(
        "state_honours", _("State honorary titles"), "22", m.StateHonour, _f("22", ORD, "title", "year", *DECISION)
    ),
    PersonGroup(
        "positions",
        _("Positions and duties"),
        "23–29",
        _f("23", ORD, "current_position", "position_appointment_date", "position_reappointment_date")
        + _f("24", SEN, "succession_planned_title")
        + _f("25", ORD, "concurrent_positions")
        + _f("26", SEN, "party_position")
        + _f("27", SEN, "party_concurrent_positions")
        + _f("28", ORD, "main_duties")
        + _f("29", ORD, "work_strengths", "longest_held_job"),
    ),
    PersonGroup(
        "salary",
        _("Rank, salary and allowances"),
        "30",
        _f("30.1", ORD, "rank", "rank_appointment_date")
        + _f(
            "30.1",
            PER,
            "salary_step",
            "salary_coefficient",
            "salary_step_date",
            "salary_percent",
            "over_ceiling_percent",
            "over_ceiling_date",
        )
        + _f("30.2", PER, "position_allowance", "concurrent_allowance", "other_allowances")
        + _f("30.3", ORD, "job_position", "professional_level")
        + _f(
            "30.3",
            PER,
            "position_salary_step",
            "position_salary_amount",
            "position_salary_date",
            "position_salary_percent",
            "position_over_ceiling_percent",
            "position_over_ceiling_date",
        ),
    ),
    SectionSpec(
        "job_positions",
        _("Job positions held"),
        "30.3",
        m.JobPositionAssignment,
        _f("30.3", ORD, *PERIOD, "job_position", "job_position_name", "professional_level", *DECISION),
    ),
    PersonGroup("health", _("Health"), "31", _f("31", SEN, "health_status", "height_cm", "weight_kg", "blood_group")),
    SectionSpec(
        "training_professional",
        _("Professional education"),
        "32.1",
        m.TrainingEntry,
        _f("32.1", ORD, *PERIOD, "institution", "major", "mode", "qualification", "certificate", "recognition_number"),
        fixed={"kind": TrainingKind.PROFESSIONAL},
    ),
    SectionSpec(
        "training_political",
        _("Political theory"),
        "32.2",
        m.TrainingEntry,
        _f("32.2", ORD, *PERIOD, "institution", "mode", "political_theory_level", "certificate"),
        fixed={"kind": TrainingKind.POLITICAL_THEORY},
    ),
    SectionSpec(
        "training_state_management",
        _("State management, professional-title and specialised courses"),
        "32.3",
        m.TrainingEntry,
        _f("32.3", ORD, *PERIOD, "institution", "state_management_level", "certificate"),
        fixed={"kind": TrainingKind.STATE_MANAGEMENT},
    ),
    SectionSpec(
        "training_defence",
        _("Defence and security courses"),
        "32.4",
        m.TrainingEntry,
        _f("32.4", ORD, *PERIOD, "institution", "certificate"),
        fixed={"kind": TrainingKind.DEFENCE},
    ),
    SectionSpec(
        "training_it",
        _("Information technology"),
        "32.5",
        m.TrainingEntry,
        _f("32.5", ORD, *PERIOD, "institution", "it_level", "certificate"),
        fixed={"kind": TrainingKind.IT},
    ),
    SectionSpec(
        "training_language",
        _("Foreign and ethnic languages"),
        "32.6",
        m.TrainingEntry,
        _f("32.6", ORD, *PERIOD, "institution", "language", "language_level", "score", "certificate"),
        fixed={"kind": TrainingKind.LANGUAGE},
    ),
    SectionSpec(
        "work_history",
        _("Career summary"),
        "33",
        m.WorkHistoryEntry,
        _f("33", ORD, *PERIOD, "organisation", "title", "unit", "is_concurrent", *DECISION),
    ),
    PersonGroup("arrests", _("Arrest and imprisonment"), "34.1", _f("34.1", SEC, "arrest_history")),
    SectionSpec(
        "former_regime_service",
        _("Service for the former regime"),
        "34.2",
        m.FormerRegimeService,
        _f("34.2", SEN, *PERIOD, "details"),
    ),
    SectionSpec(
        "foreign_links",
        _("Links with organisations abroad"),
        "34.3",
        m.ForeignOrganisationLink,
        _f("34.3", SEN, *PERIOD, "organisation", "address", "work_done"),
    ),
    SectionSpec(
        "annual_records",
        _("Yearly evaluations and awards"),
        "35.1",
        m.AnnualRecord,
        _f("35.1", PER, "year", "rating", "emulation_title", "award", "award_details", *DECISION),
    ),
    SectionSpec(
        "disciplinary_actions",
        _("Discipline"),
        "35.2",
        m.DisciplinaryAction,
        _f("35.2", SEN, "start_date", "end_date", "form", "violation", *DECISION),
    ),
    SectionSpec(
        "family_own",
        _("Own family: parents, spouse, children, siblings"),
        "36.1",
        m.FamilyRelation,
        _f("36.1", SEN, "relation", "full_name", "birth_year", "details", "lives_abroad", "is_deceased"),
        fixed={"side": FamilySide.OWN},
    ),
    SectionSpec(
        "family_spouse",
        _("Spouse's parents and siblings"),
        "36.2",
        m.FamilyRelation,
        _f("36.2", SEN, "relation", "full_name", "birth_year", "details", "lives_abroad", "is_deceased"),
        fixed={"side": FamilySide.SPOUSE},
    ),
    SectionSpec(
        "salary_history",
        _("Salary history"),
        "37.1",
        m.SalaryHistoryEntry,
        _f(
            "37.1",
            PER,
            *PERIOD,
            "rank",
            "salary_step",
            "salary_coefficient",
            "position_salary_amount",
            "salary_percent",
            *DECISION,
        ),
    ),
    SectionSpec(
        "allowances",
        _("Other allowances"),
        "37.2",
        m.AllowanceEntry,
        _f("37.2", PER, *PERIOD, "allowance_type", "percent", "coefficient", "mode", "amount_vnd", *DECISION),
    ),
    PersonGroup(
        "income", _("Household income"), "37.3", _f("37.3", SEN, "household_salary_income", "household_other_income")
    ),
    SectionSpec(
        "properties",
        _("Housing and land"),
        "37.3",
        m.PropertyHolding,
        _f("37.3", SEN, "kind", "description", "area_m2", "certificate"),
    ),
    PersonGroup(
        "assessment",
        _("Assessment by the managing and employing body"),
        "38",
        _f("38", PER, "assessment", "assessment_date", "assessed_by") + _f("38", ORD, "declared_on"),
    ),
    SectionSpec(
        "labour_contracts",
        _("Labour contracts"),
        "C",
        m.LabourContract,
        _f(
            "C",
            PER,
            "contract_number",
            "contract_type",
            "legal_bases",
            "employer_representative",
            "employer_representative_title",
            "employer_address",
            "employer_phone",
            "start_date",
            "end_date",
            "probation_start",
            "probation_end",
            "workplace",
            "job_title",
            "duties",
            "working_hours",
            "equipment",
            "pay_mode",
            "pay_amount_vnd",
            "pay_rank",
            "pay_step",
            "pay_coefficient",
            "pay_method",
            "pay_period",
            "pay_rise_terms",
            "insurance_terms",
            "training_terms",
            "other_benefits",
            "employer_obligations",
            "copies",
            "signed_date",
        ),
        for_contract_workers=True,
    ),
    SectionSpec(
        "contract_annexes",
        _("Contract annexes"),
        "C",
        m.ContractAnnex,
        _f("C", PER, "contract_number", "annex_number", "signed_date", "effective_date", "content"),
        for_contract_workers=True,
    ),
)

PERSON_GROUPS: dict[str, PersonGroup] = {g.key: g for g in LAYOUT if isinstance(g, PersonGroup)}
SECTIONS: dict[str, SectionSpec] = {s.key: s for s in LAYOUT if isinstance(s, SectionSpec)}


def person_field_specs() -> Iterator[FieldSpec]:
    for group in PERSON_GROUPS.values():
        yield from group.fields


@cache
def person_field_names() -> tuple[str, ...]:
    return tuple(spec.name for spec in person_field_specs())


def section_models() -> set[type[m.SectionRow]]:
    return {spec.model for spec in SECTIONS.values()}
