"""Forms for the parts of a record. They check the shape of input from the UI, the API and imports.

Foreign keys are chosen by natural key (catalog code, administrative-unit key, unit UUID), so the
same form validates a browser post, an API payload and a snapshot. Dates are typed dd/mm/yyyy;
periods of repeating sections also accept mm/yyyy (the form records months).
"""

from functools import cache
from typing import Any, cast

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hoso.catalogs.models import AdminUnit
from hoso.core.crypto import blind_index
from hoso.people.models import Person
from hoso.people.sections import PERSON_GROUPS, SECTIONS
from hoso.people.snapshot import NATURAL_KEYS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MONTH_FORMATS = [*DATE_FORMATS, "%m/%Y"]
MONTH_FIELDS = {"start_date", "end_date"}
NOT_EDITABLE_IN_FORMS = {"photo"}


class NaturalKeyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of a related object by its natural key; a bad key gets a message naming it."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not in the catalog."),
    }

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        assert self.queryset is not None  # noqa: S101 - set by formfield_for
        try:
            return self.queryset.get(**{key: value})
        except (ValueError, TypeError, self.queryset.model.DoesNotExist, forms.ValidationError):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


def formfield_for(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.ForeignKey):
        target = db_field.remote_field.model
        queryset = target._default_manager.complex_filter(db_field.get_limit_choices_to())
        attrs: dict[str, str] = {"data-searchable": ""}
        if target is AdminUnit:
            attrs = {"data-lookup-url": "/catalogs/lookup/ADMIN_UNIT/"}
        return NaturalKeyChoiceField(
            queryset=queryset,
            to_field_name=NATURAL_KEYS[target],
            required=not db_field.blank,
            label=capfirst(db_field.verbose_name),
            widget=forms.Select(attrs=attrs),
        )
    if isinstance(db_field, models.DateField):
        formats = MONTH_FORMATS if db_field.name in MONTH_FIELDS else DATE_FORMATS
        placeholder = "mm/yyyy" if db_field.name in MONTH_FIELDS else "dd/mm/yyyy"
        return forms.DateField(
            required=not db_field.blank,
            label=capfirst(db_field.verbose_name),
            input_formats=formats,
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": placeholder, "inputmode": "numeric"}),
        )
    return db_field.formfield(**kwargs)


class RecordPartForm(forms.ModelForm):  # type: ignore[type-arg]
    """Base of every record form: trims text and never saves by itself (services do)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = " ".join(value.split()) if "\n" not in value else value.strip()
        return cleaned

    def clean_citizen_id(self) -> str:
        """One record per ID number. The column is encrypted, so the check goes through its blind index
        (the unique constraint on `citizen_id_index` is the last word; services turn it into this message)."""
        value: str = self.cleaned_data["citizen_id"]
        if not value:
            return value
        others = Person.objects.filter(citizen_id_index=blind_index(value))
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("A record with this personal identification number already exists."), code="unique"
            )
        return value

    def save(self, commit: bool = True) -> Any:  # pragma: no cover - guard
        raise NotImplementedError("Record forms are validated here and written by hoso.people.services.")


@cache
def person_group_form(group_key: str) -> type[RecordPartForm]:
    names = [spec.name for spec in PERSON_GROUPS[group_key].fields if spec.name not in NOT_EDITABLE_IN_FORMS]
    return cast(
        type[RecordPartForm],
        forms.modelform_factory(Person, form=RecordPartForm, fields=names, formfield_callback=formfield_for),
    )


@cache
def section_form(section_key: str) -> type[RecordPartForm]:
    spec = SECTIONS[section_key]
    return cast(
        type[RecordPartForm],
        forms.modelform_factory(
            spec.model, form=RecordPartForm, fields=spec.field_names, formfield_callback=formfield_for
        ),
    )
