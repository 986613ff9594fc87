"""The planning API for every role and anonymous (PLN-01..03, SEC-02): plans, unit schedules,
consolidated schedules, decisions and the budget; refused writes change nothing; lists cost a
fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import FundingSource
from biliktilik.planning import services
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from biliktilik.planning.selectors import run_of
from biliktilik.workflows.models import Decision, Run
from conftest import ALL_ROLES

from .conftest import CONSOLIDATED_ROLES, UNIT_ROUTE_ROLES, YEAR, approved_unit_schedule, make_plan

pytestmark = pytest.mark.urls("biliktilik.planning.tests.urls")

BASE = "/api/v1/planning"
ROLES = [*ALL_ROLES, None]
IDS = [*ALL_ROLES, "anonymous"]
# Refusing an anonymous request: 401 or 403, by the first authentication class of the site.
ANONYMOUS_REFUSED = {401, 403}
# Who sees the plan of d1_1 (the employee's own) and its unit D1's schedule.
SEES_PLAN = {
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
EDITS_PLAN = {"employee", "hr_officer", "pd_officer"}
SEES_UNIT_SCHEDULE = SEES_PLAN - {"employee"}
MANAGES_UNIT_SCHEDULE = {"unit_head", "hr_officer", "pd_officer"}
SEES_CONSOLIDATED = {"hr_officer", "pd_officer", "finance_officer", "first_head", "auditor", "sysadmin"}
OFFICERS = {"hr_officer", "pd_officer"}


def api(world: Any, role: str | None = None) -> APIClient:
    client = APIClient()
    if role:
        client.force_login(world.user(role))
    return client


def state() -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    return {
        "plans": list(IndividualPlan.objects.order_by("pk").values_list("pk", "status", "version")),
        "items": list(PlanItem.objects.order_by("pk").values_list("pk", "topic", "hours", "cost", "end_date")),
        "unit_schedules": list(
            UnitSchedule.objects.order_by("pk").values_list("pk", "status", "meeting_number", "meeting_present")
        ),
        "unit_schedule_plans": list(UnitSchedule.plans.through.objects.order_by("pk").values_list("pk")),
        "consolidated": list(ConsolidatedSchedule.objects.order_by("pk").values_list("pk", "status")),
        "consolidated_units": list(
            ConsolidatedSchedule.unit_schedules.through.objects.order_by("pk").values_list("pk")
        ),
        "runs": list(Run.objects.order_by("pk").values_list("pk", "status", "current_step_id")),
        "decisions": Decision.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def item_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "topic": "Research methods",
        "form": "seminar",
        "start_date": f"{YEAR}-05-04",
        "end_date": f"{YEAR}-05-06",
        "hours": "18",
        "funding_source": "own",
        "cost": "25000",
        "in_profile": True,
    }
    body.update(overrides)
    return body


def draft_schedule(world: Any) -> UnitSchedule:
    """D1's schedule with the submitted plan of d1_1 and the minutes, not yet submitted."""
    services.plan_submit(actor=world.user("hr_officer"), plan=make_plan(world))
    head = world.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=world.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 11, 1),
        meeting_number="2",
        meeting_present=9,
        meeting_decision="Agreed",
    )
    return schedule


def decide_body(document: Any) -> dict[str, Any]:
    run = run_of(document)
    assert run is not None
    return {"action": "approve", "expected_step": run.current_step_id, "comment": ""}


# --- anonymous ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/plans/", "/unit-schedules/", "/consolidated/"])
def test_anonymous_reads_no_list(world: Any, path: str) -> None:
    response = api(world).get(BASE + path)
    assert response.status_code in ANONYMOUS_REFUSED
    assert response.json()["code"] == "not_authenticated"


