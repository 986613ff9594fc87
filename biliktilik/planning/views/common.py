"""What the planning pages share: reading the year and ids, errors, the approval panel, decisions
and amendments, the link to a document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.core.query import query_int
from biliktilik.workflows.selectors import run_panel

from .. import selectors, services
from ..forms import AmendForm, DecideForm
from ..models import ConsolidatedSchedule, IndividualPlan, PerspectivePlan, UnitSchedule


def uuid_or_none(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


def year_of(request: HttpRequest) -> int:
    return query_int(request.GET, "year", default=selectors.default_year(), minimum=2000, maximum=2100)


def show_error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, str(exc.message))
    if exc.code == "permission_denied":
        raise PermissionDenied(str(exc.message))


def run_panel_of(request: HttpRequest, document: Any) -> Any:
    """The run partial's content without its own buttons: decisions on a planning page go through
    planning's decide action, which moves the document on in the same transaction."""
    run = selectors.run_of(document)
    if run is None:
        return None, []
    panel = run_panel(request.user, run)
    actions, panel.actions = panel.actions, []
    return panel, actions


def decide(request: HttpRequest, document: Any) -> None:
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


def amend_from(request: HttpRequest, amend: Callable[..., Any], **kwargs: Any) -> Any:
    form = AmendForm(request.POST)
    reason = form.data.get("reason", "")
    return amend(actor=request.user, reason=reason, **kwargs)


def detail_url(document: Any) -> str:
    names = {
        IndividualPlan: "planning:plan_detail",
        UnitSchedule: "planning:unit_schedule_detail",
        ConsolidatedSchedule: "planning:consolidated_detail",
        PerspectivePlan: "planning:perspective_detail",
    }
    return reverse(names[type(document)], kwargs={"public_id": document.public_id})
