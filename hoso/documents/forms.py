"""The upload form: checks the shape of the input; `services.upload_document` checks the rest."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoso.documents.models import DocumentType
from hoso.documents.selectors import active_types
from hoso.people.forms import DATE_FORMATS
from hoso.people.sections import LAYOUT


def part_choices() -> list[tuple[str, str]]:
    return [(part.key, f"{part.items} {part.title}") for part in LAYOUT]


class DocumentTypeChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DocumentType) -> str:
        return obj.name


class UploadForm(forms.Form):
    document_type = DocumentTypeChoice(
        label=_("Type of document"), queryset=DocumentType.objects.none(), to_field_name="code"
    )
    number = forms.CharField(label=_("Number"), max_length=100, help_text=_("e.g. 125/QĐ-UBND"))
    issued_on = forms.DateField(
        label=_("Date of issue"),
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    parts = forms.MultipleChoiceField(
        label=_("Parts of the record it supports"),
        choices=part_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, initial_parts: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = active_types()  # type: ignore[attr-defined]
        if initial_parts and not self.is_bound:
            self.initial["parts"] = initial_parts


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)
