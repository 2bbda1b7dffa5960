"""No password, code or personal ID number reaches the logs or error reports."""

import logging

import pytest
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from hoso.accounts import views as account_views
from hoso.security import views as security_views
from hoso.security.log_filters import MaskIdNumbersFilter

pytestmark = pytest.mark.django_db


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, None)


def test_id_numbers_are_masked_in_messages_and_arguments():
    masking = MaskIdNumbersFilter()
    direct = record("Not Found: /people/?q=087185000123")
    argument = record("Bad request %s from %s", "/people/?q=087185000123", "10.0.0.1")

    assert masking.filter(direct) and masking.filter(argument)

    assert direct.getMessage() == "Not Found: /people/?q=087******123"
    assert argument.getMessage() == "Bad request /people/?q=087******123 from 10.0.0.1"


def test_other_numbers_are_left_alone():
    message = record("Took %d ms for 12345678901 rows", 15)

    MaskIdNumbersFilter().filter(message)

    assert message.getMessage() == "Took 15 ms for 12345678901 rows"


def test_the_console_handler_uses_the_filter(settings):
    assert "mask_id_numbers" in settings.LOGGING["handlers"]["console"]["filters"]


@pytest.mark.parametrize(
    ("view", "fields"),
    [
        (account_views.LoginView.as_view(), {"password"}),
        (account_views.LoginVerifyView.as_view(), {"code"}),
        (security_views.two_factor_setup, {"code"}),
    ],
)
def test_secrets_are_hidden_from_error_reports(view, fields, holder):
    request = RequestFactory().post("/", {"username": "nhung.nguyen", "password": "Bi-mat-1!", "code": "123456"})
    request.user = holder
    request.session = {}  # type: ignore[assignment]
    try:
        view(request)
    except Exception:  # noqa: S110 - only the marker the decorator leaves matters here
        pass

    hidden = SafeExceptionReporterFilter().get_post_parameters(request)

    for field in fields:
        assert hidden[field] == "********************"
