"""Kinds of notification and reminder, delivery states of a reminder e-mail, kinds of answer to a review round."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ENTRY_DUE = "ENTRY_DUE", _("Changes to finish and submit")
    REVIEW_WAITING = "REVIEW_WAITING", _("Changes waiting for review")
    WINDOW_OPEN = "WINDOW_OPEN", _("The approval window is open")
    WINDOW_CLOSING = "WINDOW_CLOSING", _("The approval window closes soon")
    UNITS_OVERDUE = "UNITS_OVERDUE", _("Units behind their deadlines")
    ROUND_LAUNCHED = "ROUND_LAUNCHED", _("A review round has started")
    ROUND_DUE = "ROUND_DUE", _("A review round ends soon")


class EmailStatus(models.TextChoices):
    NONE = "NONE", _("No e-mail (no address)")
    PENDING = "PENDING", _("Waiting to be sent")
    RETRY = "RETRY", _("Failed, will be retried")
    SENT = "SENT", _("Sent")
    FAILED = "FAILED", _("Given up")


class ResponseKind(models.TextChoices):
    NO_CHANGE = "NO_CHANGE", _("Confirmed: nothing to change")
    CHANGE_SUBMITTED = "CHANGE_SUBMITTED", _("Changes submitted")
