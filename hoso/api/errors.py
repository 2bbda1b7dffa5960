"""Problem details (RFC 9457) for every error the API answers, in the user's language.

Each error is `application/problem+json`: `type`, `title`, `status`, `detail`, and for invalid
input `errors` = {field path: [messages]}, the same shape `hoso.people.services.RecordInvalid`
uses. Ninja's own errors (unreadable JSON, wrong types, missing fields) are mapped here from
pydantic's locations and error types to translated messages, so a client never sees pydantic's
English. Nothing an API client sends reaches Django's HTML error pages: `problem_safe` wraps
every API view, and `not_found_view` answers unknown addresses under /api/v1/.
"""

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from hoso.people.services import ChangeSetNotEditable, NotAllowed, RecordError, RecordInvalid, StaleChangeSet

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEMS = "https://hoso.invalid/problems/"
VALIDATION = PROBLEMS + "validation"
STALE_CHANGE_SET = PROBLEMS + "stale-change-set"
CHANGE_SET_NOT_EDITABLE = PROBLEMS + "change-set-not-editable"
CONFLICT = PROBLEMS + "conflict"
UNAUTHENTICATED = PROBLEMS + "unauthenticated"
FORBIDDEN = PROBLEMS + "forbidden"
# Names of body parameters in the operations: they are not part of a field path.
BODY_PARAMETERS = {"payload"}

TITLES: dict[int, str | Promise] = {
    400: pgettext_lazy("HTTP status", "Bad request"),
    401: pgettext_lazy("HTTP status", "Authentication required"),
    403: pgettext_lazy("HTTP status", "Forbidden"),
    404: pgettext_lazy("HTTP status", "Not found"),
    405: pgettext_lazy("HTTP status", "Method not allowed"),
    409: pgettext_lazy("HTTP status", "Conflict"),
    413: pgettext_lazy("HTTP status", "Request too large"),
    422: pgettext_lazy("HTTP status", "Invalid input"),
    429: pgettext_lazy("HTTP status", "Too many requests"),
    500: pgettext_lazy("HTTP status", "Internal server error"),
}


