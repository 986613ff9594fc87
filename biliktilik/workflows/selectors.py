"""Reads of approval routes and runs, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from biliktilik.accounts.models import User
from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role
from biliktilik.org.enums import OfficeKind
from biliktilik.org.models import Office, Organisation

from .enums import OUTSIDE_DECIDERS, Decider, DecisionAction, RunStatus
from .models import Decision, Route, Run, Step
from .permissions import ROUTE_MANAGER_ROLES, can_cancel
from .resolvers import DECIDERS_OF_ROLE, OFFICE_OF_ROLE, DeciderBook, Place

# --- routes ---------------------------------------------------------------------------------


def routes_visible_to(user: Any) -> QuerySet[Route]:
    """Routes of the organisations the user works in or sees whole (every version)."""
    scope = scope_of(user)
    qs = Route.objects.select_related("organisation")
    if scope.everything:
        return qs
    return qs.filter(organisation_id__in=sorted(scope.organisation_ids | scope.member_organisation_ids))


def current_routes_visible_to(user: Any, *, organisation_id: int | None = None) -> QuerySet[Route]:
    """The current version of each visible route, with its number of steps, in one query."""
    qs = routes_visible_to(user).filter(is_current=True).annotate(step_count=Count("steps"))
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.order_by("organisation__path", "code")


def route_get(user: Any, *, public_id: Any) -> Route | None:
    return routes_visible_to(user).filter(public_id=public_id).first()


def route_steps(route: Route) -> list[Step]:
    return list(route.steps.select_related("decider_organisation").order_by("order"))


def route_versions(route: Route) -> list[Route]:
    """Every version of the route, newest first, each with its number of runs."""
    return list(
        Route.objects.filter(organisation_id=route.organisation_id, code=route.code)
        .annotate(run_count=Count("runs"))
        .order_by("-version")
    )


def route_for_purpose(organisation: Organisation, purpose: str) -> Route | None:
    """The route an owning app uses for its objects of ``purpose`` (the current, active one;
    when there are several, the first by code)."""
    return (
        Route.objects.filter(organisation=organisation, purpose=purpose, is_current=True, is_active=True)
        .order_by("code")
        .first()
    )


def organisations_managed_by(user: Any) -> QuerySet[Organisation]:
    """Organisations whose routes the user may create and change."""
    scope = scope_of(user)
    if scope.everything:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(id__in=sorted(scope.organisations_with_role(*ROUTE_MANAGER_ROLES))).order_by(
        "path"
    )


# --- runs -----------------------------------------------------------------------------------


def _runs() -> QuerySet[Run]:
    return Run.objects.select_related(
        "route", "current_step", "organisation", "unit", "started_by", "started_by__person", "content_type"
    )


def runs_visible_to(user: Any) -> QuerySet[Run]:
    """Runs of organisations and units the user sees, runs the user started or decided, and runs
    that pass through the management office the user heads."""
    scope = scope_of(user)
    if not getattr(user, "is_authenticated", False):
        return Run.objects.none()
    qs = _runs()
    if scope.everything:
        return qs
    q = scope.filter_q(organisation="organisation_id", unit="unit_id")
    q |= Q(started_by=user.pk) | Q(Exists(Decision.objects.filter(run_id=OuterRef("pk"), actor_id=user.pk)))
    held = [(g.organisation_id, OFFICE_OF_ROLE[g.role]) for g in scope.grants if g.role in OFFICE_OF_ROLE]
    for organisation_id, office in held:  # runs another organisation sends to an office of the user's
        q |= Q(
            Exists(
                Step.objects.filter(
                    route_id=OuterRef("route_id"),
                    decider=Decider.OTHER_ORGANISATION,
                    decider_organisation_id=organisation_id,
                    decider_office=office,
                )
            )
        )
    headed = [g.unit_id for g in scope.grants if g.role == Role.UNIT_HEAD and g.unit_id]
    if headed:
        offices = Office.objects.filter(kind=OfficeKind.MANAGEMENT_OFFICE, unit_id__in=sorted(headed))
        passes_office = Exists(Step.objects.filter(route_id=OuterRef("route_id"), decider=Decider.MANAGEMENT_OFFICE))
        q |= Q(passes_office, organisation_id__in=offices.values("organisation_id"))
    return qs.filter(q)


def run_get(user: Any, *, public_id: Any) -> Run | None:
    return runs_visible_to(user).filter(public_id=public_id).first()


def _place(run: Run) -> Place:
    return Place.of(run.organisation_id, run.unit)


def runs_waiting_for(user: Any) -> list[Run]:
    """Runs in progress whose current step the user may decide, oldest first (a fixed number of
    queries, whatever the number of runs)."""
    scope = scope_of(user)
    q = Q()
    for grant in scope.grants:
        deciders = DECIDERS_OF_ROLE.get(grant.role, frozenset()) - OUTSIDE_DECIDERS
        if deciders:
            q |= Q(organisation_id=grant.organisation_id, current_step__decider__in=sorted(deciders))
        office = OFFICE_OF_ROLE.get(grant.role)
        if office:  # an office of this organisation deciding for another one
            q |= Q(
                current_step__decider=Decider.OTHER_ORGANISATION,
                current_step__decider_organisation_id=grant.organisation_id,
                current_step__decider_office=office,
            )
    if any(g.role == Role.AUTHORITY_OFFICER for g in scope.grants) and scope.organisation_ids:
        q |= Q(current_step__decider=Decider.AUTHORITY_ABOVE, organisation_id__in=sorted(scope.organisation_ids))
    if not q:
        return []
    candidates = list(
        _runs().filter(status=RunStatus.IN_PROGRESS).filter(q).prefetch_related("content_object").order_by("started_at")
    )
    book = DeciderBook(_place(r) for r in candidates)
    return [r for r in candidates if r.current_step and user.pk in book.holders(r.current_step, _place(r))]


def runs_of(obj: models.Model) -> QuerySet[Run]:
    """Every run of one object, newest first (for the owning app's pages)."""
    return _runs().filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def active_run_of(obj: models.Model) -> Run | None:
    return runs_of(obj).filter(status=RunStatus.IN_PROGRESS).first()


def can_decide(user: Any, run: Run) -> bool:
    """Whether ``user`` may decide the current step of ``run`` now."""
    if not getattr(user, "is_authenticated", False) or run.status != RunStatus.IN_PROGRESS or run.current_step is None:
        return False
    return user.pk in DeciderBook([_place(run)]).holders(run.current_step, _place(run))


def decides_in(user: Any, run: Run) -> bool:
    """Whether ``user`` decides some step of ``run``'s route (the current one, one already passed or
    one to come): the cheap check before a decision's input is read. ``can_decide`` and the engine
    then answer for the current step."""
    if not getattr(user, "is_authenticated", False):
        return False
    place = _place(run)
    book = DeciderBook([place])
    return any(user.pk in book.holders(step, place) for step in run.route.steps.all())


def allowed_actions(user: Any, run: Run) -> list[str]:
    """The decisions ``user`` may take on ``run`` now (empty when not entitled)."""
    if not can_decide(user, run) or run.current_step is None:
        return []
    return list(run.current_step.actions)


# --- the run panel --------------------------------------------------------------------------


@dataclass
class StepLine:
    """One step of a run as shown: its state and the decisions taken on it."""

    step: Step
    state: str  # "current", "decided", "pending", "skipped", "not_reached"
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class RunPanel:
    run: Run
    lines: list[StepLine]
    actions: list[tuple[str, str]]
    waiting_for: list[str]
    can_cancel: bool = False
    cancellation: Decision | None = None
    error: str = ""

    @property
    def can_decide(self) -> bool:
        return bool(self.actions)

    @property
    def needs_comment(self) -> bool:
        return any(a != DecisionAction.APPROVE for a, _label in self.actions)


def _person_name(user: Any) -> str:
    person = getattr(user, "person", None)
    return person.short_name if person is not None else str(user.get_username())


def run_panel(user: Any, run: Run) -> RunPanel:
    """Everything the run partial shows: the steps with who decided what and when, who decides
    now, and what ``user`` may do (a fixed number of queries)."""
    steps = route_steps(run.route)
    decisions = list(Decision.objects.filter(run=run).select_related("actor", "actor__person", "step"))
    by_step: dict[int, list[Decision]] = {}
    cancellation = None
    for decision in decisions:
        if decision.action == DecisionAction.CANCEL:
            cancellation = decision
            continue
        by_step.setdefault(decision.step_id, []).append(decision)

    current_order = run.current_step.order if run.current_step else None
    last_decided = max((s.order for s in steps if s.pk in by_step), default=0)
    lines: list[StepLine] = []
    for step in steps:
        taken = by_step.get(step.pk, [])
        if current_order is not None and step.order == current_order:
            state = "current"
        elif taken:
            state = "decided"
        elif current_order is not None:
            state = "skipped" if step.order < current_order else "pending"
        elif step.order < last_decided or run.status == RunStatus.APPROVED:
            state = "skipped"
        else:
            state = "not_reached"
        lines.append(StepLine(step=step, state=state, decisions=taken))

    actions: list[tuple[str, str]] = []
    waiting_for: list[str] = []
    if run.status == RunStatus.IN_PROGRESS and run.current_step is not None:
        holders = DeciderBook([_place(run)]).holders(run.current_step, _place(run))
        if getattr(user, "is_authenticated", False) and user.pk in holders:
            actions = run.current_step.action_labels()
        users = User.objects.filter(pk__in=sorted(holders)).select_related("person")
        waiting_for = sorted(_person_name(u) for u in users)
    return RunPanel(
        run=run,
        lines=lines,
        actions=actions,
        waiting_for=waiting_for,
        can_cancel=can_cancel(user, run),
        cancellation=cancellation,
    )
