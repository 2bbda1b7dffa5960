"""Administration of records: read-only views of versions and change sets, for support staff.

Records change only through change sets applied by `services.apply_change_set`, so nothing here
adds, edits or deletes. Snapshot contents (personal data) stay out of the admin: only the
metadata of versions and change sets is listed.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hoso.people.models import ChangeSet, RecordVersion


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RecordVersion)
class RecordVersionAdmin(ReadOnlyAdmin):
    list_display = ("person", "number", "effective_at", "created_by", "content_hash")
    list_select_related = ("person", "created_by")
    fields = ("person", "number", "effective_at", "created_at", "created_by", "change_set", "summary", "content_hash")
    search_fields = ("person__uid", "content_hash")
    date_hierarchy = "effective_at"


@admin.register(ChangeSet)
class ChangeSetAdmin(ReadOnlyAdmin):
    list_display = ("uid", "person", "unit", "status", "base_version", "created_by", "created_at", "applied_at")
    list_filter = ("status",)
    list_select_related = ("person", "unit", "created_by")
    fields = ("uid", "person", "unit", "title", "status", "base_version", "created_by", "created_at", "applied_at")
    search_fields = ("uid", "person__uid")
