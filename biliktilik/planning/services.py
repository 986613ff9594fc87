"""Writes of planning (PLN-01..03, PLN-06, SEC-02): keyword-only, atomic, audited, checked.

Plans and schedules go through approval routes of ``biliktilik.workflows``. Their run hooks
(``register_run_hooks``, called from ``apps.py``) move a document on from its run's outcome
inside the service that decided, wherever the decision was taken (planning's pages, the page
"Waiting for my decision", the workflows API): a failing hook rolls the decision back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.accounts.enums import Role
from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q
from biliktilik.workflows.enums import RunStatus
from biliktilik.workflows.models import Route, Run
from biliktilik.workflows.selectors import active_run_of, route_for_purpose
from biliktilik.workflows.services import run_decide, run_start

from .enums import EDITABLE, ItemOrigin, PlanningPurpose, PlanStatus
from .models import ITEM_FIELDS, ConsolidatedSchedule, IndividualPlan, PlanItem, PlanningCalendar, UnitSchedule

Document = IndividualPlan | UnitSchedule | ConsolidatedSchedule
T = TypeVar("T", IndividualPlan, UnitSchedule, ConsolidatedSchedule)

PURPOSES: dict[type, str] = {
    IndividualPlan: PlanningPurpose.INDIVIDUAL_PLAN,
    UnitSchedule: PlanningPurpose.UNIT_SCHEDULE,
    ConsolidatedSchedule: PlanningPurpose.CONSOLIDATED_SCHEDULE,
}
OFFICER_ROLES = (Role.HR_OFFICER, Role.PD_OFFICER)
MAX_AMOUNT = Decimal("9999999999.99")
MAX_HOURS = Decimal("99999.9")


# --- who may do what ---------------------------------------------------------------------------


def is_planning_officer(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers build the consolidated schedule and may act for anyone."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return scope_of(actor).has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def may_edit_plan(actor: Any, plan: IndividualPlan) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    own = actor.person_id is not None and actor.person_id == plan.person_id
    return own or is_planning_officer(actor, plan.organisation_id)


def heads_unit(actor: Any, unit: Unit) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    return any(g.role == Role.UNIT_HEAD and g.unit_id == unit.pk for g in scope_of(actor).grants)


def may_manage_unit_schedule(actor: Any, unit: Unit) -> bool:
    """The head of the unit (KazNRTU-602 7.4), or HR / PD-centre officers of the organisation."""
    return heads_unit(actor, unit) or is_planning_officer(actor, unit.organisation_id)


def _deny(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


def _require_signed_in(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise _deny(_("Sign in first."))


def _require_editable(document: Document) -> None:
    if document.status not in EDITABLE:
        raise ApplicationError(
            _("Only a draft or a returned version can be changed; make an amendment instead."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status},
        )


def _lock(document: T) -> T:
    return type(document).objects.select_for_update().get(pk=document.pk)


# --- field checks --------------------------------------------------------------------------------


def _year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        value = 0
    if not 2000 <= value <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    return value


def _decimal(value: Any, *, field: str, maximum: Decimal, positive: bool) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Give a number."), field=field) from None
    if not number.is_finite() or number > maximum or number < 0 or (positive and number == 0):
        if positive:
            raise ApplicationError(_("Give a number above zero."), field=field)
        raise ApplicationError(_("Give a number of zero or more."), field=field)
    return number


def _clean_item(plan: IndividualPlan, data: dict[str, Any]) -> dict[str, Any]:
    topic = str(data.get("topic") or "").strip()
    if not topic:
        raise ApplicationError(_("Name the topic."), field="topic")
    if len(topic) > 500:
        raise ApplicationError(_("The topic is too long (500 characters at most)."), field="topic")
    if data.get("form") not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    if data.get("funding_source") not in FundingSource.values:
        raise ApplicationError(_("Choose a funding source."), field="funding_source")
    start, end = data.get("start_date"), data.get("end_date")
    if not isinstance(start, dt.date):
        raise ApplicationError(_("Give the planned start."), field="start_date")
    if not isinstance(end, dt.date):
        raise ApplicationError(_("Give the planned end."), field="end_date")
    if end < start:
        raise ApplicationError(_("The end cannot come before the start."), field="end_date")
    if not (plan.period_from <= start <= plan.period_to):
        raise ApplicationError(
            _("The activity must start within the plan's year (%(year)s).") % {"year": plan.year}, field="start_date"
        )
    hours = _decimal(data.get("hours"), field="hours", maximum=MAX_HOURS, positive=True)
    cost = _decimal(data.get("cost") or 0, field="cost", maximum=MAX_AMOUNT, positive=False)
    provider = str(data.get("provider_name") or "").strip()[:300]
    return {
        "topic": topic,
        "form": data["form"],
        "start_date": start,
        "end_date": end,
        "hours": hours,
        "provider_name": provider,
        "funding_source": data["funding_source"],
        "cost": cost.quantize(Decimal("0.01")),
        "in_profile": bool(data.get("in_profile")),
        "management_topic": bool(data.get("management_topic")),
    }


# --- individual plans (PLN-01) -------------------------------------------------------------------


def _current_employment(person: Person, organisation: Organisation) -> Employment | None:
    return (
        Employment.objects.filter(current_q(), person=person, organisation=organisation)
        .select_related("unit")
        .order_by("-is_primary", "start_date", "pk")
        .first()
    )


@transaction.atomic
def plan_create(*, actor: Any, person: Person, organisation: Organisation, year: int) -> IndividualPlan:
    """Open the individual plan of ``person`` for ``year`` (the person themselves, or an HR /
    PD-centre officer of the organisation)."""
    _require_signed_in(actor)
    year = _year(year)
    own = actor.person_id is not None and actor.person_id == person.pk
    if not (own or is_planning_officer(actor, organisation.pk)):
        raise _deny(_("You may open only your own plan."))
    employment = _current_employment(person, organisation)
    if employment is None:
        raise ApplicationError(_("The person does not work in this organisation now."), field="person")
    if IndividualPlan.objects.filter(person=person, organisation=organisation, year=year).exists():
        raise ApplicationError(
            _("There is already a plan for %(year)s; open it or make an amendment.") % {"year": year},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    plan = IndividualPlan.objects.create(
        person=person, organisation=organisation, unit=employment.unit, year=year, created_by=actor
    )
    audit_record(
        actor=actor,
        action="planning.plan.create",
        obj=plan,
        changes={"person": (None, person.pk), "year": (None, year), "unit": (None, employment.unit_id)},
        organisation_id=organisation.pk,
    )
    return plan


@transaction.atomic
def plan_item_add(
    *,
    actor: Any,
    plan: IndividualPlan,
    topic: str,
    form: str,
    start_date: dt.date,
    end_date: dt.date,
    hours: Decimal | int | str,
    funding_source: str,
    provider_name: str = "",
    cost: Decimal | int | str = 0,
    in_profile: bool = False,
    management_topic: bool = False,
    origin: str = ItemOrigin.MANUAL,
    requirement: str = "",
) -> PlanItem:
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    if origin not in ItemOrigin.values:
        raise ApplicationError(_("Unknown origin."), field="origin")
    values = _clean_item(
        plan,
        {
            "topic": topic,
            "form": form,
            "start_date": start_date,
            "end_date": end_date,
            "hours": hours,
            "funding_source": funding_source,
            "provider_name": provider_name,
            "cost": cost,
            "in_profile": in_profile,
            "management_topic": management_topic,
        },
    )
    item = PlanItem.objects.create(plan=plan, origin=origin, requirement=requirement[:200], **values)
    audit_record(
        actor=actor,
        action="planning.item.add",
        obj=plan,
        changes={"item": (None, {"id": item.pk, **{k: values[k] for k in ITEM_FIELDS}})},
        organisation_id=plan.organisation_id,
    )
    return item


@transaction.atomic
def plan_item_update(*, actor: Any, item: PlanItem, **data: Any) -> PlanItem:
    """Change the fields of ``item`` given in ``data`` (names of ``ITEM_FIELDS``)."""
    _require_signed_in(actor)
    unknown = sorted(set(data) - set(ITEM_FIELDS))
    if unknown:
        raise ApplicationError(_("Unknown field."), field=unknown[0])
    plan = _lock(item.plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    item = PlanItem.objects.get(pk=item.pk)
    values = _clean_item(plan, {**{k: getattr(item, k) for k in ITEM_FIELDS}, **data})
    before = snapshot(item, ITEM_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    after = snapshot(item, ITEM_FIELDS)
    changes = {k: (before[k], after[k]) for k in ITEM_FIELDS if before[k] != after[k]}
    if not changes:
        return item
    item.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="planning.item.update",
        obj=plan,
        changes={"item": (None, item.pk), **changes},
        organisation_id=plan.organisation_id,
    )
    return item


@transaction.atomic
def plan_item_remove(*, actor: Any, item: PlanItem) -> None:
    _require_signed_in(actor)
    plan = _lock(item.plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    before = snapshot(item, ITEM_FIELDS)
    item_id = item.pk
    PlanItem.objects.filter(pk=item_id).delete()
    audit_record(
        actor=actor,
        action="planning.item.remove",
        obj=plan,
        changes={"item": ({"id": item_id, **before}, None)},
        organisation_id=plan.organisation_id,
    )


@transaction.atomic
def plan_add_suggestions(*, actor: Any, plan: IndividualPlan) -> list[PlanItem]:
    """Add an item for each PD requirement of the person that falls due within the plan's year
    and is not yet planned (the suggestions of ``selectors.plan_suggestions``)."""
    from .selectors import plan_suggestions

    _require_signed_in(actor)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    added = []
    for suggestion in plan_suggestions(plan):
        if suggestion.already_planned:
            continue
        added.append(
            plan_item_add(
                actor=actor,
                plan=plan,
                topic=suggestion.topic,
                form=suggestion.form,
                start_date=suggestion.start_date,
                end_date=suggestion.end_date,
                hours=suggestion.hours,
                funding_source=FundingSource.ORGANISATION,
                in_profile=suggestion.in_profile,
                management_topic=suggestion.management_topic,
                origin=ItemOrigin.COMPLIANCE,
                requirement=suggestion.key,
            )
        )
    return added


# --- routes and outcomes -------------------------------------------------------------------------


def route_of(document: Document) -> Route | None:
    """The route a document goes through: an amendment takes the organisation's amendment route
    when it has one, otherwise the route of the document's kind."""
    purpose = PURPOSES[type(document)]
    if document.version > 1:
        route = route_for_purpose(document.organisation, PlanningPurpose.PLAN_AMENDMENT)
        if route is not None:
            return route
    return route_for_purpose(document.organisation, purpose)


