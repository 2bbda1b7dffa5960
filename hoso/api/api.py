"""API v1 for other systems: units, people and records, change sets. Bearer tokens only.

Every operation requires a token unless it says `auth=None` (only POST /auth/token);
`tests/test_routes.py` walks the registered operations to keep it that way.
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from hoso.api import change_sets, people, tokens, units
from hoso.api.auth import TokenAuth
from hoso.api.errors import install_handlers


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese text as UTF-8, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="hoso API",
    version="1",
    description="Records of the province's cadres, civil servants and public employees. "
    "Errors are RFC 9457 problem details (application/problem+json).",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=TokenAuth(),
    renderer=Utf8JSONRenderer(),
)
install_handlers(api)
api.add_router("/auth", tokens.router)
api.add_router("/units", units.router)
api.add_router("/people", people.router)
api.add_router("/change-sets", change_sets.router)