def test_anonymous_writes_nothing(routed: Any) -> None:
    plan = make_plan(routed, "d1_2")
    schedule = draft_schedule(routed)
    before = state()
    client = api(routed)
    responses = [
        client.post(
            f"{BASE}/plans/",
            {"person": str(routed.people["d1_1"].public_id), "organisation": str(routed.orgs["uni"].public_id)},
        ),
        client.post(f"{BASE}/plans/{plan.public_id}/items/", item_body(), format="json"),
        client.post(f"{BASE}/plans/{plan.public_id}/submit/"),
        client.post(f"{BASE}/unit-schedules/{schedule.public_id}/submit/"),
        client.post(f"{BASE}/unit-schedules/{schedule.public_id}/decide/", {"action": "approve", "expected_step": 1}),
        client.post(f"{BASE}/consolidated/", {"organisation": str(routed.orgs["uni"].public_id), "year": YEAR}),
    ]
    assert {r.status_code in ANONYMOUS_REFUSED for r in responses} == {True}
    assert state() == before


# --- individual plans (PLN-01) --------------------------------------------------------------------


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_plan_list_and_detail_for_every_role(world: Any, role: str) -> None:
    plan = make_plan(world)
    client = api(world, role)
    rows = client.get(f"{BASE}/plans/").json()["results"]
    assert [row["public_id"] for row in rows] == ([str(plan.public_id)] if role in SEES_PLAN else [])
    detail = client.get(f"{BASE}/plans/{plan.public_id}/")
    assert detail.status_code == (200 if role in SEES_PLAN else 404)
    if role in SEES_PLAN:
        body = detail.json()
        assert (body["status"], body["version"], body["year"], body["item_count"]) == ("draft", 1, YEAR, 1)
        assert (body["person"]["public_id"], body["unit"]["public_id"]) == (
            str(world.people["d1_1"].public_id),
            str(world.units["d1"].public_id),
        )
        assert [(i["topic"], i["hours"], i["cost"], i["funding_source"]) for i in body["items"]] == [
            ("Digital teaching tools", "72.0", "150000.00", "organisation")
        ]
        assert (body["total_hours"], body["total_cost"], body["run"]) == ("72.0", "150000.00", None)


def test_plan_list_filters(world: Any) -> None:
    plan = make_plan(world)
    other = make_plan(world, "d3_1")
    client = api(world, "hr_officer")

    def found(**params: Any) -> list[str]:
        return sorted(row["public_id"] for row in client.get(f"{BASE}/plans/", params).json()["results"])

    assert found() == sorted([str(plan.public_id), str(other.public_id)])
    assert found(unit=str(world.units["d3"].public_id)) == [str(other.public_id)]
    assert found(person=str(world.people["d1_1"].public_id)) == [str(plan.public_id)]
    assert found(year=YEAR + 1) == []
    assert found(status="submitted") == []
    # I18N-01: a malformed parameter is a 400 naming it, never an empty or unfiltered list
    for params in ({"unit": "not-a-uuid"}, {"year": "abc"}, {"year": "3000"}, {"status": "lost"}, {"person": "7"}):
        response = client.get(f"{BASE}/plans/", params)
        assert response.status_code == 400
        assert response.json()["extra"] == {"field": next(iter(params))}
    assert found(organisation=str(world.orgs["uni"].public_id), status="draft") == sorted(
        [str(plan.public_id), str(other.public_id)]
    )


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_plan_create_for_every_role(world: Any, role: str | None) -> None:
    before = state()
    body = {"person": str(world.people["d1_1"].public_id), "organisation": str(world.orgs["uni"].public_id)}
    response = api(world, role).post(f"{BASE}/plans/", {**body, "year": YEAR})
    if role in EDITS_PLAN:
        assert response.status_code == 201
        plan = IndividualPlan.objects.get(public_id=response.json()["public_id"])
        assert (plan.person, plan.unit, plan.year, plan.status) == (
            world.people["d1_1"],
            world.units["d1"],
            YEAR,
            PlanStatus.DRAFT,
        )
        return
    # not signed in; or seen but not one's own, or no plan of one's own at all (403, before the input
    # is read); or the person is not seen (400: no such person)
    user = None if role is None else world.user(role)
    refused = user is not None and (role in SEES_PLAN or user.person_id is None)
    expected = ANONYMOUS_REFUSED if role is None else {403} if refused else {400}
    assert response.status_code in expected
    assert state() == before


