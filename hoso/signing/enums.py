"""Kinds of signing credentials and the providers that use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialKind(models.TextChoices):
    LOCAL_PKCS12 = "LOCAL_PKCS12", _("Certificate file held by the system (PKCS#12)")
    REMOTE = "REMOTE", _("Remote signing (phone or USB token)")


class CheckStatus(models.TextChoices):
    """The outcome of one check of a verification report."""

    OK = "OK", _("Passed")
    WARNING = "WARNING", _("Warning")
    FAILED = "FAILED", _("Failed")
