"""Users. Roles scoped to units come in the access issue; the model is custom from day one."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.models import PublicIdModel


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
