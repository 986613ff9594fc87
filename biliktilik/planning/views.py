"""Pages of planning. Thin: each picks a selector or calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError
from biliktilik.core.query import query_choice, query_int
from biliktilik.core.tables.export import attachment
from biliktilik.org.selectors import units_visible_to
from biliktilik.workflows.selectors import run_panel

from . import documents, selectors, services
from .enums import EDITABLE, PlanStatus
from .forms import AmendForm, DecideForm, ItemForm, MinutesForm, YearForm
from .models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


def _year(request: HttpRequest) -> int:
    return query_int(request.GET, "year", default=selectors.default_year(), minimum=2000, maximum=2100)


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, str(exc.message))
    if exc.code == "permission_denied":
        raise PermissionDenied(str(exc.message))


def _panel(request: HttpRequest, document: Any) -> Any:
    """The run partial's content without its own buttons: decisions on a planning page go through
    planning's decide action, which moves the document on in the same transaction."""
    run = selectors.run_of(document)
    if run is None:
        return None, []
    panel = run_panel(request.user, run)
    actions, panel.actions = panel.actions, []
    return panel, actions


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    board = selectors.planning_dashboard(request.user, year=year)
    return render(
        request,
        "planning/dashboard.html",
        {
            "board": board,
            "year": year,
            "employments": selectors.plan_employments(request.user),
            "headed": selectors.units_headed(request.user),
            "officer_orgs": selectors.officer_organisations(request.user),
        },
    )


@login_required
@require_POST
def plan_open(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    employment = next(
        (
            e
            for e in selectors.plan_employments(request.user)
            if str(e.organisation.public_id) == request.POST.get("organisation")
        ),
        None,
    )
    if not form.is_valid() or employment is None:
        messages.error(request, _("Choose the organisation and the year."))
        return redirect("planning:dashboard")
    try:
        plan = services.plan_create(
            actor=request.user,
            person=employment.person,
            organisation=employment.organisation,
            year=form.cleaned_data["year"],
        )
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:plan_detail", public_id=plan.public_id)


def _plan_or_404(request: HttpRequest, public_id: UUID) -> IndividualPlan:
    plan = selectors.plan_get(request.user, public_id=public_id)
    if plan is None:
        raise Http404(_("No such plan."))
    return plan


@login_required
def plan_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    plan = _plan_or_404(request, public_id)
    editable = plan.status in EDITABLE and services.may_edit_plan(request.user, plan)
    panel, actions = _panel(request, plan)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "items": selectors.plan_items(plan),
            "editable": editable,
            "may_amend": plan.status == PlanStatus.APPROVED and services.may_edit_plan(request.user, plan),
            "item_form": ItemForm(),
            "amend_form": AmendForm(),
            "suggestions": selectors.plan_suggestions(plan) if editable else [],
            "versions": selectors.versions_of(plan),
            "panel": panel,
            "actions": actions,
        },
    )


