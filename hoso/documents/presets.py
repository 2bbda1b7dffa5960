"""Default document requirements per part of the record (setting HOSO_REQUIRED_DOCUMENTS; REQ-033, REQ-034).

Pure data, read by config/settings/base.py (so nothing here imports Django models). Part key (hoso/people/sections.py)
or "*" → the codes of the acceptable document types (hoso/documents/data/document_types.csv); [] accepts a document
of any type; None needs no document. Every change needs at least one document confirmed by the competent body
(TT 06/2023/TT-BNV Điều 6.3; Tiền Giang QĐ 03/2025 Điều 5.4): parts changed by a decision need that decision,
the other parts any document that proves the changed item (REQ-034 (g)).
"""

POSITION_DECISIONS = [
    "APPOINTMENT",
    "DISMISSAL",
    "RESIGNATION",
    "MOBILISATION",
    "ROTATION",
    "SECONDMENT",
    "WORK_ASSIGNMENT",
    "JOB_POSITION",
    "DISCIPLINE",
    "RECRUITMENT",
]
SALARY_DECISIONS = [
    "RANK_CHANGE",
    "TITLE_CHANGE",
    "SALARY",
    "ALLOWANCE",
    "APPOINTMENT",
    "JOB_POSITION",
    "DISCIPLINE",
    "RECRUITMENT",
    "LABOUR_CONTRACT",
]
TRAINING = ["DIPLOMA", "TRAINING_DECISION"]

REQUIRED_DOCUMENTS: dict[str, list[str] | None] = {
    "*": [],
    # (a) and (d): positions and duties, job positions
    "positions": POSITION_DECISIONS,
    "job_positions": POSITION_DECISIONS,
    # (b) and (c): rank, professional title, salary and allowances
    "salary": SALARY_DECISIONS,
    "salary_history": SALARY_DECISIONS,
    "allowances": ["ALLOWANCE", "APPOINTMENT", "DISMISSAL", "RESIGNATION"],
    # (e): commendations, discipline, yearly evaluations
    "state_honours": ["COMMENDATION"],
    "annual_records": ["COMMENDATION", "EVALUATION"],
    "disciplinary_actions": ["DISCIPLINE"],
    "assessment": ["EVALUATION"],
    # (f): training decisions, diplomas and certificates
    "education": TRAINING,
    "training_professional": TRAINING,
    "training_political": TRAINING,
    "training_state_management": TRAINING,
    "training_defence": TRAINING,
    "training_it": TRAINING,
    "training_language": TRAINING,
    # labour contracts of contract workers (TT 05/2023/TT-BNV)
    "labour_contracts": ["LABOUR_CONTRACT", "LEAVING"],
    "contract_annexes": ["LABOUR_CONTRACT", "LEAVING"],
}
