"""A decision on a planning document's run and the document's own state change together, in one
transaction, wherever the decision is taken."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents import services as kit
from biliktilik.planning import services
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import UnitSchedule
from biliktilik.planning.selectors import run_of
from biliktilik.workflows.enums import RunStatus
from biliktilik.workflows.models import Decision
from biliktilik.workflows.services import run_cancel, run_decide

from .conftest import YEAR, make_plan


def submitted_schedule(world: Any) -> UnitSchedule:
    services.plan_submit(actor=world.user("hr_officer"), plan=make_plan(world))
    head = world.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=world.units["d1"], year=YEAR)
    services.unit_schedule_assemble(actor=head, schedule=schedule)
    services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 1, 5),
        meeting_number="1",
        meeting_present=5,
        meeting_decision="Agreed",
    )
    return services.unit_schedule_submit(actor=head, schedule=schedule)


@pytest.mark.req("PLN-03")
def test_a_decision_on_the_workflows_side_changes_the_document_before_any_commit(routed: Any) -> None:
    # no on-commit callback runs in this test: the document must change inside the decision itself
    schedule = submitted_schedule(routed)
    run = run_of(schedule)
    assert run is not None
    run_decide(
        actor=routed.user("unit_head"), run=run, action="return", expected_step_id=run.current_step_id, comment="No"
    )
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.RETURNED


@pytest.mark.req("PLN-03")
def test_cancelling_the_run_takes_the_document_back_to_draft(routed: Any) -> None:
    schedule = submitted_schedule(routed)
    run = run_of(schedule)
    assert run is not None
    run_cancel(actor=routed.user("hr_officer"), run=run, comment="Wrong year")
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.DRAFT


@pytest.mark.req("PLN-03")
def test_a_failing_document_hook_rolls_the_decision_back(routed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a submitted schedule whose outcome cannot be applied
    schedule = submitted_schedule(routed)
    run = run_of(schedule)
    assert run is not None
    step_id, decisions = run.current_step_id, Decision.objects.filter(run=run).count()

    def broken(**kwargs: Any) -> None:
        raise ApplicationError("the document refuses", code=ErrorCode.CONFLICT)

    monkeypatch.setattr(kit, "_outcome", broken)
    # when the head returns it (from the workflows side)
    with pytest.raises(ApplicationError) as refused:
        run_decide(
            actor=routed.user("unit_head"), run=run, action="return", expected_step_id=step_id, comment="Redo it"
        )
    # then nothing happened: the run is still at its step, undecided, and the schedule still submitted
    assert refused.value.code == ErrorCode.CONFLICT
    run.refresh_from_db()
    assert (run.status, run.current_step_id) == (RunStatus.IN_PROGRESS, step_id)
    assert Decision.objects.filter(run=run).count() == decisions
    schedule.refresh_from_db()
    assert schedule.status == PlanStatus.SUBMITTED
