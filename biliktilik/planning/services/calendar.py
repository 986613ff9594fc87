"""The organisation's own yearly deadline for its plan: its data, read only where no deadline
rule ``organisation_plan`` is in force for it (the rule wins; ``selectors.planning_deadline``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError
from biliktilik.org.models import Organisation

from ..models import PlanningCalendar
from .common import _deny, _require_signed_in, is_planning_officer

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
