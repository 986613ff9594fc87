"""Fixtures of planning's tests: the shared ``world`` with the KazNRTU routes given to the
university, and helpers that take documents through their routes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.planning import services
from biliktilik.planning.models import ConsolidatedSchedule, IndividualPlan, UnitSchedule
from biliktilik.planning.seeding import seed_consolidated_route
from biliktilik.planning.selectors import run_of
from biliktilik.workflows.seeding import seed_routes

YEAR = 2031


@pytest.fixture
def routed(world: Any) -> Any:
    seed_routes(organisation=world.orgs["uni"], template="kaznrtu_602_7_4")
    seed_consolidated_route(organisation=world.orgs["uni"])
    return world


def make_plan(
    world: Any, key: str = "d1_1", *, funding: str = FundingSource.ORGANISATION, cost: str = "150000"
) -> IndividualPlan:
    person = world.people[key]
    plan = services.plan_create(
        actor=world.user("hr_officer"), person=person, organisation=world.orgs["uni"], year=YEAR
    )
    services.plan_item_add(
        actor=world.user("hr_officer"),
        plan=plan,
        topic="Digital teaching tools",
        form=PDForm.COURSE_SHORT,
        start_date=dt.date(YEAR, 3, 1),
        end_date=dt.date(YEAR, 3, 10),
        hours=Decimal(72),
        funding_source=funding,
        cost=cost,
        provider_name="Provider",
    )
    return plan


def decide_all(world: Any, document: Any, roles: list[str]) -> Any:
    """Approve the document's run step by step, each by the user of the role given in order."""
    for role in roles:
        run = run_of(document)
        assert run is not None
        services.document_decide(
            actor=world.user(role), document=document, action="approve", expected_step_id=run.current_step_id
        )
    document.refresh_from_db()
    return document


UNIT_ROUTE_ROLES = ["unit_head", "unit_head", "institute_director", "hr_officer", "finance_officer", "first_head"]
CONSOLIDATED_ROLES = ["hr_officer", "finance_officer", "first_head"]


def approved_unit_schedule(world: Any, keys: tuple[str, ...] = ("d1_1", "d1_2")) -> UnitSchedule:
    for key in keys:
        services.plan_submit(actor=world.user("hr_officer"), plan=make_plan(world, key))
    head = world.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=world.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 11, 10),
        meeting_number="3",
        meeting_present=12,
        meeting_decision="Approve the schedule.",
    )
    services.unit_schedule_submit(actor=head, schedule=schedule)
    return decide_all(world, schedule, UNIT_ROUTE_ROLES)


def approved_consolidated(world: Any) -> ConsolidatedSchedule:
    approved_unit_schedule(world)
    hr = world.user("hr_officer")
    schedule = services.consolidated_create(actor=hr, organisation=world.orgs["uni"], year=YEAR)
    services.consolidated_assemble(actor=hr, schedule=schedule)
    services.consolidated_submit(actor=hr, schedule=schedule)
    return decide_all(world, schedule, CONSOLIDATED_ROLES)