def _previous_of(document: Document) -> Document | None:
    return document.previous  # type: ignore[return-value]


def _apply_outcome(*, actor: Any, document: Document, run_status: str) -> None:
    """Move ``document`` on from the outcome of its run (it is locked by the caller)."""
    before = snapshot(document, ["status", "approved_at"])
    if run_status == RunStatus.APPROVED:
        document.status = PlanStatus.APPROVED
        document.approved_at = timezone.now()
    elif run_status == RunStatus.RETURNED:
        document.status = PlanStatus.RETURNED
    elif run_status == RunStatus.REJECTED:
        document.status = PlanStatus.REJECTED
    elif run_status == RunStatus.CANCELLED:
        document.status = PlanStatus.DRAFT
    else:
        return
    if document.status == before["status"]:
        return
    document.save(update_fields=["status", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"planning.{document._meta.model_name}.{document.status}",
        obj=document,
        changes={k: (before[k], v) for k, v in snapshot(document, ["status", "approved_at"]).items()},
        organisation_id=document.organisation_id,
    )
    if document.status != PlanStatus.APPROVED:
        return
    previous = _previous_of(document)
    if previous is not None and previous.status == PlanStatus.APPROVED:
        type(previous).objects.filter(pk=previous.pk).update(status=PlanStatus.SUPERSEDED, updated_at=timezone.now())
        audit_record(
            actor=actor,
            action=f"planning.{previous._meta.model_name}.superseded",
            obj=previous,
            changes={"status": (PlanStatus.APPROVED, PlanStatus.SUPERSEDED), "superseded_by": (None, document.pk)},
            organisation_id=document.organisation_id,
        )
    if isinstance(document, UnitSchedule):
        _approve_included_plans(actor=actor, schedule=document)


def _approve_included_plans(*, actor: Any, schedule: UnitSchedule) -> None:
    """Plans that went up without a route of their own are approved with their unit's schedule."""
    plan_type = ContentType.objects.get_for_model(IndividualPlan)
    routed = Run.objects.filter(content_type=plan_type, status=RunStatus.IN_PROGRESS).values("object_id")
    plans = list(
        schedule.plans.filter(status=PlanStatus.SUBMITTED).exclude(pk__in=[int(r["object_id"]) for r in routed])
    )
    now = timezone.now()
    for plan in plans:
        plan.status = PlanStatus.APPROVED
        plan.approved_at = now
        plan.save(update_fields=["status", "approved_at", "updated_at"])
        audit_record(
            actor=actor,
            action="planning.individualplan.approved",
            obj=plan,
            changes={"status": (PlanStatus.SUBMITTED, PlanStatus.APPROVED), "unit_schedule": (None, schedule.pk)},
            organisation_id=plan.organisation_id,
        )
        previous = plan.previous
        if previous is not None and previous.status == PlanStatus.APPROVED:
            IndividualPlan.objects.filter(pk=previous.pk).update(status=PlanStatus.SUPERSEDED, updated_at=now)


def _mark_submitted(*, obj: Document, run: Run | None, actor: Any) -> None:
    """The document goes up (the hook ``on_submit`` of a run starting, or a plan without a route)."""
    before = obj.status
    if before == PlanStatus.SUBMITTED:
        return
    obj.status = PlanStatus.SUBMITTED
    obj.submitted_at = timezone.now()
    obj.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"planning.{obj._meta.model_name}.submit",
        obj=obj,
        changes={"status": (before, PlanStatus.SUBMITTED), "run": (None, run.pk if run else None)},
        organisation_id=obj.organisation_id,
    )


