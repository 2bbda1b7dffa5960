"""Models of hoso.monitoring: in-app notifications (with their e-mail delivery), reminder keys, review rounds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.core.models import PublicIdModel, TimeStampedModel
from hoso.monitoring.enums import EmailStatus, NotificationKind, ResponseKind


class Notification(PublicIdModel):
    """A message to one user, shown in the app; also e-mailed when the user has an address.

    The e-mail's delivery is recorded on the row (attempts, last error, next attempt, sent or given up), so a
    failing mail server is retried with a backoff and the outcome can be checked afterwards.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    email_status = models.CharField(_("e-mail"), max_length=8, choices=EmailStatus.choices, default=EmailStatus.NONE)
    email_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    email_last_error = models.CharField(_("last error"), max_length=500, blank=True)
    email_next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["email_status", "email_next_attempt_at"], name="notification_retry_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKey(models.Model):
    """One reminded event (kind + recipient + period or object), stored once: the same event is never sent twice.

    `send_reminders` writes a key for each event it reminds of; a second run finds the key and sends nothing.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    notification = models.ForeignKey(Notification, models.CASCADE, related_name="reminder_keys")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return self.key


class ReviewRound(PublicIdModel, TimeStampedModel):
    """A review round (đợt rà soát, bổ sung hồ sơ; REQ-038): staff of the units in scope confirm or update their
    record by the deadline, and the launching unit follows each unit's progress."""

    title = models.CharField(_("title"), max_length=200)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("launched by")
    )
    launching_unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("launched by the unit"),
    )
    sections = models.JSONField(_("parts of the record to check"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    deadline = models.DateField(_("deadline"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    instructions = models.TextField(_("instructions"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("starts_on")), name="round_deadline_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class RoundUnit(models.Model):
    """A unit in a round's scope, with or without its sub-units."""

    round = models.ForeignKey(ReviewRound, models.CASCADE, related_name="scope")
    unit = models.ForeignKey("organisations.OrgUnit", models.PROTECT, related_name="+", verbose_name=_("unit"))
    include_subunits = models.BooleanField(_("with its sub-units"), default=True)

    class Meta:
        verbose_name = _("unit in scope")
        verbose_name_plural = _("units in scope")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="round_unit_unique")]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.unit_id}"


class RoundResponse(models.Model):
    """A person's answer to a round: "nothing to change", recorded by the employee or by the unit's officer.

    Submitting a change set since the round started also counts as an answer; that is read from the change sets.
    """

    round = models.ForeignKey(ReviewRound, models.CASCADE, related_name="responses")
    person = models.ForeignKey("people.Person", models.CASCADE, related_name="+")
    kind = models.CharField(_("answer"), max_length=20, choices=ResponseKind.choices, default=ResponseKind.NO_CHANGE)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a review round")
        verbose_name_plural = _("answers to review rounds")
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="round_response_unique")]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.person_id}"
