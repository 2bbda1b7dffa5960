"""Pages of the personnel record: the staff list, the record laid out as the national form, its
versions, and change sets (edit part by part, review the difference, apply as a new version).

Views stay thin: they load through a selector scoped to the user (404 out of scope), validate with
a form, act through one service call and respond. Repeating sections are edited row by row with
htmx fragments (Django template partials); every action also works as a plain page without JS.
"""

import copy
import datetime
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoso.accounts.models import User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem
from hoso.organisations.selectors import units_visible_to
from hoso.people import permissions, services
from hoso.people.display import Labeller, field_label
from hoso.people.enums import RestrictionLevel
from hoso.people.forms import DATE_FORMATS, MONTH_FIELDS, RecordPartForm, person_group_form, section_form
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.sections import LAYOUT, PERSON_GROUPS, SECTIONS, PersonGroup, SectionSpec
from hoso.people.selectors import (
    SORTS,
    StaffFilter,
    change_set_for_user,
    current_version,
    open_change_sets,
    person_for_user,
    staff_list,
    versions_of,
)
from hoso.people.snapshot import Snapshot, model_field

FULL = permissions.FULL

# Staff kinds whose records carry a labour contract (TT 05/2023/TT-BNV); other records show the
# contract sections only when they have rows.
CONTRACT_STAFF_KINDS = {"NGUOI_LAO_DONG", "HD_NHIEM_VU_CONG_CHUC"}
# Sections with more columns than this are shown row by row as cards, not as a table.
WIDE_SECTION_COLUMNS = 12
NOT_SHOWN_IN_GROUPS = {"photo"}
PARTS: dict[str, PersonGroup | SectionSpec] = {part.key: part for part in LAYOUT}


class AuthenticatedRequest(HttpRequest):
    user: User


