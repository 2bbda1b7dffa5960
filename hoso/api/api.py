"""API v1 for other systems: units, people and records, change sets. Bearer tokens only.

Every operation requires a token unless it says `auth=None` (only POST /auth/token);
`tests/test_routes.py` walks the registered operations to keep it that way.
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from hoso.api import change_sets, people, tokens, units
from hoso.api.auth import TokenAuth
from hoso.api.errors import install_handlers
from hoso.approvals import api as approvals_api
from hoso.documents import api as documents_api
from hoso.monitoring import api as monitoring_api
from hoso.quality import api as quality_api
from hoso.signing import api as signing_api
from hoso.workdays import api as workdays_api


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
api.add_router("/documents", documents_api.router)
api.add_router("/approvals", approvals_api.router)
api.add_router("/signatures", signing_api.router)
api.add_router("/workdays", workdays_api.router)
api.add_router("/monitoring", monitoring_api.router)
api.add_router("/quality", quality_api.router)
