"""The organisation's consolidated schedule, form 602-05 (PLN-03)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError

from .. import selectors, services
from ..enums import EDITABLE, PlanStatus
from ..forms import AmendForm, YearForm
from ..models import ConsolidatedSchedule
from .common import (
    amend_from,
    decide,
    run_panel_of,
    show_error,
)

# --- consolidated schedules -----------------------------------------------------------------------


@login_required
@require_POST
def consolidated_open(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    organisation = next(
        (
            o
            for o in selectors.officer_organisations(request.user)
            if str(o.public_id) == request.POST.get("organisation")
        ),
        None,
    )
    if not form.is_valid() or organisation is None:
        messages.error(request, _("Choose the organisation and the year."))
        return redirect("planning:dashboard")
    try:
        schedule = services.consolidated_create(
            actor=request.user, organisation=organisation, year=form.cleaned_data["year"]
        )
    except ApplicationError as exc:
        show_error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:consolidated_detail", public_id=schedule.public_id)


def consolidated_or_404(request: HttpRequest, public_id: UUID) -> ConsolidatedSchedule:
    schedule = selectors.consolidated_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404(_("No such schedule."))
    return schedule


@login_required
def consolidated_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    schedule = consolidated_or_404(request, public_id)
    officer = services.is_planning_officer(request.user, schedule.organisation_id)
    panel, actions = run_panel_of(request, schedule)
    budget, total = selectors.budget_lines(schedule)
    return render(
        request,
        "planning/consolidated_detail.html",
        {
            "schedule": schedule,
            "lines": selectors.consolidated_lines(schedule),
            "units": list(schedule.unit_schedules.select_related("unit").order_by("unit__path")),
            "budget": budget,
            "total": total,
            "editable": officer and schedule.status in EDITABLE,
            "may_amend": officer and schedule.status == PlanStatus.APPROVED,
            "amend_form": AmendForm(),
            "versions": selectors.versions_of(schedule),
            "panel": panel,
            "actions": actions,
        },
    )


@login_required
@require_POST
def consolidated_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    schedule = consolidated_or_404(request, public_id)
    target = schedule
    try:
        if action == "assemble":
            services.consolidated_assemble(actor=request.user, schedule=schedule)
        elif action == "submit":
            services.consolidated_submit(actor=request.user, schedule=schedule)
            messages.success(request, _("The schedule is sent for approval."))
        elif action == "amend":
            target = amend_from(request, services.consolidated_amend, schedule=schedule)
        elif action == "decide":
            decide(request, schedule)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        show_error(request, exc)
    return redirect("planning:consolidated_detail", public_id=target.public_id)