def _outcome_hook(run_status: str) -> Any:
    def hook(*, obj: Document, run: Run, actor: Any) -> None:
        if obj.status == PlanStatus.SUBMITTED:
            _apply_outcome(actor=actor, document=obj, run_status=run_status)

    return hook


def register_run_hooks() -> None:
    """Planning documents follow their runs in the same transaction as the decision."""
    from biliktilik.workflows.hooks import register_hooks

    for model in PURPOSES:
        register_hooks(
            model,
            on_submit=_mark_submitted,
            on_approve=_outcome_hook(RunStatus.APPROVED),
            on_return=_outcome_hook(RunStatus.RETURNED),
            on_reject=_outcome_hook(RunStatus.REJECTED),
            on_cancel=_outcome_hook(RunStatus.CANCELLED),
        )


def _submit(*, actor: Any, document: Document, route: Route | None) -> Run | None:
    if route is None:
        _mark_submitted(obj=document, run=None, actor=actor)
        return None
    return run_start(actor=actor, obj=document, route=route)  # its hooks move the document on


@transaction.atomic
def plan_submit(*, actor: Any, plan: IndividualPlan) -> IndividualPlan:
    """Send the plan up: through the organisation's route for individual plans when it has one;
    otherwise the plan waits to be included in its unit's schedule and is approved with it."""
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may submit only your own plan."))
    _require_editable(plan)
    if not plan.items.exists():
        raise ApplicationError(_("Add at least one activity to the plan first."), field="items")
    _submit(actor=actor, document=plan, route=route_of(plan))
    return plan


