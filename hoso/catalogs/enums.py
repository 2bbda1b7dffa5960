"""Kinds of catalog (danh mục). Values are stable upper-case English constants."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogKind(models.TextChoices):
    ETHNICITY = "ETHNICITY", _("Ethnic groups")
    RELIGION = "RELIGION", _("Religions")
    STAFF_KIND = "STAFF_KIND", _("Kinds of staff")
    EMPLOYMENT_STATUS = "EMPLOYMENT_STATUS", _("Employment statuses")
    CIVIL_SERVICE_RANK = "CIVIL_SERVICE_RANK", _("Civil-service ranks")
    PROFESSIONAL_TITLE = "PROFESSIONAL_TITLE", _("Professional titles")
    PROFESSIONAL_LEVEL = "PROFESSIONAL_LEVEL", _("Professional levels of public employees")
    JOB_POSITION = "JOB_POSITION", _("Job positions of public employees (NĐ 232/2026)")
    GENERAL_EDUCATION = "GENERAL_EDUCATION", _("General education levels")
    QUALIFICATION = "QUALIFICATION", _("Professional qualification levels")
    ACADEMIC_TITLE = "ACADEMIC_TITLE", _("Academic titles")
    STATE_HONOUR = "STATE_HONOUR", _("State honorary titles")
    POLITICAL_THEORY_LEVEL = "POLITICAL_THEORY_LEVEL", _("Political theory levels")
    STATE_MANAGEMENT_LEVEL = "STATE_MANAGEMENT_LEVEL", _("State-management training levels")
    LANGUAGE_LEVEL = "LANGUAGE_LEVEL", _("Foreign-language levels")
    IT_LEVEL = "IT_LEVEL", _("IT skill levels")
    TRAINING_MODE = "TRAINING_MODE", _("Modes of study")
    EVALUATION_RATING = "EVALUATION_RATING", _("Evaluation ratings")
    AWARD = "AWARD", _("Awards and emulation titles")
    DISCIPLINE_FORM = "DISCIPLINE_FORM", _("Disciplinary forms")
    FAMILY_RELATION = "FAMILY_RELATION", _("Family relations")
    POLICY_STATUS = "POLICY_STATUS", _("Policy-beneficiary statuses")
    CONTRACT_TYPE = "CONTRACT_TYPE", _("Contract kinds")
    ALLOWANCE_TYPE = "ALLOWANCE_TYPE", _("Allowance types")
    POSITION_ALLOWANCE = "POSITION_ALLOWANCE", _("Leadership allowance coefficients")
    HOLIDAY_RULE = "HOLIDAY_RULE", _("Public holiday rules")


class AdminUnitLevel(models.TextChoices):
    PROVINCE = "PROVINCE", _("Province")
    DISTRICT = "DISTRICT", _("District")
    COMMUNE = "COMMUNE", _("Commune")


class SalaryTable(models.TextChoices):
    CIVIL_SERVANTS = "bang2_cong_chuc", _("Table 2: civil servants")
    PUBLIC_EMPLOYEES = "bang3_vien_chuc", _("Table 3: public employees")
    SUPPORT_STAFF = "bang4_nhan_vien", _("Table 4: support staff")
