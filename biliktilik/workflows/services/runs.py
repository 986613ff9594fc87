"""Starting a run of a route for an object; the flags and the next applicable step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..adapters import clean_flags, subject_of
from ..enums import (
    UNIT_DECIDERS,
    RunEvent,
    RunStatus,
)
from ..hooks import fire
from ..models import Decision, Route, Run, Step
from ..signals import run_changed

# --- runs -----------------------------------------------------------------------------------


def _next_step(steps: Sequence[Step], *, after: int | None, flags: Mapping[str, bool]) -> Step | None:
    """The first step after the step of order ``after`` (or the first of all) whose condition holds."""
    for step in steps:
        if after is not None and step.order <= after:
            continue
        if step.applies(dict(flags)):
            return step
    return None


def run_flags(run: Run) -> dict[str, bool]:
    """The facts a run's conditions are read from: the object's, overridden by the run's context."""
    flags: dict[str, bool] = {}
    obj = run.content_object
    if obj is not None:
        try:
            flags.update(subject_of(obj).flags)
        except ApplicationError:
            flags = {}
    flags.update(clean_flags(run.context))
    return flags


def _notify(*, run: Run, event: str, decision: Decision | None, actor: Any) -> None:
    """Tell the subscribers (notifications) after the commit; the owning app's own changes were
    made by its hooks in the transaction itself."""

    def send() -> None:
        run_changed.send(sender=Run, run=run, event=event, decision=decision, actor=actor)

    transaction.on_commit(send, robust=True)


def _require_signed_in(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Please sign in."), code=ErrorCode.PERMISSION_DENIED)


def _usable_route(*, actor: Any, route: Route, organisation_id: int) -> Route:
    """The current, active route of the object's organisation, locked; the actor must belong there."""
    scope = scope_of(actor)
    if not (
        scope.everything
        or organisation_id in scope.member_organisation_ids
        or organisation_id in scope.organisation_ids
    ):
        raise ApplicationError(
            _("You may not send objects of this organisation for approval."), code=ErrorCode.PERMISSION_DENIED
        )
    route = Route.objects.select_for_update().get(pk=route.pk)
    if not (route.is_current and route.is_active):
        raise ApplicationError(
            _("This approval route is no longer in use; choose its current version."), code=ErrorCode.INVALID_STATE
        )
    if route.organisation_id != organisation_id:
        raise ApplicationError(_("The route belongs to another organisation."), field="route")
    return route


@transaction.atomic
def run_start(*, actor: Any, obj: models.Model, route: Route, context: Mapping[str, Any] | None = None) -> Run:
    """Send ``obj`` through ``route``. ``context`` carries yes/no facts (e.g. ``requires_payment``)
    that win over the object's own. The calling app checks first that ``actor`` may submit ``obj``."""
    _require_signed_in(actor)
    if obj.pk is None:
        raise ApplicationError(_("Save the object before sending it for approval."))
    subject = subject_of(obj)
    given = clean_flags(context)
    flags = {**subject.flags, **given}
    route = _usable_route(actor=actor, route=route, organisation_id=subject.organisation.pk)
    organisation_id = route.organisation_id
    steps = list(route.steps.order_by("order"))
    if subject.unit is None and any(s.decider in UNIT_DECIDERS and s.applies(flags) for s in steps):
        raise ApplicationError(_("This route is decided from the object's unit, but the object has no unit."))
    content_type = ContentType.objects.get_for_model(obj)
    object_id = str(obj.pk)
    if Run.objects.filter(content_type=content_type, object_id=object_id, status=RunStatus.IN_PROGRESS).exists():
        raise ApplicationError(_("This object is already going through an approval route."), code=ErrorCode.CONFLICT)
    first = _next_step(steps, after=None, flags=flags)
    now = timezone.now()
    run = Run(
        route=route,
        content_type=content_type,
        object_id=object_id,
        organisation_id=organisation_id,
        unit=subject.unit,
        object_repr=str(obj)[:300],
        context=given,
        status=RunStatus.IN_PROGRESS if first else RunStatus.APPROVED,
        current_step=first,
        started_by=actor,
        started_at=now,
        finished_at=None if first else now,
    )
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError as exc:  # another request started a run for the same object meanwhile
        raise ApplicationError(
            _("This object is already going through an approval route."), code=ErrorCode.CONFLICT
        ) from exc
    audit_record(
        actor=actor,
        action="workflow_run.start",
        obj=run,
        changes={
            "route": (None, route.pk),
            "object": (None, f"{content_type.app_label}.{content_type.model}:{object_id}"),
            "context": (None, given),
            "status": (None, run.status),
            "current_step": (None, run.current_step_id),
        },
        organisation_id=organisation_id,
    )
    fire(run=run, event=RunEvent.STARTED, actor=actor, obj=obj)
    if not first:  # no step applies: approved at once
        fire(run=run, event=RunEvent.APPROVED, actor=actor, obj=obj)
    _notify(run=run, event=RunEvent.STARTED if first else RunEvent.APPROVED, decision=None, actor=actor)
    return run
