"""A short property-based run of the whole API against its own OpenAPI schema (schemathesis).

In-process: the requests go straight to Django's WSGI application, no server. As three roles
(HR officer, unit head, employee) over every GET and write operation, with a few generated
examples each, on the ``world`` data: no response may be a server error, nor break the schema
(status code, body). ``BILIKTILIK_SCHEMATHESIS_EXAMPLES`` raises the number of examples for a
long run (see docs/api.md).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

pytestmark = pytest.mark.schemathesis

EXAMPLES = int(os.environ.get("BILIKTILIK_SCHEMATHESIS_EXAMPLES", "2"))
ROLES = ["hr_officer", "unit_head", "employee"]
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
# Signing out (DELETE of the token) would turn the rest of the run into 401s.
SKIPPED = {("DELETE", "/api/v1/auth/token/")}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app() -> Any:
    """Django's WSGI application, keeping the test's database connection between requests
    (as Django's test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield _APP
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


_OPERATIONS: list[Any] = []
_APP = get_wsgi_application()


def _operations(app: Any) -> list[Any]:
    """The operations to try (the schema is loaded once for the whole run)."""
    if _OPERATIONS:
        return _OPERATIONS
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    found = _OPERATIONS
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() in METHODS and (operation.method.upper(), operation.path) not in SKIPPED:
            found.append(operation)
    return found


def _known_ids(world: Any) -> dict[tuple[str, str], list[Any]]:
    """Ids of the world by the first segment of the path under /api/v1/ and the parameter name."""
    employment = world.people["d1_1"].employments.get()
    return {
        ("persons", "public_id"): [str(world.people["d1_1"].public_id)],
        ("employments", "public_id"): [str(employment.public_id)],
        ("organisations", "public_id"): [str(world.orgs["uni"].public_id)],
        ("units", "public_id"): [str(world.units["d1"].public_id)],
        ("positions", "id"): [employment.position_id],
    }


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ROLES)
def test_the_api_keeps_its_schema(world, wsgi_app, role):
    token = Token.objects.create(user=world.user(role)).key
    headers = {"Authorization": f"Token {token}"}
    operations = _operations(wsgi_app)
    assert len(operations) > 40
    failures: list[str] = []

    known = _known_ids(world)
    for operation in operations:

        @given(case=operation.as_strategy(), use_known=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, use_known: bool) -> None:
            # Half of the cases name objects of the world, so that responses are not all 404.
            for name in case.path_parameters or {}:
                ids = known.get((case.path.strip("/").split("/")[2:4][0], name))
                if use_known and ids:
                    case.path_parameters[name] = ids[0]
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {exc}"[:1500])

        run()

    assert failures == [], "\n\n".join(failures[:10])
