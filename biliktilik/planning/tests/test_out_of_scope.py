"""SEC-01: a detail page of an object outside the user's scope answers 404, even when it would
show no data; the same pages answer 200 to someone in scope. Table-driven over the detail URLs
of planning, the ledger, compliance, workflows and policy, and the roles of the world plus a
head of another unit (D3) and HR of another university."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.roles import Role
from biliktilik.ledger.tests.conftest import make_evidence, make_record
from biliktilik.planning.models import IndividualPlan
from biliktilik.planning.selectors import run_of
from biliktilik.policy.services import rule_set_create
from biliktilik.workflows.models import Route
from tests.factories import RoleGrantFactory, UserFactory

from .conftest import YEAR, approved_consolidated

# Everyone outside the university: these must get 404 on every object of the university.
OUTSIDERS = ["authority_officer", "provider_admin", "trainer", "uni2_hr"]
# Inside the university but outside D1: the head of D3 and a plain employee (who sees the
# university's structure and their own data only).
OUTSIDE_D1 = ["d3_head", "employee"]
UNIT_LEVEL = [*OUTSIDERS, *OUTSIDE_D1]
ORGANISATION_LEVEL = [*UNIT_LEVEL, "unit_head", "institute_director"]

Builder = Callable[[dict[str, Any]], str]

# url name -> (how to build it from the objects, roles that must get 404, a role that gets 200)
TABLE: dict[str, tuple[Builder, list[str], str]] = {
    "planning:plan_detail": (
        lambda o: reverse("planning:plan_detail", args=[o["plan"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "planning:unit_schedule_detail": (
        lambda o: reverse("planning:unit_schedule_detail", args=[o["unit_schedule"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "planning:unit_schedule_export": (
        lambda o: reverse("planning:unit_schedule_export", args=[o["unit_schedule"].public_id, "xlsx"]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "planning:approved_part": (
        lambda o: reverse("planning:approved_part", args=[o["d1"].public_id, YEAR]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "planning:consolidated_detail": (
        lambda o: reverse("planning:consolidated_detail", args=[o["consolidated"].public_id]),
        ORGANISATION_LEVEL,
        "hr_officer",
    ),
    "ledger:record_detail": (
        lambda o: reverse("ledger:record_detail", args=[o["record"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "ledger:evidence_download": (
        lambda o: reverse("ledger:evidence_download", args=[o["evidence"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "ledger:person_records": (
        lambda o: reverse("ledger:person_records", args=[o["person"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "ledger:person_card": (
        lambda o: reverse("ledger:person_card", args=[o["person"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "compliance:person": (
        lambda o: reverse("compliance:person", args=[o["person"].public_id]),
        UNIT_LEVEL,
        "unit_head",
    ),
    "workflows:run_detail": (
        lambda o: reverse("workflows:run_detail", args=[o["run"].public_id]),
        [*OUTSIDERS, "employee"],
        "hr_officer",
    ),
    "workflows:route_detail": (
        lambda o: reverse("workflows:route_detail", args=[o["route"].public_id]),
        OUTSIDERS,
        "hr_officer",
    ),
    "policy:rule_set_detail": (
        lambda o: reverse("policy:rule_set_detail", args=[o["rule_set"].public_id]),
        OUTSIDERS,
        "sysadmin",
    ),
}
CASES = [(name, role) for name, (_, roles, _) in TABLE.items() for role in roles]


@pytest.fixture
def objects(routed: Any) -> dict[str, Any]:
    world = routed
    d3_head = UserFactory(username="d3_head")
    RoleGrantFactory(user=d3_head, role=Role.UNIT_HEAD, organisation=world.orgs["uni"], unit=world.units["d3"])
    uni2_hr = UserFactory(username="uni2_hr")
    RoleGrantFactory(user=uni2_hr, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    world.users.update(d3_head=d3_head, uni2_hr=uni2_hr)

    consolidated = approved_consolidated(world)
    unit_schedule = consolidated.unit_schedules.get()
    person = world.people["d1_2"]
    record = make_record(world, "d1_2", end_date=dt.date(2024, 2, 16))
    return {
        "world": world,
        "d1": world.units["d1"],
        "person": person,
        "plan": IndividualPlan.objects.filter(person=person).latest("id"),
        "unit_schedule": unit_schedule,
        "consolidated": consolidated,
        "run": run_of(unit_schedule),
        "route": Route.objects.filter(organisation=world.orgs["uni"], is_current=True).first(),
        "record": record,
        "evidence": make_evidence(world, record),
        "rule_set": rule_set_create(
            actor=world.user("sysadmin"),
            owner=world.orgs["uni"],
            code="uni-own",
            title_kk="Университет ережелері",
            source_document="Own",
            effective_from=dt.date(2024, 1, 1),
        ),
    }


def _get(objects: dict[str, Any], role: str, name: str) -> int:
    client = Client()
    client.force_login(objects["world"].user(role))
    build = TABLE[name][0]
    return client.get(build(objects)).status_code


@pytest.mark.req("SEC-01")
def test_out_of_scope_detail_pages_answer_404(objects):
    answers = {(name, role): _get(objects, role, name) for name, role in CASES}

    assert {case: status for case, status in answers.items() if status != 404} == {}


@pytest.mark.req("SEC-01")
def test_the_same_pages_answer_200_in_scope(objects):
    answers = {name: _get(objects, allowed, name) for name, (_, _, allowed) in TABLE.items()}

    assert {name: status for name, status in answers.items() if status != 200} == {}
