"""Forms of the account-management screens. They check the shape of input; the services decide the rest.

Objects are chosen by public id among the ones the acting user may reach (a unit in their scope, a record in their
scope, an account they may pick): a value from elsewhere is a field error, never a lookup outside the scope.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoso.accounts.enums import Capability
from hoso.accounts.models import Role, User
from hoso.accounts.services import HAND_OVER_LINK, HAND_OVER_SLIP, SCAN_MAX_BYTES
from hoso.organisations.models import OrgUnit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
PROVINCE = "province"  # the value of "the whole province" among the units of a role


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy, e.g. 31/12/2026.")},
        **kwargs,
    )


def decision_number_field(label: Any = None, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label or _("Decision number"),
        max_length=60,
        required=required,
        error_messages={"required": _("Enter the number of the written request or decision.")},
    )


HAND_OVER_CHOICES = [
    (HAND_OVER_SLIP, _("A temporary password printed on a slip (changed at the first sign-in)")),
    (HAND_OVER_LINK, _("A one-time link with which the holder chooses the password")),
]


class HandOverField(forms.ChoiceField):
    """How the first password reaches its holder; a slip when nothing is chosen."""

    def clean(self, value: Any) -> str:
        return str(super().clean(value) or HAND_OVER_SLIP)


def hand_over_field() -> forms.ChoiceField:
    return HandOverField(
        label=_("First password"),
        choices=HAND_OVER_CHOICES,
        initial=HAND_OVER_SLIP,
        required=False,
        widget=forms.RadioSelect,
    )


def unit_label(unit: OrgUnit) -> str:
    return "— " * unit.depth + unit.name


def person_label(person: Any) -> str:
    born = person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else ""
    return " · ".join(part for part in (person.full_name, born, person.employing_unit.name) if part)


def account_label(user: User) -> str:
    unit = user.unit.name if user.unit_id is not None and user.unit is not None else ""
    return " · ".join(part for part in (user.get_full_name(), user.username, unit) if part)


class ScopedChoiceField(forms.Field):
    """One object chosen by its public id among `queryset` (a searchable select that asks `lookup_url`).

    A value outside the queryset is "not in the list", whatever exists elsewhere.
    """

    widget = forms.Select
    default_error_messages = {"invalid_choice": _("Choose from the list.")}

    def __init__(
        self,
        *,
        queryset: QuerySet[Any],
        label_of: Callable[[Any], str],
        lookup_url: str = "",
        **kwargs: Any,
    ) -> None:
        attrs = {"data-lookup-url": lookup_url} if lookup_url else {"data-searchable": ""}
        super().__init__(widget=forms.Select(attrs=attrs, choices=[("", "")]), **kwargs)
        self.queryset = queryset
        self.label_of = label_of

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, Model):
            return value
        try:
            uid = uuid.UUID(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        found = self.queryset.filter(uid=uid).first()
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found

    def offer(self, chosen: Any) -> None:
        """Put the chosen object among the select's options, so that a re-shown form keeps it."""
        choices: list[tuple[str, str]] = [("", "")]
        if chosen is not None:
            choices.append((str(chosen.uid), self.label_of(chosen)))
        cast(forms.Select, self.widget).choices = choices


class ScopedForm(forms.Form):
    """A form with ScopedChoiceFields: after binding, each keeps its chosen option for a re-shown page."""

    def offer_chosen(self) -> None:
        for name, field in self.fields.items():
            if not isinstance(field, ScopedChoiceField):
                continue
            raw = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
            try:
                chosen = field.to_python(raw)
            except forms.ValidationError:
                chosen = None
            field.offer(chosen)


def units_choices(units: Iterable[OrgUnit]) -> list[tuple[str, str]]:
    return [(str(unit.uid), unit_label(unit)) for unit in units]


class UnitChoiceField(forms.ChoiceField):
    """A unit chosen by public id among the units given (a searchable select)."""

    def __init__(self, *, units: list[OrgUnit], empty_label: Any = "", **kwargs: Any) -> None:
        self.units = {str(unit.uid): unit for unit in units}
        kwargs.setdefault("error_messages", {"invalid_choice": _("This unit is not among the units you administer.")})
        super().__init__(
            choices=[("", empty_label), *units_choices(units)],
            widget=forms.Select(attrs={"data-searchable": ""}),
            **kwargs,
        )

    def unit(self, value: str) -> OrgUnit | None:
        return self.units.get(value or "")


