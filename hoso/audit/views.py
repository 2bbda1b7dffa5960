"""Audit pages: the usage log for auditors (Nhật ký sử dụng), and "who viewed my record" for every employee.

Both only read through `hoso.audit.selectors`; nothing here can change an entry. Opening the usage log is itself
logged (AUDIT_VIEWED, with the filters used): who looked at the log is evidence too.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hoso.audit.enums import AuditAction
from hoso.audit.forms import UsageFilterForm
from hoso.audit.selectors import entries_about, own_person, usage_by_account, usage_by_unit, usage_entries
from hoso.audit.services import record_event

if TYPE_CHECKING:
    from hoso.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"


@login_required
@require_GET
def usage_log(request: AuthenticatedRequest) -> HttpResponse:
    from hoso.accounts.enums import Capability
    from hoso.accounts.policy import has_capability

    user = request.user
    if not has_capability(user, Capability.VIEW_AUDIT):
        raise PermissionDenied
    form = UsageFilterForm(request.GET, user=user)
    filters = form.usage_filter()
    page = Paginator(usage_entries(user, filters), settings.HOSO_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read before this visit is logged below
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "entries": page.object_list,
        "by_unit": usage_by_unit(user, filters),
        "by_account": usage_by_account(user, filters),
    }
    record_event(AuditAction.AUDIT_VIEWED, request=request, detail=filters.as_detail())
    return render(request, "audit/usage.html", context)


@login_required
@require_GET
def my_record_log(request: AuthenticatedRequest) -> HttpResponse:
    person = own_person(request.user)
    page = None
    if person is not None:
        page = Paginator(entries_about(person), settings.HOSO_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/my_record.html", {"person": person, "page_obj": page})
