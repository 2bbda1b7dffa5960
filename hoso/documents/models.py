"""Supporting documents (tài liệu kèm theo): the catalogue of document types and the files attached to changes.

Every creation, update or correction of a record carries digitised copies of the documents confirmed by the
competent body (REQ-033, TT 06/2023/TT-BNV Điều 6.3): decisions, diplomas, evaluations, contracts. A document is
uploaded to a change set, shown to the reviewer and the approver next to the parts it supports (REQ-036), and
becomes part of the version the change set turns into: from then on it is never removed or replaced (the services
refuse it, and database triggers refuse any UPDATE or DELETE of a document a version holds).

The file content is encrypted at rest with the field-encryption keys (REQ-037, `hoso.core.crypto`); the SHA-256
of the plain content is kept so that a signature can cover the document and verification can prove it unchanged.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoso.core.crypto import EncryptedCharField, EncryptedTextField
from hoso.core.models import PublicIdModel
from hoso.people.enums import RestrictionLevel
from hoso.people.sections import LAYOUT


class DocumentType(models.Model):
    """A kind of supporting document (REQ-034 (a)–(g)) and the parts of the record it can support.

    `parts` lists part keys of `hoso.people.sections.LAYOUT`; an empty list means any part (other evidence).
    Types are catalogue data: seeded from hoso/documents/data/document_types.csv, edited in the administration
    site, ended (inactive), never deleted once used.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(
        _("group"), max_length=1, blank=True, help_text=_("The letter of the list in REQ-034, (a) to (g).")
    )
    parts = models.JSONField(_("parts of the record it supports"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        known = {part.key for part in LAYOUT}
        if not isinstance(self.parts, list) or any(key not in known for key in self.parts):
            raise ValidationError({"parts": _("Use the keys of the parts of the record, e.g. “salary”.")})

    def supports(self, part_key: str) -> bool:
        return not self.parts or part_key in self.parts


class ContentType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class SupportingDocument(PublicIdModel):
    """One uploaded document, attached to a change set and, once applied, to the version it produced."""

    change_set = models.ForeignKey(
        "people.ChangeSet", models.PROTECT, related_name="documents", verbose_name=_("change set")
    )
    version = models.ForeignKey(
        "people.RecordVersion",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("record version"),
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, null=True, blank=True, related_name="documents", verbose_name=_("person")
    )
    document_type = models.ForeignKey(
        DocumentType, models.PROTECT, related_name="documents", verbose_name=_("document type")
    )
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(_("date of issue"))
    issuer = models.CharField(_("issued by"), max_length=255)
    description = EncryptedTextField(_("description"), blank=True)
    parts = models.JSONField(_("parts of the record it supports"), default=list)
    file = models.FileField(_("file"), upload_to="documents/", max_length=200)
    original_name = EncryptedCharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=40, choices=ContentType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    restriction = models.PositiveSmallIntegerField(
        _("restriction level"), choices=RestrictionLevel.choices, default=RestrictionLevel.ORDINARY
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("removed by")
    )
    removal_reason = models.CharField(_("reason for removal"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["uploaded_at", "id"]
        constraints = [
            # A document that a version holds was never removed from its change set (REQ-036: kept with the version).
            models.CheckConstraint(
                condition=Q(version__isnull=True) | Q(removed_at__isnull=True), name="document_in_version_not_removed"
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True, removed_by__isnull=True)
                | Q(removed_at__isnull=False, removed_by__isnull=False),
                name="document_removal_recorded",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
        ]
        indexes = [models.Index(fields=["change_set", "removed_at"], name="document_change_set_idx")]

    def __str__(self) -> str:
        return f"{self.document_type_id} {self.number}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def extension(self) -> str:
        return {ContentType.PDF: "pdf", ContentType.JPEG: "jpg", ContentType.PNG: "png"}.get(
            ContentType(self.content_type), "bin"
        )
