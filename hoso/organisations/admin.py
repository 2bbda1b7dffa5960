"""Administration of the tree. Structural changes go through the services, never plain saves.

Adding a unit calls `create_unit`; on an existing unit the fields that shape the tree or its
history (name, parent, dates, successor, kind) are read-only here, because renames, moves,
mergers and closures must record an event with their decision. Nothing is ever deleted.
"""

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from hoso.audit.admin_mixins import AuditedAdminMixin
from hoso.audit.enums import AuditAction
from hoso.organisations import services
from hoso.organisations.models import JobPosition, JobPositionQuota, OrgUnit, OrgUnitEvent, StaffingQuota

STRUCTURAL_FIELDS = ("name", "kind", "parent", "valid_from", "valid_to", "successor")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrgUnitEventInline(ReadOnlyInline):
    model = OrgUnitEvent
    fk_name = "unit"
    fields = (
        "effective_date",
        "kind",
        "old_name",
        "new_name",
        "old_parent",
        "new_parent",
        "successor",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "recorded_by",
    )
    readonly_fields = fields
    ordering = ("-effective_date", "-id")


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_added = AuditAction.UNIT_CREATED
    audit_changed = AuditAction.UNIT_CHANGED

    def audit_unit(self, obj: OrgUnit) -> OrgUnit:
        return obj

    list_display = ("name", "kind", "administrative_level", "agency_code", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "administrative_level")
    list_select_related = ("parent",)
    search_fields = ("name", "short_name", "agency_code", "search_text")
    autocomplete_fields = ("parent", "successor")
    fields = (
        "name",
        "short_name",
        "kind",
        "administrative_level",
        "parent",
        "agency_code",
        "display_order",
        "valid_from",
        "valid_to",
        "successor",
        "decision_number",
        "decision_date",
        "decision_issuer",
    )
    inlines = (OrgUnitEventInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: OrgUnit | None = None) -> tuple[str, ...]:
        return STRUCTURAL_FIELDS if obj is not None else ("successor",)

    def get_inlines(self, request: HttpRequest, obj: OrgUnit | None) -> tuple[type[OrgUnitEventInline], ...]:
        return self.inlines if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: ModelForm, change: bool) -> None:
        if change:
            obj.search_text = obj.build_search_text()
            obj.save()
            return
        data = form.cleaned_data
        created = services.create_unit(
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            administrative_level=data["administrative_level"],
            parent=data["parent"],
            agency_code=data["agency_code"],
            display_order=data["display_order"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            decision=services.Decision(data["decision_number"], data["decision_date"], data["decision_issuer"]),
            acting_user=request.user,
        )
        obj.pk, obj.uid = created.pk, created.uid  # the admin redirects to the saved object

    def has_delete_permission(self, request: HttpRequest, obj: OrgUnit | None = None) -> bool:
        return False


class JobPositionQuotaInline(admin.TabularInline):
    model = JobPositionQuota
    extra = 0


@admin.register(StaffingQuota)
class StaffingQuotaAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_added = AuditAction.UNIT_CHANGED
    audit_changed = AuditAction.UNIT_CHANGED

    list_display = ("unit", "year", "civil_servants", "public_employees", "contract_workers", "decision_number")
    list_filter = ("year",)
    list_select_related = ("unit",)
    search_fields = ("unit__name", "decision_number")
    autocomplete_fields = ("unit",)


@admin.register(JobPosition)
class JobPositionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_added = AuditAction.UNIT_CHANGED
    audit_changed = AuditAction.UNIT_CHANGED

    list_display = ("code", "name", "unit", "category", "required_rank", "valid_from", "valid_to")
    list_filter = ("category",)
    list_select_related = ("unit", "required_rank")
    search_fields = ("code", "name", "unit__name")
    autocomplete_fields = ("unit",)
    raw_id_fields = ("required_rank", "national_position")
    inlines = (JobPositionQuotaInline,)
