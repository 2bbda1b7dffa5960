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
    # the review and approval workflow (hoso/approvals/api.py)
    "/api/v1/approvals/change-sets/{uid}/submit": {"post"},
    "/api/v1/approvals/change-sets/{uid}/return": {"post"},
    "/api/v1/approvals/change-sets/{uid}/forward": {"post"},
    "/api/v1/approvals/change-sets/{uid}/approve": {"post"},
    "/api/v1/approvals/change-sets/{uid}/steps": {"get"},
    "/api/v1/approvals/batches": {"post"},
    "/api/v1/approvals/queues/review": {"get"},
    "/api/v1/approvals/queues/approval": {"get"},
    "/api/v1/approvals/mine": {"get"},
    # supporting documents (hoso/documents/api.py)
    "/api/v1/documents/types": {"get"},
    "/api/v1/documents/change-sets/{uid}": {"get", "post"},
    "/api/v1/documents/{uid}": {"delete", "get"},
    "/api/v1/documents/{uid}/content": {"get"},
    # signatures (hoso/signing/api.py)
    "/api/v1/signatures/people/{uid}/verification": {"get"},
    "/api/v1/signatures/people/{uid}/bundle": {"get"},
    # the working-day calendar (hoso/workdays/api.py)
    "/api/v1/workdays/windows": {"get"},
    "/api/v1/workdays/days": {"get"},
    # deadlines, notifications, review rounds (hoso/monitoring/api.py)
    "/api/v1/monitoring/notifications": {"get"},
    "/api/v1/monitoring/notifications/{uid}/read": {"post"},
    "/api/v1/monitoring/deadlines": {"get"},
    "/api/v1/monitoring/units/{uid}/dashboard": {"get"},
    "/api/v1/monitoring/rounds": {"get", "post"},
    "/api/v1/monitoring/rounds/{uid}": {"get"},
    "/api/v1/monitoring/rounds/{uid}/responses": {"post"},
    # data quality (hoso/quality/api.py)
    "/api/v1/quality/units/{uid}": {"get"},
    "/api/v1/quality/units/{uid}/findings": {"get"},
    "/api/v1/quality/units/{uid}/checks": {"post"},
    "/api/v1/quality/people/{uid}": {"get"},
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
