"""Choices of hoso.quality."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Rule(models.TextChoices):
    """The consistency rules (REQ-029: date logic and catalog codes; REQ-026: likely duplicates)."""

    HIRED_UNDER_18 = "HIRED_UNDER_18", _("Recruited before the age of 18")
    OVERLAPPING_WORK = "OVERLAPPING_WORK", _("Overlapping work periods")
    EARLY_SALARY_STEP = "EARLY_SALARY_STEP", _("Salary step earlier than the rules allow")
    RETIREMENT_AGE_PASSED = "RETIREMENT_AGE_PASSED", _("Retirement age passed, still in service")
    RANK_SCALE_MISMATCH = "RANK_SCALE_MISMATCH", _("Rank does not match the salary scale")
    CITIZEN_ID_MISMATCH = "CITIZEN_ID_MISMATCH", _("ID number inconsistent with date of birth or sex")
    FAMILY_AGE = "FAMILY_AGE", _("Family member older than a parent")
    DUPLICATE = "DUPLICATE", _("Likely duplicate record")


class CheckRunStatus(models.TextChoices):
    QUEUED = "QUEUED", pgettext_lazy("check run", "Queued")
    RUNNING = "RUNNING", pgettext_lazy("check run", "Running")
    DONE = "DONE", pgettext_lazy("check run", "Done")
    FAILED = "FAILED", pgettext_lazy("check run", "Failed")
