"""The shared page pieces: form includes, pagination, context processor, language middleware."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template import Context, RequestContext, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from hoso.core.context_processors import province
from hoso.core.locks import lock_key
from hoso.core.middleware import DefaultLanguageMiddleware
from hoso.core.templatetags.hoso_ui import page_numbers, widget_css_class


class SampleForm(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trên căn cước.")
    kind = forms.ChoiceField(label="Loại", choices=[("A", "Một"), ("B", "Hai")])
    sex = forms.ChoiceField(label="Giới tính", choices=[("M", "Nam"), ("F", "Nữ")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="Đồng ý", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        raise forms.ValidationError("Lỗi chung của biểu mẫu.")


def render(template: str, **context: object) -> str:
    return Template(template).render(Context(context))


def test_form_field_include_links_errors_and_help_to_the_widget():
    form = SampleForm(data={"name": "", "kind": "A", "sex": "M"})
    form.is_valid()

    html = render('{% include "includes/form_field.html" with field=form.name %}', form=form)

    assert '<label class="form-label" for="id_name">Họ và tên' in html
    assert 'class="form-control is-invalid"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html
    assert 'id="id_name_helptext"' in html
    assert html.index('id="id_name_error"') < html.index('id="id_name_helptext"')


def test_form_field_include_picks_the_bootstrap_class_of_each_widget():
    form = SampleForm()

    select = render('{% include "includes/form_field.html" with field=form.kind %}', form=form)
    radios = render('{% include "includes/form_field.html" with field=form.sex %}', form=form)
    checkbox = render('{% include "includes/form_field.html" with field=form.agree %}', form=form)
    hidden = render('{% include "includes/form_field.html" with field=form.token %}', form=form)

    assert 'class="form-select"' in select
    assert "<fieldset" in radios and "<legend" in radios
    assert radios.count('class="form-check"') == 2
    assert radios.count('class="form-check-input"') == 2
    assert 'for="id_sex_0"' in radios
    assert 'class="form-check-input"' in checkbox and 'class="form-check-label"' in checkbox
    assert hidden.strip() == '<input type="hidden" name="token" id="id_token">'
    assert widget_css_class(forms.NumberInput(attrs={"type": "range"})) == "form-range"
    assert widget_css_class(forms.FileInput()) == "form-control"


def test_form_errors_include_shows_non_field_errors():
    form = SampleForm(data={"name": "A", "kind": "A", "sex": "M"})
    form.is_valid()

    html = render('{% include "includes/form_errors.html" with form=form %}', form=form)

    assert 'role="alert"' in html
    assert "Lỗi chung của biểu mẫu." in html


def test_pagination_include_keeps_the_other_parameters():
    request = RequestFactory().get("/people/", {"q": "nguyen", "page": "5"})
    page = Paginator(list(range(500)), 10).page(5)

    with translation.override("vi"):
        html = Template('{% include "includes/pagination.html" with page_obj=page %}').render(
            RequestContext(request, {"page": page})
        )

    assert "Hiển thị 41–50 trên tổng số 500" in html
    assert 'href="?q=nguyen&amp;page=4"' in html
    assert 'href="?q=nguyen&amp;page=6"' in html
    assert 'aria-current="page"' in html
    assert page_numbers(page) == [1, 2, 3, 4, 5, 6, 7, None, 50]
    assert page_numbers(Paginator(list(range(500)), 10).page(25)) == [1, None, 23, 24, 25, 26, 27, None, 50]


def test_pagination_include_is_empty_for_one_page():
    page = Paginator([1, 2], 10).page(1)

    assert render('{% include "includes/pagination.html" with page_obj=page %}', page=page).strip() == ""


def test_province_context_processor(settings):
    settings.HOSO_PROVINCE = {"name": "Tỉnh Lào Cai", "agency_code_l1": "H38"}

    assert province(RequestFactory().get("/")) == {"province_name": "Tỉnh Lào Cai"}


def test_language_is_vietnamese_unless_the_user_chose_english():
    middleware = DefaultLanguageMiddleware(lambda request: HttpResponse())
    factory = RequestFactory()

    for cookie, expected in [(None, "vi"), ("en", "en"), ("fr", "vi")]:
        request = factory.get("/", headers={"accept-language": "en-US,en;q=0.9"})
        if cookie:
            request.COOKIES["django_language"] = cookie
        middleware.process_request(request)
        assert request.LANGUAGE_CODE == expected
    translation.activate("vi")


def test_lock_keys_are_stable_signed_64_bit_integers():
    assert lock_key("organisations.tree") == lock_key("organisations.tree")
    assert lock_key("organisations.tree") != lock_key("people.records")
    assert -(2**63) <= lock_key("organisations.tree") < 2**63


def test_server_error_page_needs_no_context():
    with translation.override("vi"):
        html = render_to_string("500.html")

    assert "Đã xảy ra lỗi" in html