def _require_route(document: Document) -> Route:
    route = route_of(document)
    if route is None:
        raise ApplicationError(
            _("The organisation has no approval route for this document; ask the HR service to set one up."),
            code=ErrorCode.INVALID_STATE,
        )
    return route


@transaction.atomic
def document_decide(*, actor: Any, document: T, action: str, expected_step_id: int | None, comment: str = "") -> T:
    """Decide the current step of the document's run (approve / return / reject; the checks are
    the engine's). The document moves on in the same transaction, through its run hooks."""
    _require_signed_in(actor)
    run = active_run_of(document)
    if run is None:
        raise ApplicationError(_("Nothing waits for a decision here."), code=ErrorCode.INVALID_STATE)
    run_decide(actor=actor, run=run, action=action, expected_step_id=expected_step_id, comment=comment)
    document.refresh_from_db()
    return document


# --- amendments (PLN-06) -------------------------------------------------------------------------


def _require_amendable(document: Document, reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the approved version must change."), field="amendment_reason")
    if document.status != PlanStatus.APPROVED:
        raise ApplicationError(
            _("Only an approved version can be amended."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status},
        )
    if type(document)._default_manager.filter(previous_id=document.pk).exists():
        raise ApplicationError(_("This version has already been amended."), code=ErrorCode.CONFLICT)
    return reason


def _new_version(*, actor: Any, document: T, reason: str, copy_fields: list[str]) -> T:
    model = type(document)
    values = {name: getattr(document, name) for name in ["organisation_id", "year", *copy_fields]}
    new = model.objects.create(
        **values,
        version=document.version + 1,
        previous=document,
        status=PlanStatus.DRAFT,
        amendment_reason=reason,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=f"planning.{model._meta.model_name}.amend",
        obj=new,
        changes={"previous": (None, document.pk), "version": (document.version, new.version), "reason": (None, reason)},
        organisation_id=document.organisation_id,
    )
    return new


@transaction.atomic
def plan_amend(*, actor: Any, plan: IndividualPlan, reason: str) -> IndividualPlan:
    """Start an amendment to an approved plan: a new draft version with the items copied."""
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may amend only your own plan."))
    reason = _require_amendable(plan, reason)
    new = _new_version(actor=actor, document=plan, reason=reason, copy_fields=["person_id", "unit_id"])
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                plan=new,
                origin=item.origin,
                requirement=item.requirement,
                source=item,
                **{k: getattr(item, k) for k in ITEM_FIELDS},
            )
            for item in plan.items.all()
        ]
    )
    return new