def _is_htmx(request: HttpRequest) -> bool:
    """A fragment request from htmx (a history restore wants the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _htmx_redirect(request: HttpRequest, url: str) -> HttpResponse:
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- the record as the national form lays it out ---------------------------------------------


@dataclass(frozen=True)
class ShownField:
    name: str
    item: str
    label: str
    value: str
    restricted: bool
    starts_item: bool
    hidden: bool = False


@dataclass(frozen=True)
class ShownCell:
    label: str
    value: str
    restricted: bool


@dataclass(frozen=True)
class ShownRow:
    uid: str
    cells: list[ShownCell]


@dataclass
class ShownPart:
    key: str
    title: str | Promise
    items: str
    is_section: bool
    fields: list[ShownField] = field(default_factory=list)
    columns: list[ShownCell] = field(default_factory=list)
    rows: list[ShownRow] = field(default_factory=list)
    hidden: bool = False  # the whole section is above the reader's access level

    @property
    def is_wide(self) -> bool:
        return len(self.columns) > WIDE_SECTION_COLUMNS

    @property
    def has_restricted(self) -> bool:
        return any(f.restricted for f in self.fields) or any(c.restricted for c in self.columns)


def _restricted(level: RestrictionLevel) -> bool:
    return level >= RestrictionLevel.SENSITIVE


def _shown_rows(spec: SectionSpec, rows: list[dict[str, Any]], labeller: Labeller) -> list[ShownRow]:
    return [
        ShownRow(
            uid=str(row.get("uid", "")),
            cells=[
                ShownCell(
                    field_label(spec.model, s.name),
                    labeller.display(spec.model, s.name, row.get(s.name)),
                    _restricted(s.restriction),
                )
                for s in spec.fields
            ],
        )
        for row in rows
    ]


def _shown_section(spec: SectionSpec, snapshot: Snapshot, labeller: Labeller, level: int = FULL) -> ShownPart:
    """A section as a table; columns empty (or "no") in every row are left out, as on the paper form.

    Columns above the reader's access `level` are left out; a section wholly above it shows no rows.
    """
    if permissions.section_hidden(spec.key, level):
        return ShownPart(spec.key, spec.title, spec.items, True, hidden=True)
    hidden = permissions.hidden_section_fields(spec.key, level)
    raw = snapshot.get("sections", {}).get(spec.key, [])
    rows = _shown_rows(spec, raw, labeller)
    columns = [ShownCell(field_label(spec.model, s.name), "", _restricted(s.restriction)) for s in spec.fields]
    kept = [
        i
        for i, column in enumerate(spec.fields)
        if column.name not in hidden and (not raw or any(row.get(column.name) not in (None, "", False) for row in raw))
    ]
    return ShownPart(
        spec.key,
        spec.title,
        spec.items,
        True,
        columns=[columns[i] for i in kept],
        rows=[ShownRow(row.uid, [row.cells[i] for i in kept]) for row in rows],
    )


def _shown_group(group: PersonGroup, snapshot: Snapshot, labeller: Labeller, level: int = FULL) -> ShownPart:
    values = snapshot.get("person", {})
    hidden = permissions.hidden_person_fields(level)
    shown: list[ShownField] = []
    previous_item = None
    for spec in group.fields:
        if spec.name in NOT_SHOWN_IN_GROUPS:
            continue
        is_hidden = spec.name in hidden
        shown.append(
            ShownField(
                name=spec.name,
                item=spec.item,
                label=field_label(Person, spec.name),
                value="" if is_hidden else labeller.display(Person, spec.name, values.get(spec.name)),
                restricted=_restricted(spec.restriction),
                starts_item=spec.item != previous_item,
                hidden=is_hidden,
            )
        )
        previous_item = spec.item
    return ShownPart(group.key, group.title, group.items, False, fields=shown)


def record_parts(snapshot: Snapshot, labeller: Labeller, level: int = FULL) -> list[ShownPart]:
    """Every part of the record in the order of the form, values as people read them.

    `snapshot` must already be redacted to `level` (`permissions.redact`); items above it say so, without a value.
    """
    staff_kind = snapshot.get("person", {}).get("staff_kind")
    parts: list[ShownPart] = []
    for part in LAYOUT:
        if isinstance(part, PersonGroup):
            parts.append(_shown_group(part, snapshot, labeller, level))
            continue
        rows = snapshot.get("sections", {}).get(part.key, [])
        if part.for_contract_workers and staff_kind not in CONTRACT_STAFF_KINDS and not rows:
            continue
        parts.append(_shown_section(part, snapshot, labeller, level))
    return parts


# --- the audit trail of reads (REQ-098: every access to personal data is logged) ----------------


def audit_record_view(request: HttpRequest, person: Person, version: RecordVersion | None, level: int) -> None:
    """A full record was shown: RESTRICTED_VIEWED when it showed sensitive items of someone else's record."""
    restricted = level >= RestrictionLevel.SENSITIVE and person.account_id != getattr(request.user, "pk", None)
    record_event(
        AuditAction.RESTRICTED_VIEWED if restricted else AuditAction.RECORD_VIEWED,
        request=request,
        person=person,
        unit=person.employing_unit,
        target=person,
        detail={"version": version.number if version else None, "level": level},
    )


def audit_search(request: HttpRequest, filters: StaffFilter, count: int) -> None:
    """A search of records: what was typed (ID numbers masked by the log) and how many records it found."""
    record_event(
        AuditAction.SEARCH,
        request=request,
        unit=filters.unit,
        detail={"query": filters.query.strip()[:100], "results": count},
    )


# --- the staff list ------------------------------------------------------------------------


CHOICE_ERRORS = {"invalid_choice": gettext_lazy("This choice is not in the list; it was ignored.")}


