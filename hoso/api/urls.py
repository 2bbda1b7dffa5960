from django.urls import URLPattern, URLResolver, re_path

from hoso.api.api import api
from hoso.api.errors import not_found_view, problem_safe

app_name = "api"


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = problem_safe(pattern.callback)
    return patterns


api_patterns, _, _namespace = api.urls
urlpatterns: list[URLPattern | URLResolver] = [
    *_wrapped(api_patterns),
    re_path(r"^(?P<rest>.*)$", not_found_view, name="not-found"),
]
