"""The dimensions of the head-count statistics and the age bands of the annual report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """What the people of the annual report on the number and quality of CBCCVC are counted by."""

    STAFF_KIND = "STAFF_KIND", _("Kind of staff")
    RANK = "RANK", _("Rank or professional title")
    JOB_POSITION = "JOB_POSITION", _("Job position group")
    SEX = "SEX", _("Sex")
    AGE_BAND = "AGE_BAND", _("Age band")
    ETHNICITY = "ETHNICITY", _("Ethnicity")
    QUALIFICATION = "QUALIFICATION", _("Highest professional qualification")


class AgeBand(models.TextChoices):
    """Completed years of age on the report date, in the bands of the Ministry of Home Affairs' report forms."""

    UP_TO_30 = "UP_TO_30", _("30 or under")
    FROM_31_TO_40 = "31_40", _("31 to 40")
    FROM_41_TO_50 = "41_50", _("41 to 50")
    FROM_51_TO_60 = "51_60", _("51 to 60")
    OVER_60 = "OVER_60", _("Over 60")


# The oldest age (completed years) of each band but the last, in order.
AGE_BAND_LIMITS: tuple[tuple[AgeBand, int], ...] = (
    (AgeBand.UP_TO_30, 30),
    (AgeBand.FROM_31_TO_40, 40),
    (AgeBand.FROM_41_TO_50, 50),
    (AgeBand.FROM_51_TO_60, 60),
)
NOT_RECORDED = ""  # the key of people with nothing recorded for a dimension
