"""Plans and schedules through their services and routes (PLN-01..03, PLN-06, SEC-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.planning import services
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import IndividualPlan, PlanItem
from biliktilik.planning.selectors import (
    approved_part,
    budget_lines,
    compare_plans,
    final_approval,
    run_of,
)
from biliktilik.workflows.enums import RunStatus

from .conftest import YEAR, approved_consolidated, approved_unit_schedule, decide_all, make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.req("PLN-01")
def test_employee_opens_and_fills_own_plan(world: Any) -> None:
    # given the employee of D1
    user = world.user("employee")
    # when they open their plan and add an activity
    plan = services.plan_create(actor=user, person=user.person, organisation=world.orgs["uni"], year=YEAR)
    item = services.plan_item_add(
        actor=user,
        plan=plan,
        topic="Research methods",
        form=PDForm.SEMINAR,
        start_date=dt.date(YEAR, 2, 1),
        end_date=dt.date(YEAR, 2, 3),
        hours="24",
        funding_source=FundingSource.OWN,
    )
    # then the plan is a draft of their unit, and the item is stored
    assert (plan.status, plan.unit_id, plan.version) == (PlanStatus.DRAFT, world.units["d1"].pk, 1)
    assert (item.hours, item.cost, item.origin) == (Decimal("24.0"), Decimal("0.00"), "manual")
    assert list(
        AuditEvent.objects.filter(object_id=str(plan.pk), object_type="planning.individualplan")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["planning.plan.create", "planning.item.add"]


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize(
    ("field", "value", "message_field"),
    [
        pytest.param("topic", "  ", "topic", id="blank-topic"),
        pytest.param("form", "nonsense", "form", id="unknown-form"),
        pytest.param("hours", "0", "hours", id="zero-hours"),
        pytest.param("end_date", dt.date(YEAR, 1, 1), "end_date", id="end-before-start"),
        pytest.param("start_date", dt.date(YEAR + 1, 1, 5), "start_date", id="outside-year"),
        pytest.param("cost", "-1", "cost", id="negative-cost"),
    ],
)
def test_item_validation_names_the_field(world: Any, field: str, value: Any, message_field: str) -> None:
    plan = make_plan(world)
    data: dict[str, Any] = {
        "topic": "T",
        "form": PDForm.SEMINAR,
        "start_date": dt.date(YEAR, 2, 1),
        "end_date": dt.date(YEAR, 2, 3),
        "hours": "10",
        "funding_source": FundingSource.OWN,
        "cost": "0",
    }
    data[field] = value
    if field == "start_date":
        data["end_date"] = value + dt.timedelta(days=2)
    with pytest.raises(ApplicationError) as caught:
        services.plan_item_add(actor=world.user("hr_officer"), plan=plan, **data)
    assert caught.value.field == message_field
    assert PlanItem.objects.filter(plan=plan).count() == 1


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ["unit_head", "finance_officer", "auditor", "first_head", "sysadmin", "trainer"])
def test_only_owner_or_officer_changes_a_plan(world: Any, role: str) -> None:
    plan = make_plan(world)
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.plan_item_add(
            actor=world.user(role),
            plan=plan,
            topic="X",
            form=PDForm.SEMINAR,
            start_date=dt.date(YEAR, 2, 1),
            end_date=dt.date(YEAR, 2, 2),
            hours=2,
            funding_source=FundingSource.OWN,
        )
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert (plan.items.count(), AuditEvent.objects.count()) == (1, events)


@pytest.mark.req("PLN-02")
def test_unit_schedule_goes_through_the_kaznrtu_route_and_approves_its_plans(routed: Any) -> None:
    schedule = approved_unit_schedule(routed)
    run = run_of(schedule)
    assert schedule.status == PlanStatus.APPROVED
    assert run is not None
    assert (run.status, run.route.code) == (RunStatus.APPROVED, "kaznrtu-602-7-4")
    assert run.decisions.count() == 6  # the finance step applied: items are paid by the university
    assert set(schedule.plans.values_list("status", flat=True)) == {PlanStatus.APPROVED}


@pytest.mark.req("PLN-02")
def test_unit_schedule_needs_minutes_before_submission(routed: Any) -> None:
    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    with pytest.raises(ApplicationError) as caught:
        services.unit_schedule_submit(actor=head, schedule=schedule)
    assert caught.value.field == "meeting_date"
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.DRAFT


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", ["employee", "institute_director", "finance_officer", "first_head", "sysadmin"])
def test_only_the_unit_head_or_hr_draws_up_the_unit_schedule(routed: Any, role: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.unit_schedule_create(actor=routed.user(role), unit=routed.units["d1"], year=YEAR)
    assert caught.value.code == ErrorCode.PERMISSION_DENIED


@pytest.mark.req("PLN-03")
def test_consolidated_schedule_budget_finance_and_approval(routed: Any) -> None:
    # given an approved unit schedule with two plans paid by the university, 150 000 each
    schedule = approved_consolidated(routed)
    run = run_of(schedule)
    lines, total = budget_lines(schedule)
    assert schedule.status == PlanStatus.APPROVED
    assert run is not None
    assert [d.step.decider for d in run.decisions.order_by("id")] == [
        "hr",
        "finance",
        "management_office",
    ]
    assert [(line.funding_source, line.items, line.cost) for line in lines] == [
        ("organisation", 2, Decimal("300000.00"))
    ]
    assert (total.items, total.people, total.hours, total.cost) == (2, 2, Decimal("144.0"), Decimal("300000.00"))
    with translation.override("kk"):
        approval = final_approval(schedule)
    assert approval is not None
    assert approval.position == "Басқарма аппаратының басшысының бекітуі"


@pytest.mark.req("PLN-03")
def test_finance_step_skipped_when_nobody_is_paid_by_the_university(routed: Any) -> None:
    for key in ("d1_1",):
        services.plan_submit(
            actor=routed.user("hr_officer"), plan=make_plan(routed, key, funding=FundingSource.OWN, cost="0")
        )
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 1, 5),
        meeting_number="1",
        meeting_present=5,
        meeting_decision="Agreed",
    )
    services.unit_schedule_submit(actor=head, schedule=schedule)
    decide_all(routed, schedule, ["unit_head", "unit_head", "institute_director", "hr_officer", "first_head"])
    assert schedule.status == PlanStatus.APPROVED


@pytest.mark.req("PLN-03")
def test_unit_sees_its_approved_part(routed: Any) -> None:
    schedule = approved_consolidated(routed)
    found, lines = approved_part(routed.user("unit_head"), unit=routed.units["d1"], year=YEAR)
    assert found == schedule
    assert sorted(line.person.pk for line in lines) == sorted([routed.people["d1_1"].pk, routed.people["d1_2"].pk])
    assert approved_part(routed.user("unit_head"), unit=routed.units["d3"], year=YEAR) == (None, [])


@pytest.mark.req("PLN-06")
def test_amendment_makes_a_new_version_and_compare_shows_changes(routed: Any) -> None:
    approved_unit_schedule(routed)
    old = IndividualPlan.objects.get(person=routed.people["d1_1"], year=YEAR)
    user = routed.user("employee")
    with pytest.raises(ApplicationError) as caught:
        services.plan_amend(actor=user, plan=old, reason=" ")
    assert caught.value.field == "amendment_reason"
    new = services.plan_amend(actor=user, plan=old, reason="Production need: the course moved")
    first = new.items.get()
    services.plan_item_update(actor=user, item=first, start_date=dt.date(YEAR, 9, 1), end_date=dt.date(YEAR, 9, 10))
    services.plan_item_add(
        actor=user,
        plan=new,
        topic="English B2",
        form=PDForm.COURSE_LONG,
        start_date=dt.date(YEAR, 10, 1),
        end_date=dt.date(YEAR, 12, 1),
        hours=120,
        funding_source=FundingSource.OWN,
    )
    comparison = compare_plans(old, new)
    assert (new.version, new.previous_id, new.status) == (2, old.pk, PlanStatus.DRAFT)
    assert [i.topic for i in comparison.added] == ["English B2"]
    assert comparison.removed == []
    assert [[f[0] for f in c.fields] for c in comparison.changed] == [["start_date", "end_date"]]
    # the approved version cannot be amended twice, and stays approved until the amendment is
    with pytest.raises(ApplicationError) as twice:
        services.plan_amend(actor=user, plan=old, reason="again")
    assert twice.value.code == ErrorCode.CONFLICT
    services.plan_submit(actor=user, plan=new)
    head = routed.user("unit_head")
    schedule = old.unit_schedules.get()
    amended = services.unit_schedule_amend(actor=head, schedule=schedule, reason="Plan of d1_1 amended")
    services.unit_schedule_assemble(actor=head, schedule=amended)
    services.unit_schedule_submit(actor=head, schedule=amended)
    decide_all(
        routed, amended, ["unit_head", "unit_head", "institute_director", "hr_officer", "finance_officer", "first_head"]
    )
    old.refresh_from_db()
    new.refresh_from_db()
    schedule.refresh_from_db()
    assert (old.status, new.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert (schedule.status, amended.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)


@pytest.mark.req("PLN-02")
def test_return_sends_the_schedule_back_and_it_can_be_resubmitted(routed: Any) -> None:
    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 1, 5),
        meeting_number="1",
        meeting_present=5,
        meeting_decision="Agreed",
    )
    services.unit_schedule_submit(actor=head, schedule=schedule)
    run = run_of(schedule)
    assert run is not None
    services.document_decide(
        actor=head, document=schedule, action="return", expected_step_id=run.current_step_id, comment="Fix dates"
    )
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.RETURNED
    services.unit_schedule_submit(actor=head, schedule=schedule)
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.SUBMITTED


@pytest.mark.req("PLN-03")
def test_decision_taken_on_the_workflows_side_reaches_the_document(
    routed: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from biliktilik.workflows.services import run_decide

    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 1, 5),
        meeting_number="1",
        meeting_present=5,
        meeting_decision="Agreed",
    )
    services.unit_schedule_submit(actor=head, schedule=schedule)
    run = run_of(schedule)
    assert run is not None
    with django_capture_on_commit_callbacks(execute=True):
        run_decide(actor=head, run=run, action="return", expected_step_id=run.current_step_id, comment="No")
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.RETURNED