class StaffFilterForm(forms.Form):
    """The search box and filters of the staff list; choices come from two queries."""

    q = forms.CharField(label=gettext_lazy("Full name or ID number"), required=False, max_length=100)
    unit = forms.ChoiceField(
        label=gettext_lazy("Unit"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    sub = forms.BooleanField(label=gettext_lazy("Include sub-units"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of staff"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Employment status"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    rank = forms.ChoiceField(
        label=gettext_lazy("Rank or professional title"),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"data-searchable": ""}),
    )
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(key, key) for key in SORTS], error_messages=CHOICE_ERRORS
    )

    def __init__(self, data: Any, *, user: User) -> None:
        if "sub" not in data:  # a link such as ?unit=<uid> means the unit with its sub-units
            data = data.copy()
            data["sub"] = "true"
        super().__init__(data)
        self.units = {
            str(unit.uid): unit
            for unit in units_visible_to(user).only("uid", "name", "depth", "path", "valid_to").order_by("path")
        }
        anything = ("", _("All"))
        self._choices(
            "unit",
            [
                ("", _("All units")),
                *((uid, "— " * unit.depth + unit.name) for uid, unit in self.units.items()),
            ],
        )
        by_kind: dict[str, list[tuple[str, str]]] = {}
        rank_kinds = {CatalogKind.CIVIL_SERVICE_RANK, CatalogKind.PROFESSIONAL_TITLE}
        items = CatalogItem.objects.filter(
            kind__in=[CatalogKind.STAFF_KIND, CatalogKind.EMPLOYMENT_STATUS, *rank_kinds], is_active=True
        ).values_list("kind", "code", "name")
        for kind, code, name in items.order_by("kind", "sort_order", "code"):
            label = f"{name} ({code})" if kind in rank_kinds else name
            by_kind.setdefault("rank" if kind in rank_kinds else kind, []).append((code, label))
        self._choices("kind", [anything, *by_kind.get(CatalogKind.STAFF_KIND, [])])
        self._choices("status", [anything, *by_kind.get(CatalogKind.EMPLOYMENT_STATUS, [])])
        self._choices("rank", [anything, *by_kind.get("rank", [])])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def staff_filter(self) -> StaffFilter:
        """The filter to apply: valid values only (a bad value shows its error and is ignored)."""
        self.is_valid()
        data = self.cleaned_data
        return StaffFilter(
            query=data.get("q") or "",
            unit=self.units.get(data.get("unit") or ""),
            include_subunits=data.get("sub", True),
            staff_kind=data.get("kind") or "",
            employment_status=data.get("status") or "",
            rank=data.get("rank") or "",
            sort=data.get("sort") or "name",
        )


@login_required
@require_GET
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET, user=request.user)
    filters = form.staff_filter()
    page = Paginator(staff_list(request.user, filters), settings.HOSO_PAGE_SIZE).get_page(request.GET.get("page"))
    if filters.query.strip():
        audit_search(request, filters, page.paginator.count)
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "people": page.object_list,
        "is_filtered": bool(filters.query.strip() or filters.staff_kind or filters.employment_status or filters.rank),
    }
    template = "people/person_list.html#results" if _is_htmx(request) else "people/person_list.html"
    return render(request, template, context)


# --- the record and its versions -------------------------------------------------------------


def _person_or_404(user: User, uid: uuid.UUID) -> Person:
    person = person_for_user(user, uid)
    if person is None:
        raise Http404
    return person


class AsOfForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Record as of"), input_formats=DATE_FORMATS)


def _render_record(
    request: AuthenticatedRequest, person: Person, version: RecordVersion | None, *, as_of: datetime.date | None = None
) -> HttpResponse:
    level = permissions.record_clearance(request.user, person)
    audit_record_view(request, person, version, level)
    snapshot = version.snapshot if version else services.current_snapshot(person)
    snapshot = permissions.redact(snapshot, level)
    labeller = Labeller().collect(snapshot).resolve()
    parts = record_parts(snapshot, labeller, level)
    values = snapshot.get("person", {})
    context = {
        "person": person,
        "version": version,
        "is_current": version is None or version.number == person.current_version,
        "parts": parts,
        "summary": {
            "full_name": values.get("full_name") or person.full_name,
            "gender": labeller.display(Person, "gender", values.get("gender")),
            "date_of_birth": labeller.display(Person, "date_of_birth", values.get("date_of_birth")),
            "employing_unit": labeller.display(Person, "employing_unit", values.get("employing_unit")),
            "staff_kind": labeller.display(Person, "staff_kind", values.get("staff_kind")),
            "rank": labeller.display(Person, "rank", values.get("rank")),
            "employment_status": labeller.display(Person, "employment_status", values.get("employment_status")),
            "has_photo": bool(values.get("photo")),
        },
        "open_change_sets": open_change_sets(person, request.user),
        "can_start_change_set": permissions.can_start_change_set(request.user, person),
        "is_own_record": person.account_id == request.user.pk,
        "has_hidden": any(part.hidden or any(f.hidden for f in part.fields) for part in parts),
        "as_of_form": AsOfForm(initial={"date": as_of or timezone.localdate()}),
        "as_of": as_of,
    }
    return render(request, "people/person_detail.html", context)


