"""Every item of the national form has a home in the record (docs/domain/profile_fields.md).

The document suggests field names; ours sometimes differ. The mapping below ties each suggested
name (part A: TT 06/2023, part C: the labour contract) to a registry field ("field" on the person,
"section.field" in a repeating section), so a field dropped from the registry fails here.
"""

import re
from pathlib import Path

import pytest

from hoso.people.sections import SECTIONS, person_field_names

DOC = Path(__file__).resolve().parents[3] / "docs" / "domain" / "profile_fields.md"

PART_A = {
    "managing_agency": "managing_unit",
    "employing_unit": "employing_unit",
    "personnel_number": "personnel_number",
    "record_id": "citizen_id",
    "photo": "photo",
    "full_name": "full_name",
    "gender": "gender",
    "other_names": "other_names",
    "date_of_birth": "date_of_birth",
    "birth_place": "birth_place",
    "hometown_commune": "hometown_commune",
    "hometown_district": "hometown_district",
    "hometown_province": "hometown_province",
    "hometown_text": "hometown_unit",
    "ethnicity": "ethnicity",
    "religion": "religion",
    "citizen_id": "citizen_id",
    "citizen_id_issue_date": "citizen_id_issue_date",
    "phone": "phone",
    "social_insurance_no": "social_insurance_number",
    "health_insurance_card_no": "health_insurance_card_number",
    "current_address": "current_address",
    "family_background": "family_background",
    "occupation_before_recruitment": "occupation_before_recruitment",
    "first_recruitment_date": "first_recruitment_date",
    "first_recruiting_body": "first_recruiting_body",
    "current_agency_join_date": "current_agency_join_date",
    "party_join_date": "party_join_date",
    "party_official_date": "party_official_date",
    "first_sociopolitical_org_date": "first_sociopolitical_org_date",
    "first_sociopolitical_org": "first_sociopolitical_org",
    "military_enlist_date": "military_enlist_date",
    "military_discharge_date": "military_discharge_date",
    "military_highest_rank": "military_highest_rank",
    "policy_statuses": "policy_statuses.status",
    "general_education": "general_education",
    "highest_qualification": "highest_qualification",
    "highest_qualification_major": "highest_qualification_major",
    "academic_title": "academic_title",
    "academic_title_year": "academic_title_year",
    "state_honours": "state_honours.title",
    "current_position": "current_position",
    "position_appointment_date": "position_appointment_date",
    "position_reappointment_date": "position_reappointment_date",
    "succession_planned_title": "succession_planned_title",
    "concurrent_positions": "concurrent_positions",
    "party_position": "party_position",
    "party_concurrent_positions": "party_concurrent_positions",
    "main_duties": "main_duties",
    "work_strengths": "work_strengths",
    "longest_held_job": "longest_held_job",
    "rank_code": "rank",
    "rank_appointment_date": "rank_appointment_date",
    "salary_step": "salary_step",
    "salary_coefficient": "salary_coefficient",
    "salary_step_date": "salary_step_date",
    "salary_percent": "salary_percent",
    "over_ceiling_percent": "over_ceiling_percent",
    "over_ceiling_date": "over_ceiling_date",
    "position_allowance": "position_allowance",
    "concurrent_allowance": "concurrent_allowance",
    "other_allowances": "other_allowances",
    "job_position": "job_position",
    "job_position_code": "job_position",
    "vtvl_salary_step": "position_salary_step",
    "vtvl_salary_amount": "position_salary_amount",
    "vtvl_salary_date": "position_salary_date",
    "vtvl_percent": "position_salary_percent",
    "vtvl_over_ceiling_percent": "position_over_ceiling_percent",
    "vtvl_over_ceiling_date": "position_over_ceiling_date",
    "health_status": "health_status",
    "height_cm": "height_cm",
    "weight_kg": "weight_kg",
    "blood_group": "blood_group",
    "ProfessionalEducation": "training_professional.qualification",
    "PoliticalTheoryTraining": "training_political.political_theory_level",
    "StateMgmtTraining": "training_state_management.state_management_level",
    "DefenceTraining": "training_defence.certificate",
    "ITTraining": "training_it.it_level",
    "LanguageTraining": "training_language.language_level",
    "WorkHistory": "work_history.organisation",
    "history_arrests": "arrest_history",
    "FormerRegimeService": "former_regime_service.details",
    "ForeignOrgRelation": "foreign_links.organisation",
    "AnnualRecord": "annual_records.rating",
    "Discipline": "disciplinary_actions.form",
    "FamilyMember": "family_own.relation",
    "SalaryHistory": "salary_history.salary_coefficient",
    "AllowanceHistory": "allowances.allowance_type",
    "HouseholdEconomy": "properties.area_m2",
    "assessment_text": "assessment",
    "assessment_date": "assessment_date",
    "assessed_by": "assessed_by",
    "declared_at": "declared_on",
}
# Footer fields that are the approval signature of a version, built with digital signing (REQ-049).
SIGNATURE_FIELDS = {"declared_by", "certified_at", "certified_by", "certification_signature"}

