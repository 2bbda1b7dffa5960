"""Lets services that are not handed the request still log where an act came from.

Services take an `acting_user`, not the request (they also run from commands and jobs). This middleware keeps the
current request in a context variable for the duration of the request, and `record_event` falls back to it for the
IP address, browser and channel when it is called without `request`.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

current_request: ContextVar[HttpRequest | None] = ContextVar("hoso_audit_current_request", default=None)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