# --- unit schedules (PLN-02) ---------------------------------------------------------------------


@transaction.atomic
def unit_schedule_create(*, actor: Any, unit: Unit, year: int) -> UnitSchedule:
    _require_signed_in(actor)
    year = _year(year)
    if not may_manage_unit_schedule(actor, unit):
        raise _deny(_("Only the head of the unit or the HR service may draw up the unit's schedule."))
    if UnitSchedule.objects.filter(unit=unit, year=year).exists():
        raise ApplicationError(
            _("There is already a schedule of this unit for %(year)s.") % {"year": year},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    schedule = UnitSchedule.objects.create(organisation_id=unit.organisation_id, unit=unit, year=year, created_by=actor)
    audit_record(
        actor=actor,
        action="planning.unitschedule.create",
        obj=schedule,
        changes={"unit": (None, unit.pk), "year": (None, year)},
        organisation_id=unit.organisation_id,
    )
    return schedule


def _latest_plans_q(*, organisation_id: int, year: int) -> Any:
    """The newest submitted or approved version of each person's plan."""
    from django.db.models import Exists, OuterRef

    newer = IndividualPlan.objects.filter(
        person_id=OuterRef("person_id"),
        organisation_id=organisation_id,
        year=year,
        version__gt=OuterRef("version"),
        status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED],
    )
    return IndividualPlan.objects.filter(
        organisation_id=organisation_id, year=year, status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED]
    ).exclude(Exists(newer))


