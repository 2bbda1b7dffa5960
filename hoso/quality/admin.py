"""Read-only administration of hoso.quality: runs and findings are written by the checker only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hoso.quality.models import CheckRun, Finding


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CheckRun)
class CheckRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "unit", "started_by", "status", "people_checked", "found_new", "resolved")
    list_filter = ("status",)
    list_select_related = ("unit", "started_by")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("person", "rule", "first_found", "last_seen", "resolved_at")
    list_filter = ("rule",)
    list_select_related = ("person",)
    raw_id_fields = ("person", "last_run")
