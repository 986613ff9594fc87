"""Which plans and schedules the user sees (SEC-01), their versions, the approval marks and
the runs of their routes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from biliktilik.core.access import scope_of
from biliktilik.workflows.enums import DecisionAction, RunStatus
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.selectors import runs_of

from ..models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule

# --- visibility ------------------------------------------------------------------------------------


def plans_visible_to(user: Any) -> QuerySet[IndividualPlan]:
    if not getattr(user, "is_authenticated", False):
        return IndividualPlan.objects.none()
    scope = scope_of(user)
    q = scope.filter_q(organisation="organisation_id", unit="unit_id", person="person_id")
    if user.person_id is not None:
        q |= Q(person_id=user.person_id)
    return IndividualPlan.objects.filter(q).select_related("person", "unit", "organisation")


def plan_get(user: Any, *, public_id: Any) -> IndividualPlan | None:
    return plans_visible_to(user).filter(public_id=public_id).first()


def unit_schedules_visible_to(user: Any) -> QuerySet[UnitSchedule]:
    if not getattr(user, "is_authenticated", False):
        return UnitSchedule.objects.none()
    q = scope_of(user).filter_q(organisation="organisation_id", unit="unit_id")
    return UnitSchedule.objects.filter(q).select_related("unit", "organisation")


def unit_schedule_get(user: Any, *, public_id: Any) -> UnitSchedule | None:
    return unit_schedules_visible_to(user).filter(public_id=public_id).first()


def consolidated_visible_to(user: Any) -> QuerySet[ConsolidatedSchedule]:
    """Seen whole by those who see the organisation whole; unit heads see their approved part
    through ``approved_part``."""
    if not getattr(user, "is_authenticated", False):
        return ConsolidatedSchedule.objects.none()
    q = scope_of(user).filter_q(organisation="organisation_id")
    return ConsolidatedSchedule.objects.filter(q).select_related("organisation")


def consolidated_get(user: Any, *, public_id: Any) -> ConsolidatedSchedule | None:
    return consolidated_visible_to(user).filter(public_id=public_id).first()


def plan_items(plan: IndividualPlan) -> list[PlanItem]:
    return list(plan.items.all())


def versions_of(document: Any) -> list[Any]:
    """Every version of a plan or schedule, oldest first (two queries for any number of versions)."""
    model = type(document)
    if isinstance(document, IndividualPlan):
        key = {"person_id": document.person_id, "organisation_id": document.organisation_id}
    elif isinstance(document, UnitSchedule):
        key = {"unit_id": document.unit_id}
    else:
        key = {"organisation_id": document.organisation_id}
    return list(
        model.objects.filter(year=document.year, **key).select_related("created_by", "previous").order_by("version")
    )


# --- approval marks on documents ------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    name: str
    position: str
    at: dt.datetime


def final_approval(document: Any) -> Approval | None:
    """Who approved the document last (the last step of its approved run) and when."""
    run = runs_of(document).filter(status=RunStatus.APPROVED).first()
    if run is None:
        return None
    decision = (
        Decision.objects.filter(run=run, action=DecisionAction.APPROVE)
        .select_related("actor", "actor__person", "step")
        .order_by("-created_at", "-id")
        .first()
    )
    if decision is None:
        return None
    person = getattr(decision.actor, "person", None)
    name = person.short_name if person is not None else decision.actor.get_username()
    return Approval(name=name, position=decision.step.title, at=decision.created_at)


def run_of(document: Any) -> Run | None:
    """The newest run of the document (in progress or finished)."""
    return runs_of(document).select_related("route", "current_step").first()