@transaction.atomic
def unit_schedule_assemble(*, actor: Any, schedule: UnitSchedule) -> UnitSchedule:
    """Take in the newest submitted or approved plan of each member of staff of the unit."""
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not may_manage_unit_schedule(actor, schedule.unit):
        raise _deny(_("Only the head of the unit or the HR service may draw up the unit's schedule."))
    _require_editable(schedule)
    before = sorted(schedule.plans.values_list("pk", flat=True))
    plans = list(
        _latest_plans_q(organisation_id=schedule.organisation_id, year=schedule.year)
        .filter(unit_id=schedule.unit_id)
        .values_list("pk", flat=True)
    )
    schedule.plans.set(plans)
    after = sorted(plans)
    if before != after:
        audit_record(
            actor=actor,
            action="planning.unitschedule.assemble",
            obj=schedule,
            changes={"plans": (before, after)},
            organisation_id=schedule.organisation_id,
        )
    return schedule


@transaction.atomic
def unit_schedule_set_minutes(
    *,
    actor: Any,
    schedule: UnitSchedule,
    meeting_date: dt.date | None,
    meeting_number: str,
    meeting_present: int | None,
    meeting_decision: str,
) -> UnitSchedule:
    """Record the minutes of the unit meeting that discussed the schedule (KazNRTU-602 7.4)."""
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not may_manage_unit_schedule(actor, schedule.unit):
        raise _deny(_("Only the head of the unit or the HR service may draw up the unit's schedule."))
    _require_editable(schedule)
    if not isinstance(meeting_date, dt.date):
        raise ApplicationError(_("Give the date of the meeting."), field="meeting_date")
    if meeting_date > timezone.localdate():
        raise ApplicationError(_("The meeting cannot be in the future."), field="meeting_date")
    number = (meeting_number or "").strip()
    if not number or len(number) > 40:
        raise ApplicationError(_("Give the number of the minutes (40 characters at most)."), field="meeting_number")
    if not isinstance(meeting_present, int) or meeting_present < 1 or meeting_present > 10000:
        raise ApplicationError(_("Give how many were present."), field="meeting_present")
    decision = (meeting_decision or "").strip()
    if not decision:
        raise ApplicationError(_("Write the decision of the meeting."), field="meeting_decision")
    fields = ["meeting_date", "meeting_number", "meeting_present", "meeting_decision"]
    before = snapshot(schedule, fields)
    schedule.meeting_date, schedule.meeting_number = meeting_date, number
    schedule.meeting_present, schedule.meeting_decision = meeting_present, decision
    after = snapshot(schedule, fields)
    changes = {k: (before[k], after[k]) for k in fields if before[k] != after[k]}
    if changes:
        schedule.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor,
            action="planning.unitschedule.minutes",
            obj=schedule,
            changes=changes,
            organisation_id=schedule.organisation_id,
        )
    return schedule


@transaction.atomic
def unit_schedule_submit(*, actor: Any, schedule: UnitSchedule) -> UnitSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not may_manage_unit_schedule(actor, schedule.unit):
        raise _deny(_("Only the head of the unit or the HR service may submit the unit's schedule."))
    _require_editable(schedule)
    if not schedule.plans.exists():
        raise ApplicationError(_("The schedule includes no plans; assemble it first."), field="plans")
    if not schedule.has_minutes:
        raise ApplicationError(_("Record the minutes of the unit meeting first."), field="meeting_date")
    _submit(actor=actor, document=schedule, route=_require_route(schedule))
    return schedule


@transaction.atomic
def unit_schedule_amend(*, actor: Any, schedule: UnitSchedule, reason: str) -> UnitSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not may_manage_unit_schedule(actor, schedule.unit):
        raise _deny(_("Only the head of the unit or the HR service may amend the unit's schedule."))
    reason = _require_amendable(schedule, reason)
    new = _new_version(
        actor=actor,
        document=schedule,
        reason=reason,
        copy_fields=["unit_id", "meeting_date", "meeting_number", "meeting_present", "meeting_decision"],
    )
    new.plans.set(list(schedule.plans.values_list("pk", flat=True)))
    return new


# --- consolidated schedule (PLN-03) --------------------------------------------------------------


