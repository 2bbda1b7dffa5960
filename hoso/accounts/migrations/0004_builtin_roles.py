"""The built-in roles of REQUIREMENTS §2, with the capabilities they bundle (hoso.accounts.enums at this point)."""

from django.db import migrations

ROLES = {
    "province-admin": (
        "Quản trị hệ thống (Sở Nội vụ)",
        [
            "VIEW_RECORD",
            "VIEW_SENSITIVE",
            "VIEW_SECRET",
            "EDIT_RECORD",
            "REVIEW",
            "APPROVE",
            "EXPORT",
            "VIEW_REPORTS",
            "MANAGE_ACCOUNTS",
            "MANAGE_UNITS",
            "ADMINISTER_CATALOGS",
            "VIEW_AUDIT",
        ],
    ),
    "unit-admin": ("Quản trị đơn vị", ["VIEW_RECORD", "MANAGE_ACCOUNTS", "VIEW_AUDIT", "VIEW_REPORTS"]),
    "officer": (
        "Cán bộ quản lý hồ sơ",
        ["VIEW_RECORD", "VIEW_SENSITIVE", "EDIT_RECORD", "REVIEW", "EXPORT", "VIEW_REPORTS"],
    ),
    "head": (
        "Thủ trưởng đơn vị (phê duyệt)",
        ["VIEW_RECORD", "VIEW_SENSITIVE", "VIEW_SECRET", "REVIEW", "APPROVE", "EXPORT", "VIEW_REPORTS", "VIEW_AUDIT"],
    ),
    "inspector": ("Thanh tra, kiểm tra", ["VIEW_RECORD", "VIEW_SENSITIVE", "VIEW_REPORTS", "VIEW_AUDIT"]),
    "leadership": ("Lãnh đạo tỉnh (số liệu tổng hợp)", ["VIEW_REPORTS"]),
}


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, (name, capabilities) in ROLES.items():
        Role.objects.update_or_create(
            code=code, defaults={"name": name, "capabilities": capabilities, "is_builtin": True}
        )


def remove_roles(apps, schema_editor):
    apps.get_model("accounts", "Role").objects.filter(code__in=list(ROLES), is_builtin=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles_delegations_consent")]

    operations = [migrations.RunPython(create_roles, remove_roles)]