def test_plan_create_twice_is_a_duplicate(world: Any) -> None:
    make_plan(world)
    before = state()
    body = {"person": str(world.people["d1_1"].public_id), "organisation": str(world.orgs["uni"].public_id)}
    response = api(world, "employee").post(f"{BASE}/plans/", {**body, "year": YEAR})
    assert response.status_code == 409
    assert (response.json()["code"], response.json()["extra"]["field"]) == ("duplicate", "year")
    assert state() == before


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_item_add_update_remove_for_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    item = plan.items.get()
    client = api(world, role)
    before = state()
    added = client.post(f"{BASE}/plans/{plan.public_id}/items/", item_body(), format="json")
    changed = client.patch(f"{BASE}/plans/{plan.public_id}/items/{item.pk}/", {"hours": "36"}, format="json")
    removed = client.delete(f"{BASE}/plans/{plan.public_id}/items/{item.pk}/")
    statuses = [added.status_code, changed.status_code, removed.status_code]
    if role in EDITS_PLAN:
        assert statuses == [201, 200, 200]
        assert [(i["topic"], i["hours"]) for i in removed.json()["items"]] == [("Research methods", "18.0")]
        assert list(plan.items.values_list("topic", "hours", "in_profile")) == [
            ("Research methods", Decimal("18.0"), True)
        ]
        return
    if role is None:
        assert {s in ANONYMOUS_REFUSED for s in statuses} == {True}
    else:
        assert statuses == ([403] * 3 if role in SEES_PLAN else [404] * 3)
    assert state() == before


def test_item_errors_name_the_field(world: Any) -> None:
    plan = make_plan(world)
    client = api(world, "employee")
    before = state()
    backwards = client.post(f"{BASE}/plans/{plan.public_id}/items/", item_body(end_date=f"{YEAR}-05-01"), format="json")
    assert backwards.status_code == 400
    assert (backwards.json()["code"], backwards.json()["extra"]["field"]) == ("validation", "end_date")
    outside = client.post(
        f"{BASE}/plans/{plan.public_id}/items/",
        item_body(start_date=f"{YEAR - 1}-12-30", end_date=f"{YEAR}-01-02"),
        format="json",
    )
    assert outside.json()["extra"]["field"] == "start_date"
    zero = client.patch(f"{BASE}/plans/{plan.public_id}/items/{plan.items.get().pk}/", {"hours": "0"}, format="json")
    assert (zero.status_code, zero.json()["extra"]["field"]) == (400, "hours")
    bad_form = client.post(f"{BASE}/plans/{plan.public_id}/items/", item_body(form="walk"), format="json")
    assert (bad_form.status_code, list(bad_form.json()["extra"]["fields"])) == (400, ["form"])
    missing = client.delete(f"{BASE}/plans/{plan.public_id}/items/999999/")
    assert missing.status_code == 404
    assert state() == before


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_plan_submit_for_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    before = state()
    response = api(world, role).post(f"{BASE}/plans/{plan.public_id}/submit/")
    plan.refresh_from_db()
    if role in EDITS_PLAN:
        assert response.status_code == 200
        assert (response.json()["status"], plan.status) == ("submitted", PlanStatus.SUBMITTED)
        # no route for plans: it waits for its unit's schedule
        assert response.json()["run"] is None
        return
    assert response.status_code in (ANONYMOUS_REFUSED if role is None else {403} if role in SEES_PLAN else {404})
    assert state() == before


