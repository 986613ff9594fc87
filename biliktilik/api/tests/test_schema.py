"""The OpenAPI schema generates without a warning, and its documentation pages are self-hosted."""

from __future__ import annotations

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.test import APIClient

EXPECTED_OPERATIONS = {
    ("/api/v1/auth/token/", "post"),
    ("/api/v1/auth/token/", "delete"),
    ("/api/v1/me/", "get"),
    ("/api/v1/organisations/", "get"),
    ("/api/v1/organisations/{public_id}/", "get"),
    ("/api/v1/units/", "get"),
    ("/api/v1/units/{public_id}/", "get"),
    ("/api/v1/positions/", "get"),
    ("/api/v1/positions/{id}/", "get"),
    ("/api/v1/persons/", "get"),
    ("/api/v1/persons/", "post"),
    ("/api/v1/persons/{public_id}/", "get"),
    ("/api/v1/persons/{public_id}/", "patch"),
    ("/api/v1/employments/", "get"),
    ("/api/v1/employments/", "post"),
    ("/api/v1/employments/{public_id}/", "get"),
    ("/api/v1/employments/{public_id}/", "patch"),
    ("/api/v1/employments/{public_id}/end/", "post"),
}


def test_schema_generates_and_validates_without_warnings(db, tmp_path):
    # When the schema is generated strictly (any warning fails the command)
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    # Then it describes the operations of organisations, people and accounts
    schema = yaml.safe_load(target.read_text())
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations >= EXPECTED_OPERATIONS
    assert all(path.startswith("/api/v1/") for path, _method in operations)


def test_schema_is_served(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Biliktilik API"
    assert "/api/v1/persons/" in schema["paths"]
    list_parameters = {p["name"] for p in schema["paths"]["/api/v1/persons/"]["get"]["parameters"]}
    assert {"search", "organisation", "unit", "within", "category", "current", "page", "page_size"} <= list_parameters
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "extra"}


def test_documentation_page_loads_its_assets_from_our_own_static_files(db):
    # When the documentation page is opened
    response = APIClient().get("/api/docs/")
    # Then its scripts and styles come from our static files, which hold them, and from nowhere else
    assert response.status_code == 200
    page = response.content.decode()
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        path = f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"
        assert f'"/static/{path}"' in page
        assert finders.find(path) is not None
    assert "https://" not in page
    # The start script is a file of its own (no inline script, for the Content-Security-Policy)
    assert '<script src="/api/docs/?script="></script>' in page
    script = APIClient().get("/api/docs/?script=").content.decode()
    assert 'url: "/api/schema/"' in script
