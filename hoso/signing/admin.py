"""Read-only administration of signing credentials and signatures: they are managed through the services.

The PKCS#12 file, its passphrase and the signed content are never shown here (they are encrypted at rest).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hoso.signing.models import SigningCredential, VersionSignature


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SigningCredential)
class SigningCredentialAdmin(ReadOnly):
    list_display = ("subject", "user", "kind", "not_before", "not_after", "active", "revoked_at")
    list_filter = ("kind", "active")
    fields = (
        "uid",
        "user",
        "kind",
        "title",
        "subject",
        "serial",
        "issuer",
        "not_before",
        "not_after",
        "remote_account",
        "active",
        "created_by",
        "created_at",
        "revoked_at",
        "certificate_pem",
    )


@admin.register(VersionSignature)
class VersionSignatureAdmin(ReadOnly):
    list_display = ("version", "signer_name", "signer_title", "signed_at", "provider")
    list_filter = ("provider",)
    fields = (
        "version",
        "signer",
        "on_behalf_of",
        "signer_name",
        "signer_title",
        "signed_at",
        "provider",
        "credential",
        "content_sha256",
        "certificate_pem",
        "documents",
    )
