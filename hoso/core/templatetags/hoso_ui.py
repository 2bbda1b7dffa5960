"""Template helpers for the shared includes (templates/includes/): form widgets and page links."""

import copy

from django import forms, template
from django.core.paginator import Page
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_css_class(widget: forms.Widget) -> str:
    """The Bootstrap class for a widget: form-check-input, form-select, form-range or form-control."""
    if isinstance(widget, _CHECK_WIDGETS):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    if getattr(widget, "input_type", "") == "range":
        return "form-range"
    return "form-control"


@register.filter
def bootstrap_widget(field: BoundField) -> SafeString:
    """Render a field's widget with its Bootstrap class, plus is-invalid when the field has errors."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), widget_css_class(widget)]
    if field.errors:
        classes.append("is-invalid")
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # One Bootstrap form-check per option; Django's template would put the class on the wrapper too.
        widget = copy.copy(widget)
        widget.template_name = "hoso_ui/choices.html"
    return field.as_widget(widget=widget, attrs={"class": " ".join(c for c in classes if c)})


@register.simple_tag
def page_numbers(page: Page) -> list[int | None]:
    """The page numbers to link, with None where a run of pages is left out."""
    ellipsis = page.paginator.ELLIPSIS
    return [
        None if number == ellipsis else int(number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
