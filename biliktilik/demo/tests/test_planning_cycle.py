"""load_demo_planning: a full year of PD planning at the demo's technical university, through the
planning services and the approval routes, decided by the users the resolver names."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from biliktilik.accounts.models import User
from biliktilik.core.models import AuditEvent
from biliktilik.demo.planner import REFERENCE_DATE
from biliktilik.demo.planning_cycle import DEPARTMENTS, default_year, planning_cycle_load
from biliktilik.demo.structure import TECH
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.planning import selectors
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from biliktilik.workflows.enums import Decider, DecisionAction, RunStatus
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.resolvers import Place, step_holders
from tests.shared_data import dataset_fixture, shared_dataset

SMALL = 60
# The demo is pinned to its base day; the year planned is the one after it.
TODAY = REFERENCE_DATE.isoformat()
YEAR = default_year(REFERENCE_DATE)
UNIT_ROUTE = ["unit_head", "unit_head", "institute_director", "hr", "finance", "management_office"]


def run_command(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_planning", "--today", TODAY, *args, stdout=out)
    return out.getvalue()


@shared_dataset("demo_small_with_cycle")
def build_demo_with_cycle() -> str:
    """The small demo with its planning year, loaded once for the tests that only read them."""
    call_command("load_demo", "--staff", str(SMALL), "--today", TODAY, stdout=io.StringIO())
    return run_command()


demo_small_with_cycle = dataset_fixture("demo_small_with_cycle")


@pytest.fixture
def demo(db: Any) -> Organisation:
    call_command("load_demo", "--staff", str(SMALL), "--today", TODAY, stdout=io.StringIO())
    return Organisation.objects.get(code=TECH.code)


@pytest.fixture
def cycle(demo_small_with_cycle: str) -> str:
    return demo_small_with_cycle


@pytest.fixture
def tech(demo_small_with_cycle: str) -> Organisation:
    """The technical university of the demo whose year the cycle ran."""
    return Organisation.objects.get(code=TECH.code)


def state() -> dict[str, Any]:
    return {
        "plans": IndividualPlan.objects.count(),
        "items": PlanItem.objects.count(),
        "unit_schedules": UnitSchedule.objects.count(),
        "consolidated": list(ConsolidatedSchedule.objects.values_list("pk", "status")),
        "runs": list(Run.objects.order_by("pk").values_list("pk", "status")),
        "decisions": Decision.objects.count(),
        "users": User.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def fingerprint(organisation: Organisation) -> list[Any]:
    """What the cycle wrote, without database ids or timestamps."""
    items = PlanItem.objects.filter(plan__organisation=organisation).order_by(
        "plan__person__iin", "start_date", "topic"
    )
    schedules = UnitSchedule.objects.filter(organisation=organisation).order_by("unit__code")
    return [
        list(
            items.values_list(
                "plan__person__iin", "plan__unit__code", "topic", "form", "start_date", "end_date", "hours"
            )
        ),
        list(items.values_list("funding_source", "cost", "in_profile", "management_topic")),
        list(schedules.values_list("unit__code", "status", "meeting_date", "meeting_number", "meeting_present")),
        sorted(Decision.objects.filter(run__organisation=organisation).values_list("step__decider", "actor__username")),
    ]


@pytest.mark.req("PLN-03")
def test_the_consolidated_schedule_ends_approved_with_a_budget_once(cycle: str, tech: Organisation) -> None:
    # given the demo loaded, when the year's cycle ran, then form 602-05 is approved
    consolidated = ConsolidatedSchedule.objects.get(organisation=tech, year=YEAR)
    assert (consolidated.status, consolidated.version) == (PlanStatus.APPROVED, 1)
    # built from the approved schedules of the four departments of two institutes
    units = sorted(consolidated.unit_schedules.values_list("unit__code", "status"))
    assert units == sorted((code, PlanStatus.APPROVED) for _institute, code in DEPARTMENTS)
    institutes = {institute for institute, _code in DEPARTMENTS}
    assert institutes == {"IAIT", "IGN"}
    # with a non-zero budget, the total being the sum of the funding sources
    lines, total = selectors.budget_lines(consolidated)
    assert total.cost > 0
    assert total.cost == sum((line.cost for line in lines), Decimal(0))
    assert {line.funding_source for line in lines} == {
        FundingSource.ORGANISATION,
        FundingSource.OWN,
        FundingSource.GRANT,
    }
    assert total.items == PlanItem.objects.filter(plan__organisation=tech, plan__year=YEAR).count()
    # and the summary prints it
    assert f"{total.cost:,.2f}".replace(",", " ") in cycle
    assert "after 3 decisions" in cycle
    # a second run is refused and changes nothing
    before = state()
    assert "nothing changed" in run_command()
    assert state() == before


@pytest.mark.req("PLN-01")
def test_every_member_of_staff_of_the_departments_has_an_approved_plan(cycle: str, tech: Organisation) -> None:
    units = [Unit.objects.get(organisation=tech, code=code) for _institute, code in DEPARTMENTS]
    plans = IndividualPlan.objects.filter(organisation=tech, year=YEAR)
    # every plan is approved together with its unit's schedule and is in it
    assert set(plans.values_list("status", flat=True)) == {PlanStatus.APPROVED}
    assert set(plans.values_list("unit__code", flat=True)) == {code for _institute, code in DEPARTMENTS}
    for unit in units:
        schedule = UnitSchedule.objects.get(unit=unit, year=YEAR)
        assert set(schedule.plans.values_list("pk", flat=True)) == set(
            plans.filter(unit=unit).values_list("pk", flat=True)
        )
        assert schedule.has_minutes
    # items: courses, internships, conferences; in profile and management topics
    items = PlanItem.objects.filter(plan__in=plans)
    forms = set(items.values_list("form", flat=True))
    assert {PDForm.COURSE_SHORT, PDForm.PROFESSIONAL_INTERNSHIP, PDForm.CONFERENCE} <= forms
    assert items.filter(in_profile=True).exists()
    assert items.filter(management_topic=True).count() == len(units)  # one for each head of department
    # who has a login wrote their own plan (the employee, the heads), HR the others
    own = dict(User.objects.filter(person__isnull=False).values_list("person_id", "username"))
    writers = {plan.person_id: plan.created_by.username for plan in plans.select_related("created_by")}
    assert writers == {person: own.get(person, "hr") for person in writers}
    assert {"employee", "unit_head", "head-cyb", "head-aut", "head-geo"} <= set(writers.values())


@pytest.mark.req("PLN-02")
def test_each_step_decided_by_the_user_the_route_names_and_the_logins_see_it(cycle: str, tech: Organisation) -> None:
    for institute_code, code in DEPARTMENTS:
        unit = Unit.objects.get(organisation=tech, code=code)
        schedule = UnitSchedule.objects.get(unit=unit, year=YEAR)
        run = selectors.run_of(schedule)
        assert run is not None
        assert run.status == RunStatus.APPROVED
        decisions = list(run.decisions.select_related("step", "actor").order_by("created_at", "pk"))
        # one approval per step of the KazNRTU route (finance too: the university pays for some)
        assert [d.step.decider for d in decisions] == UNIT_ROUTE
        assert {d.action for d in decisions} == {DecisionAction.APPROVE}
        for decision in decisions:
            assert decision.actor_id in step_holders(decision.step.decider, Place.of(tech.pk, unit))
        expected_head = "unit_head" if code == "SE" else f"head-{code.lower()}"
        expected_director = "institute_director" if institute_code == "IAIT" else f"director-{institute_code.lower()}"
        # the management office has no head in the demo: the rector approves
        assert [d.actor.username for d in decisions] == [
            expected_head,
            expected_head,
            expected_director,
            "hr",
            "finance",
            "rector",
        ]
    consolidated = ConsolidatedSchedule.objects.get(organisation=tech, year=YEAR)
    run = selectors.run_of(consolidated)
    assert run is not None
    assert [(d.step.decider, d.actor.username) for d in run.decisions.order_by("created_at", "pk")] == [
        (Decider.HR, "hr"),
        (Decider.FINANCE, "finance"),
        (Decider.MANAGEMENT_OFFICE, "rector"),
    ]
    assert AuditEvent.objects.filter(action="planning.consolidatedschedule.approved").count() == 1
    # and the demo logins see the result, each as far as their role reaches
    for username in ["hr", "finance", "rector", "pd_centre", "auditor"]:
        user = User.objects.get(username=username)
        assert list(selectors.consolidated_visible_to(user).filter(year=YEAR)) == [consolidated], username
    head = User.objects.get(username="unit_head")
    assert list(selectors.unit_schedules_visible_to(head).filter(year=YEAR).values_list("unit__code", flat=True)) == [
        "SE"
    ]
    director = User.objects.get(username="institute_director")
    assert sorted(
        selectors.unit_schedules_visible_to(director).filter(year=YEAR).values_list("unit__code", flat=True)
    ) == ["AUT", "CYB", "SE"]
    employee = User.objects.get(username="employee")
    assert selectors.plans_visible_to(employee).filter(year=YEAR, person_id=employee.person_id).count() == 1
    se = Unit.objects.get(organisation=tech, code="SE")
    schedule, lines = selectors.approved_part(head, unit=se, year=YEAR)
    assert schedule == consolidated
    assert {line.unit.code for line in lines} == {"SE"}


def test_refused_without_the_demo(db: Any) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        run_command()
    assert IndividualPlan.objects.count() == 0


def test_the_same_year_gives_the_same_cycle(demo: Organisation) -> None:
    prints = []
    for _attempt in range(2):
        with transaction.atomic():
            planning_cycle_load(year=YEAR, today=REFERENCE_DATE)
            prints.append(fingerprint(demo))
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert len(prints[0][0]) > 0
