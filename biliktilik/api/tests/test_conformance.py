"""The API keeps its own contract: errors are documented and always JSON, enums never leave
their enum, and a user who may not write is refused before the input is read."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.core.management import call_command

from biliktilik.people.models import Employment

from .helpers import error


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker, tmp_path_factory):
    target = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())


def test_every_operation_documents_its_errors_with_the_error_body(schema):
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            wanted = {"400", "401", "403", "404"} | ({"409"} if method in {"post", "put", "patch", "delete"} else set())
            for code in sorted(wanted):
                response = operation["responses"].get(code)
                ref = (response or {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
                if ref != "#/components/schemas/Error":
                    missing.append(f"{method.upper()} {path} {code}")
    assert missing == []


def test_an_unset_end_reason_is_null_and_the_schema_says_so(world, client_as, schema):
    employment = world.people["d1_1"].employments.get()
    body = client_as("hr_officer").get(f"/api/v1/employments/{employment.public_id}/").json()
    assert body["end_reason"] is None
    end_reason = schema["components"]["schemas"]["Employment"]["properties"]["end_reason"]
    assert end_reason.get("nullable") is True or {"type": "null"} in end_reason.get("oneOf", [])


def test_an_ended_employment_gives_its_reason(world, client_as):
    employment = world.people["d1_1"].employments.get()
    Employment.objects.filter(pk=employment.pk).update(end_date=dt.date(2024, 6, 30), end_reason="voluntary")
    body = client_as("hr_officer").get(f"/api/v1/employments/{employment.public_id}/").json()
    assert body["end_reason"] == "voluntary"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/persons/not-a-uuid/",
        "/api/v1/employments/123/",
        "/api/v1/employments/123/end/",
        "/api/v1/positions/not-a-number/",
        "/api/v1/organisations/1/",
        "/api/v1/planning/plans/not-a-uuid/items/1/",
        "/api/v1/no-such-thing/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "patch", "delete"])
def test_a_malformed_id_is_a_json_404(world, client_as, url, method):
    response = getattr(client_as("hr_officer"), method)(url, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert error(response)["code"] == "not_found"


def test_a_malformed_id_is_a_json_404_for_anonymous_users_too(client):
    response = client.get("/api/v1/persons/not-a-uuid/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("unit_head", "/api/v1/persons/"),
        ("unit_head", "/api/v1/employments/"),
        ("employee", "/api/v1/workflows/routes/"),
    ],
)
def test_a_user_who_may_not_write_is_refused_before_the_input_is_read(world, client_as, role, url):
    response = client_as(role).post(url, {"organisation": "not-an-id", "rate": "many"}, format="json")
    assert response.status_code == 403
    assert error(response)["code"] == "permission_denied"


def test_a_record_is_refused_to_a_user_who_may_not_change_it_before_the_input_is_read(world, client_as):
    from biliktilik.core.access import SYSTEM
    from biliktilik.ledger import services as ledger_services

    record = ledger_services.record_create(
        actor=SYSTEM,
        person=world.people["d1_1"],
        organisation=world.orgs["uni"],
        form="course_short",
        title="Сандық сауаттылық",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 7),
        hours=36,
    )
    # The unit head sees the record of their lecturer but may not change it
    client = client_as("unit_head")
    assert client.get(f"/api/v1/ledger/records/{record.public_id}/").status_code == 200
    for method, url in [
        ("patch", f"/api/v1/ledger/records/{record.public_id}/"),
        ("post", f"/api/v1/ledger/records/{record.public_id}/return/"),
    ]:
        response = getattr(client, method)(url, {"hours": "many", "provider": "x", "reason": 5}, format="json")
        assert response.status_code == 403, (url, response.content)
        assert error(response)["code"] == "permission_denied"


def test_a_plan_is_refused_to_a_user_who_may_not_change_it_before_the_input_is_read(world, client_as):
    from biliktilik.planning import services as planning_services

    plan = planning_services.plan_create(
        actor=world.user("hr_officer"), person=world.people["d1_1"], organisation=world.orgs["uni"], year=2026
    )
    # The unit head sees the plan of their lecturer but may not change it
    client = client_as("unit_head")
    assert client.get(f"/api/v1/planning/plans/{plan.public_id}/").status_code == 200
    response = client.post(f"/api/v1/planning/plans/{plan.public_id}/items/", {"hours": "many"}, format="json")
    assert response.status_code == 403, response.content
    assert error(response)["code"] == "permission_denied"
