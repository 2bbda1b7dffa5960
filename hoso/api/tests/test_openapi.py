import json

import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/units/": {"get"},
    "/api/v1/units/{uid}": {"get"},
    "/api/v1/units/{uid}/subtree": {"get"},
    "/api/v1/people/": {"get"},
    "/api/v1/people/{uid}": {"get"},
    "/api/v1/people/{uid}/versions": {"get"},
    "/api/v1/people/{uid}/versions/{number}": {"get"},
    "/api/v1/people/{uid}/as-of": {"get"},
    "/api/v1/change-sets": {"post"},
    "/api/v1/change-sets/{uid}": {"get"},
    "/api/v1/change-sets/{uid}/groups/{group_key}": {"patch"},
    "/api/v1/change-sets/{uid}/sections/{section_key}/rows": {"post"},
    "/api/v1/change-sets/{uid}/sections/{section_key}/rows/{row_uid}": {"put", "delete"},
    "/api/v1/change-sets/{uid}/diff": {"get"},
    "/api/v1/change-sets/{uid}/apply": {"post"},
}


def test_the_openapi_document_lists_every_endpoint(anonymous):
    response = anonymous.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "hoso API"
    assert document["info"]["version"] == "1"
    assert {path: set(methods) for path, methods in document["paths"].items()} == PATHS


def test_every_operation_but_the_token_one_declares_bearer_auth(anonymous):
    document = anonymous.get("/api/v1/openapi.json").json()

    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            expected = [] if path == "/api/v1/auth/token" else [{"TokenAuth": []}]
            assert operation.get("security", []) == expected, (method, path)
