"""The planning deadline and the dashboard: what the user still owes (PLN-03, SKMA-464 5.5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q
from biliktilik.policy import parameters

from ..enums import OFFICER_ROLES, PlanStatus
from ..models import ConsolidatedSchedule, IndividualPlan, PlanningCalendar, UnitSchedule
from .visibility import consolidated_visible_to, plans_visible_to, unit_schedules_visible_to

# The suggested course (hours, length), the young-staff age and the plan deadline are rule data:
# ``policy.parameters`` (docs/rules.md, "Planning parameters").


# --- the deadline and the dashboard (PLN-03, SKMA-464 5.5) -----------------------------------------


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    source: str  # "rule" (a published deadline rule) or "calendar" (the organisation's own row)
    citation: str


def planning_deadline(organisation: Organisation, year: int) -> Deadline | None:
    """When the organisation's plan for ``year`` is due; the plan for year *Y* is due in year *Y - 1*.

    Precedence (docs/rules.md, "Planning parameters"): first the deadline rule ``organisation_plan``
    in force for the organisation (SKMA-464 5.5: by 1 December), with its citation; only where no
    rule gives the date, the organisation's own ``PlanningCalendar`` row (its own data, set by its
    HR service or PD centre, shown without a citation); None when neither says. There is no
    date in code."""
    found = parameters.plan_deadline(organisation, year)
    if found is not None:
        rule, date = found
        return Deadline(date, "rule", f"{rule.citation_document} {rule.citation_clause}".strip())
    calendar = PlanningCalendar.objects.filter(organisation=organisation).first()
    if calendar is None:
        return None
    return Deadline(dt.date(year - 1, calendar.plan_due_month, calendar.plan_due_day), "calendar", "")


def default_year(today: dt.date | None = None) -> int:
    """The year being planned: the next one."""
    return (today or timezone.localdate()).year + 1


@dataclass
class Owed:
    """Something the user still owes for the year's plan, with the countdown."""

    kind: str  # "plan", "unit_schedule", "consolidated"
    organisation: Organisation
    unit: Unit | None
    document: Any
    deadline: Deadline | None
    today: dt.date

    @property
    def days_left(self) -> int | None:
        return (self.deadline.date - self.today).days if self.deadline else None


@dataclass
class PlanningDashboard:
    year: int
    owed: list[Owed]
    plans: list[IndividualPlan]
    unit_schedules: list[UnitSchedule]
    consolidated: list[ConsolidatedSchedule]


def _is_open(document: Any) -> bool:
    return document is None or document.status in {PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.REJECTED}


class _Deadlines:
    """The planning deadline of each organisation for ``year``, read once per organisation."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.found: dict[int, Deadline | None] = {}

    def __call__(self, organisation: Organisation) -> Deadline | None:
        if organisation.pk not in self.found:
            self.found[organisation.pk] = planning_deadline(organisation, self.year)
        return self.found[organisation.pk]


def _owed_plans(user: Any, year: int, today: dt.date, deadline: _Deadlines) -> list[Owed]:
    """The user's own plan in each organisation they work in, while it is still open."""
    if user.person_id is None:
        return []
    employments = Employment.objects.filter(current_q(on=today), person_id=user.person_id).select_related(
        "organisation", "unit"
    )
    mine = {
        p.organisation_id: p
        for p in IndividualPlan.objects.filter(person_id=user.person_id, year=year).order_by("version")
    }
    owed: list[Owed] = []
    seen: set[int] = set()
    for employment in employments:
        if employment.organisation_id in seen:
            continue
        seen.add(employment.organisation_id)
        plan = mine.get(employment.organisation_id)
        if _is_open(plan):
            organisation = employment.organisation
            owed.append(Owed("plan", organisation, employment.unit, plan, deadline(organisation), today))
    return owed


def _owed_unit_schedules(scope: Any, year: int, today: dt.date, deadline: _Deadlines) -> list[Owed]:
    """The schedules of the units the user heads, while they are still open."""
    head_units = [g.unit_id for g in scope.grants if g.role == Role.UNIT_HEAD and g.unit_id]
    if not head_units:
        return []
    units = list(Unit.objects.filter(pk__in=head_units).select_related("organisation"))
    schedules = {
        s.unit_id: s for s in UnitSchedule.objects.filter(unit_id__in=head_units, year=year).order_by("version")
    }
    return [
        Owed("unit_schedule", unit.organisation, unit, schedules.get(unit.pk), deadline(unit.organisation), today)
        for unit in units
        if _is_open(schedules.get(unit.pk))
    ]


def _owed_consolidated(scope: Any, year: int, today: dt.date, deadline: _Deadlines) -> list[Owed]:
    """The consolidated schedule of each organisation where the user is an HR / PD-centre officer."""
    officer_orgs = scope.organisations_with_role(*OFFICER_ROLES)
    if not officer_orgs:
        return []
    organisations = list(Organisation.objects.filter(pk__in=sorted(officer_orgs)))
    consolidated = {
        c.organisation_id: c
        for c in ConsolidatedSchedule.objects.filter(organisation_id__in=officer_orgs, year=year).order_by("version")
    }
    return [
        Owed("consolidated", organisation, None, consolidated.get(organisation.pk), deadline(organisation), today)
        for organisation in organisations
        if _is_open(consolidated.get(organisation.pk))
    ]


def planning_dashboard(user: Any, *, year: int, today: dt.date | None = None) -> PlanningDashboard:
    """What the user still owes for ``year`` (their own plan; the schedules of the units they
    head; the consolidated schedule for HR and PD-centre officers) and the documents they see."""
    today = today or timezone.localdate()
    scope = scope_of(user)
    deadline = _Deadlines(year)
    owed = [
        *_owed_plans(user, year, today, deadline),
        *_owed_unit_schedules(scope, year, today, deadline),
        *_owed_consolidated(scope, year, today, deadline),
    ]
    return PlanningDashboard(
        year=year,
        owed=owed,
        plans=list(
            plans_visible_to(user)
            .filter(year=year)
            .order_by("person__last_name", "person__first_name", "-version")[:200]
        ),
        unit_schedules=list(unit_schedules_visible_to(user).filter(year=year).order_by("unit__path", "-version")[:200]),
        consolidated=list(consolidated_visible_to(user).filter(year=year).order_by("-version")),
    )


def units_headed(user: Any) -> list[Unit]:
    scope = scope_of(user)
    ids = [g.unit_id for g in scope.grants if g.role == Role.UNIT_HEAD and g.unit_id]
    return list(Unit.objects.filter(pk__in=ids).select_related("organisation")) if ids else []


def officer_organisations(user: Any) -> list[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return []
    ids = scope_of(user).organisations_with_role(*OFFICER_ROLES)
    return list(Organisation.objects.filter(pk__in=sorted(ids))) if ids else []


def plan_employments(user: Any) -> list[Employment]:
    """The user's current jobs: where they may open their own plan."""
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return []
    return list(
        Employment.objects.filter(current_q(), person_id=user.person_id)
        .select_related("organisation", "unit")
        .order_by("-is_primary", "pk")
    )
