"""Every registered operation refuses an anonymous call, so an endpoint added without auth fails here."""

import re

import pytest
from django.test import Client

from hoso.api.api import api

pytestmark = pytest.mark.django_db

OPEN = {("POST", "/api/v1/auth/token")}
SAMPLE = "00000000-0000-0000-0000-000000000001"


def registered_operations() -> list[tuple[str, str]]:
    operations = []
    for router in api._get_bound_routers():
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    route = "/".join(part.strip("/") for part in ("/api/v1", router.prefix, path) if part.strip("/"))
                    operations.append((method, "/" + route + ("/" if path.endswith("/") else "")))
    return sorted(set(operations))


def test_the_walk_finds_every_endpoint():
    walked = registered_operations()

    assert ("GET", "/api/v1/people/{uid}") in walked
    assert ("DELETE", "/api/v1/change-sets/{uid}/sections/{section_key}/rows/{row_uid}") in walked
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    documented = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item if method != "parameters"
    }
    assert len(walked) == len(documented)


@pytest.mark.parametrize(("method", "path"), registered_operations())
def test_every_endpoint_refuses_anonymous_calls(method, path):
    url = re.sub(r"\{[^}]+\}", SAMPLE, path)
    client = Client()

    response = client.generic(method, url, b"{}", content_type="application/json")

    if (method, path) in OPEN:
        assert response.status_code != 401 or response.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu."
        return
    assert response.status_code == 401, (method, url, response.status_code)
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), registered_operations())
def test_every_endpoint_refuses_an_expired_or_made_up_token(method, path, officer):
    url = re.sub(r"\{[^}]+\}", SAMPLE, path)
    client = Client(HTTP_AUTHORIZATION="Bearer made-up")

    response = client.generic(method, url, b"{}", content_type="application/json")

    assert response.status_code == (422 if (method, path) in OPEN else 401)


def test_the_schema_and_docs_are_public_and_the_root_is_a_404_problem(anonymous):
    assert anonymous.get("/api/v1/openapi.json").status_code == 200
    assert anonymous.get("/api/v1/docs").status_code == 200
    root = anonymous.get("/api/v1/")
    assert root.status_code == 404
    assert root["Content-Type"].startswith("application/problem+json")
