"""Edits made in the administration site reach the audit log like any other change (REQ-100).

Django's admin calls `log_addition` / `log_change` inside the transaction that saved the object; the mixin adds an
audit entry there, naming the fields that changed (never their values, which may be personal data).
"""

from typing import Any

from django.http import HttpRequest

from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event


class AuditedAdminMixin:
    """Put first in the bases of a ModelAdmin; set the actions that adding and changing an object record."""

    audit_added: AuditAction
    audit_changed: AuditAction

    def audit_unit(self, obj: Any) -> Any:
        return None

    def _audit(self, action: AuditAction, request: HttpRequest, obj: Any, message: Any) -> None:
        changed = sorted({name for entry in message or [] for name in entry.get("changed", {}).get("fields", [])})
        record_event(
            action, request=request, unit=self.audit_unit(obj), target=obj, detail={"via": "admin", "fields": changed}
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        self._audit(self.audit_added, request, obj, message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        self._audit(self.audit_changed, request, obj, message)
        return entry