def test_submitted_plan_cannot_change_and_has_nothing_to_decide(world: Any) -> None:
    plan = make_plan(world)
    services.plan_submit(actor=world.user("employee"), plan=plan)
    client = api(world, "employee")
    before = state()
    added = client.post(f"{BASE}/plans/{plan.public_id}/items/", item_body(), format="json")
    assert (added.status_code, added.json()["code"]) == (409, "invalid_state")
    decided = client.post(f"{BASE}/plans/{plan.public_id}/decide/", {"action": "approve", "expected_step": 1})
    assert (decided.status_code, decided.json()["code"]) == (409, "invalid_state")
    assert state() == before


@pytest.mark.req("PLN-06")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_plan_amend_for_every_role(routed: Any, role: str | None) -> None:
    approved_unit_schedule(routed, keys=("d1_1",))
    plan = IndividualPlan.objects.get(person=routed.people["d1_1"])
    assert plan.status == PlanStatus.APPROVED
    before = state()
    response = api(routed, role).post(f"{BASE}/plans/{plan.public_id}/amend/", {"reason": "A new course came up"})
    if role in EDITS_PLAN:
        assert response.status_code == 201
        body = response.json()
        assert (body["version"], body["status"], body["previous"], body["amendment_reason"]) == (
            2,
            "draft",
            str(plan.public_id),
            "A new course came up",
        )
        assert [i["topic"] for i in body["items"]] == ["Digital teaching tools"]
        return
    assert response.status_code in (ANONYMOUS_REFUSED if role is None else {403} if role in SEES_PLAN else {404})
    assert state() == before


def test_plan_amend_needs_a_reason(routed: Any) -> None:
    approved_unit_schedule(routed, keys=("d1_1",))
    plan = IndividualPlan.objects.get(person=routed.people["d1_1"])
    before = state()
    response = api(routed, "hr_officer").post(f"{BASE}/plans/{plan.public_id}/amend/", {"reason": " "})
    assert (response.status_code, response.json()["extra"]["field"]) == (400, "amendment_reason")
    assert state() == before


# --- unit schedules (PLN-02) ----------------------------------------------------------------------


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_unit_schedule_list_and_detail_for_every_role(routed: Any, role: str) -> None:
    schedule = draft_schedule(routed)
    plan = IndividualPlan.objects.get()
    client = api(routed, role)
    rows = client.get(f"{BASE}/unit-schedules/").json()["results"]
    assert [row["public_id"] for row in rows] == ([str(schedule.public_id)] if role in SEES_UNIT_SCHEDULE else [])
    detail = client.get(f"{BASE}/unit-schedules/{schedule.public_id}/")
    assert detail.status_code == (200 if role in SEES_UNIT_SCHEDULE else 404)
    if role in SEES_UNIT_SCHEDULE:
        body = detail.json()
        assert (body["status"], body["plans"], body["meeting_number"], body["meeting_present"]) == (
            "draft",
            [str(plan.public_id)],
            "2",
            9,
        )
        assert [(line["person"]["public_id"], line["item"]["topic"]) for line in body["lines"]] == [
            (str(routed.people["d1_1"].public_id), "Digital teaching tools")
        ]


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_unit_schedule_create_for_every_role(world: Any, role: str | None) -> None:
    before = state()
    response = api(world, role).post(
        f"{BASE}/unit-schedules/", {"unit": str(world.units["d1"].public_id), "year": YEAR}
    )
    if role in MANAGES_UNIT_SCHEDULE:
        assert response.status_code == 201
        assert (response.json()["unit"]["public_id"], response.json()["status"]) == (
            str(world.units["d1"].public_id),
            "draft",
        )
        return
    if role is None:
        assert response.status_code in ANONYMOUS_REFUSED
    else:
        # a unit the user sees but does not head, or a user who heads no unit at all: 403 (before
        # the input is read)
        assert response.status_code == 403
    assert state() == before


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_unit_schedule_assemble_minutes_submit_for_every_role(routed: Any, role: str | None) -> None:
    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    schedule = services.unit_schedule_create(actor=routed.user("unit_head"), unit=routed.units["d1"], year=YEAR)
    client = api(routed, role)
    before = state()
    base = f"{BASE}/unit-schedules/{schedule.public_id}"
    minutes = {
        "meeting_date": "2024-11-05",
        "meeting_number": "7",
        "meeting_present": 11,
        "meeting_decision": "Approve the schedule",
    }
    statuses = [
        client.post(f"{base}/assemble/").status_code,
        client.post(f"{base}/minutes/", minutes).status_code,
        client.post(f"{base}/submit/").status_code,
    ]
    schedule.refresh_from_db()
    if role in MANAGES_UNIT_SCHEDULE:
        assert statuses == [200, 200, 200]
        assert (schedule.status, schedule.meeting_number, schedule.plans.count()) == (PlanStatus.SUBMITTED, "7", 1)
        run = run_of(schedule)
        assert run is not None
        body = client.get(f"{base}/").json()
        assert body["run"]["current_step"]["decider"] == "unit_head"
        assert body["run"]["allowed_actions"] == (["approve", "return"] if role == "unit_head" else [])
        return
    if role is None:
        assert {s in ANONYMOUS_REFUSED for s in statuses} == {True}
    else:
        assert statuses == ([403] * 3 if role in SEES_UNIT_SCHEDULE else [404] * 3)
    assert state() == before


