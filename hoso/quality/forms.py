"""Forms of hoso.quality: the filters of the findings list."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoso.quality.enums import Rule

OPEN, RESOLVED, ALL = "open", "resolved", "all"


class FindingFilterForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), required=False, choices=[("", _("All rules")), *Rule.choices])
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            (OPEN, pgettext_lazy("finding", "Open")),
            (RESOLVED, pgettext_lazy("finding", "Resolved")),
            (ALL, pgettext_lazy("finding", "All")),
        ],
    )

    def filters(self) -> tuple[str, str]:
        """(rule, state) when valid; no rule and open findings otherwise."""
        if not self.is_valid():
            return "", OPEN
        return self.cleaned_data.get("rule") or "", self.cleaned_data.get("state") or OPEN