# --- the accounts list -----------------------------------------------------------------------------------------

STATUS_ACTIVE, STATUS_LOCKED, STATUS_INACTIVE = "active", "locked", "inactive"
CHOICE_ERRORS = {"invalid_choice": _("This choice is not in the list; it was ignored.")}


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or username"), required=False, max_length=100)
    unit = forms.ChoiceField(
        label=_("Unit"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    sub = forms.BooleanField(label=_("Include sub-units"), required=False)
    kind = forms.ChoiceField(label=_("Kind of account"), required=False, error_messages=CHOICE_ERRORS)
    status = forms.ChoiceField(label=_("Status"), required=False, error_messages=CHOICE_ERRORS)

    def __init__(self, data: Any, *, units: list[OrgUnit]) -> None:
        if "sub" not in data:
            data = data.copy()
            data["sub"] = "true"
        super().__init__(data)
        self.units = {str(unit.uid): unit for unit in units}
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("All my units")), *units_choices(units)]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All")), *User.Kind.choices]
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("All")),
            (STATUS_ACTIVE, _("Active")),
            (STATUS_LOCKED, _("Locked")),
            (STATUS_INACTIVE, _("Deactivated")),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters only: a bad value shows its error and is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "").strip(),
            "unit": self.units.get(data.get("unit") or ""),
            "include_subunits": bool(data.get("sub", True)),
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
        }


# --- creating accounts -----------------------------------------------------------------------------------------


class AccountCreateForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind of account"))
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    person = ScopedChoiceField(
        queryset=User.objects.none(),
        label_of=person_label,
        label=_("The person's record"),
        required=False,
        help_text=_("For a personal account: the record of the person who will use it. Search by name."),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_(
            "Letters, digits and @ . + - _ only. For a personal account with a record, leave it empty to use %(login)s."
        ),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    hand_over = hand_over_field()

    def __init__(
        self,
        data: Any = None,
        *,
        kinds: list[tuple[str, Any]],
        units: list[OrgUnit],
        people: QuerySet[Any],
        people_lookup_url: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = kinds
        self.fields["unit"] = UnitChoiceField(units=units, label=_("Unit"), required=False)
        person = cast(ScopedChoiceField, self.fields["person"])
        person.queryset = people
        person.widget.attrs = {"data-lookup-url": people_lookup_url}
        login = _("the personal identification number") if _citizen_id_login() else _("a name made from the full name")
        self.fields["username"].help_text = self.fields["username"].help_text % {"login": login}
        self.offer_chosen()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        unit = cast(UnitChoiceField, self.fields["unit"]).unit(data.get("unit") or "")
        data["unit"] = unit
        if kind and kind != User.Kind.SYSTEM_ADMIN and unit is None and "unit" not in self.errors:
            self.add_error("unit", _("Choose the unit the account belongs to."))
        person = data.get("person")
        if person is not None and kind and kind != User.Kind.PERSONAL:
            self.add_error("person", _("Only a personal account belongs to a person's record."))
        if person is None:
            if not (data.get("username") or "").strip() and "username" not in self.errors:
                self.add_error("username", _("Enter a username."))
            if not (data.get("full_name") or "").strip() and "full_name" not in self.errors:
                self.add_error("full_name", _("Enter the full name of the account holder."))
        return data


def _citizen_id_login() -> bool:
    return getattr(settings, "HOSO_PERSONAL_LOGIN", "citizen_id") != "username"


class BulkCreateForm(forms.Form):
    people = forms.MultipleChoiceField(
        label=_("Staff without an account"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("A chosen person is no longer in the list; reload the page."),
        },
    )
    hand_over = hand_over_field()

    def __init__(self, data: Any = None, *, people: list[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.candidates = {str(person.uid): person for person in people}
        cast(forms.MultipleChoiceField, self.fields["people"]).choices = [
            (uid, person.full_name) for uid, person in self.candidates.items()
        ]

    def clean_people(self) -> list[Any]:
        chosen = [self.candidates[uid] for uid in self.cleaned_data["people"]]
        limit = getattr(settings, "HOSO_BULK_ACCOUNTS_MAX", 100)
        if len(chosen) > limit:
            raise forms.ValidationError(
                _("Choose at most %(limit)d people at a time."), code="too_many", params={"limit": limit}
            )
        return chosen


# --- rights of an account --------------------------------------------------------------------------------------


class CapabilitiesField(forms.MultipleChoiceField):
    def __init__(self, *, choices: Iterable[tuple[str, Any]] = Capability.choices, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Capabilities"))
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Choose at least one capability."),
                "invalid_choice": _("Choose capabilities from the list."),
            },
        )
        super().__init__(choices=list(choices), **kwargs)


def check_period(form: forms.Form, data: dict[str, Any], start: str = "valid_from", end: str = "valid_to") -> None:
    first, last = data.get(start), data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The end date is before the start date."))


class RoleGrantForm(forms.Form):
    """Cấp quyền: a role on a unit (or the province), its capabilities (restricted or expanded), a period."""

    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=Role.objects.all(),
        error_messages={"invalid_choice": _("Choose a role from the list.")},
    )
    unit = forms.ChoiceField(label=_("On the unit"))
    include_subunits = forms.BooleanField(label=_("Including its sub-units"), required=False, initial=True)
    capabilities = CapabilitiesField(
        required=False,
        help_text=_("Ticked: the role's capabilities. Untick some to restrict, tick others to expand."),
    )
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False, help_text=_("Leave empty for no end date."))
    decision_number = decision_number_field()
    decision_date = date_field(_("Decision date"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, data: Any = None, *, units: list[OrgUnit], province_wide: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate(), "include_subunits": True})
        super().__init__(data, **kwargs)
        choices: list[tuple[str, Any]] = [("", "")]
        if province_wide:
            choices.append((PROVINCE, _("The whole province")))
        choices += units_choices(units)
        self.units = {str(unit.uid): unit for unit in units}
        unit_field = cast(forms.ChoiceField, self.fields["unit"])
        unit_field.choices = choices
        unit_field.widget.attrs["data-searchable"] = ""
        unit_field.error_messages["invalid_choice"] = _("This unit is not among the units you administer.")
        unit_field.error_messages["required"] = _("Choose the unit the role applies to.")
        self.fields["role"].widget.attrs.update(
            {
                "hx-get": reverse("manage:role_capabilities"),
                "hx-target": "#grant-capabilities",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, data)
        if not data.get("capabilities") and data.get("role") is not None:
            data["capabilities"] = list(data["role"].capabilities)
        return data

    def chosen_unit(self) -> OrgUnit | None:
        return self.units.get(self.cleaned_data["unit"])


class RoleChangeForm(forms.Form):
    """Hạn chế / mở rộng quyền: the capabilities, the sub-unit scope and the end of a role held."""

    capabilities = CapabilitiesField()
    include_subunits = forms.BooleanField(label=_("Including its sub-units"), required=False)
    valid_to = date_field(_("Valid to"), required=False, help_text=_("Leave empty for no end date."))
    decision_number = decision_number_field()
    decision_date = date_field(_("Decision date"))

    def __init__(self, data: Any = None, *, valid_from: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.valid_from = valid_from

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("valid_to")
        if end and self.valid_from and end < self.valid_from:
            self.add_error("valid_to", _("The end date is before the start date."))
        return data


class RoleRevokeForm(forms.Form):
    decision_number = decision_number_field()


class LockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        error_messages={"required": _("Enter why the account is locked.")},
    )


class PasswordResetForm(forms.Form):
    hand_over = HandOverField(
        label=_("New password"),
        required=False,
        choices=[
            (HAND_OVER_SLIP, _("A temporary password printed on a slip (changed at the next sign-in)")),
            (HAND_OVER_LINK, _("A one-time link with which the holder chooses a new password")),
        ],
        initial=HAND_OVER_SLIP,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class HolderForm(ScopedForm):
    """Hand a unit account over to a named person (REQ-013)."""

    holder_person = ScopedChoiceField(
        queryset=User.objects.none(),
        label_of=person_label,
        label=_("The holder's record"),
        required=False,
        help_text=_("Search by name; leave empty if the holder has no record here, and type the name below."),
    )
    holder_name = forms.CharField(label=_("Holder's full name"), max_length=150, required=False)
    decision_number = decision_number_field(_("Assignment decision number"))
    decision_date = date_field(_("Assignment decision date"))
    valid_from = date_field(_("Hand-over date"))

    def __init__(self, data: Any = None, *, people: QuerySet[Any], people_lookup_url: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(data, **kwargs)
        field = cast(ScopedChoiceField, self.fields["holder_person"])
        field.queryset = people
        field.widget.attrs = {"data-lookup-url": people_lookup_url}
        self.offer_chosen()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("holder_person") is None and not (data.get("holder_name") or "").strip():
            if "holder_person" not in self.errors:
                self.add_error("holder_name", _("Choose the holder's record or type the holder's name."))
        return data


# --- delegations and written consent ---------------------------------------------------------------------------


class DelegationForm(ScopedForm):
    delegate = ScopedChoiceField(
        queryset=User.objects.none(),
        label_of=account_label,
        label=_("Delegate"),
        help_text=_("An active account of the units where you hold these rights. Search by name or username."),
        error_messages={"required": _("Choose the person you delegate to.")},
    )
    capabilities = CapabilitiesField()
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"))
    decision_number = decision_number_field(_("Delegation decision number"))
    decision_date = date_field(_("Decision date"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        delegates: QuerySet[User],
        capabilities: list[tuple[str, Any]],
        lookup_url: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(data, **kwargs)
        field = cast(ScopedChoiceField, self.fields["delegate"])
        field.queryset = delegates.select_related("unit")
        field.widget.attrs = {"data-lookup-url": lookup_url}
        cast(CapabilitiesField, self.fields["capabilities"]).choices = capabilities
        self.offer_chosen()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, data)
        return data


class ConsentForm(ScopedForm):
    """Access by written consent (REQ-020): who, to whose record, on what basis, for how long."""

    grantee = ScopedChoiceField(
        queryset=User.objects.none(),
        label_of=account_label,
        label=_("Account given access"),
        help_text=_("Any active account. Search by name or username."),
        error_messages={"required": _("Choose the account that will read the record.")},
    )
    person = ScopedChoiceField(
        queryset=User.objects.none(),
        label_of=person_label,
        label=_("Record to open"),
        help_text=_("A record in the units you administer. Search by name."),
        error_messages={"required": _("Choose the record to open.")},
    )
    include_sensitive = forms.BooleanField(label=_("Including sensitive personal data"), required=False)
    issuer = forms.CharField(
        label=_("Issued by"), max_length=200, error_messages={"required": _("Enter who issued the consent.")}
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, error_messages={"required": _("Enter the purpose of the access.")}
    )
    decision_number = decision_number_field(_("Number of the consent or decision"))
    decision_date = date_field(_("Date of the consent or decision"))
    scan = forms.FileField(
        label=_("Scan of the consent or decision"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"))

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        grantees: QuerySet[User],
        people: QuerySet[Any],
        grantee_lookup_url: str,
        people_lookup_url: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(data, files, **kwargs)
        grantee = cast(ScopedChoiceField, self.fields["grantee"])
        grantee.queryset = grantees.select_related("unit")
        grantee.widget.attrs = {"data-lookup-url": grantee_lookup_url}
        person = cast(ScopedChoiceField, self.fields["person"])
        person.queryset = people
        person.widget.attrs = {"data-lookup-url": people_lookup_url}
        self.offer_chosen()

    def clean_scan(self) -> Any:
        scan = self.cleaned_data.get("scan")
        if scan and scan.size is not None and scan.size > SCAN_MAX_BYTES:
            raise forms.ValidationError(_("The scan is larger than 10 MB."), code="too_large")
        return scan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, data)
        return data
