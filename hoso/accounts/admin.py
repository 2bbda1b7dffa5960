from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hoso.accounts.models import ApiToken, User
from hoso.audit.admin_mixins import AuditedAdminMixin
from hoso.audit.enums import AuditAction


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    audit_added = AuditAction.ACCOUNT_CREATED
    audit_changed = AuditAction.ACCOUNT_CHANGED

    def audit_unit(self, obj: User) -> Any:
        return obj.unit

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Account"), {"fields": ("full_name", "email", "kind", "unit")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "kind", "unit", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "full_name", "kind", "unit", "is_active", "is_staff")
    list_filter = ("kind", "is_active", "is_staff", "is_superuser")
    list_select_related = ("unit",)
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("unit",)
    ordering = ("username",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are never created or edited here: only listed and revoked (deleted)."""

    list_display = ("user", "created_at", "last_used_at", "expires_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "created_at", "last_used_at", "expires_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False
