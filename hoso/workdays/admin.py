"""The calendar overrides in the admin, read-only: they are changed on /calendar/, with their audit entry."""

from django.contrib import admin

from hoso.workdays.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "name", "decision_number", "decision_date", "decision_issuer"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    search_fields = ["name", "decision_number"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
