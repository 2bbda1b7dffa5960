"""The link between an identity at the province's provider and a hoso account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """An identity of the province's shared account (tài khoản dùng chung) linked to a hoso account.

    Created on the first sign-in that matched an existing account by the configured claim; later
    sign-ins find the account by (issuer, subject) alone. SSO never creates accounts (REQ-010):
    deleting this row only unlinks.
    """

    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="external_identities", verbose_name=_("user")
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared account link")
        verbose_name_plural = _("shared account links")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_issuer_subject_unique"),
            models.UniqueConstraint(fields=["issuer", "user"], name="sso_identity_issuer_user_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ← {self.issuer}"
