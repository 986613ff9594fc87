"""The consolidated schedule, form KazNRTU 602-05 (PLN-03), built by HR or the PD centre from
the approved unit schedules."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents.services import document_amend, document_submit
from biliktilik.org.models import Organisation

from ..enums import PlanStatus
from ..models import ConsolidatedSchedule, UnitSchedule
from .common import _deny, _lock, _require_editable, _require_signed_in, _year, is_planning_officer

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
    document_submit(actor=actor, document=schedule)
    schedule.refresh_from_db()
    return schedule


@transaction.atomic
def consolidated_amend(*, actor: Any, schedule: ConsolidatedSchedule, reason: str) -> ConsolidatedSchedule:
    _require_signed_in(actor)
    schedule = _lock(schedule)
    if not is_planning_officer(actor, schedule.organisation_id):
        raise _deny(_("Only the HR service or the PD centre amends the consolidated schedule."))
    return document_amend(actor=actor, document=schedule, reason=reason)


def copy_unit_schedules(old: ConsolidatedSchedule, new: ConsolidatedSchedule) -> None:
    new.unit_schedules.set(list(old.unit_schedules.values_list("pk", flat=True)))
