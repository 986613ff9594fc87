"""The planning pages for every role (PLN-01..03, PLN-06, SEC-02)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.models import AuditEvent
from biliktilik.planning import services
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import IndividualPlan, PlanItem, PlanningCalendar
from conftest import ALL_ROLES

from .conftest import YEAR, approved_consolidated, approved_unit_schedule, make_plan

pytestmark = pytest.mark.django_db

# Who sees the plan of d1_1 (the employee's own): themselves, their unit head and institute
# director, and those who see the university whole.
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


def client_for(world: Any, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


@pytest.mark.req("PLN-01")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_plan_page_for_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    response = client_for(world, role).get(reverse("planning:plan_detail", args=[plan.public_id]))
    if role is None:
        assert response.status_code == 302
    elif role in SEES_PLAN:
        assert response.status_code == 200
        assert b"Digital teaching tools" in response.content
        assert (b"Submit the plan" in response.content) == (role in EDITS_PLAN)
    else:
        assert response.status_code == 404


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_adding_an_item_by_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    events = AuditEvent.objects.count()
    data = {
        "topic": "New topic",
        "form": "seminar",
        "start_date": f"{YEAR}-04-01",
        "end_date": f"{YEAR}-04-02",
        "hours": "8",
        "provider_name": "",
        "funding_source": "own",
        "cost": "0",
    }
    response = client_for(world, role).post(reverse("planning:plan_action", args=[plan.public_id, "add"]), data)
    if role in EDITS_PLAN:
        assert response.status_code == 302
        assert plan.items.count() == 2
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code in {302, 403, 404}
        assert plan.items.count() == 1
        assert AuditEvent.objects.count() == events


@pytest.mark.req("PLN-01")
def test_employee_opens_plan_from_the_dashboard_and_submits_it(world: Any) -> None:
    client = client_for(world, "employee")
    response = client.post(
        reverse("planning:plan_open"), {"organisation": str(world.orgs["uni"].public_id), "year": YEAR}
    )
    plan = IndividualPlan.objects.get(person=world.people["d1_1"])
    assert response["Location"] == reverse("planning:plan_detail", args=[plan.public_id])
    client.post(
        reverse("planning:plan_action", args=[plan.public_id, "add"]),
        {
            "topic": "AI in teaching",
            "form": "training",
            "start_date": f"{YEAR}-05-01",
            "end_date": f"{YEAR}-05-03",
            "hours": "24",
            "funding_source": "organisation",
            "cost": "50000",
        },
    )
    client.post(reverse("planning:plan_action", args=[plan.public_id, "submit"]))
    plan.refresh_from_db()
    assert (plan.status, plan.items.count()) == (PlanStatus.SUBMITTED, 1)


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_dashboard_for_every_role_with_countdown(world: Any, role: str | None) -> None:
    PlanningCalendar.objects.create(organisation=world.orgs["uni"], plan_due_month=12, plan_due_day=1)
    response = client_for(world, role).get(reverse("planning:dashboard") + f"?year={YEAR}")
    if role is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    owes = {
        "employee": "plan",
        "unit_head": "unit_schedule",
        "hr_officer": "consolidated",
        "pd_officer": "consolidated",
    }
    kinds = [o.kind for o in response.context["board"].owed]
    expected = [owes[role]] if role in owes else []
    if role in {"unit_head", "hr_officer", "trainer"}:  # these users are also staff with a plan to make
        expected = ["plan", *expected]
    assert kinds == expected
    if role == "trainer":  # the provider set no planning calendar
        assert b"The organisation has set no deadline." in response.content
    elif expected:
        assert f"01.12.{YEAR - 1}".encode() in response.content


@pytest.mark.req("PLN-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_unit_schedule_page_and_submit_for_every_role(routed: Any, role: str | None) -> None:
    services.plan_submit(actor=routed.user("hr_officer"), plan=make_plan(routed))
    head = routed.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=routed.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 11, 1),
        meeting_number="2",
        meeting_present=9,
        meeting_decision="Agreed",
    )
    client = client_for(routed, role)
    page = client.get(reverse("planning:unit_schedule_detail", args=[schedule.public_id]))
    sees = {
        "unit_head",
        "institute_director",
        "hr_officer",
        "pd_officer",
        "finance_officer",
        "first_head",
        "auditor",
        "sysadmin",
    }
    assert page.status_code == (302 if role is None else 200 if role in sees else 404)
    client.post(reverse("planning:unit_schedule_action", args=[schedule.public_id, "submit"]))
    schedule.refresh_from_db()
    assert schedule.status == (
        PlanStatus.SUBMITTED if role in {"unit_head", "hr_officer", "pd_officer"} else PlanStatus.DRAFT
    )


@pytest.mark.req("PLN-03")
def test_consolidated_page_decide_and_exports(routed: Any) -> None:
    approved_unit_schedule(routed)
    hr = routed.user("hr_officer")
    schedule = services.consolidated_create(actor=hr, organisation=routed.orgs["uni"], year=YEAR)
    services.consolidated_assemble(actor=hr, schedule=schedule)
    services.consolidated_submit(actor=hr, schedule=schedule)
    client = client_for(routed, "hr_officer")
    page = client.get(reverse("planning:consolidated_detail", args=[schedule.public_id]))
    assert page.status_code == 200
    step = page.context["panel"].run.current_step_id
    client.post(
        reverse("planning:consolidated_action", args=[schedule.public_id, "decide"]),
        {"action": "approve", "expected_step": step},
    )
    finance = client_for(routed, "finance_officer")
    page = finance.get(reverse("planning:consolidated_detail", args=[schedule.public_id]))
    assert [a for a, _ in page.context["actions"]] == ["approve", "return", "reject"]
    # a user who may not decide sends a decision: nothing changes
    client_for(routed, "auditor").post(
        reverse("planning:consolidated_action", args=[schedule.public_id, "decide"]),
        {"action": "approve", "expected_step": page.context["panel"].run.current_step_id},
    )
    assert page.context["panel"].run.decisions.count() == 1
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF")):
        for lang in ("kk", "ru"):
            response = client.get(
                reverse("planning:consolidated_export", args=[schedule.public_id, fmt]) + f"?lang={lang}"
            )
            assert response.status_code == 200
            assert response.content[:4].startswith(magic)
            assert response["Cache-Control"] == "no-store"
            assert response["Content-Disposition"].endswith(f"-{lang}.{fmt}")


@pytest.mark.req("PLN-03")
def test_unit_head_sees_the_approved_part(routed: Any) -> None:
    approved_consolidated(routed)
    response = client_for(routed, "unit_head").get(
        reverse("planning:approved_part", args=[routed.units["d1"].public_id, YEAR])
    )
    assert response.status_code == 200
    assert len(response.context["lines"]) == 2


@pytest.mark.req("PLN-06")
def test_compare_page_shows_reason_and_changes(routed: Any) -> None:
    approved_unit_schedule(routed)
    old = IndividualPlan.objects.get(person=routed.people["d1_1"], year=YEAR)
    client = client_for(routed, "employee")
    client.post(reverse("planning:plan_action", args=[old.public_id, "amend"]), {"reason": "Course postponed"})
    new = IndividualPlan.objects.get(previous=old)
    PlanItem.objects.filter(plan=new).update(hours=36)
    response = client.get(reverse("planning:compare", args=["plan", old.public_id, new.public_id]))
    assert response.status_code == 200
    assert b"Course postponed" in response.content
    assert [[f[0] for f in c.fields] for c in response.context["c"].changed] == [["hours"]]


@pytest.mark.req("PLN-01")
def test_dashboard_queries_do_not_grow_with_rows(world: Any, django_assert_max_num_queries: Any) -> None:
    client = client_for(world, "hr_officer")
    make_plan(world, "d1_1")
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("planning:dashboard") + f"?year={YEAR}")
    for key in ("d1_2", "d2_1", "d2_2", "d3_1", "d3_2"):
        make_plan(world, key)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("planning:dashboard") + f"?year={YEAR}")
