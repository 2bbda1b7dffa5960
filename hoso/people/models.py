"""The personnel record (hồ sơ): the person, every item of the national form, versions, change sets.

Layout follows the personal-history form of TT 06/2023/TT-BNV (items H1–H4 and 1–38), plus the
items of the older Mẫu 2C-BNV/2008 that it lacks and the labour contract of TT 05/2023/TT-BNV
(Phụ lục II) for contract workers. See docs/domain/profile_fields.md and hoso/people/sections.py,
which maps each field to its item number and restriction level.

The live rows here are the projection of the record's current approved version. They change only
through `services.apply_change_set`, which writes them and a new immutable `RecordVersion`
(the canonical snapshot) in one transaction.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from hoso.catalogs.enums import CatalogKind
from hoso.core.crypto import (
    BlindIndexField,
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedJSONField,
    EncryptedTextField,
)
from hoso.core.models import PublicIdModel, TimeStampedModel
from hoso.people import enums
from hoso.people.validators import validate_citizen_id_shape

PHONE_VALIDATOR = RegexValidator(
    r"^(0[35789]\d{8}|02\d{8,9})$",
    _("Enter a 10-digit mobile number starting with 03, 05, 07, 08 or 09, or a landline."),
)
SOCIAL_INSURANCE_VALIDATOR = RegexValidator(r"^(\d{10}|\d{12})$", _("The social-insurance number has 10 or 12 digits."))
HEALTH_CARD_VALIDATOR = RegexValidator(
    r"^([A-Z]{2}\d{13}|\d{10})$", _("The health-insurance card number has 2 letters and 13 digits.")
)


def catalog(kind: CatalogKind | list[CatalogKind], verbose_name: StrOrPromise, **kwargs: object) -> models.ForeignKey:
    """A PROTECT foreign key to a catalog entry of the given kind(s): entries in use are never deleted."""
    kinds = kind if isinstance(kind, list) else [kind]
    return models.ForeignKey(
        "catalogs.CatalogItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": [str(k) for k in kinds]},
        verbose_name=verbose_name,
        **kwargs,  # type: ignore[arg-type]
    )


def admin_unit(verbose_name: StrOrPromise) -> models.ForeignKey:
    return models.ForeignKey(
        "catalogs.AdminUnit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=verbose_name
    )


RANK_KINDS = [CatalogKind.CIVIL_SERVICE_RANK, CatalogKind.PROFESSIONAL_TITLE]


class Person(PublicIdModel, TimeStampedModel):
    """One person for a whole working life, keyed by the 12-digit personal ID number."""

    # --- Header (H1–H4) ---------------------------------------------------------------------
    managing_unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        related_name="managed_people",
        verbose_name=_("managing agency"),
        null=True,
        blank=True,
    )
    employing_unit = models.ForeignKey(
        "organisations.OrgUnit", models.PROTECT, related_name="employed_people", verbose_name=_("employing unit")
    )
    personnel_number = models.CharField(_("personnel number"), max_length=30, blank=True)
    photo = models.ImageField(_("photo (4 x 6 cm)"), upload_to="photos/%Y/", blank=True)
    staff_kind = catalog(CatalogKind.STAFF_KIND, _("kind of staff"))
    employment_status = catalog(CatalogKind.EMPLOYMENT_STATUS, _("employment status"))

    # --- 1–7 ------------------------------------------------------------------------------
    full_name = models.CharField(_("full name at birth"), max_length=100)
    gender = models.CharField(_("sex"), max_length=6, choices=enums.Gender.choices)
    other_names = models.CharField(_("other names"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    date_of_birth_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=5,
        choices=enums.DatePrecision.choices,
        default=enums.DatePrecision.DAY,
    )
    birth_place = models.CharField(_("place of birth"), max_length=255)
    birth_place_unit = admin_unit(_("place of birth (administrative unit)"))
    hometown_commune = models.CharField(_("home town: commune"), max_length=120, blank=True)
    hometown_district = models.CharField(_("home town: district (historical)"), max_length=120, blank=True)
    hometown_province = models.CharField(_("home town: province"), max_length=120, blank=True)
    hometown_unit = admin_unit(_("home town (administrative unit)"))
    ethnicity = catalog(CatalogKind.ETHNICITY, _("ethnicity"))
    religion = catalog(CatalogKind.RELIGION, _("religion"))

    # --- 8–12 -----------------------------------------------------------------------------
    # Encrypted fields (docs/adr/0002-field-encryption.md): identity numbers, contacts, and free text of
    # sensitive or secret items. Look a person up by ID through `citizen_id_index`, never `citizen_id`.
    citizen_id = EncryptedCharField(
        _("personal identification number"), max_length=12, validators=[validate_citizen_id_shape]
    )
    citizen_id_index = BlindIndexField(_("blind index of the personal identification number"), source="citizen_id")
    citizen_id_issue_date = models.DateField(_("ID issue date"), null=True, blank=True)
    citizen_id_issue_place = models.CharField(_("ID issue place"), max_length=120, blank=True)
    phone = EncryptedCharField(_("contact phone"), max_length=11, blank=True, validators=[PHONE_VALIDATOR])
    email = EncryptedEmailField(_("email"), blank=True)
    social_insurance_number = EncryptedCharField(
        _("social-insurance number"), max_length=12, blank=True, validators=[SOCIAL_INSURANCE_VALIDATOR]
    )
    health_insurance_card_number = EncryptedCharField(
        _("health-insurance card number"), max_length=15, blank=True, validators=[HEALTH_CARD_VALIDATOR]
    )
    current_address = EncryptedCharField(_("current residence"), max_length=255, blank=True)
    current_address_unit = admin_unit(_("current residence (commune)"))
    permanent_address = EncryptedCharField(_("permanent residence (2C/2008 item 8)"), max_length=255, blank=True)
    family_background = models.CharField(_("family social background"), max_length=120, blank=True)
    occupation_before_recruitment = models.CharField(_("occupation before recruitment"), max_length=200, blank=True)

    # --- 13–17 ----------------------------------------------------------------------------
    first_recruitment_date = models.DateField(_("date first recruited"), null=True, blank=True)
    first_recruiting_body = models.CharField(_("recruiting body"), max_length=255, blank=True)
    current_agency_join_date = models.DateField(_("date joined the current agency"), null=True, blank=True)
    party_join_date = models.DateField(_("date admitted to the Communist Party"), null=True, blank=True)
    party_official_date = models.DateField(_("date of full Party membership"), null=True, blank=True)
    first_sociopolitical_org = EncryptedCharField(_("first socio-political organisation"), max_length=200, blank=True)
    first_sociopolitical_org_date = models.DateField(_("date joined it"), null=True, blank=True)
    military_enlist_date = models.DateField(_("military enlistment date"), null=True, blank=True)
    military_discharge_date = models.DateField(_("military discharge date"), null=True, blank=True)
    military_highest_rank = EncryptedCharField(_("highest military rank"), max_length=80, blank=True)

    # --- 19–22 (18 and 22 are sections) -----------------------------------------------------
    general_education = catalog(CatalogKind.GENERAL_EDUCATION, _("general education"))
    highest_qualification = catalog(CatalogKind.QUALIFICATION, _("highest professional qualification"))
    highest_qualification_major = models.CharField(_("major of the highest qualification"), max_length=200, blank=True)
    academic_title = catalog(CatalogKind.ACADEMIC_TITLE, _("academic title"))
    academic_title_year = models.PositiveSmallIntegerField(
        _("year of the academic title"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    # Highest levels, as the 2C/2008 form summarises them (items 15.3–15.6).
    political_theory_level = catalog(CatalogKind.POLITICAL_THEORY_LEVEL, _("political theory"))
    state_management_level = catalog(CatalogKind.STATE_MANAGEMENT_LEVEL, _("state management"))
    it_level = catalog(CatalogKind.IT_LEVEL, _("information technology"))
    foreign_languages = models.CharField(_("foreign languages"), max_length=200, blank=True)

    # --- 23–29 ----------------------------------------------------------------------------
    current_position = models.CharField(_("current position"), max_length=200, blank=True)
    position_appointment_date = models.DateField(_("appointment date"), null=True, blank=True)
    position_reappointment_date = models.DateField(_("re-appointment date"), null=True, blank=True)
    succession_planned_title = EncryptedCharField(_("position planned for"), max_length=200, blank=True)
    concurrent_positions = models.CharField(_("concurrent positions"), max_length=255, blank=True)
    party_position = EncryptedCharField(_("current Party position"), max_length=200, blank=True)
    party_concurrent_positions = EncryptedCharField(_("concurrent Party positions"), max_length=255, blank=True)
    main_duties = models.TextField(_("main assigned duties"), max_length=2000, blank=True)
    work_strengths = models.CharField(_("work strengths"), max_length=255, blank=True)
    longest_held_job = models.CharField(_("longest-held job"), max_length=255, blank=True)

    # --- 30.1 rank or professional title and salary --------------------------------------------
    rank = catalog(RANK_KINDS, _("civil-service rank or professional title"))
    rank_appointment_date = models.DateField(_("date appointed to the rank or title"), null=True, blank=True)
    salary_step = models.PositiveSmallIntegerField(
        _("salary step"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(16)]
    )
    salary_coefficient = models.DecimalField(
        _("salary coefficient"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    salary_step_date = models.DateField(_("date the step took effect"), null=True, blank=True)
    salary_percent = models.DecimalField(
        _("percentage received"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    over_ceiling_percent = models.PositiveSmallIntegerField(
        _("over-ceiling allowance (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    over_ceiling_date = models.DateField(_("over-ceiling allowance from"), null=True, blank=True)
    # --- 30.2 allowances -------------------------------------------------------------------
    position_allowance = models.DecimalField(
        _("leadership allowance coefficient"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(2)],
    )
    concurrent_allowance = models.DecimalField(
        _("concurrent-post allowance"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    other_allowances = models.CharField(_("other allowances"), max_length=255, blank=True)
    # --- 30.3 job position and position-based pay --------------------------------------------
    job_position = models.ForeignKey(
        "organisations.JobPosition",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("job position"),
    )
    professional_level = catalog(CatalogKind.PROFESSIONAL_LEVEL, _("professional level"))
    position_salary_step = models.PositiveSmallIntegerField(_("position salary step"), null=True, blank=True)
    position_salary_amount = models.PositiveIntegerField(_("position salary (VND)"), null=True, blank=True)
    position_salary_date = models.DateField(_("position salary from"), null=True, blank=True)
    position_salary_percent = models.DecimalField(
        _("position salary percentage"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position_over_ceiling_percent = models.PositiveSmallIntegerField(
        _("position over-ceiling allowance (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    position_over_ceiling_date = models.DateField(_("position over-ceiling allowance from"), null=True, blank=True)

    # --- 31 health -----------------------------------------------------------------------
    health_status = EncryptedCharField(_("health status"), max_length=60, blank=True)
    height_cm = models.PositiveSmallIntegerField(
        _("height (cm)"), null=True, blank=True, validators=[MinValueValidator(100), MaxValueValidator(230)]
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(200)],
    )
    blood_group = EncryptedCharField(_("blood group"), max_length=2, choices=enums.BloodGroup.choices, blank=True)

    # --- 34.1 history, 37.3 income, 38 assessment, declaration ---------------------------------
    arrest_history = EncryptedTextField(_("arrest or imprisonment history"), max_length=4000, blank=True)
    household_salary_income = models.PositiveBigIntegerField(
        _("household income: salaries (VND a year)"), null=True, blank=True
    )
    household_other_income = models.PositiveBigIntegerField(
        _("household income: other sources (VND a year)"), null=True, blank=True
    )
    assessment = models.TextField(_("assessment by the managing body"), max_length=4000, blank=True)
    assessment_date = models.DateField(_("assessment date"), null=True, blank=True)
    assessed_by = models.CharField(_("assessed by"), max_length=120, blank=True)
    declared_on = models.DateField(_("declared on"), null=True, blank=True)
    paper_file_location = models.CharField(_("where the paper file is kept"), max_length=255, blank=True)

    # --- System columns: derived, never typed ------------------------------------------------
    current_version = models.PositiveIntegerField(_("current version"), default=0, editable=False)
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)
    name_sort_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("personal account"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["employing_unit", "name_sort_key"], name="person_unit_sort_idx"),
            # Exact ID look-ups; SQLite cannot use the partial unique index below for them.
            models.Index(fields=["citizen_id_index"], name="person_citizen_id_index_idx"),
            # SQLite also has person_list_covering_idx for the staff list and the name search (migration 0005).
            # Covering index of the head-count statistics (hoso.reports): each GROUP BY reads this index only,
            # never the wide rows (bench/: 4-7 times faster on both databases).
            models.Index(
                fields=[
                    "employing_unit",
                    "staff_kind",
                    "rank",
                    "ethnicity",
                    "highest_qualification",
                    "gender",
                    "date_of_birth",
                    "job_position",
                ],
                name="person_statistics_idx",
            ),
        ]
        constraints = [
            # One record per ID number. The ciphertext differs on every write, so the database checks
            # the blind index; the 12-digit shape is checked on the plaintext (validators, forms).
            models.UniqueConstraint(
                fields=["citizen_id_index"],
                condition=~models.Q(citizen_id_index=""),
                name="person_citizen_id_index_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


# --- Repeating sections ------------------------------------------------------------------------


class SectionRow(PublicIdModel):
    """A row of a repeating section. `uid` identifies the row across versions and change sets."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("order"), default=0)
    source = models.CharField(
        _("source"), max_length=10, choices=enums.RowSource.choices, default=enums.RowSource.MANUAL
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class PeriodRow(SectionRow):
    """A row with a period; months are stored as their first day. An empty end means "until now"."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta(SectionRow.Meta):
        abstract = True


class DecisionFields(models.Model):
    """The decision (quyết định) a dated row rests on (REQ-028)."""

    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)

    class Meta:
        abstract = True


class LegacyIdNumber(SectionRow):
    """Earlier identity numbers (9-digit CMND, …), kept as history, never as the key (item 8)."""

    kind = models.CharField(pgettext_lazy("record", "kind"), max_length=10, choices=enums.LegacyIdKind.choices)
    number = EncryptedCharField(_("number"), max_length=20, validators=[RegexValidator(r"^[A-Z0-9]{6,20}$")])
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    issue_place = models.CharField(_("issue place"), max_length=120, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("earlier identity number")
        verbose_name_plural = _("earlier identity numbers")


class PolicyStatus(SectionRow):
    """Đối tượng chính sách (item 18)."""

    status = catalog(CatalogKind.POLICY_STATUS, _("policy-beneficiary status"))
    note = EncryptedCharField(_("details"), max_length=255, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("policy-beneficiary status")
        verbose_name_plural = _("policy-beneficiary statuses")


class StateHonour(SectionRow, DecisionFields):
    """Danh hiệu nhà nước phong tặng (item 22)."""

    title = catalog(CatalogKind.STATE_HONOUR, _("honorary title"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)])

    class Meta(SectionRow.Meta):
        verbose_name = _("state honorary title")
        verbose_name_plural = _("state honorary titles")


class TrainingEntry(PeriodRow):
    """Education and training, items 32.1–32.6; `kind` says which sub-item the row belongs to."""

    kind = models.CharField(_("kind of training"), max_length=20, choices=enums.TrainingKind.choices)
    institution = models.CharField(_("institution"), max_length=255)
    major = models.CharField(_("major or subject"), max_length=255, blank=True)
    mode = catalog(CatalogKind.TRAINING_MODE, _("mode of study"))
    qualification = catalog(CatalogKind.QUALIFICATION, _("degree level"))
    political_theory_level = catalog(CatalogKind.POLITICAL_THEORY_LEVEL, _("political theory level"))
    state_management_level = catalog(CatalogKind.STATE_MANAGEMENT_LEVEL, _("programme"))
    it_level = catalog(CatalogKind.IT_LEVEL, _("IT level"))
    language_level = catalog(CatalogKind.LANGUAGE_LEVEL, _("language level"))
    language = models.CharField(_("language"), max_length=60, blank=True)
    score = models.CharField(_("score"), max_length=20, blank=True)
    certificate = models.CharField(_("degree or certificate"), max_length=255, blank=True)
    recognition_number = models.CharField(_("recognition of a foreign degree"), max_length=60, blank=True)

    class Meta(PeriodRow.Meta):
        verbose_name = _("training")
        verbose_name_plural = _("training")


class WorkHistoryEntry(PeriodRow, DecisionFields):
    """Tóm tắt quá trình công tác (item 33), study periods included."""

    organisation = models.CharField(_("agency, unit, organisation"), max_length=255)
    title = models.CharField(_("title or position"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "organisations.OrgUnit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit in hoso")
    )
    is_concurrent = models.BooleanField(_("concurrent post"), default=False)

    class Meta(PeriodRow.Meta):
        verbose_name = _("work history")
        verbose_name_plural = _("work history")


class FormerRegimeService(PeriodRow):
    """Làm việc cho chế độ cũ (item 34.2)."""

    details = EncryptedCharField(_("title, position, unit, place"), max_length=500)

    class Meta(PeriodRow.Meta):
        verbose_name = _("service for the former regime")
        verbose_name_plural = _("service for the former regime")


class ForeignOrganisationLink(PeriodRow):
    """Quan hệ với tổ chức ở nước ngoài (item 34.3)."""

    organisation = EncryptedCharField(_("organisation"), max_length=255)
    address = EncryptedCharField(_("headquarters"), max_length=255, blank=True)
    work_done = EncryptedCharField(_("work done"), max_length=500, blank=True)

    class Meta(PeriodRow.Meta):
        verbose_name = _("link with an organisation abroad")
        verbose_name_plural = _("links with organisations abroad")


class AnnualRecord(SectionRow, DecisionFields):
    """Thành tích thi đua, khen thưởng and the yearly evaluation (item 35.1); one row a year."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    rating = catalog(CatalogKind.EVALUATION_RATING, _("performance rating"))
    emulation_title = catalog(CatalogKind.AWARD, _("emulation title"))
    award = catalog(CatalogKind.AWARD, _("award"))
    award_details = models.CharField(_("award details"), max_length=255, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("yearly evaluation and awards")
        verbose_name_plural = _("yearly evaluations and awards")


class DisciplinaryAction(SectionRow, DecisionFields):
    """Kỷ luật Đảng, hành chính (item 35.2)."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    form = catalog(CatalogKind.DISCIPLINE_FORM, _("disciplinary form"))
    violation = EncryptedCharField(_("main violation"), max_length=500)
    # The decision of a discipline is as sensitive as the discipline (item 35.2): encrypted here only.
    decision_number = EncryptedCharField(_("decision number"), max_length=60, blank=True)
    decision_issuer = EncryptedCharField(_("issued by"), max_length=255, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("disciplinary action")
        verbose_name_plural = _("disciplinary actions")


class FamilyRelation(SectionRow):
    """Quan hệ gia đình (item 36): own family (36.1) and the spouse's (36.2)."""

    side = models.CharField(_("side"), max_length=6, choices=enums.FamilySide.choices)
    relation = catalog(CatalogKind.FAMILY_RELATION, _("relation"))
    full_name = EncryptedCharField(pgettext_lazy("family member", "full name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1880), MaxValueValidator(2100)]
    )
    details = EncryptedTextField(
        _("home town, occupation, position, unit, residence, memberships, history"), max_length=2000, blank=True
    )
    lives_abroad = models.BooleanField(_("lives abroad"), default=False)
    is_deceased = models.BooleanField(_("deceased"), default=False)

    class Meta(SectionRow.Meta):
        verbose_name = _("family member")
        verbose_name_plural = _("family members")


class SalaryHistoryEntry(PeriodRow, DecisionFields):
    """Quá trình lương (item 37.1): the dated series of rank or title, step and coefficient."""

    rank = catalog(RANK_KINDS, _("rank or professional title"))
    salary_step = models.PositiveSmallIntegerField(_("step"), validators=[MinValueValidator(1), MaxValueValidator(16)])
    salary_coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2)
    position_salary_amount = models.PositiveIntegerField(_("salary by job position (VND)"), null=True, blank=True)
    salary_percent = models.DecimalField(
        _("percentage received"),
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta(PeriodRow.Meta):
        verbose_name = _("salary history")
        verbose_name_plural = _("salary history")


class AllowanceEntry(PeriodRow, DecisionFields):
    """Các loại phụ cấp khác (item 37.2)."""

    allowance_type = catalog(CatalogKind.ALLOWANCE_TYPE, _("allowance"))
    percent = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True, blank=True)
    coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2, null=True, blank=True)
    mode = models.CharField(_("how it is received"), max_length=120, blank=True)
    amount_vnd = models.PositiveIntegerField(_("amount (VND)"), null=True, blank=True)

    class Meta(PeriodRow.Meta):
        verbose_name = _("allowance")
        verbose_name_plural = _("allowances")


class PropertyHolding(SectionRow):
    """Nhà ở, đất ở, đất sản xuất kinh doanh (item 37.3)."""

    kind = models.CharField(pgettext_lazy("record", "kind"), max_length=20, choices=enums.PropertyKind.choices)
    description = EncryptedCharField(_("description"), max_length=255, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=1, validators=[MinValueValidator(0.1)])
    certificate = EncryptedCharField(_("certificate of rights"), max_length=120, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("housing or land")
        verbose_name_plural = _("housing and land")


class JobPositionAssignment(PeriodRow, DecisionFields):
    """The dated series of job positions (vị trí việc làm), beside the rank series (Luật 80/2025)."""

    job_position = models.ForeignKey(
        "organisations.JobPosition",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job position"),
    )
    job_position_name = models.CharField(_("job position"), max_length=255)
    professional_level = catalog(CatalogKind.PROFESSIONAL_LEVEL, _("professional level"))

    class Meta(PeriodRow.Meta):
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")


class OrganisationMembership(SectionRow):
    """Party and mass-organisation membership (items 15, 16, 26, 27 as history)."""

    kind = models.CharField(_("organisation"), max_length=12, choices=enums.MembershipKind.choices)
    organisation_name = EncryptedCharField(_("name of the organisation"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined on"))
    official_on = models.DateField(_("full member from"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    position_held = EncryptedCharField(_("position held"), max_length=200, blank=True)
    card_number = EncryptedCharField(_("card number"), max_length=30, blank=True)

    class Meta(SectionRow.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")


class LabourContract(SectionRow):
    """A labour or service contract of a contract worker (TT 05/2023/TT-BNV, Phụ lục II)."""

    contract_number = models.CharField(_("contract number"), max_length=40)
    contract_type = catalog(CatalogKind.CONTRACT_TYPE, _("kind of contract"))
    legal_bases = models.TextField(_("legal bases"), max_length=2000, blank=True)
    employer_representative = models.CharField(_("employer's representative"), max_length=120)
    employer_representative_title = models.CharField(_("representative's title"), max_length=120, blank=True)
    employer_address = models.CharField(_("employer's address"), max_length=255, blank=True)
    employer_phone = models.CharField(_("employer's phone"), max_length=15, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    probation_start = models.DateField(_("probation from"), null=True, blank=True)
    probation_end = models.DateField(_("probation to"), null=True, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    job_title = models.CharField(_("job title"), max_length=200)
    duties = models.TextField(_("duties"), max_length=2000, blank=True)
    working_hours = models.CharField(_("working hours and rest"), max_length=255, blank=True)
    equipment = models.CharField(_("equipment, safety and hygiene"), max_length=255, blank=True)
    pay_mode = models.CharField(_("pay"), max_length=12, choices=enums.PayMode.choices)
    pay_amount_vnd = models.PositiveIntegerField(_("agreed pay (VND a month)"), null=True, blank=True)
    pay_rank = catalog(RANK_KINDS, _("rank or title of the salary table"))
    pay_step = models.PositiveSmallIntegerField(_("step"), null=True, blank=True)
    pay_coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2, null=True, blank=True)
    pay_method = models.CharField(_("payment method"), max_length=120, blank=True)
    pay_period = models.CharField(_("pay period"), max_length=120, blank=True)
    pay_rise_terms = models.CharField(_("pay rises"), max_length=255, blank=True)
    insurance_terms = models.CharField(_("social, health and unemployment insurance"), max_length=255, blank=True)
    training_terms = models.CharField(_("training"), max_length=255, blank=True)
    other_benefits = models.CharField(_("other benefits"), max_length=255, blank=True)
    employer_obligations = models.TextField(_("employer's rights and duties"), max_length=2000, blank=True)
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=2)
    signed_date = models.DateField(_("signed on"))

    class Meta(SectionRow.Meta):
        verbose_name = _("labour contract")
        verbose_name_plural = _("labour contracts")


class ContractAnnex(SectionRow):
    """An annex to a contract: extension or pay change (phụ lục hợp đồng)."""

    contract_number = models.CharField(_("contract number"), max_length=40)
    annex_number = models.CharField(_("annex number"), max_length=40)
    signed_date = models.DateField(_("signed on"))
    effective_date = models.DateField(pgettext_lazy("record", "effective from"))
    content = models.TextField(_("content"), max_length=2000)

    class Meta(SectionRow.Meta):
        verbose_name = _("contract annex")
        verbose_name_plural = _("contract annexes")


# --- Versions and change sets -------------------------------------------------------------------


class RecordVersion(models.Model):
    """An approved, immutable version of a record: the canonical snapshot and its hash.

    "What was the record on date X" is the latest version whose `effective_at` is not after X.
    """

    person = models.ForeignKey(Person, models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(pgettext_lazy("record", "version"))
    snapshot = EncryptedJSONField(_("content"))  # every field of the record: encrypted as a whole
    content_hash = models.CharField(_("SHA-256 of the canonical content"), max_length=64)
    effective_at = models.DateTimeField(pgettext_lazy("record", "effective from"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    change_set = models.OneToOneField(
        "ChangeSet", models.PROTECT, null=True, blank=True, related_name="resulting_version"
    )
    summary = models.CharField(_("summary"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")
        ordering = ["person", "number"]
        constraints = [models.UniqueConstraint(fields=["person", "number"], name="record_version_unique")]
        indexes = [models.Index(fields=["person", "effective_at"], name="record_version_effective_idx")]


class ChangeSet(PublicIdModel, TimeStampedModel):
    """A proposed change to a record against a base version (or a new record when person is empty).

    `proposed` holds the whole proposed record in snapshot form; the diff is computed from the
    base version's snapshot.
    """

    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="change_sets")
    unit = models.ForeignKey(
        "organisations.OrgUnit", models.PROTECT, related_name="change_sets", verbose_name=_("unit")
    )
    base_version = models.PositiveIntegerField(_("base version"), default=0)
    proposed = EncryptedJSONField(_("proposed record"))
    status = models.CharField(
        _("status"), max_length=10, choices=enums.ChangeSetStatus.choices, default=enums.ChangeSetStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    origin = models.CharField(
        _("entered by"), max_length=4, choices=enums.ChangeOrigin.choices, default=enums.ChangeOrigin.UNIT
    )
    # The clock of the entry deadline (REQ-041/042): the day the information changed or the hiring decision.
    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    entry_due = models.DateField(_("entry due by"), null=True, blank=True)  # computed once, kept (formats.md §8.2)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # REQ-044: the statement the submitter confirmed, word for word, kept with the version.
    confirmation = models.TextField(_("confirmation"), blank=True)
    forwarded_at = models.DateTimeField(_("forwarded for approval at"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("checked by")
    )
    approval_due = models.DateField(_("approval due by"), null=True, blank=True)  # the window's deadline, kept
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change set")
        verbose_name_plural = _("change sets")
        ordering = ["-created_at"]
