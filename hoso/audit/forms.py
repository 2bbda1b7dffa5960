"""The filters of the usage log: unit, account, action and a period typed dd/mm/yyyy."""

import datetime
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from hoso.audit.enums import AuditAction
from hoso.audit.selectors import UsageFilter, audit_units

DATE_FORMATS = ["%d/%m/%Y"]
DEFAULT_PERIOD_DAYS = 30
CHOICE_ERRORS = {"invalid_choice": _("This choice is not in the list; it was ignored.")}
DATE_ERRORS = {"invalid": _("Type the date as dd/mm/yyyy, for example 05/03/2026; it was ignored.")}


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


class UsageFilterForm(forms.Form):
    unit = forms.ChoiceField(
        label=_("Unit"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    account = forms.CharField(label=_("Username"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    date_from = _date_field(_("From"))
    date_to = _date_field(_("To"))

    def __init__(self, data: QueryDict, *, user: Any) -> None:
        if "date_from" not in data and "date_to" not in data:  # a first visit shows the last 30 days
            data = data.copy()
            today = timezone.localdate()
            data["date_from"] = (today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)).strftime("%d/%m/%Y")
        super().__init__(data)
        self.units = {str(unit.uid): unit for unit in audit_units(user).only("uid", "name", "depth", "path")}
        unit_field = cast(forms.ChoiceField, self.fields["unit"])
        unit_field.choices = [
            ("", _("All units in your scope")),
            *((uid, "— " * unit.depth + unit.name) for uid, unit in self.units.items()),
        ]
        action_field = cast(forms.ChoiceField, self.fields["action"])
        action_field.choices = [("", _("All actions")), *AuditAction.choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start; it was ignored."))
        return cleaned

    def usage_filter(self) -> UsageFilter:
        """The filters to apply: valid values only (a bad value shows its error and is ignored)."""
        self.is_valid()
        data = self.cleaned_data
        return UsageFilter(
            unit=self.units.get(data.get("unit") or ""),
            account=(data.get("account") or "").strip(),
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
