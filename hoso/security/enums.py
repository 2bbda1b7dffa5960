from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordChangeReason(models.TextChoices):
    """Why the holder of an account must choose a new password before doing anything else."""

    FIRST_USE = "FIRST_USE", _("The password was set by an administrator; choose your own before you start.")
    RESET = "RESET", _("An administrator has reset your password; choose a new one before you continue.")
    HOLDER_CHANGED = (
        "HOLDER_CHANGED",
        _("This unit account has been handed over to you; choose a new password before you continue."),
    )
    EXPIRED = "EXPIRED", _("Your password has expired; choose a new one before you continue.")


class ThrottleScope(models.TextChoices):
    USERNAME = "USERNAME", _("username")
    ADDRESS = "ADDRESS", _("network address")
    REPORT = "REPORT", _("reports from a network address")


class IncidentKind(models.TextChoices):
    LOST_ACCOUNT = "LOST_ACCOUNT", _("Lost account")
    FORGOTTEN_PASSWORD = "FORGOTTEN_PASSWORD", _("Forgotten password")
    SUSPECTED_THEFT = "SUSPECTED_THEFT", _("Password leaked or account suspected stolen")


class IncidentStatus(models.TextChoices):
    OPEN = "OPEN", _("Open")
    CLOSED = "CLOSED", _("Closed")