def test_unit_schedule_needs_minutes_and_a_past_meeting(routed: Any) -> None:
    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    client = api(routed, "unit_head")
    before = state()
    base = f"{BASE}/unit-schedules/{schedule.public_id}"
    submitted = client.post(f"{base}/submit/")
    assert (submitted.status_code, submitted.json()["extra"]["field"]) == (400, "meeting_date")
    future = client.post(
        f"{base}/minutes/",
        {"meeting_date": "2099-01-01", "meeting_number": "1", "meeting_present": 3, "meeting_decision": "x"},
    )
    assert (future.status_code, future.json()["extra"]["field"]) == (400, "meeting_date")
    assert state() == before


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_unit_schedule_decide_for_every_role(routed: Any, role: str | None) -> None:
    schedule = draft_schedule(routed)
    services.unit_schedule_submit(actor=routed.user("unit_head"), schedule=schedule)
    body = decide_body(schedule)
    before = state()
    response = api(routed, role).post(f"{BASE}/unit-schedules/{schedule.public_id}/decide/", body)
    if role == "unit_head":  # the first step is the head's
        assert response.status_code == 200
        run = run_of(schedule)
        assert run is not None
        assert (response.json()["status"], response.json()["run"]["current_step"]["order"]) == ("submitted", 2)
        assert list(run.decisions.values_list("action", "actor__username")) == [("approve", "unit_head")]
        return
    if role is None:
        assert response.status_code in ANONYMOUS_REFUSED
    else:
        assert response.status_code == (403 if role in SEES_UNIT_SCHEDULE else 404)
    assert state() == before


def test_unit_schedule_decisions_through_the_api_approve_it_and_its_plans(routed: Any) -> None:
    schedule = draft_schedule(routed)
    services.unit_schedule_submit(actor=routed.user("unit_head"), schedule=schedule)
    for role in UNIT_ROUTE_ROLES:
        response = api(routed, role).post(f"{BASE}/unit-schedules/{schedule.public_id}/decide/", decide_body(schedule))
        assert response.status_code == 200, (role, response.json())
    assert response.json()["status"] == "approved"
    assert response.json()["run"]["status"] == "approved"
    assert IndividualPlan.objects.get().status == PlanStatus.APPROVED
    # a decision on a step already passed is refused
    stale = api(routed, "unit_head").post(
        f"{BASE}/unit-schedules/{schedule.public_id}/decide/", {"action": "approve", "expected_step": 1}
    )
    assert (stale.status_code, stale.json()["code"]) == (409, "invalid_state")


