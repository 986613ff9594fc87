"""Writes of approval routes and runs. Each one is atomic, checks rights first and is audited."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation, Unit

from .adapters import clean_flags, subject_of
from .enums import (
    ACTIONS_NEEDING_COMMENT,
    OFFICE_DECIDERS,
    STEP_ACTIONS,
    UNIT_DECIDERS,
    Decider,
    DecisionAction,
    RunEvent,
    RunStatus,
)
from .hooks import fire
from .models import Decision, Route, Run, Step
from .permissions import can_cancel, can_manage_routes
from .registry import ALWAYS, is_condition, is_purpose
from .resolvers import Place, step_holders
from .signals import run_changed

MAX_STEPS = 20
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_ROUTE_FIELDS = ["title_kk", "title_ru", "title_en", "purpose", "notes", "is_active"]


@dataclass(frozen=True)
class StepSpec:
    """One step as given to ``route_create`` / ``route_update``; the order is its place in the list."""

    title_kk: str
    decider: str
    title_ru: str = ""
    title_en: str = ""
    notes: str = ""
    condition: str = ALWAYS
    actions: tuple[str, ...] = tuple(STEP_ACTIONS)
    # Deciders outside the organisation: another organisation and its office, or the kind of authority.
    decider_organisation_id: int | None = None
    decider_office: str = ""
    authority_kind: str = ""

    @classmethod
    def of(cls, step: Step) -> StepSpec:
        return cls(
            title_kk=step.title_kk,
            title_ru=step.title_ru,
            title_en=step.title_en,
            notes=step.notes,
            decider=step.decider,
            condition=step.condition,
            actions=tuple(step.actions),
            decider_organisation_id=step.decider_organisation_id,
            decider_office=step.decider_office,
            authority_kind=step.authority_kind,
        )


# --- routes ---------------------------------------------------------------------------------


def _require_manager(actor: Any, organisation_id: int) -> None:
    if not can_manage_routes(actor, organisation_id):
        raise ApplicationError(
            _("You may not change the approval routes of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )


def _clean_route_fields(
    *, title_kk: str, title_ru: str, title_en: str, purpose: str, notes: str, is_active: bool
) -> dict[str, Any]:
    title_kk = (title_kk or "").strip()
    if not title_kk:
        raise ApplicationError(_("The route needs a title in Kazakh."), field="title_kk")
    if not is_purpose(purpose):
        raise ApplicationError(_("Unknown route purpose."), field="purpose")
    return {
        "title_kk": title_kk,
        "title_ru": (title_ru or "").strip(),
        "title_en": (title_en or "").strip(),
        "purpose": purpose,
        "notes": (notes or "").strip(),
        "is_active": bool(is_active),
    }


def _clean_steps(steps: Sequence[StepSpec]) -> list[StepSpec]:
    if not steps:
        raise ApplicationError(_("A route needs at least one step."), field="steps")
    if len(steps) > MAX_STEPS:
        raise ApplicationError(
            _("A route may have at most %(max)s steps.") % {"max": MAX_STEPS}, field="steps", extra={"max": MAX_STEPS}
        )
    cleaned: list[StepSpec] = []
    for number, spec in enumerate(steps, start=1):
        where = {"step": number}
        title_kk = (spec.title_kk or "").strip()
        if not title_kk:
            raise ApplicationError(
                _("Step %(step)s needs a title in Kazakh.") % where, field="steps", extra={"step": number}
            )
        if spec.decider not in Decider.values:
            raise ApplicationError(
                _("Step %(step)s names an unknown decider.") % where, field="steps", extra={"step": number}
            )
        outside = _clean_outside(spec, number)
        if not is_condition(spec.condition):
            raise ApplicationError(
                _("Step %(step)s names an unknown condition.") % where, field="steps", extra={"step": number}
            )
        actions = set(spec.actions)
        if not actions <= set(STEP_ACTIONS):
            raise ApplicationError(
                _("Step %(step)s allows an unknown action.") % where, field="steps", extra={"step": number}
            )
        if DecisionAction.APPROVE not in actions:
            raise ApplicationError(
                _("Step %(step)s must allow approval, or no run could ever pass it.") % where,
                field="steps",
                extra={"step": number},
            )
        cleaned.append(
            StepSpec(
                title_kk=title_kk,
                title_ru=(spec.title_ru or "").strip(),
                title_en=(spec.title_en or "").strip(),
                notes=(spec.notes or "").strip(),
                decider=spec.decider,
                condition=spec.condition,
                actions=tuple(a for a in STEP_ACTIONS if a in actions),
                **outside,
            )
        )
    return cleaned


def _clean_outside(spec: StepSpec, number: int) -> dict[str, Any]:
    """The fields of a decider outside the organisation; empty for every other decider."""
    where = {"step": number}
    if spec.decider == Decider.OTHER_ORGANISATION:
        if (
            spec.decider_organisation_id is None
            or not Organisation.objects.filter(pk=spec.decider_organisation_id).exists()
        ):
            raise ApplicationError(
                _("Step %(step)s must name the organisation that decides.") % where,
                field="decider_organisation",
                extra={"step": number},
            )
        if spec.decider_office not in OFFICE_DECIDERS:
            raise ApplicationError(
                _("Step %(step)s must name the office of that organisation that decides.") % where,
                field="decider_office",
                extra={"step": number},
            )
        return {"decider_organisation_id": spec.decider_organisation_id, "decider_office": spec.decider_office}
    if spec.decider == Decider.AUTHORITY_ABOVE:
        if spec.authority_kind and spec.authority_kind not in AUTHORITY_KINDS:
            raise ApplicationError(
                _("Step %(step)s names an unknown kind of authority.") % where,
                field="authority_kind",
                extra={"step": number},
            )
        return {"authority_kind": spec.authority_kind}
    return {}


def _create_steps(route: Route, steps: Sequence[StepSpec]) -> None:
    Step.objects.bulk_create(
        [
            Step(
                route=route,
                order=order,
                title_kk=spec.title_kk,
                title_ru=spec.title_ru,
                title_en=spec.title_en,
                notes=spec.notes,
                decider=spec.decider,
                condition=spec.condition,
                actions=list(spec.actions),
                decider_organisation_id=spec.decider_organisation_id,
                decider_office=spec.decider_office,
                authority_kind=spec.authority_kind,
            )
            for order, spec in enumerate(steps, start=1)
        ]
    )


def _steps_for_audit(steps: Sequence[StepSpec]) -> list[dict[str, Any]]:
    return [{"order": n, **dataclasses.asdict(spec)} for n, spec in enumerate(steps, start=1)]


def route_create_unchecked(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    """``route_create`` without the rights check, for seeding by the system. Call inside a transaction."""
    code = (code or "").strip().lower()
    if not _CODE_RE.match(code) or len(code) > 60:
        raise ApplicationError(
            _("The code may contain only Latin letters, digits, hyphens and underscores."), field="code"
        )
    fields = _clean_route_fields(
        title_kk=title_kk, title_ru=title_ru, title_en=title_en, purpose=purpose, notes=notes, is_active=is_active
    )
    cleaned_steps = _clean_steps(steps)
    if Route.objects.filter(organisation=organisation, code=code).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": code}, code=ErrorCode.DUPLICATE, field="code"
        )
    route = Route.objects.create(organisation=organisation, code=code, version=1, is_current=True, **fields)
    _create_steps(route, cleaned_steps)
    audit_record(
        actor=actor,
        action="workflow_route.create",
        obj=route,
        changes={
            **{k: (None, v) for k, v in snapshot(route, ["code", "version", *_ROUTE_FIELDS]).items()},
            "steps": (None, _steps_for_audit(cleaned_steps)),
        },
        organisation_id=organisation.pk,
    )
    return route


@transaction.atomic
def route_create(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    _require_manager(actor, organisation.pk)
    return route_create_unchecked(
        actor=actor,
        organisation=organisation,
        code=code,
        title_kk=title_kk,
        title_ru=title_ru,
        title_en=title_en,
        purpose=purpose,
        notes=notes,
        is_active=is_active,
        steps=steps,
    )


@transaction.atomic
def route_update(
    *,
    actor: Any,
    route: Route,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    """Change a route. Returns the route as it now stands.

    When the steps change and the route already has runs, the route is not edited: a new
    version is made (and returned) and this one is closed, so its runs keep their steps.
    Otherwise the route is changed in place.
    """
    _require_manager(actor, route.organisation_id)
    route = Route.objects.select_for_update().get(pk=route.pk)
    if not route.is_current:
        raise ApplicationError(_("Only the current version of a route can be changed."), code=ErrorCode.INVALID_STATE)
    fields = _clean_route_fields(
        title_kk=title_kk, title_ru=title_ru, title_en=title_en, purpose=purpose, notes=notes, is_active=is_active
    )
    new_steps = _clean_steps(steps)
    old_steps = [StepSpec.of(s) for s in route.steps.order_by("order")]
    steps_changed = new_steps != old_steps

    if steps_changed and route.runs.exists():
        before = snapshot(route, _ROUTE_FIELDS)
        route.is_current = False
        route.save(update_fields=["is_current", "updated_at"])
        new = Route.objects.create(
            organisation_id=route.organisation_id,
            code=route.code,
            version=route.version + 1,
            is_current=True,
            previous=route,
            **fields,
        )
        _create_steps(new, new_steps)
        changes: dict[str, tuple[Any, Any]] = {
            "version": (route.version, new.version),
            "steps": (_steps_for_audit(old_steps), _steps_for_audit(new_steps)),
        }
        changes.update({k: (before[k], v) for k, v in fields.items() if before[k] != v})
        audit_record(
            actor=actor,
            action="workflow_route.new_version",
            obj=new,
            changes=changes,
            organisation_id=route.organisation_id,
        )
        audit_record(
            actor=actor,
            action="workflow_route.supersede",
            obj=route,
            changes={"is_current": (True, False)},
            organisation_id=route.organisation_id,
        )
        return new

    changes = apply_changes(route, fields)
    if steps_changed:
        route.steps.all().delete()
        _create_steps(route, new_steps)
    if not changes and not steps_changed:
        return route
    route.save(update_fields=[*changes, "updated_at"])
    if steps_changed:
        changes["steps"] = (_steps_for_audit(old_steps), _steps_for_audit(new_steps))
    audit_record(
        actor=actor, action="workflow_route.update", obj=route, changes=changes, organisation_id=route.organisation_id
    )
    return route


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
    scope = scope_of(actor)
    organisation_id = subject.organisation.pk
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
