from django.contrib import admin
from django.http import HttpRequest

from hoso.sso.models import ExternalIdentity


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Links are made by signing in, never typed here; deleting one unlinks the shared account."""

    list_display = ("user", "issuer", "linked_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "issuer", "subject", "linked_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ExternalIdentity | None = None) -> bool:
        return False