def test_return_needs_a_comment(routed: Any) -> None:
    schedule = draft_schedule(routed)
    services.unit_schedule_submit(actor=routed.user("unit_head"), schedule=schedule)
    client = api(routed, "unit_head")
    before = state()
    body = {**decide_body(schedule), "action": "return"}
    response = client.post(f"{BASE}/unit-schedules/{schedule.public_id}/decide/", body)
    assert (response.status_code, response.json()["extra"]["field"]) == (400, "comment")
    assert state() == before
    returned = client.post(
        f"{BASE}/unit-schedules/{schedule.public_id}/decide/", {**body, "comment": "Add the minutes' annex"}
    )
    assert (returned.status_code, returned.json()["status"]) == (200, "returned")


# --- consolidated schedules and the budget (PLN-03) ------------------------------------------------


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_consolidated_create_for_every_role(world: Any, role: str | None) -> None:
    before = state()
    response = api(world, role).post(
        f"{BASE}/consolidated/", {"organisation": str(world.orgs["uni"].public_id), "year": YEAR}
    )
    if role in OFFICERS:
        assert response.status_code == 201
        assert (response.json()["year"], response.json()["status"], response.json()["unit_schedules"]) == (
            YEAR,
            "draft",
            [],
        )
        return
    if role is None:
        assert response.status_code in ANONYMOUS_REFUSED
    else:
        # no HR / PD-centre officer: 403, before the input is read
        assert response.status_code == 403
    assert state() == before


def _submitted_consolidated(routed: Any) -> tuple[ConsolidatedSchedule, UnitSchedule]:
    unit_schedule = approved_unit_schedule(routed)
    hr = routed.user("hr_officer")
    schedule = services.consolidated_create(actor=hr, organisation=routed.orgs["uni"], year=YEAR)
    return schedule, unit_schedule


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_consolidated_build_and_submit_for_every_role(routed: Any, role: str | None) -> None:
    schedule, unit_schedule = _submitted_consolidated(routed)
    client = api(routed, role)
    before = state()
    built = client.post(f"{BASE}/consolidated/{schedule.public_id}/build/")
    submitted = client.post(f"{BASE}/consolidated/{schedule.public_id}/submit/")
    if role in OFFICERS:
        assert (built.status_code, built.json()["unit_schedules"]) == (200, [str(unit_schedule.public_id)])
        assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
        assert submitted.json()["run"]["current_step"]["decider"] == "hr"
        return
    statuses = [built.status_code, submitted.status_code]
    if role is None:
        assert {s in ANONYMOUS_REFUSED for s in statuses} == {True}
    else:
        assert statuses == ([403, 403] if role in SEES_CONSOLIDATED else [404, 404])
    assert state() == before


