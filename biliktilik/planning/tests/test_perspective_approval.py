"""The perspective plan as a document type: submitted and approved through its route, edited only
as a draft or returned, amended as a new version (PLN-04)."""

from __future__ import annotations

from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents.services import document_decide
from biliktilik.planning import perspective
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import PerspectivePlan
from biliktilik.planning.seeding import seed_perspective_route
from biliktilik.workflows.selectors import active_run_of
from conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

EDITS_PLAN = {"hr_officer", "pd_officer", "sysadmin"}


def make_plan(world: Any) -> PerspectivePlan:
    actor = world.user("sysadmin")
    plan = perspective.perspective_create(
        actor=actor, organisation=world.orgs["uni"], title="PD 2023-2026", from_year=2023, to_year=2026
    )
    perspective.perspective_stage_add(actor=actor, plan=plan, title="Stage one", from_year=2023, to_year=2024)
    perspective.perspective_target_set(actor=actor, plan=plan, year=2023, people=10, hours=720, money=1000)
    return plan


def decide(world: Any, role: str, plan: PerspectivePlan, action: str = "approve") -> PerspectivePlan:
    run = active_run_of(plan)
    assert run is not None
    return document_decide(
        actor=world.user(role), document=plan, action=action, expected_step_id=run.current_step_id, comment="Seen."
    )


@pytest.mark.req("PLN-04")
def test_submit_and_approve_through_the_route(world: Any) -> None:
    seed_perspective_route(organisation=world.orgs["uni"])
    plan = make_plan(world)
    plan = perspective.perspective_submit(actor=world.user("hr_officer"), plan=plan)
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_at is not None
    plan = decide(world, "hr_officer", plan)
    assert plan.status == PlanStatus.SUBMITTED
    plan = decide(world, "first_head", plan)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_at is not None


def test_submit_without_a_route_is_refused(world: Any) -> None:
    plan = make_plan(world)
    with pytest.raises(ApplicationError) as error:
        perspective.perspective_submit(actor=world.user("hr_officer"), plan=plan)
    assert error.value.code == ErrorCode.INVALID_STATE
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_return_makes_it_editable_again(world: Any) -> None:
    seed_perspective_route(organisation=world.orgs["uni"])
    plan = perspective.perspective_submit(actor=world.user("hr_officer"), plan=make_plan(world))
    plan = decide(world, "hr_officer", plan, "return")
    assert plan.status == PlanStatus.RETURNED
    perspective.perspective_update(
        actor=world.user("hr_officer"), plan=plan, title="PD 2023-2026, revised", from_year=2023, to_year=2026
    )


def test_edits_refused_when_submitted(world: Any) -> None:
    seed_perspective_route(organisation=world.orgs["uni"])
    plan = perspective.perspective_submit(actor=world.user("hr_officer"), plan=make_plan(world))
    actor = world.user("hr_officer")
    attempts = [
        lambda: perspective.perspective_update(actor=actor, plan=plan, title="X", from_year=2023, to_year=2026),
        lambda: perspective.perspective_stage_add(actor=actor, plan=plan, title="Two", from_year=2025, to_year=2026),
        lambda: perspective.perspective_stage_remove(actor=actor, stage=plan.stages.get()),
        lambda: perspective.perspective_target_set(actor=actor, plan=plan, year=2024, people=1),
        lambda: perspective.perspective_target_remove(actor=actor, target=plan.targets.get()),
    ]
    for attempt in attempts:
        with pytest.raises(ApplicationError) as error:
            attempt()
        assert error.value.code == ErrorCode.INVALID_STATE
    plan.refresh_from_db()
    assert plan.title == "PD 2023-2026"
    assert plan.stages.count() == 1
    assert plan.targets.count() == 1


