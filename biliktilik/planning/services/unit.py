"""Unit schedules, form KazNRTU 602-01 (PLN-02): drawn up from the staff's plans, with the
minutes of the unit meeting, submitted and amended through the document kit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents.services import document_amend, document_submit
from biliktilik.org.models import Unit
from biliktilik.workflows.enums import RunStatus
from biliktilik.workflows.models import Run

from ..enums import PlanStatus
from ..models import IndividualPlan, UnitSchedule
from .common import _deny, _lock, _require_editable, _require_signed_in, _year, may_manage_unit_schedule

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
    document_submit(actor=actor, document=schedule)
    schedule.refresh_from_db()
    return schedule


@transaction.atomic
def unit_schedule_amend(*, actor: Any, schedule: UnitSchedule, reason: str) -> UnitSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not may_manage_unit_schedule(actor, schedule.unit):
        raise _deny(_("Only the head of the unit or the HR service may amend the unit's schedule."))
    return document_amend(actor=actor, document=schedule, reason=reason)


def copy_included_plans(old: UnitSchedule, new: UnitSchedule) -> None:
    new.plans.set(list(old.plans.values_list("pk", flat=True)))


def approve_included_plans(*, actor: Any, document: UnitSchedule) -> None:
    """Plans that went up without a route of their own are approved with their unit's schedule."""
    plan_type = ContentType.objects.get_for_model(IndividualPlan)
    routed = Run.objects.filter(content_type=plan_type, status=RunStatus.IN_PROGRESS).values("object_id")
    schedule = document
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
        previous: Any = plan.previous
        if previous is not None and previous.status == PlanStatus.APPROVED:
            IndividualPlan.objects.filter(pk=previous.pk).update(status=PlanStatus.SUPERSEDED, updated_at=now)
