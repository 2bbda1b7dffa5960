"""Administration of the document-type catalogue (REQ-034). Documents themselves are not in the admin: they are
personal data reached only through the access policy, and are never edited."""

from django.contrib import admin

from hoso.audit.admin_mixins import AuditedAdminMixin
from hoso.audit.enums import AuditAction
from hoso.documents.models import DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    audit_added = AuditAction.CATALOG_CHANGED
    audit_changed = AuditAction.CATALOG_CHANGED
    list_display = ("code", "name", "group", "position", "is_active")
    list_filter = ("group", "is_active")
    search_fields = ("code", "name")
    ordering = ("position", "code")

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # end a type (inactive), never delete it: documents refer to it
