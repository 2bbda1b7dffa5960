"""Choices of the review and approval workflow (REQ-045–REQ-053)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewAction(models.TextChoices):
    """One step in the life of a change set; every step is kept with who, when and why (REQ-045, REQ-047)."""

    SUBMIT = "SUBMIT", _("Submitted")
    RETURN = "RETURN", _("Returned for correction")
    FORWARD = "FORWARD", _("Checked and forwarded for approval")
    APPROVE = "APPROVE", _("Approved and signed")
    WITHDRAW = "WITHDRAW", _("Withdrawn")


class ApproverTarget(models.TextChoices):
    """Where a rule sends the approval of the people it matches (REQ-006, REQ-050, REQ-051)."""

    OWN_UNIT = "OWN_UNIT", _("The head of the employing unit itself (not of a parent unit)")
    NEAREST_ANCESTOR = "NEAREST_ANCESTOR", _("The head of the nearest unit of the given kinds above the person")
    FIXED_UNIT = "FIXED_UNIT", _("The head of a fixed unit")
    ANY_ANCESTOR = "ANY_ANCESTOR", _("Any head whose approval right covers the unit and its sub-units")


class RulePreset(models.TextChoices):
    """The approver rules of the seed provinces (REQUIREMENTS REQ-050), loaded by `load_approval_rules`."""

    AN_GIANG = "an_giang", _("An Giang")
    DONG_THAP = "dong_thap", _("Đồng Tháp")
    KON_TUM = "kon_tum", _("Kon Tum")
    TIEN_GIANG = "tien_giang", _("Tiền Giang")
    LAO_CAI = "lao_cai", _("Lào Cai")


class ManagementList(models.TextChoices):
    """Lists of cadres managed above the unit (REQ-051)."""

    PROVINCIAL_STANDING_COMMITTEE = (
        "PROVINCIAL_STANDING_COMMITTEE",
        _("Provincial Party Standing Committee's management list"),
    )