PART_C = {
    "employer_unit": "employing_unit",
    "contract_no": "labour_contracts.contract_number",
    "legal_bases": "labour_contracts.legal_bases",
    "employer_rep_name": "labour_contracts.employer_representative",
    "employer_rep_title": "labour_contracts.employer_representative_title",
    "employer_address": "labour_contracts.employer_address",
    "employer_phone": "labour_contracts.employer_phone",
    "person": "full_name",
    "id_number": "citizen_id",
    "id_issue_date": "citizen_id_issue_date",
    "id_issue_place": "citizen_id_issue_place",
    "residence": "current_address",
    "phone": "phone",
    "qualification": "highest_qualification",
    "major": "highest_qualification_major",
    "contract_type": "labour_contracts.contract_type",
    "start_date": "labour_contracts.start_date",
    "end_date": "labour_contracts.end_date",
    "probation_start": "labour_contracts.probation_start",
    "probation_end": "labour_contracts.probation_end",
    "workplace": "labour_contracts.workplace",
    "job_title": "labour_contracts.job_title",
    "duties": "labour_contracts.duties",
    "working_hours": "labour_contracts.working_hours",
    "equipment": "labour_contracts.equipment",
    "pay_mode": "labour_contracts.pay_mode",
    "pay_amount_vnd": "labour_contracts.pay_amount_vnd",
    "pay_rank_code": "labour_contracts.pay_rank",
    "pay_step": "labour_contracts.pay_step",
    "pay_coefficient": "labour_contracts.pay_coefficient",
    "allowances": "allowances.allowance_type",
    "pay_method": "labour_contracts.pay_method",
    "pay_period": "labour_contracts.pay_period",
    "pay_rise_terms": "labour_contracts.pay_rise_terms",
    "insurance_terms": "labour_contracts.insurance_terms",
    "training_terms": "labour_contracts.training_terms",
    "other_benefits": "labour_contracts.other_benefits",
    "employer_obligations": "labour_contracts.employer_obligations",
    "copies": "labour_contracts.copies",
    "signed_date": "labour_contracts.signed_date",
    "ContractAnnex": "contract_annexes.content",
}
CONTRACT_SIGNATURES = {"signed_by_worker", "signed_by_employer"}


def _table_rows(part: str, min_cells: int) -> list[list[str]]:
    rows = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= min_cells and cells[0] != "section" and not cells[0].startswith("-"):
            rows.append(cells)
    return rows


def _names(cell: str) -> list[str]:
    return [name for name in re.findall(r"`([A-Za-z_]+)`", cell) if not name.startswith("fk")]


def _exists(target: str) -> bool:
    if "." in target:
        section, field = target.split(".")
        return section in SECTIONS and field in SECTIONS[section].field_names
    return target in person_field_names()


@pytest.fixture(scope="module")
def doc():
    return DOC.read_text(encoding="utf-8")


def test_every_item_of_the_2023_form_is_in_the_record(doc):
    part = doc[doc.index("\n## A. ") : doc.index("\n## B. ")]
    rows = _table_rows(part, 9)
    assert len(rows) == 76  # field rows of items H1–H4, 1–38 and the footer
    missing = []
    for cells in rows:
        for name in _names(cells[4])[:1] if cells[4].startswith("`") and ":" in cells[4] else _names(cells[4]):
            if name in SIGNATURE_FIELDS:
                continue
            target = PART_A.get(name)
            if target is None or not _exists(target):
                missing.append((cells[1], name, target))
    assert missing == []


def test_every_item_of_the_labour_contract_is_in_the_record(doc):
    part = doc[doc.index("\n## C. ") : doc.index("\n## D. ")]
    missing = []
    for cells in _table_rows(part, 8):
        for name in _names(cells[3]):
            if name in CONTRACT_SIGNATURES:
                continue
            target = PART_C.get(name)
            if target is None or not _exists(target):
                missing.append((cells[0], name, target))
    assert missing == []


def test_the_2008_items_the_2023_form_lacks_are_in_the_record():
    for name in (
        "permanent_address",
        "citizen_id_issue_place",
        "political_theory_level",
        "state_management_level",
        "it_level",
        "foreign_languages",
    ):
        assert name in person_field_names()
    assert "number" in SECTIONS["legacy_ids"].field_names  # 2C item 25: old CMND numbers
    assert "lives_abroad" in SECTIONS["family_own"].field_names  # 2C item 29c: relatives abroad