@pytest.mark.req("PLN-03")
def test_consolidated_approved_through_the_api_with_its_budget(routed: Any) -> None:
    schedule, _unit_schedule = _submitted_consolidated(routed)
    # a plan of another unit that went into no approved schedule counts for nothing
    make_plan(routed, "d3_1", funding=FundingSource.GRANT, cost="400000")
    hr = api(routed, "hr_officer")
    hr.post(f"{BASE}/consolidated/{schedule.public_id}/build/")
    hr.post(f"{BASE}/consolidated/{schedule.public_id}/submit/")
    for role in CONSOLIDATED_ROLES:
        response = api(routed, role).post(f"{BASE}/consolidated/{schedule.public_id}/decide/", decide_body(schedule))
        assert response.status_code == 200, (role, response.json())
    assert response.json()["status"] == "approved"
    budget = api(routed, "finance_officer").get(f"{BASE}/consolidated/{schedule.public_id}/budget/").json()
    assert budget["status"] == "approved"
    # d1_1 and d1_2: one organisation-funded course each
    assert [(line["funding_source"], line["items"], line["people"], line["cost"]) for line in budget["lines"]] == [
        ("organisation", 2, 2, "300000.00")
    ]
    assert (budget["total"]["items"], budget["total"]["hours"], budget["total"]["cost"]) == (2, "144.0", "300000.00")


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", ROLES, ids=IDS)
def test_consolidated_read_budget_and_decide_for_every_role(routed: Any, role: str | None) -> None:
    schedule, _unit_schedule = _submitted_consolidated(routed)
    services.consolidated_assemble(actor=routed.user("hr_officer"), schedule=schedule)
    services.consolidated_submit(actor=routed.user("hr_officer"), schedule=schedule)
    client = api(routed, role)
    listed = client.get(f"{BASE}/consolidated/")
    budget = client.get(f"{BASE}/consolidated/{schedule.public_id}/budget/")
    before = state()
    decided = client.post(f"{BASE}/consolidated/{schedule.public_id}/decide/", decide_body(schedule))
    if role is None:
        assert {r.status_code in ANONYMOUS_REFUSED for r in (listed, budget, decided)} == {True}
        assert state() == before
        return
    assert [r["public_id"] for r in listed.json()["results"]] == (
        [str(schedule.public_id)] if role in SEES_CONSOLIDATED else []
    )
    assert budget.status_code == (200 if role in SEES_CONSOLIDATED else 404)
    if role in SEES_CONSOLIDATED:
        assert (budget.json()["total"]["cost"], budget.json()["total"]["people"]) == ("300000.00", 2)
    if role == "hr_officer":  # the first step is the HR service's
        assert (decided.status_code, decided.json()["run"]["current_step"]["decider"]) == (200, "finance")
        return
    assert decided.status_code == (403 if role in SEES_CONSOLIDATED else 404)
    assert state() == before


# --- lists cost the same for 2 or 30 rows ----------------------------------------------------------


def _plans(world: Any, rows: int) -> None:
    person, unit, organisation = world.people["d1_1"], world.units["d1"], world.orgs["uni"]
    while IndividualPlan.objects.count() < rows:
        year = 2040 + IndividualPlan.objects.count()
        plan = IndividualPlan.objects.create(person=person, unit=unit, organisation=organisation, year=year)
        PlanItem.objects.create(
            plan=plan,
            topic="Course",
            form="seminar",
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 3, 2),
            hours=Decimal(8),
            funding_source="own",
        )


def _unit_schedules(world: Any, rows: int) -> None:
    _plans(world, 2)
    plans = list(IndividualPlan.objects.all())
    while UnitSchedule.objects.count() < rows:
        year = 2040 + UnitSchedule.objects.count()
        schedule = UnitSchedule.objects.create(organisation=world.orgs["uni"], unit=world.units["d1"], year=year)
        schedule.plans.set(plans)


def _consolidated(world: Any, rows: int) -> None:
    _unit_schedules(world, 2)
    units = list(UnitSchedule.objects.all())
    while ConsolidatedSchedule.objects.count() < rows:
        year = 2040 + ConsolidatedSchedule.objects.count()
        schedule = ConsolidatedSchedule.objects.create(organisation=world.orgs["uni"], year=year)
        schedule.unit_schedules.set(units)


@pytest.mark.parametrize(
    ("path", "fill"),
    [("/plans/", _plans), ("/unit-schedules/", _unit_schedules), ("/consolidated/", _consolidated)],
    ids=["plans", "unit-schedules", "consolidated"],
)
def test_list_costs_the_same_for_2_or_30_rows(
    world: Any, django_assert_max_num_queries: Any, path: str, fill: Any
) -> None:
    client = api(world, "hr_officer")
    counts = []
    for rows in (2, 30):
        fill(world, rows)
        with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as queries:
            response = client.get(BASE + path)
        assert response.status_code == 200
        assert response.json()["count"] == rows
        counts.append(len(queries))
    assert counts[0] == counts[1]
