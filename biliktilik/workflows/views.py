"""Pages of approval routes and runs. Thin: each picks a selector or calls one service."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError
from biliktilik.core.query import query_uuid
from biliktilik.org.selectors import organisations_visible_to

from .forms import DecisionForm, RouteForm, StepForm, StepFormSet, steps_of
from .models import Route
from .permissions import can_manage_routes, may_manage_some_routes
from .selectors import (
    current_routes_visible_to,
    organisations_managed_by,
    route_get,
    route_steps,
    route_versions,
    run_get,
    run_panel,
    runs_visible_to,
    runs_waiting_for,
)
from .services import route_create, route_update, run_decide


def _route_or_404(request: HttpRequest, public_id: UUID) -> Route:
    route = route_get(request.user, public_id=public_id)
    if route is None:
        raise Http404(_("No such approval route."))
    return route


@login_required
def route_list(request: HttpRequest) -> HttpResponse:
    wanted = query_uuid(request.GET, "organisation")
    organisation_id = None
    if wanted is not None:
        chosen = organisations_visible_to(request.user).filter(public_id=wanted).first()
        if chosen is None:
            raise Http404(_("No such organisation."))
        organisation_id = chosen.pk
    routes = list(current_routes_visible_to(request.user, organisation_id=organisation_id))
    for route in routes:
        route.can_edit = can_manage_routes(request.user, route.organisation_id)  # type: ignore[attr-defined]
    return render(
        request,
        "workflows/route_list.html",
        {"routes": routes, "can_create": may_manage_some_routes(request.user)},
    )


@login_required
def route_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    route = _route_or_404(request, public_id)
    runs = list(
        runs_visible_to(request.user).filter(route__organisation_id=route.organisation_id, route__code=route.code)[:20]
    )
    return render(
        request,
        "workflows/route_detail.html",
        {
            "route": route,
            "steps": route_steps(route),
            "versions": route_versions(route),
            "runs": runs,
            "can_edit": route.is_current and can_manage_routes(request.user, route.organisation_id),
        },
    )


def _apply_error(form: RouteForm, formset: Any, error: ApplicationError) -> None:
    if error.field and error.field in form.fields:
        form.add_error(error.field, str(error.message))
    elif error.field == "steps":
        formset.non_form_errors().append(str(error.message))
    else:
        form.add_error(None, str(error.message))


@login_required
def route_create_view(request: HttpRequest) -> HttpResponse:
    if not may_manage_some_routes(request.user):
        raise PermissionDenied
    organisations = organisations_managed_by(request.user)
    if request.method == "POST":
        form = RouteForm(request.POST, organisations=organisations)
        formset = StepFormSet(request.POST, prefix="steps", form_kwargs={"user": request.user})
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                route = route_create(
                    actor=request.user,
                    organisation=data["organisation"],
                    code=data["code"],
                    title_kk=data["title_kk"],
                    title_ru=data["title_ru"],
                    title_en=data["title_en"],
                    purpose=data["purpose"],
                    notes=data["notes"],
                    is_active=data["is_active"],
                    steps=steps_of(formset),
                )
            except ApplicationError as error:
                _apply_error(form, formset, error)
            else:
                messages.success(request, _("The approval route was created."))
                return redirect("workflows:route_detail", public_id=route.public_id)
    else:
        form = RouteForm(organisations=organisations)
        formset = StepFormSet(prefix="steps", form_kwargs={"user": request.user})
    return render(request, "workflows/route_form.html", {"form": form, "formset": formset, "route": None})


@login_required
def route_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    route = _route_or_404(request, public_id)
    if not can_manage_routes(request.user, route.organisation_id):
        raise PermissionDenied
    if not route.is_current:
        messages.warning(request, _("This is an old version; edit the current one."))
        return redirect("workflows:route_detail", public_id=route.public_id)
    if request.method == "POST":
        form = RouteForm(request.POST)
        formset = StepFormSet(request.POST, prefix="steps", form_kwargs={"user": request.user})
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                saved = route_update(
                    actor=request.user,
                    route=route,
                    title_kk=data["title_kk"],
                    title_ru=data["title_ru"],
                    title_en=data["title_en"],
                    purpose=data["purpose"],
                    notes=data["notes"],
                    is_active=data["is_active"],
                    steps=steps_of(formset),
                )
            except ApplicationError as error:
                _apply_error(form, formset, error)
            else:
                if saved.pk != route.pk:
                    messages.success(
                        request,
                        _("The route already has runs, so version %(version)s was made; its runs keep their steps.")
                        % {"version": saved.version},
                    )
                else:
                    messages.success(request, _("The approval route was saved."))
                return redirect("workflows:route_detail", public_id=saved.public_id)
    else:
        form = RouteForm(initial=RouteForm.initial_for(route))
        formset = StepFormSet(
            prefix="steps",
            initial=[StepForm.initial_for(s) for s in route_steps(route)],
            form_kwargs={"user": request.user},
        )
    return render(request, "workflows/route_form.html", {"form": form, "formset": formset, "route": route})


@login_required
def waiting(request: HttpRequest) -> HttpResponse:
    return render(request, "workflows/waiting.html", {"runs": runs_waiting_for(request.user)})


@login_required
def run_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    run = run_get(request.user, public_id=public_id)
    if run is None:
        raise Http404(_("No such approval."))
    return render(request, "workflows/run_detail.html", {"run": run, "panel": run_panel(request.user, run)})


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@login_required
@require_POST
def run_decide_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Decide the current step. Under htmx the run partial comes back (with the error, if any);
    otherwise the browser goes back to where it came from, or sees the refusal."""
    run = run_get(request.user, public_id=public_id)
    if run is None:
        raise Http404(_("No such approval."))
    form = DecisionForm(request.POST)
    error: ApplicationError | None = None
    if not form.is_valid():
        error = ApplicationError(_("Choose a decision."), field="action")
    else:
        try:
            run = run_decide(
                actor=request.user,
                run=run,
                action=form.cleaned_data["action"],
                comment=form.cleaned_data["comment"],
                expected_step_id=form.cleaned_data["expected_step"],
            )
        except ApplicationError as exc:
            error = exc
    fresh = run_get(request.user, public_id=public_id) or run
    panel = run_panel(request.user, fresh)
    if error is not None:
        panel.error = str(error.message)
    if getattr(request, "htmx", False):
        response = render(request, "workflows/_run.html", {"panel": panel, "next": request.POST.get("next", "")})
        if error is None:
            response["HX-Trigger"] = "workflows:run-changed"
        return response
    if error is not None:
        return render(request, "workflows/run_detail.html", {"run": fresh, "panel": panel}, status=error.status)
    messages.success(request, _("Your decision was recorded."))
    return redirect(_safe_next(request) or reverse("workflows:run_detail", kwargs={"public_id": fresh.public_id}))
