from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "MALE", _("Male")
    FEMALE = "FEMALE", _("Female")


class DatePrecision(models.TextChoices):
    DAY = "DAY", _("Day")
    MONTH = "MONTH", _("Month")
    YEAR = "YEAR", _("Year")


class RestrictionLevel(models.IntegerChoices):
    """Độ hạn chế tiếp cận of a field. Free text above PERSONAL is encrypted at rest (docs/adr/0002).

    Basis: PDPL 91/2025/QH15 and NĐ 356/2025 (sensitive personal data), NĐ 27/2026 (consent).
    """

    ORDINARY = 0, _("Ordinary")
    PERSONAL = 1, _("Basic personal data")
    SENSITIVE = 2, _("Sensitive personal data")
    SECRET = 3, _("Specially restricted")


class RowSource(models.TextChoices):
    MANUAL = "MANUAL", _("Entered in hoso")
    NATIONAL = "NATIONAL", _("National database")
    IMPORT = "IMPORT", _("Imported")


class BloodGroup(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    AB = "AB", "AB"
    O = "O", "O"  # noqa: E741


class FamilySide(models.TextChoices):
    OWN = "OWN", _("Own family")
    SPOUSE = "SPOUSE", _("Spouse's family")


class TrainingKind(models.TextChoices):
    PROFESSIONAL = "PROFESSIONAL", _("Professional education")
    POLITICAL_THEORY = "POLITICAL_THEORY", _("Political theory")
    STATE_MANAGEMENT = "STATE_MANAGEMENT", _("State management and professional courses")
    DEFENCE = "DEFENCE", _("Defence and security")
    IT = "IT", _("Information technology")
    LANGUAGE = "LANGUAGE", _("Foreign or ethnic language")


class LegacyIdKind(models.TextChoices):
    CMND9 = "CMND9", _("9-digit identity card (CMND)")
    CMND12 = "CMND12", _("12-digit identity card (CMND)")
    CCCD_OLD = "CCCD_OLD", _("Earlier citizen identity card")
    PASSPORT = "PASSPORT", _("Passport")


class PropertyKind(models.TextChoices):
    HOUSING_ALLOCATED = "HOUSING_ALLOCATED", _("Housing allocated or rented from the state")
    HOUSING_OWNED = "HOUSING_OWNED", _("Housing bought or built by oneself")
    LAND_ALLOCATED = "LAND_ALLOCATED", _("Residential land allocated")
    LAND_OWNED = "LAND_OWNED", _("Residential land bought")
    BUSINESS_LAND = "BUSINESS_LAND", _("Land for production or business")


class MembershipKind(models.TextChoices):
    PARTY = "PARTY", _("Communist Party of Vietnam")
    YOUTH_UNION = "YOUTH_UNION", _("Ho Chi Minh Communist Youth Union")
    TRADE_UNION = "TRADE_UNION", _("Trade union")
    WOMEN_UNION = "WOMEN_UNION", _("Women's Union")
    VETERANS = "VETERANS", _("Veterans' Association")
    OTHER = "OTHER", _("Other organisation")


class PayMode(models.TextChoices):
    AGREED = "AGREED", _("Agreed amount")
    SALARY_TABLE = "SALARY_TABLE", _("Salary table")


class ChangeSetStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Waiting for review")
    RETURNED = "RETURNED", _("Returned for correction")
    FORWARDED = "FORWARDED", _("Waiting for approval")
    APPROVED = "APPROVED", _("Approved")
    APPLIED = "APPLIED", _("Applied")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    STALE = "STALE", _("Superseded by a newer version")


class ChangeOrigin(models.TextChoices):
    """Who entered a change (REQ-047): the employee for themself, or the unit on their behalf."""

    SELF = "SELF", _("Entered by the employee")
    UNIT = "UNIT", _("Entered by the unit")
