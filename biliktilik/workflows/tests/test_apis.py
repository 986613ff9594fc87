"""The API: routes (read; write for HR/PD officers and sysadmins), runs (read, scoped), deciding."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from biliktilik.workflows.enums import Decider, DecisionAction, RunStatus
from biliktilik.workflows.models import Route
from biliktilik.workflows.services import run_decide, run_start
from conftest import ALL_ROLES
from tests.factories import UnitFactory

from .helpers import make_route, state

pytestmark = pytest.mark.urls("biliktilik.workflows.tests.urls")

BASE = "/api/v1/workflows"
# Refusing an anonymous request: 401 when token authentication is the first of the site's
# authentication classes (it then names itself in WWW-Authenticate), 403 when session comes first.
ANONYMOUS_REFUSED = {401, 403}
SEES_UNI = {
    "employee",
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "sysadmin",
}
MANAGERS = {"hr_officer", "pd_officer", "sysadmin"}


def api(world, role=None):
    client = APIClient()
    if role:
        client.force_login(world.user(role))
    return client


@pytest.fixture
def route(world):
    return make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR, code="unit-schedule")


@pytest.fixture
def run(world, facts, route):
    return run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)


def route_body(world, **overrides):
    body = {
        "organisation": str(world.orgs["uni"].public_id),
        "code": "api-route",
        "title_kk": "API маршруты",
        "title_en": "API route",
        "purpose": "consolidated_schedule",
        "notes": "SKMA-464 5.5",
        "steps": [
            {"title_kk": "ҚжҚКББ", "decider": "pd_centre", "actions": ["approve", "return"]},
            {"title_kk": "Ректор", "decider": "first_head"},
        ],
    }
    body.update(overrides)
    return body


# --- anonymous ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/routes/", "/runs/"])
def test_anonymous_reads_nothing(world, path):
    assert api(world).get(BASE + path).status_code in ANONYMOUS_REFUSED


def test_anonymous_decides_nothing(world, run):
    before = state()
    response = api(world).post(
        f"{BASE}/runs/{run.public_id}/decide/", {"action": "approve", "expected_step": run.current_step_id}
    )
    assert response.status_code in ANONYMOUS_REFUSED
    assert state() == before


# --- routes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_list_for_each_role(world, route, role):
    response = api(world, role).get(f"{BASE}/routes/")
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()["results"]]
    assert codes == (["unit-schedule"] if role in SEES_UNI else [])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_detail_for_each_role(world, route, role):
    response = api(world, role).get(f"{BASE}/routes/{route.public_id}/")
    assert response.status_code == (200 if role in SEES_UNI else 404)
    if role in SEES_UNI:
        body = response.json()
        assert (body["code"], body["version"], body["organisation"]) == (
            "unit-schedule",
            1,
            str(world.orgs["uni"].public_id),
        )
        assert [(s["order"], s["decider"], s["actions"]) for s in body["steps"]] == [
            (1, "unit_head", ["approve", "return", "reject"]),
            (2, "hr", ["approve", "return", "reject"]),
        ]


def test_routes_filter_by_organisation_and_purpose(world, route):
    make_route(world.orgs["uni"], Decider.HR, code="apps", purpose="application")
    client = api(world, "sysadmin")
    uni = world.orgs["uni"].public_id
    assert [r["code"] for r in client.get(f"{BASE}/routes/", {"purpose": "application"}).json()["results"]] == ["apps"]
    by_org = client.get(f"{BASE}/routes/", {"organisation": str(uni)}).json()["results"]
    assert sorted(r["code"] for r in by_org) == ["apps", "unit-schedule"]
    # I18N-01: a malformed parameter is a 400 naming it
    for params in ({"organisation": "not-a-uuid"}, {"purpose": "lost"}):
        response = client.get(f"{BASE}/routes/", params)
        assert response.status_code == 400
        assert response.json()["extra"] == {"field": next(iter(params))}


def test_route_list_costs_the_same_for_2_or_30_routes(world, django_assert_max_num_queries):
    client = api(world, "pd_officer")
    counts = []
    for rows in (2, 30):
        while Route.objects.count() < rows:
            make_route(world.orgs["uni"], Decider.HR, Decider.FIRST_HEAD)
        with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as queries:
            response = client.get(f"{BASE}/routes/")
        assert len(response.json()["results"]) == rows
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_creating_a_route_for_each_role(world, role):
    before = state()
    response = api(world, role).post(f"{BASE}/routes/", route_body(world), format="json")
    if role in MANAGERS:
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["code"], body["purpose"], body["version"]) == ("api-route", "consolidated_schedule", 1)
        assert [(s["decider"], s["actions"]) for s in body["steps"]] == [
            ("pd_centre", ["approve", "return"]),
            ("first_head", ["approve", "return", "reject"]),
        ]
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert state() == before


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        pytest.param({"steps": []}, 400, "validation", id="no-steps"),
        pytest.param({"steps": [{"title_kk": "x", "decider": "dean"}]}, 400, "validation", id="unknown-decider"),
        pytest.param({"organisation": "7d0c0000-0000-4000-8000-000000000000"}, 400, "validation", id="no-such-org"),
        pytest.param({"code": "unit-schedule"}, 409, "duplicate", id="duplicate-code"),
    ],
)
def test_invalid_routes_are_refused_by_the_api(world, route, overrides, status, code):
    before = state()
    response = api(world, "hr_officer").post(f"{BASE}/routes/", route_body(world, **overrides), format="json")
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert state() == before


def test_an_hr_officer_cannot_create_routes_of_another_organisation(world):
    before = state()
    body = route_body(world, organisation=str(world.orgs["uni2"].public_id))
    response = api(world, "hr_officer").post(f"{BASE}/routes/", body, format="json")
    # The other university is outside the officer's scope: answered like an unknown id (SEC-01)
    assert (response.status_code, response.json()["code"]) == (400, "validation")
    assert set(response.json()["extra"]["fields"]) == {"organisation"}
    assert state() == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_changing_a_route_for_each_role(world, route, role):
    before = state()
    body = route_body(world, title_kk="Өзгертілген")
    del body["organisation"], body["code"]
    response = api(world, role).put(f"{BASE}/routes/{route.public_id}/", body, format="json")
    if role in MANAGERS:
        assert response.status_code == 200, response.content
        assert (response.json()["public_id"], response.json()["title_kk"]) == (str(route.public_id), "Өзгертілген")
    else:
        assert response.status_code == (403 if role in SEES_UNI else 404)
        assert state() == before


def test_changing_the_steps_of_a_route_with_runs_answers_with_the_new_version(world, route, run):
    body = route_body(world)
    del body["organisation"], body["code"]
    response = api(world, "pd_officer").put(f"{BASE}/routes/{route.public_id}/", body, format="json")
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["is_current"]) == (2, True)
    assert response.json()["public_id"] != str(route.public_id)
    old = api(world, "pd_officer").get(f"{BASE}/routes/{route.public_id}/").json()
    assert (old["is_current"], [s["decider"] for s in old["steps"]]) == (False, ["unit_head", "hr"])


# --- runs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_run_list_and_detail_for_each_role(world, run, role):
    client = api(world, role)
    listed = [row["public_id"] for row in client.get(f"{BASE}/runs/").json()["results"]]
    detail = client.get(f"{BASE}/runs/{run.public_id}/")
    assert listed == ([str(run.public_id)] if role in SEES_UNI else [])
    assert detail.status_code == (200 if role in SEES_UNI else 404)
    if role in SEES_UNI:
        body = detail.json()
        assert (body["status"], body["current_step"]["decider"], body["object"]["type"]) == (
            "in_progress",
            "unit_head",
            "org.unit",
        )
        assert body["allowed_actions"] == (["approve", "return", "reject"] if role == "unit_head" else [])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_runs_waiting_for_each_role(world, run, role):
    listed = api(world, role).get(f"{BASE}/runs/", {"waiting": "1"}).json()["results"]
    assert [row["public_id"] for row in listed] == ([str(run.public_id)] if role == "unit_head" else [])


def test_runs_filter_by_status(world, run):
    client = api(world, "hr_officer")
    assert len(client.get(f"{BASE}/runs/", {"status": "in_progress"}).json()["results"]) == 1
    assert client.get(f"{BASE}/runs/", {"status": "approved"}).json()["results"] == []
    response = client.get(f"{BASE}/runs/", {"status": "lost"})
    assert (response.status_code, response.json()["extra"]) == (400, {"field": "status"})
    response = client.get(f"{BASE}/runs/", {"waiting": "maybe"})
    assert (response.status_code, response.json()["extra"]) == (400, {"field": "waiting"})


@pytest.mark.parametrize("waiting", [False, True], ids=["all", "waiting"])
def test_run_list_costs_the_same_for_2_or_30_runs(world, facts, django_assert_max_num_queries, waiting):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    units = [UnitFactory(parent=world.units["d1"]) for _ in range(30)]
    client = api(world, "unit_head")
    params = {"waiting": "1"} if waiting else {}
    counts = []
    for already, rows in ((0, 2), (2, 30)):
        for unit in units[already:rows]:
            started = run_start(actor=world.user("employee"), obj=unit, route=route)
            if not waiting:  # with a decision each, so decisions are listed too
                run_decide(
                    actor=world.user("unit_head"),
                    run=started,
                    action=DecisionAction.APPROVE,
                    expected_step_id=started.current_step_id,
                )
        with django_assert_max_num_queries(14), CaptureQueriesContext(connection) as queries:
            response = client.get(f"{BASE}/runs/", params)
        assert len(response.json()["results"]) == rows
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- deciding -------------------------------------------------------------------------------


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_deciding_for_each_role(world, run, role):
    before = state()
    response = api(world, role).post(
        f"{BASE}/runs/{run.public_id}/decide/",
        {"action": "approve", "comment": "", "expected_step": run.current_step_id},
        format="json",
    )
    if role == "unit_head":
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["current_step"]["decider"]) == ("in_progress", "hr")
        assert [(d["action"], d["comment"]) for d in body["decisions"]] == [("approve", "")]
    else:
        assert response.status_code == (403 if role in SEES_UNI else 404)
        assert response.json()["code"] == ("permission_denied" if role in SEES_UNI else "not_found")
        assert state() == before


@pytest.mark.req("PLN-03")
def test_a_decision_on_a_moved_on_run_is_a_conflict(world, run):
    client = api(world, "unit_head")
    url = f"{BASE}/runs/{run.public_id}/decide/"
    first_step = run.current_step_id
    client.post(url, {"action": "approve", "expected_step": first_step}, format="json")
    before = state()

    response = client.post(url, {"action": "approve", "expected_step": first_step}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"action": "return", "comment": ""}, "comment", id="return-without-comment"),
        pytest.param({"action": "reject", "comment": " "}, "comment", id="reject-with-blank-comment"),
    ],
)
def test_returning_or_rejecting_needs_a_comment(world, run, body, field):
    before = state()
    response = api(world, "unit_head").post(
        f"{BASE}/runs/{run.public_id}/decide/", {**body, "expected_step": run.current_step_id}, format="json"
    )
    assert (response.status_code, response.json()["code"], response.json()["extra"]["field"]) == (
        400,
        "validation",
        field,
    )
    assert state() == before


def test_rejecting_with_a_comment_finishes_the_run(world, run):
    response = api(world, "unit_head").post(
        f"{BASE}/runs/{run.public_id}/decide/",
        {"action": "reject", "comment": "Not in the plan", "expected_step": run.current_step_id},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["current_step"]) == (RunStatus.REJECTED, None)
    assert response.json()["decisions"][0]["comment"] == "Not in the plan"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_cancelling_through_the_decide_endpoint_for_each_role(world, run, role):
    before = state()
    response = api(world, role).post(
        f"{BASE}/runs/{run.public_id}/decide/",
        {"action": "cancel", "comment": "Withdrawn", "expected_step": run.current_step_id},
        format="json",
    )
    if role in {"employee", "hr_officer", "pd_officer", "sysadmin"}:  # the author and the route managers
        assert response.status_code == 200, response.content
        assert (response.json()["status"], response.json()["decisions"][0]["action"]) == ("cancelled", "cancel")
    else:
        assert response.status_code == (403 if role in SEES_UNI else 404)
        assert state() == before


# --- registries and outside deciders ---------------------------------------------------------


def test_a_route_decided_by_another_organisation_is_created_through_the_api(world):
    steps = [
        {
            "title_kk": "Серіктес HR",
            "decider": "other_organisation",
            "decider_organisation": str(world.orgs["uni2"].public_id),
            "decider_office": "hr",
        },
        {"title_kk": "Облыс", "decider": "authority_above", "authority_kind": "regional_department"},
    ]
    # the other organisation is named among those the author sees: uni2 is outside the scope of
    # uni's HR officer (answered like an unknown id), inside the system administrator's
    refused = api(world, "hr_officer").post(f"{BASE}/routes/", route_body(world, steps=steps), format="json")
    assert refused.status_code == 400
    assert "decider_organisation" in str(refused.json()["extra"])
    response = api(world, "sysadmin").post(f"{BASE}/routes/", route_body(world, steps=steps), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(s["decider"], s["decider_office"], s["authority_kind"]) for s in body["steps"]] == [
        ("other_organisation", "hr", ""),
        ("authority_above", "", "regional_department"),
    ]
    assert Route.objects.get(public_id=body["public_id"]).steps.get(order=1).decider_organisation == world.orgs["uni2"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"purpose": "accreditation"}, "purpose", id="unregistered-purpose"),
        pytest.param(
            {"steps": [{"title_kk": "x", "decider": "hr", "condition": "needs_visa"}]}, "steps", id="unregistered-cond"
        ),
        pytest.param(
            {
                "steps": [
                    {
                        "title_kk": "x",
                        "decider": "other_organisation",
                        "decider_organisation": "7d0c0000-0000-4000-8000-000000000000",
                        "decider_office": "hr",
                    }
                ]
            },
            "decider_organisation",
            id="unknown-deciding-org",
        ),
    ],
)
def test_unregistered_codes_and_unknown_deciders_are_refused_naming_the_field(world, overrides, field):
    before = state()
    response = api(world, "hr_officer").post(f"{BASE}/routes/", route_body(world, **overrides), format="json")
    assert (response.status_code, response.json()["code"]) == (400, "validation")
    assert state() == before
