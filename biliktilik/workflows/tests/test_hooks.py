"""The owning app's hooks run inside the decision's transaction; a failing hook undoes it."""

from __future__ import annotations

from typing import Any

import pytest

from biliktilik.org.models import Unit
from biliktilik.workflows.enums import Decider, DecisionAction, RunStatus
from biliktilik.workflows.hooks import register_hooks, unregister_hooks
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.services import run_cancel, run_decide, run_start

from .helpers import make_route, state


@pytest.fixture
def calls(facts):
    seen: list[tuple[str, int, str]] = []

    def record(name: str) -> Any:
        def hook(*, obj: Any, run: Run, actor: Any) -> None:
            seen.append((name, obj.pk, run.status))

        return hook

    register_hooks(
        Unit,
        on_submit=record("submit"),
        on_approve=record("approve"),
        on_return=record("return"),
        on_reject=record("reject"),
        on_cancel=record("cancel"),
    )
    yield seen
    unregister_hooks(Unit)


def test_each_outcome_calls_its_hook_with_the_object_and_the_saved_run(world, calls):
    unit = world.units["d1"]
    route = make_route(world.orgs["uni"], Decider.HR, Decider.FIRST_HEAD)
    run = run_start(actor=world.user("employee"), obj=unit, route=route)
    run = run_decide(
        actor=world.user("hr_officer"), run=run, action=DecisionAction.APPROVE, expected_step_id=run.current_step_id
    )
    run = run_decide(
        actor=world.user("first_head"), run=run, action=DecisionAction.APPROVE, expected_step_id=run.current_step_id
    )
    second = run_start(actor=world.user("employee"), obj=unit, route=route)
    second = run_decide(
        actor=world.user("hr_officer"),
        run=second,
        action=DecisionAction.RETURN,
        expected_step_id=second.current_step_id,
        comment="Redo",
    )
    third = run_start(actor=world.user("employee"), obj=unit, route=route)
    run_cancel(actor=world.user("employee"), run=third, comment="Not now")
    assert calls == [
        ("submit", unit.pk, RunStatus.IN_PROGRESS),
        ("approve", unit.pk, RunStatus.APPROVED),
        ("submit", unit.pk, RunStatus.IN_PROGRESS),
        ("return", unit.pk, RunStatus.RETURNED),
        ("submit", unit.pk, RunStatus.IN_PROGRESS),
        ("cancel", unit.pk, RunStatus.CANCELLED),
    ]


def test_a_route_with_no_applicable_step_calls_submit_then_approve(world, calls):
    route = make_route(world.orgs["uni"], Decider.HR)
    route.steps.update(condition="requires_payment")
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    assert run.status == RunStatus.APPROVED
    assert [name for name, _pk, _status in calls] == ["submit", "approve"]


def test_a_hook_that_fails_rolls_the_decision_back(world, facts):
    route = make_route(world.orgs["uni"], Decider.HR, Decider.FIRST_HEAD)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)

    def refuse(**kwargs: Any) -> None:
        raise RuntimeError("the owning app failed")

    register_hooks(Unit, on_reject=refuse)
    try:
        before = state()
        with pytest.raises(RuntimeError):
            run_decide(
                actor=world.user("hr_officer"),
                run=run,
                action=DecisionAction.REJECT,
                expected_step_id=run.current_step_id,
                comment="No",
            )
    finally:
        unregister_hooks(Unit)
    assert state() == before
    run.refresh_from_db()
    assert run.status == RunStatus.IN_PROGRESS
    assert not Decision.objects.filter(run=run).exists()
