"""Named approval-window rules a province picks from (thời hạn phê duyệt hằng tháng; formats.md §8.2).

Pure data, no Django import: config/settings/base.py copies these into `HOSO_APPROVAL_WINDOWS`, and
`HOSO_APPROVAL_WINDOW_RULE` names the rule units' heads follow. A rule is a dict:

- `kind`: "last_days" (the last `days` calendar days of the month), "fixed_days" (`first_day`..`last_day`)
  or "last_working_days" (the last `days` working days of the month);
- `roll_forward`: when the window's last day is not a working day, its deadline moves forward day by day to the
  next working day, possibly into the next month (REQ-054; Tiền Giang QĐ 03/2025 Art. 6, Lào Cai QĐ 06/2024
  Art. 7). Meaningless for "last_working_days", whose last day is a working day by construction.
"""

from typing import Any

WindowRule = dict[str, Any]

APPROVAL_WINDOW_PRESETS: dict[str, WindowRule] = {
    # Heads of agencies: "trong vòng 05 ngày cuối mỗi tháng", deadline moved to the next working day
    # (Tiền Giang QĐ 03/2025 Art. 6; Lào Cai's Sở Nội vụ, QĐ 06/2024 Art. 7). The default for units.
    "unit": {"kind": "last_days", "days": 5, "roll_forward": True},
    # Tiền Giang's Sở Nội vụ signs and syncs "trong vòng 05 ngày làm việc cuối của mỗi tháng" (QĐ 03/2025 Art. 12).
    "department": {"kind": "last_working_days", "days": 5, "roll_forward": True},
    # Lào Cai's agencies: the 21st to the 25th, same holiday rule (QĐ 06/2024 Art. 7).
    "lao_cai_unit": {"kind": "fixed_days", "first_day": 21, "last_day": 25, "roll_forward": True},
    # Lào Cai's Sở Nội vụ: the last 5 days, same holiday rule (QĐ 06/2024 Art. 7).
    "lao_cai_department": {"kind": "last_days", "days": 5, "roll_forward": True},
    # An Giang, Đồng Tháp, Kon Tum: "05 ngày cuối từng tháng", silent on holidays (REQ-054 "Differs").
    "last_5_days": {"kind": "last_days", "days": 5, "roll_forward": False},
    # The last 5 working days, under a neutral name.
    "last_5_working_days": {"kind": "last_working_days", "days": 5, "roll_forward": True},
}

WINDOW_KINDS = ("last_days", "fixed_days", "last_working_days")

# Entry deadlines of the monthly rhythm (REQ-041/042/059): kind → days and whether they are working days.
# "change": 15 working days from the event (Lào Cai QĐ 06/2024 Art. 6.3; Kon Tum QĐ 08/2025 Art. 10.2);
# "new_record": 30 working days from the recruitment decision or contract (Kon Tum QĐ 08/2025 Art. 10.1).
ENTRY_DEADLINE_PRESETS: dict[str, dict[str, Any]] = {
    "change": {"days": 15, "working": True},
    "new_record": {"days": 30, "working": True},
}

# Per-event deadlines of NĐ 27/2026/NĐ-CP and NĐ 233/2026/NĐ-CP as REPORTED in formats.md §8.3, in force from
# HOSO_EVENT_DEADLINES_FROM. The decrees themselves were NOT read (formats.md: "read the decree before coding"),
# so every figure is a setting a province corrects without a release. `before` names the kind of the monthly
# rhythm that applies to triggers before the date (or when the setting is off).
EVENT_DEADLINE_PRESETS: dict[str, dict[str, Any]] = {
    # The electronic dossier: within 3 days of the recruitment/appointment decision.
    "e_dossier": {"days": 3, "working": False, "before": "new_record"},
    # Data produced in the system reaches the national DB no later than 1 day after the business step.
    "sync": {"days": 1, "working": False, "before": "change"},
    # Operational data (salary, awards, discipline): within 3 working days.
    "operational": {"days": 3, "working": True, "before": "change"},
    # Evaluation results of public employees: no later than 5 days after the result (NĐ 233/2026).
    "evaluation": {"days": 5, "working": False, "before": "change"},
}
