"""Users, and the rights they hold: roles assigned on units, delegations and written-consent grants.

Every read and write asks `hoso.accounts.policy`, which combines these rows; nothing else decides access.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoso.accounts.enums import BuiltinRole, Capability
from hoso.core.models import PublicIdModel, TimeStampedModel


class User(PublicIdModel, AbstractUser):
    class Kind(models.TextChoices):
        SYSTEM_ADMIN = "SYSTEM_ADMIN", _("System administrator")
        UNIT_ADMIN = "UNIT_ADMIN", _("Unit administrator account")
        UNIT = "UNIT", _("Unit account")
        PERSONAL = "PERSONAL", _("Personal account")

    kind = models.CharField(_("kind of account"), max_length=15, choices=Kind.choices, default=Kind.PERSONAL)
    unit = models.ForeignKey(
        "organisations.OrgUnit", models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("unit")
    )
    full_name = models.CharField(_("full name"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.kind in (self.Kind.UNIT, self.Kind.UNIT_ADMIN) and self.unit_id is None:
            raise ValidationError(
                {"unit": _("A unit account or unit administrator account belongs to a unit.")}, code="unit_required"
            )


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)


def validate_capabilities(value: object) -> None:
    known = set(Capability.values)
    if not isinstance(value, list) or not all(isinstance(item, str) and item in known for item in value):
        raise ValidationError(_("Choose capabilities from the list."), code="invalid_capabilities")


class Role(models.Model):
    """A named bundle of capabilities (quyền). Built-in roles are created by a migration; a province may add more."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    capabilities = models.JSONField(_("capabilities"), default=list, validators=[validate_capabilities])
    is_builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.is_builtin and self.code in BuiltinRole.values:
            return str(BuiltinRole(self.code).label)
        return self.name


class DecisionFields(models.Model):
    """The written request or decision a change of rights rests on (REQ-011, REQ-013, REQ-020)."""

    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        abstract = True


class GrantQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def in_force(self, day: datetime.date) -> "GrantQuerySet":
        """Rows not revoked whose validity period contains `day` (both ends included)."""
        return self.filter(revoked_at__isnull=True, valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class RoleAssignment(PublicIdModel, TimeStampedModel, DecisionFields):
    """A role held by a user on a unit (with or without its sub-units) for a period; no unit means the province.

    Restricting or expanding a right edits `capabilities` (within the role giver's own) or the scope; revoking sets
    `revoked_at`, which takes effect at the user's next request (the policy reads assignments on every request).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="role_assignments", verbose_name=_("account")
    )
    role = models.ForeignKey(Role, models.PROTECT, related_name="assignments", verbose_name=_("role"))
    unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("unit"),
        help_text=_("Leave empty for the whole province."),
    )
    include_subunits = models.BooleanField(_("including sub-units"), default=True)
    capabilities = models.JSONField(_("capabilities"), default=list, validators=[validate_capabilities])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "revoked_at"], name="role_assignment_user")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_period_ordered",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.valid_to is not None and self.valid_from is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")}, code="period")


class Delegation(PublicIdModel, TimeStampedModel, DecisionFields):
    """Ủy quyền: the delegate exercises some of the delegator's capabilities, on the delegator's units, for a period."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegations_given", verbose_name=_("delegator")
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegations_received", verbose_name=_("delegate")
    )
    capabilities = models.JSONField(_("capabilities"), default=list, validators=[validate_capabilities])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="delegation_period_ordered"),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="delegation_not_to_self"),
        ]


def consent_scan_path(instance: "ConsentGrant", filename: str) -> str:
    return f"consents/{instance.uid}/{filename}"


class ConsentGrant(PublicIdModel, TimeStampedModel, DecisionFields):
    """Access by written consent (REQ-020): one account may read one person's record for a period, then it lapses."""

    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="consent_grants", verbose_name=_("account")
    )
    person = models.ForeignKey("people.Person", models.CASCADE, related_name="consent_grants", verbose_name=_("person"))
    include_sensitive = models.BooleanField(_("including sensitive personal data"), default=False)
    issuer = models.CharField(_("issued by"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300)
    scan = models.FileField(_("scan of the decision"), upload_to=consent_scan_path, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("written-consent access")
        verbose_name_plural = _("written-consent access")
        indexes = [models.Index(fields=["grantee", "revoked_at"], name="consent_grant_grantee")]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="consent_period_ordered")
        ]


class UnitAccountHolder(models.Model):
    """The named person assigned to use a unit account, by a written assignment, for a period (REQ-013).

    One row per holder; a hand-over ends the former holder's period on the day of the hand-over and opens the new
    one (`hoso.accounts.services.assign_unit_account_holder`). The audit log names the person behind a unit account
    through `hoso.accounts.services.current_holder`.
    """

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="holders", verbose_name=_("unit account")
    )
    holder_name = models.CharField(_("holder"), max_length=150)
    holder_person = models.ForeignKey(
        "people.Person",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("holder's record"),
    )
    decision_number = models.CharField(_("assignment decision number"), max_length=60)
    decision_date = models.DateField(_("assignment decision date"))
    valid_from = models.DateField(_("holds it from"))
    valid_to = models.DateField(_("holds it until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit account holder")
        verbose_name_plural = _("unit account holders")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_account_holder_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["account"], condition=Q(valid_to__isnull=True), name="unit_account_one_open_holder"
            ),
        ]

    def __str__(self) -> str:
        return self.holder_name