def _decide(request: HttpRequest, document: Any) -> None:
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return
    services.document_decide(
        actor=request.user,
        document=document,
        action=form.cleaned_data["action"],
        expected_step_id=form.cleaned_data["expected_step"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Your decision is recorded."))


def _amend(request: HttpRequest, amend: Callable[..., Any], **kwargs: Any) -> Any:
    form = AmendForm(request.POST)
    reason = form.data.get("reason", "")
    return amend(actor=request.user, reason=reason, **kwargs)


@login_required
@require_POST
def plan_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    plan = _plan_or_404(request, public_id)
    target = plan
    try:
        if action == "add":
            form = ItemForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the activity: %(errors)s") % {"errors": form.errors.as_text()})
                return redirect("planning:plan_detail", public_id=plan.public_id)
            services.plan_item_add(actor=request.user, plan=plan, **form.cleaned_data)
        elif action == "suggest":
            services.plan_add_suggestions(actor=request.user, plan=plan)
        elif action == "submit":
            services.plan_submit(actor=request.user, plan=plan)
            messages.success(request, _("The plan is submitted."))
        elif action == "amend":
            target = _amend(request, services.plan_amend, plan=plan)
        elif action == "decide":
            _decide(request, plan)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:plan_detail", public_id=target.public_id)


@login_required
@require_POST
def item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = PlanItem.objects.filter(pk=item_id, plan__in=selectors.plans_visible_to(request.user)).first()
    if item is None:
        raise Http404(_("No such activity."))
    plan = item.plan
    try:
        services.plan_item_remove(actor=request.user, item=item)
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:plan_detail", public_id=plan.public_id)


# --- unit schedules -------------------------------------------------------------------------------


@login_required
@require_POST
def unit_schedule_open(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    wanted = _uuid(request.POST.get("unit", ""))
    unit = units_visible_to(request.user).filter(public_id=wanted).first() if wanted else None
    if not form.is_valid() or unit is None:
        messages.error(request, _("Choose the unit and the year."))
        return redirect("planning:dashboard")
    try:
        schedule = services.unit_schedule_create(actor=request.user, unit=unit, year=form.cleaned_data["year"])
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:unit_schedule_detail", public_id=schedule.public_id)


def _unit_schedule_or_404(request: HttpRequest, public_id: UUID) -> UnitSchedule:
    schedule = selectors.unit_schedule_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404(_("No such schedule."))
    return schedule


@login_required
def unit_schedule_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    schedule = _unit_schedule_or_404(request, public_id)
    manages = services.may_manage_unit_schedule(request.user, schedule.unit)
    panel, actions = _panel(request, schedule)
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
    schedule = _unit_schedule_or_404(request, public_id)
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
            target = _amend(request, services.unit_schedule_amend, schedule=schedule)
        elif action == "decide":
            _decide(request, schedule)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        _error(request, exc)
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
        _error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:consolidated_detail", public_id=schedule.public_id)


def _consolidated_or_404(request: HttpRequest, public_id: UUID) -> ConsolidatedSchedule:
    schedule = selectors.consolidated_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404(_("No such schedule."))
    return schedule


@login_required
def consolidated_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    schedule = _consolidated_or_404(request, public_id)
    officer = services.is_planning_officer(request.user, schedule.organisation_id)
    panel, actions = _panel(request, schedule)
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
    schedule = _consolidated_or_404(request, public_id)
    target = schedule
    try:
        if action == "assemble":
            services.consolidated_assemble(actor=request.user, schedule=schedule)
        elif action == "submit":
            services.consolidated_submit(actor=request.user, schedule=schedule)
            messages.success(request, _("The schedule is sent for approval."))
        elif action == "amend":
            target = _amend(request, services.consolidated_amend, schedule=schedule)
        elif action == "decide":
            _decide(request, schedule)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:consolidated_detail", public_id=target.public_id)


# --- compare and documents ------------------------------------------------------------------------


@login_required
def compare(request: HttpRequest, kind: str, old_id: UUID, new_id: UUID) -> HttpResponse:
    getters: dict[str, Callable[..., Any]] = {
        "plan": selectors.plan_get,
        "unit": selectors.unit_schedule_get,
        "consolidated": selectors.consolidated_get,
    }
    getter = getters.get(kind)
    if getter is None:
        raise Http404(_("No such document."))
    old, new = getter(request.user, public_id=old_id), getter(request.user, public_id=new_id)
    if old is None or new is None or old.pk not in {v.pk for v in selectors.versions_of(new)}:
        raise Http404(_("No such version."))
    if kind == "plan":
        comparison: Any = selectors.compare_plans(old, new)
    elif kind == "unit":
        comparison = selectors.compare_unit_schedules(old, new)
    else:
        comparison = selectors.compare_consolidated(old, new)
    return render(request, "planning/compare.html", {"kind": kind, "c": comparison, "now": timezone.now()})


def _export(request: HttpRequest, document: Any, fmt: str) -> HttpResponse:
    language = query_choice(request.GET, "lang", ["kk", "ru"], default="kk")
    if fmt == "xlsx":
        content, name = documents.schedule_xlsx(document, language=language)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        content, name = documents.schedule_pdf(document, language=language)
        mime = "application/pdf"
    else:
        raise Http404(_("No such format."))
    return attachment(HttpResponse(content, content_type=mime), name)


@login_required
def unit_schedule_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    return _export(request, _unit_schedule_or_404(request, public_id), fmt)


@login_required
def consolidated_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    return _export(request, _consolidated_or_404(request, public_id), fmt)


def detail_url(document: Any) -> str:
    names = {
        IndividualPlan: "planning:plan_detail",
        UnitSchedule: "planning:unit_schedule_detail",
        ConsolidatedSchedule: "planning:consolidated_detail",
    }
    return reverse(names[type(document)], kwargs={"public_id": document.public_id})
