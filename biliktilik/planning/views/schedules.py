"""Unit schedules, form 602-01 (PLN-02), and the approved part of a unit (PLN-03)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError
from biliktilik.org.selectors import units_visible_to

from .. import selectors, services
from ..enums import EDITABLE, PlanStatus
from ..forms import AmendForm, MinutesForm, YearForm
from ..models import UnitSchedule
from .common import (
    amend_from,
    decide,
    run_panel_of,
    show_error,
    uuid_or_none,
)

# --- unit schedules -------------------------------------------------------------------------------


@login_required
@require_POST
def unit_schedule_open(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    wanted = uuid_or_none(request.POST.get("unit", ""))
    unit = units_visible_to(request.user).filter(public_id=wanted).first() if wanted else None
    if not form.is_valid() or unit is None:
        messages.error(request, _("Choose the unit and the year."))
        return redirect("planning:dashboard")
    try:
        schedule = services.unit_schedule_create(actor=request.user, unit=unit, year=form.cleaned_data["year"])
    except ApplicationError as exc:
        show_error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:unit_schedule_detail", public_id=schedule.public_id)


def unit_schedule_or_404(request: HttpRequest, public_id: UUID) -> UnitSchedule:
    schedule = selectors.unit_schedule_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404(_("No such schedule."))
    return schedule


@login_required
def unit_schedule_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    schedule = unit_schedule_or_404(request, public_id)
    manages = services.may_manage_unit_schedule(request.user, schedule.unit)
    panel, actions = run_panel_of(request, schedule)
    return render(
        request,
        "planning/unit_schedule_detail.html",
        {
            "schedule": schedule,
            "lines": selectors.unit_schedule_lines(schedule),
            "analysis": selectors.analysis_inputs(schedule.unit),
            "editable": manages and schedule.status in EDITABLE,
            "may_amend": manages and schedule.status == PlanStatus.APPROVED,
            "minutes_form": MinutesForm(
                initial={
                    "meeting_date": schedule.meeting_date,
                    "meeting_number": schedule.meeting_number,
                    "meeting_present": schedule.meeting_present,
                    "meeting_decision": schedule.meeting_decision,
                }
            ),
            "amend_form": AmendForm(),
            "versions": selectors.versions_of(schedule),
            "panel": panel,
            "actions": actions,
        },
    )


@login_required
@require_POST
def unit_schedule_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    schedule = unit_schedule_or_404(request, public_id)
    target = schedule
    try:
        if action == "assemble":
            services.unit_schedule_assemble(actor=request.user, schedule=schedule)
        elif action == "minutes":
            form = MinutesForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the minutes: %(errors)s") % {"errors": form.errors.as_text()})
                return redirect("planning:unit_schedule_detail", public_id=schedule.public_id)
            services.unit_schedule_set_minutes(actor=request.user, schedule=schedule, **form.cleaned_data)
        elif action == "submit":
            services.unit_schedule_submit(actor=request.user, schedule=schedule)
            messages.success(request, _("The schedule is sent for approval."))
        elif action == "amend":
            target = amend_from(request, services.unit_schedule_amend, schedule=schedule)
        elif action == "decide":
            decide(request, schedule)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        show_error(request, exc)
    return redirect("planning:unit_schedule_detail", public_id=target.public_id)


@login_required
def approved_part_view(request: HttpRequest, unit_id: UUID, year: int) -> HttpResponse:
    unit = units_visible_to(request.user).filter(public_id=unit_id).first()
    # Seeing a unit's name (its organisation's structure) is not seeing its plans: a unit outside
    # the user's scope answers 404, not an empty page.
    if unit is None or not scope_of(request.user).sees_unit(unit.pk, unit.organisation_id):
        raise Http404(_("No such unit."))
    schedule, lines = selectors.approved_part(request.user, unit=unit, year=year)
    return render(
        request, "planning/approved_part.html", {"unit": unit, "year": year, "schedule": schedule, "lines": lines}
    )
