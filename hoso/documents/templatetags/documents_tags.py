"""The document panels the people pages include: {% load documents_tags %}{% change_set_documents change_set %}."""

from typing import Any

from django import template

from hoso.documents import display
from hoso.people.diff import RecordDiff
from hoso.people.models import ChangeSet, Person, RecordVersion

register = template.Library()


@register.inclusion_tag("documents/includes/change_set_panel.html", takes_context=True)
def change_set_documents(context: template.Context, change_set: ChangeSet) -> dict[str, Any]:
    return display.change_set_panel(context["request"].user, change_set)


@register.inclusion_tag("documents/includes/diff_panel.html", takes_context=True)
def diff_documents(context: template.Context, change_set: ChangeSet, diff: RecordDiff) -> dict[str, Any]:
    return display.diff_panel(context["request"].user, change_set, diff)


@register.inclusion_tag("documents/includes/version_panel.html", takes_context=True)
def version_documents(context: template.Context, person: Person, version: RecordVersion | None) -> dict[str, Any]:
    return display.version_panel(context["request"].user, person, version)


@register.filter
def file_size(size: int | None) -> str:
    """1536 -> "1,5 KB" style sizes (Vietnamese decimal comma)."""
    value = float(size or 0)
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return ""
