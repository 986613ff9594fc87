"""Deciding the current step of a run (row-locked, the expected step checked) and cancelling a run."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Unit

from ..enums import (
    ACTIONS_NEEDING_COMMENT,
    STEP_ACTIONS,
    DecisionAction,
    RunEvent,
    RunStatus,
)
from ..hooks import fire
from ..models import Decision, Run, Step
from ..permissions import can_cancel
from ..resolvers import Place, step_holders
from .runs import _next_step, _notify, _require_signed_in, run_flags


def _lock(run: Run) -> Run:
    return Run.objects.select_for_update().get(pk=run.pk)


def _finish(run: Run, status: str) -> None:
    run.status = status
    run.current_step = None
    run.finished_at = timezone.now()


@transaction.atomic
def run_decide(*, actor: Any, run: Run, action: str, expected_step_id: int | None, comment: str = "") -> Run:
    """Decide the current step of ``run``: approve (on to the next applicable step, or approved at
    the end), return for rework or reject (both need a comment).

    ``expected_step_id`` is the step the decider saw; when the run has moved on since, the
    decision is refused, so two people deciding at once cannot both pass.
    """
    _require_signed_in(actor)
    if action not in STEP_ACTIONS:
        raise ApplicationError(_("Unknown decision."), field="action")
    run = _lock(run)
    if run.status != RunStatus.IN_PROGRESS:
        raise ApplicationError(
            _("This approval is already finished (%(status)s).") % {"status": run.get_status_display()},
            code=ErrorCode.INVALID_STATE,
            extra={"status": run.status},
        )
    if expected_step_id != run.current_step_id:
        raise ApplicationError(
            _("The approval has moved on since you opened it; reload the page and try again."),
            code=ErrorCode.INVALID_STATE,
            extra={"current_step": run.current_step_id},
        )
    step = Step.objects.get(pk=run.current_step_id or 0)
    unit = Unit.objects.only("path").get(pk=run.unit_id) if run.unit_id else None
    if actor.pk not in step_holders(step, Place.of(run.organisation_id, unit)):
        raise ApplicationError(_("You may not decide this step."), code=ErrorCode.PERMISSION_DENIED)
    if not step.allows(action):
        raise ApplicationError(_("This step does not allow that decision."), field="action")
    comment = (comment or "").strip()
    if action in ACTIONS_NEEDING_COMMENT and not comment:
        raise ApplicationError(_("Say why: a comment is required."), field="comment")

    decision = Decision.objects.create(run=run, step=step, action=action, actor=actor, comment=comment)
    before = snapshot(run, ["status", "current_step", "finished_at"])
    if action == DecisionAction.APPROVE:
        steps = list(Step.objects.filter(route_id=run.route_id).order_by("order"))
        following = _next_step(steps, after=step.order, flags=run_flags(run))
        if following is not None:
            run.current_step = following
            event = RunEvent.ADVANCED
        else:
            _finish(run, RunStatus.APPROVED)
            event = RunEvent.APPROVED
    elif action == DecisionAction.RETURN:
        _finish(run, RunStatus.RETURNED)
        event = RunEvent.RETURNED
    else:
        _finish(run, RunStatus.REJECTED)
        event = RunEvent.REJECTED
    run.save(update_fields=["status", "current_step", "finished_at", "updated_at"])
    after = snapshot(run, ["status", "current_step", "finished_at"])
    changes: dict[str, tuple[Any, Any]] = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
    changes["decision"] = (None, {"step": step.pk, "action": action, "comment": comment})
    audit_record(
        actor=actor, action=f"workflow_run.{action}", obj=run, changes=changes, organisation_id=run.organisation_id
    )
    fire(run=run, event=event, actor=actor)
    _notify(run=run, event=event, decision=decision, actor=actor)
    return run


@transaction.atomic
def run_cancel(*, actor: Any, run: Run, comment: str, expected_step_id: int | None = None) -> Run:
    """Withdraw an object from approval (e.g. its author takes it back); says why. When
    ``expected_step_id`` is given, the run must still be at that step."""
    _require_signed_in(actor)
    run = _lock(run)
    if run.status != RunStatus.IN_PROGRESS:
        raise ApplicationError(
            _("This approval is already finished (%(status)s).") % {"status": run.get_status_display()},
            code=ErrorCode.INVALID_STATE,
            extra={"status": run.status},
        )
    if expected_step_id is not None and expected_step_id != run.current_step_id:
        raise ApplicationError(
            _("The approval has moved on since you opened it; reload the page and try again."),
            code=ErrorCode.INVALID_STATE,
            extra={"current_step": run.current_step_id},
        )
    if not can_cancel(actor, run):
        raise ApplicationError(_("You may not cancel this approval."), code=ErrorCode.PERMISSION_DENIED)
    comment = (comment or "").strip()
    if not comment:
        raise ApplicationError(_("Say why: a comment is required."), field="comment")
    step = Step.objects.get(pk=run.current_step_id or 0)
    step_id = step.pk
    decision = Decision.objects.create(run=run, step=step, action=DecisionAction.CANCEL, actor=actor, comment=comment)
    _finish(run, RunStatus.CANCELLED)
    run.save(update_fields=["status", "current_step", "finished_at", "updated_at"])
    audit_record(
        actor=actor,
        action="workflow_run.cancel",
        obj=run,
        changes={
            "status": (RunStatus.IN_PROGRESS, RunStatus.CANCELLED),
            "current_step": (step_id, None),
            "decision": (None, {"step": step_id, "action": DecisionAction.CANCEL, "comment": comment}),
        },
        organisation_id=run.organisation_id,
    )
    fire(run=run, event=RunEvent.CANCELLED, actor=actor)
    _notify(run=run, event=RunEvent.CANCELLED, decision=decision, actor=actor)
    return run
