"""Forms of the calendar page: they check the shape of input; hoso.workdays.services decides the rest."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_INVALID = _("Enter a date as dd/mm/yyyy, e.g. 31/12/2026.")


def _date_field(label: Any, required: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": DATE_INVALID, "required": required},
    )


class OverrideForm(forms.Form):
    """One official decision about one date: an extra day off, or a Saturday made a working day."""

    DAY_OFF, WORKING = "day_off", "working"

    date = _date_field(_("Date"), _("Enter the date."))
    status = forms.ChoiceField(
        label=_("The date becomes"),
        choices=[(DAY_OFF, _("a day off")), (WORKING, _("a working day"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the date becomes a day off or a working day.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("As the calendar shows it, e.g. “Nghỉ bù Tết Nguyên Đán”."),
        error_messages={"required": _("Enter a name for the day.")},
    )
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=100,
        error_messages={"required": _("Enter the number of the decision or official letter.")},
    )
    decision_date = _date_field(_("Decision date"), _("Enter the date of the decision."))
    decision_issuer = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        error_messages={"required": _("Enter who issued the decision (e.g. Thủ tướng Chính phủ, UBND tỉnh).")},
    )
