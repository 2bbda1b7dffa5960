"""The audit log (nhật ký): append-only entries chained by SHA-256.

Entries are written only by `hoso.audit.services.record_event`. The model and its queryset refuse every update and
delete, and database triggers (migration 0002) refuse them for any code path, the ORM's or raw SQL's.

Who, when, from where, what, which unit and which person are kept twice: as foreign keys (PROTECT: an account,
unit or record with history is never deleted, and the ids are part of the hash) and as the text they showed at the
time (username, full name, unit name, person name), so an entry stays readable after renames.
"""

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoso.audit.chain import HASHED_FIELDS, entry_hash
from hoso.audit.enums import AuditAction, Channel


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete audit entries through the ORM."""


def _refuse(what: str) -> NoReturn:
    raise AppendOnlyError(f"The audit log is append-only: {what} refused. Entries are written by record_event().")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        _refuse("update()")

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse("delete()")

    def _raw_delete(self, using: Any) -> int:
        _refuse("delete()")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse("bulk_update()")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list["AuditEntry"]:  # type: ignore[override]
        _refuse("bulk_create()")

    def update_or_create(self, *args: Any, **kwargs: Any) -> tuple["AuditEntry", bool]:  # type: ignore[override]
        _refuse("update_or_create()")


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    at = models.DateTimeField(_("time"), editable=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, editable=False)
    # A code of AuditAction. No `choices` here, so that a new action needs no migration.
    action = models.CharField(_("action"), max_length=40, editable=False)
    actor = models.ForeignKey(
        "accounts.User",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("account"),
        editable=False,
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True, editable=False)
    actor_name = models.CharField(_("full name"), max_length=150, blank=True, editable=False)
    actor_unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("account's unit"),
        editable=False,
    )
    ip = models.CharField(_("IP address"), max_length=45, blank=True, editable=False)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True, editable=False)
    unit = models.ForeignKey(
        "organisations.OrgUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
        editable=False,
    )
    unit_name = models.CharField(_("unit name"), max_length=255, blank=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("person"),
        editable=False,
    )
    person_name = models.CharField(_("person's name"), max_length=255, blank=True, editable=False)
    target_type = models.CharField(_("kind of object"), max_length=100, blank=True, editable=False)
    target_id = models.CharField(_("object identifier"), max_length=64, blank=True, editable=False)
    detail = models.JSONField(_("detail"), default=dict, blank=True, editable=False)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["at"], name="audit_entry_at"),
            models.Index(fields=["actor", "sequence"], name="audit_entry_actor"),
            models.Index(fields=["actor_unit", "sequence"], name="audit_entry_actor_unit"),
            models.Index(fields=["unit", "sequence"], name="audit_entry_unit"),
            models.Index(fields=["person", "sequence"], name="audit_entry_person"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="audit_entry_sequence_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("save() of an existing entry")
        if self.at is None or self.hash != self.compute_hash():
            raise AppendOnlyError("An audit entry's hash does not match its content. Use record_event().")
        kwargs["force_insert"] = True
        super().save(**kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete()")

    @property
    def action_label(self) -> str:
        try:
            return str(AuditAction(self.action).label)
        except ValueError:
            return self.action

    @property
    def actor_label(self) -> str:
        if self.actor_name and self.actor_name != self.actor_username:
            return f"{self.actor_name} ({self.actor_username})"
        return self.actor_username

    def hashed_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in HASHED_FIELDS}

    def compute_hash(self) -> str:
        return entry_hash(self.hashed_values())
