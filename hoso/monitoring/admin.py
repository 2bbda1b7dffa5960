from django.contrib import admin

from hoso.monitoring.models import Notification, ReviewRound, RoundUnit


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: what was sent to whom, and how the e-mail went (attempts, error)."""

    list_display = ("title", "recipient", "kind", "created_at", "read_at", "email_status", "email_attempts")
    list_filter = ("kind", "email_status")
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


class RoundUnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RoundUnit
    extra = 0


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "starts_on", "deadline", "launched_by")
    inlines = [RoundUnitInline]
