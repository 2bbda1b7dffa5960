"""Models of hoso.workdays: the province's official calendar overrides.

The `holidays` package knows the Labour Code's holidays, days in lieu and the swapped Saturdays it has been told
about; the yearly decisions (an extra Tết day, a swapped Saturday) reach it only in later releases. A
`CalendarOverride` records such a decision for one date and wins over the package (REQ-054; STACK.md §5).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.models import PublicIdModel, TimeStampedModel


class CalendarOverride(PublicIdModel, TimeStampedModel):
    """One date declared a working day or a day off by an official decision (ngày nghỉ, ngày làm bù)."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=200)
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    decision_issuer = models.CharField(_("issued by"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
