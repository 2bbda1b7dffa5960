from django import forms
from django.utils.translation import gettext_lazy as _

from hoso.security.enums import IncidentKind


class TotpConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("Enter the 6-digit code the app shows after adding the account."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(_("The code is the 6 digits the app shows."), code="format")
        return code


class IncidentReportForm(forms.Form):
    """A signed-in user reports on their own account."""

    kind = forms.ChoiceField(label=_("What happened?"), choices=IncidentKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When and how it happened, and anything the administrator should know. Never write a password."),
    )
    contact = forms.CharField(
        label=_("How to reach you"),
        required=False,
        max_length=200,
        help_text=_("A telephone number or an e-mail address."),
    )


class PublicIncidentReportForm(IncidentReportForm):
    """Someone who cannot sign in reports from the sign-in page."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    contact = forms.CharField(
        label=_("How to reach you"),
        max_length=200,
        help_text=_("A telephone number or an e-mail address, so that the administrator can contact you."),
    )

    field_order = ["username", "kind", "description", "contact"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: reported stolen by telephone on 12/03; written request no. 15/SNV."),
    )
    incident = forms.UUIDField(required=False, widget=forms.HiddenInput)


class OptionalReasonForm(ReasonForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class CloseIncidentForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), required=True
    )