class ApiProblem(Exception):
    """An error answered as problem details; raise it from an operation."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        type_uri: str = "about:blank",
        title: str | None = None,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or str(status))
        self.status = status
        self.detail = detail
        self.type_uri = type_uri
        self.title = title
        self.errors = dict(errors) if errors is not None else None
        self.headers = dict(headers or {})


class ApiInvalid(ApiProblem):
    """Invalid input found by the API layer itself (shape of a value, an unknown field)."""

    def __init__(self, errors: Mapping[str, list[str]], detail: str = "") -> None:
        super().__init__(
            422, detail or _("The request has errors; nothing was saved."), type_uri=VALIDATION, errors=errors
        )


def problem_response(
    status: int,
    detail: str = "",
    *,
    type_uri: str = "about:blank",
    title: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": type_uri,
        "title": title or str(TITLES.get(status) or HTTPStatus(status).phrase),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = {key: [str(message) for message in messages] for key, messages in errors.items()}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8"
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _from_problem(exc: ApiProblem) -> HttpResponse:
    return problem_response(
        exc.status, exc.detail, type_uri=exc.type_uri, title=exc.title, errors=exc.errors, headers=exc.headers
    )


# --- pydantic errors as field messages ------------------------------------------------------------


def _pydantic_message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "missing":
        return pgettext("API field", "This field is required.")
    if kind in {"string_type", "string_unicode"}:
        return _("A text value is expected.")
    if kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
        return _("A whole number is expected.")
    if kind in {"float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"}:
        return _("A number is expected.")
    if kind in {"bool_type", "bool_parsing"}:
        return _("true or false is expected.")
    if kind.startswith("uuid"):
        return _("A valid identifier (UUID) is expected.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("A valid date (YYYY-MM-DD) is expected.")
    if kind in {"dict_type", "model_type", "model_attributes_type", "mapping_type"}:
        return _("A JSON object is expected.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("A list is expected.")
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": str(ctx.get("expected", "")).replace(" or ", ", ")}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("The smallest value allowed is %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt", ""))}
    if kind in {"less_than_equal", "less_than"}:
        return _("The largest value allowed is %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt", ""))}
    if kind == "string_too_long":
        return _("At most %(count)s characters are allowed.") % {"count": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return _("At least %(count)s characters are required.") % {"count": ctx.get("min_length", "")}
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "null_character":
        return _("Null characters are not allowed in text.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("Invalid value.")


def _field_path(location: Iterable[Any]) -> str:
    """('body', 'payload', 'person') -> 'person'; ('query', 'page') -> 'page'; ('body',) -> 'body'."""
    parts = [str(part) for part in location]
    source, rest = (parts[0], parts[1:]) if parts else ("body", [])
    if source == "body" and rest and rest[0] in BODY_PARAMETERS:
        rest = rest[1:]
    return ".".join(rest) or source


def pydantic_errors(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        messages = result.setdefault(_field_path(error.get("loc", ())), [])
        message = _pydantic_message(error)
        if message not in messages:
            messages.append(message)
    return result


# --- handlers -------------------------------------------------------------------------------------


def _api_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return _from_problem(exc)


def _ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem_response(
        422,
        _("The request has errors; nothing was saved."),
        type_uri=VALIDATION,
        errors=pydantic_errors(exc.errors),
    )


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, RequestDataTooBig):
        return problem_response(413, _("The request body is too large."))
    if exc.status_code == 400 and cause is not None:
        # Ninja could not parse the body (not JSON, not UTF-8): invalid input, nothing saved.
        return problem_response(
            422,
            _("The request has errors; nothing was saved."),
            type_uri=VALIDATION,
            errors={"body": [_("The request body is not valid JSON.")]},
        )
    return problem_response(exc.status_code, str(exc))


def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem_response(413, _("The request body is too large."))


def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    logger.warning("Suspicious API request %s %s: %s", request.method, request.path, exc)
    return problem_response(400, _("The request could not be understood."))


def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    reason = getattr(request, "api_auth_failure", "")
    if reason == "expired":
        detail = _("The API token has expired. Request a new one at /api/v1/auth/token.")
    elif reason == "invalid":
        detail = _("The API token is not valid. Request a new one at /api/v1/auth/token.")
    else:
        detail = _("Send an API token in the header “Authorization: Bearer <token>”.")
    return problem_response(401, detail, type_uri=UNAUTHENTICATED, headers={"WWW-Authenticate": "Bearer"})


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, _("Nothing was found at this address, or you may not see it."))


def _record_invalid(request: HttpRequest, exc: RecordInvalid) -> HttpResponse:
    return problem_response(422, exc.message, type_uri=VALIDATION, errors=exc.errors)


def _stale(request: HttpRequest, exc: StaleChangeSet) -> HttpResponse:
    return problem_response(409, exc.message, type_uri=STALE_CHANGE_SET)


def _not_editable(request: HttpRequest, exc: ChangeSetNotEditable) -> HttpResponse:
    return problem_response(409, exc.message, type_uri=CHANGE_SET_NOT_EDITABLE)


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = getattr(exc, "message", "") or str(exc) or _("You may not do this.")
    return problem_response(403, message, type_uri=FORBIDDEN)


def _record_error(request: HttpRequest, exc: RecordError) -> HttpResponse:
    return problem_response(422, exc.message, type_uri=VALIDATION)


def _integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    logger.warning("API write refused by a database constraint: %s", exc)
    return problem_response(
        409, _("Another change was saved at the same time. Reload and try again."), type_uri=CONFLICT
    )


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in API %s %s", request.method, request.path, exc_info=exc)
    return server_error_response()


def server_error_response() -> HttpResponse:
    return problem_response(500, _("An unexpected error occurred. It has been logged."))


def install_handlers(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (Exception, _server_error),
        (ApiProblem, _api_problem),
        (NinjaValidationError, _ninja_validation),
        (HttpError, _http_error),
        (AuthenticationError, _unauthenticated),
        (Http404, _not_found),
        (RecordError, _record_error),
        (PermissionDenied, _forbidden),
        (NotAllowed, _forbidden),
        (RecordInvalid, _record_invalid),
        (StaleChangeSet, _stale),
        (ChangeSetNotEditable, _not_editable),
        (IntegrityError, _integrity),
        (SuspiciousOperation, _suspicious),
        (RequestDataTooBig, _too_big),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


# --- around the views -------------------------------------------------------------------------------


def _is_problem(response: HttpResponseBase) -> bool:
    return str(response.get("Content-Type", "")).startswith(PROBLEM_CONTENT_TYPE)


def problem_safe(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Answer problem JSON for anything the API's own handlers did not (405, an escaped exception)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = view(request, *args, **kwargs)
        except Http404 as exc:  # ninja's own root view (GET /api/v1/) raises it
            return _not_found(request, exc)
        except Exception as exc:
            return _server_error(request, exc)
        if response.status_code == 405 and not _is_problem(response):
            allowed = response.get("Allow", "")
            return problem_response(
                405,
                _("Allowed methods: %(methods)s.") % {"methods": allowed},
                headers={"Allow": allowed} if allowed else None,
            )
        return response

    return wrapped


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown addresses under /api/v1/ answer problem JSON, never Django's HTML page."""
    detail = _("There is no API endpoint at this address.")
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            detail = _("There is no API endpoint at this address. Did you mean %(path)s?") % {
                "path": request.path + "/"
            }
    return problem_response(404, detail)
