"""Models of hoso.quality: stored completeness scores and the findings of the consistency checker.

Completeness (REQ-029) is stored per person so that unit and province aggregates are one SQL query at
100,000 people; findings (REQ-026, REQ-029, REQ-046) are kept across runs: a contradiction found again
keeps its first date, one that no longer applies is marked resolved.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.models import PublicIdModel
from hoso.quality.enums import CheckRunStatus, Rule


class CompletenessScore(models.Model):
    """How much of the national form's required items one record fills (TT 06/2023/TT-BNV; REQ-029)."""

    person = models.OneToOneField(
        "people.Person",
        models.CASCADE,
        primary_key=True,
        related_name="completeness",
        verbose_name=_("person"),
    )
    filled = models.PositiveSmallIntegerField(_("required items filled"))
    required = models.PositiveSmallIntegerField(_("required items"))
    missing = models.JSONField(_("missing items"), default=list, blank=True)  # keys of completeness.REQUIRED_ITEMS
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("completeness score")
        verbose_name_plural = _("completeness scores")
        constraints = [
            models.CheckConstraint(condition=models.Q(filled__lte=models.F("required")), name="quality_filled_lte"),
        ]

    def __str__(self) -> str:
        return f"{self.filled}/{self.required}"

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.required) if self.required else 100


class CheckRun(PublicIdModel):
    """One run of the consistency checker: who started it, when, over which units, and what it found."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # The subtree checked; empty for the whole province (the nightly run).
    unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit checked"),
    )
    status = models.CharField(_("status"), max_length=10, choices=CheckRunStatus.choices, default=CheckRunStatus.QUEUED)
    people_checked = models.PositiveIntegerField(_("records checked"), default=0)
    found_new = models.PositiveIntegerField(_("new findings"), default=0)
    still_open = models.PositiveIntegerField(_("findings still open"), default=0)
    resolved = models.PositiveIntegerField(_("findings resolved"), default=0)

    class Meta:
        verbose_name = _("consistency check run")
        verbose_name_plural = _("consistency check runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["unit", "-started_at"], name="quality_run_unit_idx")]

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M}"


class Finding(PublicIdModel):
    """A contradiction in one record, found by one rule; `key` tells several findings of one rule apart."""

    person = models.ForeignKey("people.Person", models.CASCADE, related_name="+", verbose_name=_("person"))
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    key = models.CharField(_("key"), max_length=80, blank=True)
    message = models.TextField(_("message"))
    details = models.JSONField(_("details"), default=dict, blank=True)
    first_found = models.DateTimeField(_("first found"))
    last_seen = models.DateTimeField(_("last seen"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    last_run = models.ForeignKey(
        CheckRun, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last run")
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["person_id", "rule", "key"]
        constraints = [models.UniqueConstraint(fields=["person", "rule", "key"], name="quality_finding_unique")]
        indexes = [
            models.Index(fields=["resolved_at", "rule"], name="quality_finding_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
