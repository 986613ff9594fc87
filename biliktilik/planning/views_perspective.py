"""Pages of perspective PD plans (PLN-04). Thin: each picks a selector or calls one service."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError, ErrorCode

from . import perspective
from .enums import PlanStatus
from .forms import AmendForm, PerspectivePlanForm, PerspectiveStageForm, PerspectiveTargetForm, StageMonitorForm
from .models import PerspectivePlan, StageStatus
from .views.common import amend_from, decide, run_panel_of


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, str(exc.message))
    if exc.code == ErrorCode.PERMISSION_DENIED:
        raise PermissionDenied(str(exc.message))


def _invalid(request: HttpRequest, form: object) -> None:
    errors = getattr(form, "errors", None)
    messages.error(request, _("Check the form: %(errors)s") % {"errors": errors.as_text() if errors else ""})


@login_required
def perspective_list(request: HttpRequest) -> HttpResponse:
    organisations = list(perspective.perspective_organisations_for(request.user))
    return render(
        request,
        "planning/perspective_list.html",
        {
            "plans": list(perspective.perspective_list(request.user)),
            "organisations": organisations,
            "form": PerspectivePlanForm(),
        },
    )


@login_required
@require_POST
def perspective_create(request: HttpRequest) -> HttpResponse:
    public_id = _uuid(request.POST.get("organisation", ""))
    organisation = (
        perspective.perspective_organisations_for(request.user).filter(public_id=public_id).first()
        if public_id
        else None
    )
    if organisation is None:
        raise PermissionDenied(_("You may not draw up a perspective plan for this organisation."))
    form = PerspectivePlanForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("planning:perspective_list")
    try:
        plan = perspective.perspective_create(actor=request.user, organisation=organisation, **form.cleaned_data)
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("planning:perspective_list")
    messages.success(request, _("The perspective plan is created."))
    return redirect("planning:perspective_detail", public_id=plan.public_id)


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


def _plan_or_404(request: HttpRequest, public_id: UUID) -> PerspectivePlan:
    plan = perspective.perspective_get(request.user, public_id=public_id)
    if plan is None:
        raise Http404(_("No such perspective plan."))
    return plan


@login_required
def perspective_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    plan = _plan_or_404(request, public_id)
    may_edit = perspective.may_edit_perspective(request.user, plan.organisation_id)
    editable = may_edit and plan.is_editable
    stages = perspective.perspective_stages(plan)
    panel, actions = run_panel_of(request, plan)
    return render(
        request,
        "planning/perspective_detail.html",
        {
            "plan": plan,
            "editable": editable,
            "may_monitor": may_edit and plan.status not in (PlanStatus.REJECTED, PlanStatus.SUPERSEDED),
            "may_amend": may_edit and plan.status == PlanStatus.APPROVED,
            "amend_form": AmendForm(),
            "versions": perspective.perspective_versions(plan),
            "panel": panel,
            "actions": actions,
            "stages": stages,
            "targets": perspective.perspective_targets(plan),
            "execution": perspective.perspective_execution(plan),
            "statuses": StageStatus.choices,
            "plan_form": PerspectivePlanForm(
                initial={
                    "title": plan.title,
                    "from_year": plan.from_year,
                    "to_year": plan.to_year,
                    "description": plan.description,
                }
            ),
            "stage_form": PerspectiveStageForm(initial={"from_year": plan.from_year, "to_year": plan.to_year}),
            "target_form": PerspectiveTargetForm(initial={"year": plan.from_year}),
        },
    )


@login_required
@require_POST
def perspective_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    plan = _plan_or_404(request, public_id)
    landing = plan
    try:
        if action == "submit":
            perspective.perspective_submit(actor=request.user, plan=plan)
            messages.success(request, _("The perspective plan is sent for approval."))
        elif action == "amend":
            landing = amend_from(request, perspective.perspective_amend, plan=plan)
        elif action == "decide":
            decide(request, plan)
        elif action == "update":
            form = PerspectivePlanForm(request.POST)
            if form.is_valid():
                perspective.perspective_update(actor=request.user, plan=plan, **form.cleaned_data)
            else:
                _invalid(request, form)
        elif action == "stage_add":
            stage_form = PerspectiveStageForm(request.POST)
            if stage_form.is_valid():
                perspective.perspective_stage_add(actor=request.user, plan=plan, **stage_form.cleaned_data)
            else:
                _invalid(request, stage_form)
        elif action in ("stage_monitor", "stage_remove"):
            stage = plan.stages.filter(pk=_int(request.POST.get("stage"))).first()
            if stage is None:
                raise Http404(_("No such stage."))
            if action == "stage_remove":
                perspective.perspective_stage_remove(actor=request.user, stage=stage)
            else:
                monitor = StageMonitorForm(request.POST)
                if monitor.is_valid():
                    perspective.perspective_stage_monitor(
                        actor=request.user,
                        stage=stage,
                        status=monitor.cleaned_data["status"],
                        notes=monitor.cleaned_data["notes"],
                    )
                else:
                    _invalid(request, monitor)
        elif action == "target_set":
            target_form = PerspectiveTargetForm(request.POST)
            if target_form.is_valid():
                perspective.perspective_target_set(actor=request.user, plan=plan, **target_form.cleaned_data)
            else:
                _invalid(request, target_form)
        elif action == "target_remove":
            target = plan.targets.filter(pk=_int(request.POST.get("target"))).first()
            if target is None:
                raise Http404(_("No such target."))
            perspective.perspective_target_remove(actor=request.user, target=target)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:perspective_detail", public_id=landing.public_id)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0
