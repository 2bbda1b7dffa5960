"""Admin for the system administrator: edit and deactivate catalog entries, never delete them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hoso.audit.admin_mixins import AuditedAdminMixin
from hoso.audit.enums import AuditAction
from hoso.catalogs.models import AdminUnit, BaseSalary, CatalogItem, OfficialDay, RetirementAge, SalaryScaleStep
from hoso.catalogs.selectors import clear_catalog_cache
from hoso.catalogs.services import admin_unit_search_text, search_text_for_item
from hoso.core.text import clean_text


class NoDeleteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Entries in use are referenced with PROTECT: deactivate them instead of deleting. Every edit is audited."""

    audit_added = AuditAction.CATALOG_CHANGED
    audit_changed = AuditAction.CATALOG_CHANGED

    # Fields that identify the entry: editable when adding, read-only afterwards.
    key_fields: tuple[str, ...] = ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly + self.key_fields if obj is not None else readonly


@admin.register(CatalogItem)
class CatalogItemAdmin(NoDeleteAdmin):
    key_fields = ("kind", "code")
    list_display = ("code", "name", "kind", "sort_order", "is_active")
    list_display_links = ("code", "name")
    list_editable = ("is_active",)
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "name_en", "search_text")
    fields = ("kind", "code", "name", "name_en", "sort_order", "is_active", "valid_from", "valid_to", "attributes")
    list_per_page = 100

    def save_model(self, request: HttpRequest, obj: CatalogItem, form: Any, change: bool) -> None:
        obj.name = clean_text(obj.name)
        obj.name_en = clean_text(obj.name_en)
        obj.search_text = search_text_for_item(obj)
        super().save_model(request, obj, form, change)
        clear_catalog_cache()


@admin.register(AdminUnit)
class AdminUnitAdmin(NoDeleteAdmin):
    key_fields = ("key", "code", "level")
    list_display = ("key", "full_name", "level", "unit_type", "valid_from", "valid_to", "is_active")
    list_display_links = ("key", "full_name")
    list_editable = ("is_active",)
    list_filter = ("level", "is_active", "unit_type")
    search_fields = ("key", "code", "name", "full_name", "search_text")
    raw_id_fields = ("parent", "successor")
    list_select_related = ()
    list_per_page = 100

    def save_model(self, request: HttpRequest, obj: AdminUnit, form: Any, change: bool) -> None:
        obj.name = clean_text(obj.name)
        obj.full_name = clean_text(obj.full_name)
        obj.search_text = admin_unit_search_text(code=obj.code, name=obj.name, full_name=obj.full_name)
        super().save_model(request, obj, form, change)


@admin.register(SalaryScaleStep)
class SalaryScaleStepAdmin(NoDeleteAdmin):
    key_fields = ("table", "group", "step")
    list_display = ("table", "group", "step", "coefficient", "years_per_step", "max_step", "description")
    list_filter = ("table", "group")
    search_fields = ("group", "description")
    list_per_page = 100


@admin.register(BaseSalary)
class BaseSalaryAdmin(NoDeleteAdmin):
    key_fields = ("effective_from",)
    list_display = ("effective_from", "amount_vnd", "legal_basis")


@admin.register(RetirementAge)
class RetirementAgeAdmin(NoDeleteAdmin):
    key_fields = ("year",)
    list_display = ("year", "male_years", "male_months", "female_years", "female_months")


@admin.register(OfficialDay)
class OfficialDayAdmin(NoDeleteAdmin):
    key_fields = ("date",)
    list_display = ("date", "day_type", "rule_code", "name")
    list_filter = ("day_type",)
    search_fields = ("name", "rule_code")
    date_hierarchy = "date"
