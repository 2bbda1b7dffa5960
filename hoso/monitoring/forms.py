"""Forms of hoso.monitoring: the shape of the input; the rules are in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoso.organisations.models import OrgUnit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a date as dd/mm/yyyy, e.g. 31/12/2026."),
            "required": _("Enter a date."),
        },
    )


class RoundForm(forms.Form):
    """Launch a review round: title, units in scope, parts of the record, dates, the decision."""

    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Give the round a title.")})
    units = forms.MultipleChoiceField(
        label=_("Units in scope"),
        widget=forms.SelectMultiple(attrs={"data-searchable": ""}),
        error_messages={
            "required": _("Choose at least one unit."),
            "invalid_choice": _("This unit is not among the units you may launch a round for."),
        },
    )
    include_subunits = forms.BooleanField(label=_("Include their sub-units"), required=False, initial=True)
    sections = forms.MultipleChoiceField(
        label=_("Parts of the record to check"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to ask for the whole record."),
        error_messages={"invalid_choice": _("Unknown part of the record.")},
    )
    starts_on = date_field(_("Starts on"))
    deadline = date_field(_("Deadline"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_date = date_field(_("Decision date"), required=False)
    instructions = forms.CharField(
        label=_("Instructions to staff"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: list[OrgUnit], sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_by_uid = {str(unit.uid): unit for unit in units}
        self.fields["units"].choices = [(str(unit.uid), unit.name) for unit in units]  # type: ignore[attr-defined]
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, deadline = cleaned.get("starts_on"), cleaned.get("deadline")
        if starts_on and deadline and deadline < starts_on:
            self.add_error("deadline", _("The deadline cannot be before the start."))
        return cleaned

    def chosen_units(self) -> list[tuple[OrgUnit, bool]]:
        subunits = bool(self.cleaned_data.get("include_subunits"))
        return [(self.unit_by_uid[uid], subunits) for uid in self.cleaned_data["units"]]


class ResponseForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
