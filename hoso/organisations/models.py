"""The organisation tree (cơ quan, đơn vị), staffing quotas and job positions.

The `parent` foreign key is the truth; `path` is a materialised path kept by the services for
fast subtree queries (path__startswith). Units are end-dated, never deleted.

Validity dates are inclusive: a unit exists from `valid_from` to `valid_to`, both days included.
A unit dissolved or merged by a decision that takes effect on 01/07/2025 has
`valid_to = 30/06/2025`; `ended_on` gives the effective date back.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from hoso.catalogs.enums import CatalogKind
from hoso.core.models import PublicIdModel, TimeStampedModel, ValidityModel
from hoso.core.text import fold
from hoso.organisations.enums import (
    DISTRICT_KINDS,
    DISTRICTS_ABOLISHED_ON,
    AdministrativeLevel,
    JobPositionCategory,
    OrgUnitKind,
)

AGENCY_CODE_VALIDATOR = RegexValidator(
    r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$",
    _("The electronic identifier code must look like 000.00.12.H20 (QĐ 20/2020/QĐ-TTg)."),
)

RANK_KINDS: frozenset[str] = frozenset({CatalogKind.CIVIL_SERVICE_RANK, CatalogKind.PROFESSIONAL_TITLE})
PATH_SEGMENT_WIDTH = 6


def path_segment(pk: int) -> str:
    """The unit's own segment of a materialised path: its id, zero-padded, and a dot."""
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}."


def path_ids(path: str) -> list[int]:
    """The ids of the units along a path, root first ('000001.000007.' -> [1, 7])."""
    return [int(segment) for segment in path.split(".") if segment]


def one_day_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=1)


def _short_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def valid_on_q(day: datetime.date) -> models.Q:
    """Rows in existence on `day` (validity dates are inclusive; an empty date is open)."""
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)) & (
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
    )


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def valid_on(self, day: datetime.date) -> "OrgUnitQuerySet":
        return self.filter(valid_on_q(day))


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

    objects = OrgUnitQuerySet.as_manager()

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
            # A path is unique once the services have set it (rows are first saved with "").
            models.UniqueConstraint(fields=["path"], condition=~models.Q(path=""), name="org_unit_path_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Rules across the fields of one unit (the services run them through full_clean)."""
        errors: dict[str, list[ValidationError]] = {}

        def add(field: str, message: ValidationError) -> None:
            errors.setdefault(field, []).append(message)

        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            add("valid_to", ValidationError(_("The end date cannot be before the start date."), code="invalid_period"))

        # Districts exist only as history since 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025).
        if self.kind in DISTRICT_KINDS:
            last_day = one_day_before(DISTRICTS_ABOLISHED_ON)
            if self.valid_to is None or self.valid_to > last_day:
                add(
                    "valid_to",
                    ValidationError(
                        _(
                            "District-level units were abolished on 01/07/2025: "
                            "the end date is required and cannot be after 30/06/2025."
                        ),
                        code="district_after_abolition",
                    ),
                )

        parent = self.parent if self.parent_id else None
        if parent is not None:
            if self.pk is not None and (parent.pk == self.pk or (self.path and parent.path.startswith(self.path))):
                add(
                    "parent",
                    ValidationError(
                        _("A unit cannot be placed under itself or under one of its own sub-units."), code="cycle"
                    ),
                )
            elif self._state.adding and self.valid_from is not None and not parent.is_valid_on(self.valid_from):
                # A later move checks the new parent on the move's effective date instead.
                add(
                    "parent",
                    ValidationError(
                        _("The parent unit “%(parent)s” does not exist on %(date)s, the start date of this unit."),
                        code="parent_not_valid",
                        params={"parent": parent.name, "date": _short_date(self.valid_from)},
                    ),
                )
            elif parent.valid_to is not None and (self.valid_to is None or self.valid_to > parent.valid_to):
                add(
                    "parent",
                    ValidationError(
                        _("The parent unit “%(parent)s” ended on %(date)s: a sub-unit cannot outlast it."),
                        code="outlasts_parent",
                        params={"parent": parent.name, "date": _short_date(parent.valid_to)},
                    ),
                )

        if self.successor_id is not None and self.successor_id == self.pk:
            add("successor", ValidationError(_("A unit cannot be its own successor."), code="own_successor"))

        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def ended_on(self) -> datetime.date | None:
        """The first day the unit no longer exists (the effective date of its dissolution or merger)."""
        return self.valid_to + datetime.timedelta(days=1) if self.valid_to else None

    def is_ended(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.valid_to is not None and self.valid_to < today

    def build_search_text(self) -> str:
        """What the tree search matches: names without diacritics and the agency code."""
        return " ".join(part for part in (fold(self.name), fold(self.short_name), self.agency_code.lower()) if part)


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
    old_parent = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("former parent unit")
    )
    new_parent = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("new parent unit")
    )
    successor = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("successor unit")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

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

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"

    @property
    def total(self) -> int:
        return self.civil_servants + self.public_employees + self.contract_workers


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

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = ValidationError(
                _("The end date cannot be before the start date."), code="invalid_period"
            )
        if self.min_level is not None and self.max_level is not None and self.min_level > self.max_level:
            errors["max_level"] = ValidationError(
                _("The highest professional level cannot be lower than the lowest."), code="levels_reversed"
            )
        if self.required_rank is not None and self.required_rank.kind not in RANK_KINDS:
            errors["required_rank"] = ValidationError(
                _("Choose a civil-service rank or a professional title."), code="not_a_rank"
            )
        if self.national_position is not None and self.national_position.kind != CatalogKind.JOB_POSITION:
            errors["national_position"] = ValidationError(
                _("Choose a job position from the national list."), code="not_a_job_position"
            )
        if errors:
            raise ValidationError(errors)


class JobPositionQuota(models.Model):
    """How many people a job position provides for in a year."""

    job_position = models.ForeignKey(JobPosition, models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("year"))
    headcount = models.PositiveIntegerField(_("headcount"))

    class Meta:
        verbose_name = _("job position quota")
        verbose_name_plural = _("job position quotas")
        constraints = [models.UniqueConstraint(fields=["job_position", "year"], name="job_position_quota_unique")]