@login_required
@require_GET
def person_detail(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    return _render_record(request, person, current_version(person))


@login_required
@require_GET
def version_detail(request: AuthenticatedRequest, uid: uuid.UUID, number: int) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    version = RecordVersion.objects.filter(person=person, number=number).select_related("created_by").first()
    if version is None:
        raise Http404
    return _render_record(request, person, version)


@login_required
@require_GET
def versions(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    return render(request, "people/versions.html", {"person": person, "versions": list(versions_of(person))})


@login_required
@require_GET
def record_as_of(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """The version in force on a day the user types (dd/mm/yyyy)."""
    person = _person_or_404(request.user, uid)
    form = AsOfForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Enter a date as dd/mm/yyyy, e.g. 31/12/2024."))
        return redirect("people:detail", uid=person.uid)
    day = form.cleaned_data["date"]
    version = services.record_as_of(person, day)
    if version is None:
        messages.warning(request, _("The record had no version yet on %(date)s.") % {"date": day.strftime("%d/%m/%Y")})
        return redirect("people:detail", uid=person.uid)
    return _render_record(request, person, version, as_of=day)


# --- change sets ----------------------------------------------------------------------------


def _change_set_or_404(user: User, uid: uuid.UUID) -> ChangeSet:
    """A change set of a record the user may see, or of a new record in a unit the user may see."""
    change_set = change_set_for_user(user, uid)
    if change_set is None:
        raise Http404
    return change_set


def _editable_change_set_or_404(user: User, uid: uuid.UUID) -> ChangeSet:
    """A draft the user may open and edit (its author, while the record is in their reach); 403 otherwise."""
    change_set = _change_set_or_404(user, uid)
    if not permissions.can_edit_change_set(user, change_set):
        raise PermissionDenied
    return change_set


def _edit_url(change_set: ChangeSet, part_key: str | None = None, anchor: str = "") -> str:
    url = reverse("people:change_set_edit", kwargs={"uid": change_set.uid})
    if part_key:
        url += f"?part={part_key}"
    return url + (f"#{anchor}" if anchor else "")


def _row_url(change_set: ChangeSet, section_key: str, row: str) -> str:
    return reverse("people:change_set_row", kwargs={"uid": change_set.uid, "section": section_key, "row": row})


def _not_editable(
    request: HttpRequest, change_set: ChangeSet, error: services.RecordError | None = None
) -> HttpResponse:
    message = error.message if error else _("This change set can no longer be edited.")
    messages.error(request, message)
    return _htmx_redirect(request, reverse("people:change_set_diff", kwargs={"uid": change_set.uid}))


@login_required
@require_POST
def change_set_start(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    person = _person_or_404(request.user, uid)
    change_set = services.start_change_set(person=person, acting_user=request.user)
    return redirect(_edit_url(change_set))


class NewRecordForm(forms.Form):
    unit = forms.UUIDField()


@login_required
@require_POST
def change_set_new(request: AuthenticatedRequest) -> HttpResponse:
    form = NewRecordForm(request.POST)
    if not form.is_valid():
        raise Http404
    unit = units_visible_to(request.user).filter(uid=form.cleaned_data["unit"]).first()
    if unit is None:
        raise Http404
    change_set = services.start_new_record(unit=unit, acting_user=request.user)
    return redirect(_edit_url(change_set))


def _display_date(value: str, *, month_field: bool) -> str:
    day = datetime.date.fromisoformat(value)
    if month_field and day.day == 1:
        return day.strftime("%m/%Y")
    return day.strftime("%d/%m/%Y")


def _initial(form_class: type[RecordPartForm], values: dict[str, Any]) -> dict[str, Any]:
    """Snapshot values as a form shows them: ISO dates typed back as dd/mm/yyyy (mm/yyyy for months)."""
    model = form_class._meta.model
    initial: dict[str, Any] = {}
    for name in form_class.base_fields:
        value = values.get(name)
        if value and isinstance(model_field(model, name), models.DateField):
            value = _display_date(value, month_field=name in MONTH_FIELDS)
        initial[name] = value
    return initial


def _prepare_choices(form: RecordPartForm) -> RecordPartForm:
    """Selects that search the server render only the chosen option, not thousands of them; the
    empty choice reads as a prompt in the user's language."""
    for name, form_field in form.fields.items():
        if not isinstance(form_field, forms.ModelChoiceField):
            continue
        form_field.empty_label = _("— Choose —")
        if "data-lookup-url" in form_field.widget.attrs:
            value = form.data.get(name) if form.is_bound else form.initial.get(name)
            key = form_field.to_field_name or "pk"
            queryset = cast(models.QuerySet[Any], form_field.queryset)
            form_field.queryset = queryset.filter(**{key: value}) if value else queryset.none()
    return form


def _add_service_errors(form: RecordPartForm, errors: dict[str, list[str]], prefix: str) -> RecordPartForm:
    """Put the service's messages next to their fields; messages the form gives itself are not repeated."""
    for path, path_messages in errors.items():
        if path == prefix:
            name = None
        elif path.startswith(prefix + "."):
            name = path.removeprefix(prefix + ".")
            name = name if name in form.fields else None
        else:
            continue
        already = [str(message) for message in form.errors.get(name or NON_FIELD_ERRORS) or []]
        for message in path_messages:
            if message not in already:
                form.add_error(name, message)
    return form


def _number_items(form: RecordPartForm, group: PersonGroup) -> RecordPartForm:
    """Labels start with the item number of the form where an item starts ("8. Personal ID number")."""
    previous = None
    for spec in group.fields:
        if spec.name in form.fields and spec.item != previous and spec.item not in {"H", "C"}:
            form.fields[spec.name].label = f"{spec.item}. {form.fields[spec.name].label}"
        previous = spec.item
    return form


def _without_hidden(form: RecordPartForm, hidden: frozenset[str]) -> RecordPartForm:
    """Fields above the user's access level are not shown, so they cannot be typed in either."""
    for name in hidden & set(form.fields):
        del form.fields[name]
    return form


def _group_form(change_set: ChangeSet, group_key: str, level: int, data: Any = None) -> RecordPartForm:
    form_class = person_group_form(group_key)
    if data is None:
        form = form_class(initial=_initial(form_class, change_set.proposed["person"]))
    else:
        form = form_class(data=data, instance=copy.copy(change_set.person) if change_set.person else None)
    form = _without_hidden(form, permissions.hidden_person_fields(level))
    return _number_items(_prepare_choices(form), PERSON_GROUPS[group_key])


def _row_form(
    change_set: ChangeSet, section_key: str, row: dict[str, Any] | None, level: int, data: Any = None
) -> RecordPartForm:
    form_class = section_form(section_key)
    auto_id = f"{section_key}_%s"
    if data is None:
        form = form_class(initial=_initial(form_class, row or {}), auto_id=auto_id)
    else:
        form = form_class(data=data, auto_id=auto_id)
    return _prepare_choices(_without_hidden(form, permissions.hidden_section_fields(section_key, level)))


def _changed_parts(change_set: ChangeSet) -> set[str]:
    """The parts whose content differs from the base version: one query for the base snapshot."""
    base = services.base_snapshot(change_set)
    proposed = change_set.proposed
    changed: set[str] = set()
    for key, part in PARTS.items():
        if isinstance(part, PersonGroup):
            names = [spec.name for spec in part.fields]
            if any((base["person"].get(n) or None) != (proposed["person"].get(n) or None) for n in names):
                changed.add(key)
        elif base["sections"].get(key, []) != proposed["sections"].get(key, []):
            changed.add(key)
    return changed


def _edit_context(
    change_set: ChangeSet,
    part_key: str,
    *,
    level: int,
    group_form: RecordPartForm | None = None,
    editing: str | None = None,
    row_form: RecordPartForm | None = None,
) -> dict[str, Any]:
    part = PARTS[part_key]
    context: dict[str, Any] = {
        "change_set": change_set,
        "part": part,
        "changed_parts": _changed_parts(change_set),
        "layout": LAYOUT,
        "group_form": None,
        "section": None,
        "editing": editing,
        "row_form": row_form,
    }
    keys = list(PARTS)
    index = keys.index(part_key)
    context["previous_part"] = PARTS[keys[index - 1]] if index > 0 else None
    context["next_part"] = PARTS[keys[index + 1]] if index + 1 < len(keys) else None
    if isinstance(part, PersonGroup):
        context["group_form"] = group_form or _group_form(change_set, part.key, level)
    else:
        rows = {"sections": {part.key: change_set.proposed["sections"].get(part.key, [])}}
        context["section"] = _shown_section(part, rows, Labeller().collect(rows).resolve(), level)
    return context


def _part_key(request: HttpRequest) -> str:
    key = request.GET.get("part") or LAYOUT[0].key
    if key not in PARTS:
        raise Http404
    return key


@login_required
@require_http_methods(["GET", "POST"])
def change_set_edit(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """One part of the draft: a group's form, or the rows of a repeating section."""
    change_set = _editable_change_set_or_404(request.user, uid)
    if change_set.status not in services.EDITABLE:
        return _not_editable(request, change_set)
    part_key = _part_key(request)
    part = PARTS[part_key]
    level = permissions.writable_level(request.user, change_set)
    group_form = None
    if request.method == "POST":
        if not isinstance(part, PersonGroup):
            raise Http404
        try:
            services.update_person_group(
                change_set=change_set, group_key=part_key, data=request.POST, acting_user=request.user
            )
        except services.ChangeSetNotEditable as error:
            return _not_editable(request, change_set, error)
        except services.RecordInvalid as error:
            group_form = _add_service_errors(
                _group_form(change_set, part_key, level, request.POST), error.errors, "person"
            )
        else:
            messages.success(request, _("Saved “%(part)s”.") % {"part": part.title})
            keys = list(PARTS)
            index = keys.index(part_key)
            following = keys[index + 1] if "continue" in request.POST and index + 1 < len(keys) else part_key
            return redirect(_edit_url(change_set, following))
    if _is_htmx(request) and not isinstance(part, PersonGroup):
        return _section_response(request, change_set, part_key)
    return render(
        request,
        "people/change_set_edit.html",
        _edit_context(change_set, part_key, level=level, group_form=group_form),
    )


def _section_or_404(section: str) -> SectionSpec:
    spec = SECTIONS.get(section)
    if spec is None:
        raise Http404
    return spec


def _row_or_404(change_set: ChangeSet, section_key: str, row: str) -> tuple[str | None, dict[str, Any] | None]:
    if row == "new":
        return None, None
    try:
        row_uid = str(uuid.UUID(row))
    except ValueError:
        raise Http404 from None
    found = next((r for r in change_set.proposed["sections"].get(section_key, []) if r["uid"] == row_uid), None)
    if found is None:
        raise Http404
    return row_uid, found


def _section_response(
    request: AuthenticatedRequest, change_set: ChangeSet, section_key: str, **kwargs: Any
) -> HttpResponse:
    level = permissions.writable_level(request.user, change_set)
    context = _edit_context(change_set, section_key, level=level, **kwargs)
    template = "people/change_set_edit.html#section" if _is_htmx(request) else "people/change_set_edit.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def change_set_row(request: AuthenticatedRequest, uid: uuid.UUID, section: str, row: str) -> HttpResponse:
    """The form of one row ("new" adds one): GET opens it, POST saves it into the draft."""
    change_set = _editable_change_set_or_404(request.user, uid)
    spec = _section_or_404(section)
    if change_set.status not in services.EDITABLE:
        return _not_editable(request, change_set)
    row_uid, current = _row_or_404(change_set, spec.key, row)
    editing = row_uid or "new"
    if request.method == "GET":
        return _section_response(
            request,
            change_set,
            spec.key,
            editing=editing,
            row_form=_row_form(change_set, spec.key, current, permissions.writable_level(request.user, change_set)),
        )
    try:
        services.save_section_row(
            change_set=change_set, section_key=spec.key, row_uid=row_uid, data=request.POST, acting_user=request.user
        )
    except services.ChangeSetNotEditable as error:
        return _not_editable(request, change_set, error)
    except services.RecordInvalid as error:
        form = _row_form(
            change_set, spec.key, current, permissions.writable_level(request.user, change_set), request.POST
        )
        _add_service_errors(form, error.errors, f"{spec.key}.{editing}")
        return _section_response(request, change_set, spec.key, editing=editing, row_form=form)
    change_set.refresh_from_db()
    message = _("Row added.") if row_uid is None else _("Row saved.")
    if _is_htmx(request):
        return _announce(_section_response(request, change_set, spec.key), message)
    messages.success(request, message)
    return redirect(_edit_url(change_set, spec.key, f"part-{spec.key}"))


def _announce(response: HttpResponse, message: str) -> HttpResponse:
    """An htmx event that people.js turns into a status message for sighted and screen-reader users."""
    response["HX-Trigger"] = json.dumps({"people:saved": {"message": message}})
    return response


@login_required
@require_POST
def change_set_row_remove(request: AuthenticatedRequest, uid: uuid.UUID, section: str, row: str) -> HttpResponse:
    change_set = _editable_change_set_or_404(request.user, uid)
    spec = _section_or_404(section)
    if change_set.status not in services.EDITABLE:
        return _not_editable(request, change_set)
    row_uid, _current = _row_or_404(change_set, spec.key, row)
    if row_uid is None:
        raise Http404
    try:
        services.remove_section_row(
            change_set=change_set, section_key=spec.key, row_uid=row_uid, acting_user=request.user
        )
    except services.ChangeSetNotEditable as error:
        return _not_editable(request, change_set, error)
    except services.RecordInvalid as error:
        messages.error(request, " ".join(m for ms in error.errors.values() for m in ms))
        return _htmx_redirect(request, _edit_url(change_set, spec.key))
    change_set.refresh_from_db()
    if _is_htmx(request):
        return _announce(_section_response(request, change_set, spec.key), _("Row removed."))
    messages.success(request, _("Row removed."))
    return redirect(_edit_url(change_set, spec.key, f"part-{spec.key}"))


@dataclass(frozen=True)
class ApplyError:
    part: str
    label: str
    message: str
    url: str


def apply_errors(change_set: ChangeSet, errors: dict[str, list[str]]) -> list[ApplyError]:
    """Each message with the part and field it is about and a link to where it can be corrected."""
    result: list[ApplyError] = []
    for path, path_messages in errors.items():
        head, _sep, rest = path.partition(".")
        part_title, label, url = "", "", _edit_url(change_set)
        if head == "person":
            group = next((g for g in PERSON_GROUPS.values() if any(s.name == rest for s in g.fields)), None)
            if group is not None:
                part_title, label = str(group.title), field_label(Person, rest)
                url = _edit_url(change_set, group.key, f"id_{rest}")
        elif head in SECTIONS:
            spec = SECTIONS[head]
            row_uid, _sep, name = rest.partition(".")
            part_title = str(spec.title)
            label = field_label(spec.model, name) if name in spec.field_names else ""
            known = any(r["uid"] == row_uid for r in change_set.proposed["sections"].get(head, []))
            url = _row_url(change_set, head, row_uid) if known else _edit_url(change_set, head)
        result.extend(ApplyError(part_title, label, message, url) for message in path_messages)
    return result


def render_diff(
    request: AuthenticatedRequest,
    change_set: ChangeSet,
    *,
    apply_errors: list[ApplyError] | None = None,
    stale_message: str = "",
) -> HttpResponse:
    level = permissions.change_set_clearance(request.user, change_set)
    context = {
        "change_set": change_set,
        "diff": services.diff_change_set(change_set, level=level),
        "is_editable": change_set.status in services.EDITABLE
        and permissions.can_edit_change_set(request.user, change_set),
        "is_applicable": change_set.status in services.APPLICABLE
        and permissions.can_apply_change_set(request.user, change_set),
        "apply_errors": apply_errors or [],
        "stale_message": stale_message,
    }
    return render(request, "people/change_set_diff.html", context)


@login_required
@require_GET
def change_set_diff(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    return render_diff(request, _change_set_or_404(request.user, uid))


@login_required
@require_POST
def change_set_apply(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    """Making a change official goes through the approval workflow: review, window, documents and a signature.

    The workflow (hoso.approvals) sits above people in the app order; this address stays for existing links and
    forms, and hands over to it (imported here, at call time, so people's modules never load approvals').
    """
    from hoso.approvals.views import approve_change_set  # noqa: PLC0415

    return approve_change_set(request, _change_set_or_404(request.user, uid))


@login_required
@require_POST
def change_set_withdraw(request: AuthenticatedRequest, uid: uuid.UUID) -> HttpResponse:
    from hoso.approvals.services import withdraw  # noqa: PLC0415  (the step is kept with the workflow's history)

    change_set = _editable_change_set_or_404(request.user, uid)
    try:
        withdraw(change_set=change_set, acting_user=request.user)
    except services.ChangeSetNotEditable as error:
        messages.error(request, error.message)
        return redirect("people:change_set_diff", uid=change_set.uid)
    messages.success(request, _("The change set was withdrawn; the record is unchanged."))
    if change_set.person is not None:
        return redirect("people:detail", uid=change_set.person.uid)
    return redirect(f"{reverse('people:list')}?unit={change_set.unit.uid}")
