"""The planning dashboard and individual plans (PLN-01)."""

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
from ..forms import AmendForm, ItemForm, YearForm
from ..models import IndividualPlan, PlanItem
from .common import (
    amend_from,
    decide,
    run_panel_of,
    show_error,
    year_of,
)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
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
        show_error(request, exc)
        return redirect("planning:dashboard")
    return redirect("planning:plan_detail", public_id=plan.public_id)


def plan_or_404(request: HttpRequest, public_id: UUID) -> IndividualPlan:
    plan = selectors.plan_get(request.user, public_id=public_id)
    if plan is None:
        raise Http404(_("No such plan."))
    return plan


@login_required
def plan_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    plan = plan_or_404(request, public_id)
    editable = plan.status in EDITABLE and services.may_edit_plan(request.user, plan)
    panel, actions = run_panel_of(request, plan)
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


@login_required
@require_POST
def plan_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    plan = plan_or_404(request, public_id)
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
            target = amend_from(request, services.plan_amend, plan=plan)
        elif action == "decide":
            decide(request, plan)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        show_error(request, exc)
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
        show_error(request, exc)
    return redirect("planning:plan_detail", public_id=plan.public_id)
