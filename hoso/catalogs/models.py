"""Catalogs (danh mục): official code lists, loaded from the CSV files in data/.

Each entry has its official code as natural key, a Vietnamese name, an active flag and validity
dates. Entries in use are never deleted: every foreign key to them is PROTECT.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.catalogs.enums import AdminUnitLevel, CatalogKind
from hoso.core.models import ValidityModel

# AdminUnit keys: the same GSO code names different units before and after 01/07/2025.
PROVINCE_KEY_PREFIX = "tinh:"  # the 34 provinces from 01/07/2025
FORMER_PROVINCE_KEY_PREFIX = "tinh-cu:"  # the 63 provinces until 30/06/2025
COMMUNE_KEY_PREFIX = "xa:"  # communes, wards and special zones from 01/07/2025


class CatalogItemQuerySet(models.QuerySet["CatalogItem"]):
    def of_kind(self, kind: str) -> "CatalogItemQuerySet":
        return self.filter(kind=kind)

    def active(self) -> "CatalogItemQuerySet":
        return self.filter(is_active=True)


class CatalogItem(ValidityModel):
    """One entry of a simple code list: ethnic groups, ranks, ratings, statuses…"""

    kind = models.CharField(_("catalog"), max_length=40, choices=CatalogKind.choices)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    sort_order = models.IntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)
    search_text = models.CharField(max_length=400, blank=True, editable=False)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalog entry")
        verbose_name_plural = _("catalog entries")
        ordering = ["kind", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="catalog_item_kind_code_unique")]

    def __str__(self) -> str:
        return self.name


class AdminUnit(ValidityModel):
    """An administrative unit (province, district, commune) with its validity and successor.

    `key` is unique across eras: the province code 01 exists before and after 01/07/2025.
    """

    key = models.CharField(_("key"), max_length=40, unique=True)
    code = models.CharField(_("GSO code"), max_length=10)
    level = models.CharField(_("level"), max_length=10, choices=AdminUnitLevel.choices)
    name = models.CharField(_("name"), max_length=120)
    full_name = models.CharField(_("full name"), max_length=160)
    unit_type = models.CharField(_("type"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors", verbose_name=_("successor")
    )
    is_active = models.BooleanField(_("active"), default=True)
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)
    search_text = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return self.full_name


class SalaryScaleStep(models.Model):
    """One step of a salary group: coefficient and years per step (NĐ 204/2004, Bảng 2–4)."""

    table = models.CharField(_("salary table"), max_length=30)
    group = models.CharField(_("salary group"), max_length=10)
    step = models.PositiveSmallIntegerField(_("step"))
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    years_per_step = models.PositiveSmallIntegerField(_("years per step"))
    max_step = models.PositiveSmallIntegerField(_("last step"))
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("salary scale step")
        verbose_name_plural = _("salary scale steps")
        ordering = ["table", "group", "step"]
        constraints = [models.UniqueConstraint(fields=["table", "group", "step"], name="salary_step_unique")]

    def __str__(self) -> str:
        return f"{self.group} / {self.step}: {self.coefficient}"


class BaseSalary(models.Model):
    """Base salary (lương cơ sở) from a date."""

    effective_from = models.DateField(_("effective from"), unique=True)
    amount_vnd = models.PositiveIntegerField(_("amount (VND per month)"))
    legal_basis = models.CharField(_("legal basis"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.amount_vnd}"


class RetirementAge(models.Model):
    """Normal retirement age by the year it is reached (BLLĐ 2019 Art. 169, NĐ 135/2020)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    male_years = models.PositiveSmallIntegerField(_("men: years"))
    male_months = models.PositiveSmallIntegerField(_("men: months"))
    female_years = models.PositiveSmallIntegerField(_("women: years"))
    female_months = models.PositiveSmallIntegerField(_("women: months"))

    class Meta:
        verbose_name = _("retirement age")
        verbose_name_plural = _("retirement ages")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class OfficialDay(models.Model):
    """A dated day off, swapped day or make-up working Saturday from the official notices."""

    date = models.DateField(_("date"), unique=True)
    day_type = models.CharField(_("type of day"), max_length=30)
    rule_code = models.CharField(_("holiday"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("official day")
        verbose_name_plural = _("official days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"