def test_amend_makes_version_two_keeping_version_one(world: Any) -> None:
    seed_perspective_route(organisation=world.orgs["uni"])
    plan = perspective.perspective_submit(actor=world.user("hr_officer"), plan=make_plan(world))
    plan = decide(world, "first_head", decide(world, "hr_officer", plan))
    with pytest.raises(ApplicationError) as error:
        perspective.perspective_amend(actor=world.user("hr_officer"), plan=plan, reason="  ")
    assert error.value.field == "amendment_reason"
    new = perspective.perspective_amend(actor=world.user("hr_officer"), plan=plan, reason="New stage")
    assert (new.version, new.previous_id, new.status) == (2, plan.pk, PlanStatus.DRAFT)
    assert (new.title, new.from_year, new.to_year) == ("PD 2023-2026", 2023, 2026)
    assert list(new.stages.values_list("title", flat=True)) == ["Stage one"]
    assert new.targets.get().people == 10
    perspective.perspective_stage_add(
        actor=world.user("hr_officer"), plan=new, title="Stage two", from_year=2025, to_year=2026
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.version == 1
    assert list(plan.stages.values_list("title", flat=True)) == ["Stage one"]
    new = perspective.perspective_submit(actor=world.user("hr_officer"), plan=new)
    new = decide(world, "first_head", decide(world, "hr_officer", new))
    plan.refresh_from_db()
    assert new.status == PlanStatus.APPROVED
    assert plan.status == PlanStatus.SUPERSEDED


@pytest.mark.req("PLN-04")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_every_role_on_submit(world: Any, role: str | None) -> None:
    seed_perspective_route(organisation=world.orgs["uni"])
    plan = make_plan(world)
    actor = world.user(role) if role else None
    if actor is None:
        from django.contrib.auth.models import AnonymousUser

        actor = AnonymousUser()
    if role in EDITS_PLAN:
        assert perspective.perspective_submit(actor=actor, plan=plan).status == PlanStatus.SUBMITTED
        return
    with pytest.raises(ApplicationError) as error:
        perspective.perspective_submit(actor=actor, plan=plan)
    assert error.value.code == ErrorCode.PERMISSION_DENIED
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_the_page_submits_and_decides(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    seed_perspective_route(organisation=world.orgs["uni"])
    plan = make_plan(world)
    detail = reverse("planning:perspective_detail", args=[plan.public_id])
    hr = Client()
    hr.force_login(world.user("hr_officer"))
    assert b'id="perspective-submit"' in hr.get(detail).content
    hr.post(reverse("planning:perspective_action", args=[plan.public_id, "submit"]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    page = hr.get(detail).content
    assert b'id="perspective-submit"' not in page
    assert b'id="stage-add"' not in page
    assert b"planning-decide" in page
    run = active_run_of(plan)
    assert run is not None
    hr.post(
        reverse("planning:perspective_action", args=[plan.public_id, "decide"]),
        {"action": "approve", "expected_step": run.current_step_id, "comment": ""},
    )
    plan.refresh_from_db()
    run.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    head = Client()
    head.force_login(world.user("first_head"))
    head.post(
        reverse("planning:perspective_action", args=[plan.public_id, "decide"]),
        {"action": "approve", "expected_step": run.current_step_id, "comment": ""},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert b'id="perspective-amend"' in hr.get(detail).content
    response = hr.post(reverse("planning:perspective_action", args=[plan.public_id, "amend"]), {"reason": "More"})
    new = PerspectivePlan.objects.get(previous=plan)
    assert response.url == reverse("planning:perspective_detail", args=[new.public_id])
    assert new.version == 2
    assert b"Version 1" in hr.get(response.url).content


def test_removing_a_target_on_the_page_goes_back_to_the_plan(world: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    plan = make_plan(world)
    hr = Client()
    hr.force_login(world.user("hr_officer"))
    response = hr.post(
        reverse("planning:perspective_action", args=[plan.public_id, "target_remove"]),
        {"target": plan.targets.get().pk},
    )
    assert response.status_code == 302
    assert response.url == reverse("planning:perspective_detail", args=[plan.public_id])
    assert not plan.targets.exists()