@transaction.atomic
def consolidated_create(*, actor: Any, organisation: Organisation, year: int) -> ConsolidatedSchedule:
    _require_signed_in(actor)
    year = _year(year)
    if not is_planning_officer(actor, organisation.pk):
        raise _deny(_("Only the HR service or the PD centre draws up the consolidated schedule."))
    if ConsolidatedSchedule.objects.filter(organisation=organisation, year=year).exists():
        raise ApplicationError(
            _("There is already a consolidated schedule for %(year)s.") % {"year": year},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    schedule = ConsolidatedSchedule.objects.create(organisation=organisation, year=year, created_by=actor)
    audit_record(
        actor=actor,
        action="planning.consolidatedschedule.create",
        obj=schedule,
        changes={"year": (None, year)},
        organisation_id=organisation.pk,
    )
    return schedule


@transaction.atomic
def consolidated_assemble(*, actor: Any, schedule: ConsolidatedSchedule) -> ConsolidatedSchedule:
    """Take in the approved schedule of every unit (its newest approved version)."""
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not is_planning_officer(actor, schedule.organisation_id):
        raise _deny(_("Only the HR service or the PD centre draws up the consolidated schedule."))
    _require_editable(schedule)
    before = sorted(schedule.unit_schedules.values_list("pk", flat=True))
    after = sorted(
        UnitSchedule.objects.filter(
            organisation_id=schedule.organisation_id, year=schedule.year, status=PlanStatus.APPROVED
        ).values_list("pk", flat=True)
    )
    schedule.unit_schedules.set(after)
    if before != after:
        audit_record(
            actor=actor,
            action="planning.consolidatedschedule.assemble",
            obj=schedule,
            changes={"unit_schedules": (before, after)},
            organisation_id=schedule.organisation_id,
        )
    return schedule


@transaction.atomic
def consolidated_submit(*, actor: Any, schedule: ConsolidatedSchedule) -> ConsolidatedSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not is_planning_officer(actor, schedule.organisation_id):
        raise _deny(_("Only the HR service or the PD centre submits the consolidated schedule."))
    _require_editable(schedule)
    if not schedule.unit_schedules.exists():
        raise ApplicationError(_("The schedule includes no approved unit schedules; assemble it first."))
    _submit(actor=actor, document=schedule, route=_require_route(schedule))
    return schedule


@transaction.atomic
def consolidated_amend(*, actor: Any, schedule: ConsolidatedSchedule, reason: str) -> ConsolidatedSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not is_planning_officer(actor, schedule.organisation_id):
        raise _deny(_("Only the HR service or the PD centre amends the consolidated schedule."))
    reason = _require_amendable(schedule, reason)
    new = _new_version(actor=actor, document=schedule, reason=reason, copy_fields=[])
    new.unit_schedules.set(list(schedule.unit_schedules.values_list("pk", flat=True)))
    return new


# --- the calendar ---------------------------------------------------------------------------------


@transaction.atomic
def planning_calendar_set(*, actor: Any, organisation: Organisation, month: int, day: int) -> PlanningCalendar:
    """Set the organisation's own yearly deadline for its plan (used when its rule sets give none)."""
    _require_signed_in(actor)
    if not is_planning_officer(actor, organisation.pk):
        raise _deny(_("Only the HR service or the PD centre sets the planning calendar."))
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ApplicationError(_("Give a month from 1 to 12."), field="plan_due_month")
    try:
        dt.date(2001, month, day)  # a year without 29 February: the date must exist every year
    except (TypeError, ValueError):
        raise ApplicationError(_("This day does not exist in that month."), field="plan_due_day") from None
    calendar, created = PlanningCalendar.objects.get_or_create(
        organisation=organisation, defaults={"plan_due_month": month, "plan_due_day": day}
    )
    before = (None, None) if created else (calendar.plan_due_month, calendar.plan_due_day)
    if not created:
        calendar.plan_due_month, calendar.plan_due_day = month, day
        calendar.save(update_fields=["plan_due_month", "plan_due_day", "updated_at"])
    if before != (month, day):
        audit_record(
            actor=actor,
            action="planning.calendar.set",
            obj=calendar,
            changes={"plan_due": (before, (month, day))},
            organisation_id=organisation.pk,
        )
    return calendar
