"""The organisation tree (cơ quan, đơn vị), staffing quotas and job positions.

The `parent` foreign key is the truth; `path` is a materialised path kept by the services for
fast subtree queries (path__startswith). Units are end-dated, never deleted.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.models import PublicIdModel, TimeStampedModel, ValidityModel
from hoso.organisations.enums import AdministrativeLevel, JobPositionCategory, OrgUnitKind

AGENCY_CODE_VALIDATOR = RegexValidator(
    r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$",
    _("The electronic identifier code must look like 000.00.12.H20 (QĐ 20/2020/QĐ-TTg)."),
)


class OrgUnit(PublicIdModel, TimeStampedModel, ValidityModel):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrgUnitKind.choices)
    administrative_level = models.CharField(
        _("administrative level"),
        max_length=10,
        choices=AdministrativeLevel.choices,
        default=AdministrativeLevel.PROVINCE,
    )
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    agency_code = models.CharField(
        _("electronic identifier code"), max_length=13, blank=True, validators=[AGENCY_CODE_VALIDATOR]
    )
    display_order = models.IntegerField(_("display order"), default=0)
    # The decision that created the unit (quyết định thành lập).
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors", verbose_name=_("successor unit")
    )
    search_text = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="org_unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrgUnitEvent(TimeStampedModel):
    """A structural change of a unit and the decision behind it (REQ-004)."""

    class Kind(models.TextChoices):
        CREATED = "CREATED", _("Created")
        RENAMED = "RENAMED", _("Renamed")
        MOVED = "MOVED", _("Moved under another unit")
        MERGED = "MERGED", _("Merged into another unit")
        SPLIT = "SPLIT", _("Split")
        CLOSED = "CLOSED", _("Dissolved")

    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="events", verbose_name=_("unit"))
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    old_parent = models.ForeignKey(OrgUnit, models.PROTECT, null=True, blank=True, related_name="+")
    new_parent = models.ForeignKey(OrgUnit, models.PROTECT, null=True, blank=True, related_name="+")
    successor = models.ForeignKey(OrgUnit, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("unit change")
        verbose_name_plural = _("unit changes")
        ordering = ["effective_date", "id"]


class StaffingQuota(TimeStampedModel):
    """The staffing quota (biên chế) assigned to a unit for a year (REQ-003)."""

    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="staffing_quotas", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    civil_servants = models.PositiveIntegerField(_("civil-servant posts"), default=0)
    public_employees = models.PositiveIntegerField(_("public-employee posts"), default=0)
    contract_workers = models.PositiveIntegerField(_("contract posts"), default=0)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        verbose_name = _("staffing quota")
        verbose_name_plural = _("staffing quotas")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="staffing_quota_unit_year_unique")]


class JobPosition(PublicIdModel, TimeStampedModel, ValidityModel):
    """An approved job position (vị trí việc làm) of a unit, with the rank or title it requires."""

    unit = models.ForeignKey(OrgUnit, models.PROTECT, related_name="job_positions", verbose_name=_("unit"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("group"), max_length=15, choices=JobPositionCategory.choices)
    required_rank = models.ForeignKey(
        "catalogs.CatalogItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("required rank or professional title"),
    )
    national_position = models.ForeignKey(
        "catalogs.CatalogItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("national job position"),
    )
    min_level = models.PositiveSmallIntegerField(_("lowest professional level"), null=True, blank=True)
    max_level = models.PositiveSmallIntegerField(_("highest professional level"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")
        ordering = ["unit", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="job_position_unit_code_unique")]

    def __str__(self) -> str:
        return self.name


class JobPositionQuota(models.Model):
    """How many people a job position provides for in a year."""

    job_position = models.ForeignKey(JobPosition, models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("year"))
    headcount = models.PositiveIntegerField(_("headcount"))

    class Meta:
        verbose_name = _("job position quota")
        verbose_name_plural = _("job position quotas")
        constraints = [models.UniqueConstraint(fields=["job_position", "year"], name="job_position_quota_unique")]
