"""Input of the workflow's forms: shape only; the services decide (STYLE §3)."""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SubmitForm(forms.Form):
    confirmed = forms.BooleanField(label=_("I confirm the statement above"), required=False)
    event_date = forms.DateField(
        label=_("Date of the event"),
        required=False,
        input_formats=settings.DATE_INPUT_FORMATS,
        help_text=_("The day the information changed, or of the hiring decision (dd/mm/yyyy); empty: today."),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What has to be corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class ForwardForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class BatchApproveForm(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.selected: list[uuid.UUID] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = self.data.getlist("change_sets") if hasattr(self.data, "getlist") else self.data.get("change_sets", [])
        selected: list[uuid.UUID] = []
        for value in values:
            try:
                selected.append(uuid.UUID(str(value)))
            except ValueError:
                self.add_error(None, _("An unknown change set was selected."))
                return cleaned
        if not selected:
            self.add_error(None, _("Select at least one change set to approve."))
        self.selected = list(dict.fromkeys(selected))
        return cleaned
