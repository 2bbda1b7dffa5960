"""Review steps, approver rules, management lists, approval batches and decisions (REQ-045–REQ-055).

The workflow's state lives on `people.ChangeSet.status`; these models keep what happened to it
(`ReviewStep`), who approves whom (`ApprovalRule`, `ManagementListing`), and each approval with the
window that was in force when it was made (`ApprovalBatch`, `ApprovalDecision`), stored so that a
later edit of the calendar never moves a past deadline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoso.approvals.enums import ApproverTarget, ManagementList, ReviewAction
from hoso.core.models import PublicIdModel, TimeStampedModel


class ReviewStep(models.Model):
    """One step on a change set: who, on whose behalf, when, and the comment (REQ-045, REQ-047, REQ-052)."""

    change_set = models.ForeignKey(
        "people.ChangeSet", models.CASCADE, related_name="review_steps", verbose_name=_("change set")
    )
    action = models.CharField(_("action"), max_length=10, choices=ReviewAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["change_set", "at"], name="review_step_change_set_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%d/%m/%Y %H:%M}"


class ApprovalRule(models.Model):
    """One row of the province's table of who approves whom (REQ-006, REQ-050), tried in `order`.

    A rule matches a person when every condition it sets holds: the kind of staff (catalog codes of
    "loại đối tượng"), the kind of the employing unit, and membership in a management list. The first
    active rule that matches decides the approving unit.
    """

    order = models.PositiveIntegerField(_("order"), default=100)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    staff_kinds = models.JSONField(
        _("kinds of staff"), default=list, blank=True, help_text=_("Catalog codes; empty means every kind.")
    )
    unit_kinds = models.JSONField(
        _("kinds of employing unit"), default=list, blank=True, help_text=_("Unit kinds; empty means every kind.")
    )
    management_list = models.CharField(
        _("on the management list"), max_length=40, choices=ManagementList.choices, blank=True
    )
    target = models.CharField(_("approved by"), max_length=20, choices=ApproverTarget.choices)
    target_unit_kinds = models.JSONField(
        _("kinds of the approving unit"),
        default=list,
        blank=True,
        help_text=_("For the nearest unit above the person: the unit kinds to look for."),
    )
    target_unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.SET_NULL,  # units are end-dated, never deleted, but for a demo province's reset
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approving unit"),
        help_text=_("For a fixed unit: the unit whose head approves."),
    )
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("approver rule")
        verbose_name_plural = _("approver rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ManagementListing(TimeStampedModel):
    """A person on a management list, by a decision, for a period (REQ-051)."""

    person = models.ForeignKey(
        "people.Person", models.CASCADE, related_name="management_listings", verbose_name=_("person")
    )
    management_list = models.CharField(_("list"), max_length=40, choices=ManagementList.choices)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("management listing")
        verbose_name_plural = _("management listings")
        ordering = ["person", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="management_listing_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_management_list_display()} ({self.valid_from:%d/%m/%Y})"


class ApprovalBatch(PublicIdModel, models.Model):
    """One approval act of a head over one or more change sets, with the window in force, stored (REQ-049, REQ-053)."""

    approver = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("approver"))
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    window_rule = models.CharField(_("window rule"), max_length=40, blank=True)
    window_start = models.DateField(_("window opens"), null=True, blank=True)
    window_end = models.DateField(_("window closes"), null=True, blank=True)
    window_deadline = models.DateField(_("window deadline"), null=True, blank=True)
    statement = models.TextField(_("statement shown to the approver"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"))
    requested = models.PositiveIntegerField(_("change sets requested"), default=0)
    approved = models.PositiveIntegerField(_("change sets approved"), default=0)
    refused = models.PositiveIntegerField(_("change sets refused"), default=0)
    # Per change set: {"change_set": uid, "version": number or null, "message": why not}; the result page reads it.
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)

    class Meta:
        verbose_name = _("approval batch")
        verbose_name_plural = _("approval batches")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} · {self.approved}/{self.requested}"


class ApprovalDecision(models.Model):
    """Ties an approved version to the named head who approved it, and whether it was on time (REQ-053, REQ-055)."""

    change_set = models.OneToOneField(
        "people.ChangeSet", models.PROTECT, related_name="approval_decision", verbose_name=_("change set")
    )
    version = models.OneToOneField(
        "people.RecordVersion", models.PROTECT, related_name="approval_decision", verbose_name=_("version")
    )
    batch = models.ForeignKey(ApprovalBatch, models.PROTECT, related_name="decisions", verbose_name=_("batch"))
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("approver"))
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    approving_unit = models.ForeignKey(
        "organisations.OrgUnit", models.PROTECT, related_name="+", verbose_name=_("approving unit")
    )
    approval_due = models.DateField(_("approval due by"), null=True, blank=True)
    on_time = models.BooleanField(_("on time"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.version} · {self.at:%d/%m/%Y}"
