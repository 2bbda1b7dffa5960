"""The approver rule table and the management lists, edited by the system administrator (REQ-050, REQ-051)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hoso.approvals.models import ApprovalRule, ManagementListing
from hoso.audit.admin_mixins import AuditedAdminMixin
from hoso.audit.enums import AuditAction


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    audit_added = AuditAction.APPROVAL_RULE_CHANGED
    audit_changed = AuditAction.APPROVAL_RULE_CHANGED
    list_display = ("order", "name", "target", "target_unit", "management_list", "is_active")
    list_display_links = ("name",)
    list_editable = ("order", "is_active")
    list_filter = ("target", "is_active")
    raw_id_fields = ("target_unit",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate a rule instead: the audit log keeps what was in force


@admin.register(ManagementListing)
class ManagementListingAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    audit_added = AuditAction.APPROVAL_RULE_CHANGED
    audit_changed = AuditAction.APPROVAL_RULE_CHANGED
    list_display = ("person", "management_list", "decision_number", "valid_from", "valid_to")
    list_filter = ("management_list",)
    raw_id_fields = ("person",)
    search_fields = ("decision_number",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # end the listing with valid_to
