"""The lines of unit and consolidated schedules and the analysis inputs of a unit (PLN-02)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet
from django.utils import timezone

from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q
from biliktilik.policy import parameters

from ..models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule

# The suggested course (hours, length), the young-staff age and the plan deadline are rule data:
# ``policy.parameters`` (docs/rules.md, "Planning parameters").


# --- unit schedule lines and analysis inputs (PLN-02) ----------------------------------------------


@dataclass
class Line:
    """One line of form 602-01 / 602-05: an item with its person and unit."""

    item: PlanItem
    person: Person
    unit: Unit
    plan: IndividualPlan


def plan_lines(plans: QuerySet[IndividualPlan]) -> list[Line]:
    items = (
        PlanItem.objects.filter(plan__in=plans)
        .select_related("plan", "plan__person", "plan__unit")
        .order_by("plan__unit__path", "plan__person__last_name", "plan__person__first_name", "start_date", "id")
    )
    return [Line(item=i, person=i.plan.person, unit=i.plan.unit, plan=i.plan) for i in items]


def unit_schedule_lines(schedule: UnitSchedule) -> list[Line]:
    return plan_lines(schedule.plans.all())


def consolidated_lines(schedule: ConsolidatedSchedule) -> list[Line]:
    plans = IndividualPlan.objects.filter(unit_schedules__in=schedule.unit_schedules.all()).distinct()
    return plan_lines(plans)


@dataclass
class StaffLine:
    person: Person
    category: str
    age: int | None
    last_pd: dt.date | None
    gaps: list[str] = field(default_factory=list)

    @property
    def category_label(self) -> str:
        return str(StaffCategory(self.category).label) if self.category in StaffCategory.values else self.category


@dataclass
class AnalysisInputs:
    """The inputs KazNRTU-602 7.3 names for the unit's plan, computed from the records."""

    unit: Unit
    on: dt.date
    young_age: int
    staff: list[StaffLine]
    composition: list[tuple[str, int]]
    young_staff: int
    without_pd: int
    gaps_available: bool

    @property
    def headcount(self) -> int:
        return len(self.staff)


def _age(birth: dt.date | None, on: dt.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def analysis_inputs(unit: Unit, *, on: dt.date | None = None) -> AnalysisInputs:
    """Staff composition by category, last PD date of each person (the latest completion of a
    verified record), open requirement gaps (from compliance) and young staff of the unit."""
    on = on or timezone.localdate()
    employments = list(
        Employment.objects.filter(current_q(on=on), unit=unit)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    people: dict[int, Employment] = {}
    for employment in employments:
        people.setdefault(employment.person_id, employment)
    last = dict(
        PDRecord.objects.filter(person_id__in=list(people), status=RecordStatus.VERIFIED)
        .values("person_id")
        .annotate(last=Max("end_date"))
        .values_list("person_id", "last")
    )
    gaps: dict[int, list[str]] = {}
    gaps_available = True
    try:
        from biliktilik.compliance.enums import ComplianceStatus
        from biliktilik.compliance.selectors import organisation_compliance

        report = organisation_compliance(unit.organisation, on, unit=unit)
        for row in report.rows:
            if row.applicable and row.status in {ComplianceStatus.OVERDUE, ComplianceStatus.DUE_SOON}:
                gaps.setdefault(row.person_id, []).append(
                    f"{row.requirement.rule.title} ({row.status.label}, {row.due_date:%d.%m.%Y})"
                    if row.due_date
                    else row.requirement.rule.title
                )
    except ImportError:  # pragma: no cover - compliance is part of the project; kept for partial installs
        gaps_available = False
    young = parameters.young_staff_age(unit.organisation, on).value
    staff = [
        StaffLine(
            person=e.person,
            category=e.category,
            age=_age(e.person.birth_date, on),
            last_pd=last.get(pid),
            gaps=gaps.get(pid, []),
        )
        for pid, e in people.items()
    ]
    composition = Counter(s.category for s in staff)
    labels = dict(StaffCategory.choices)
    return AnalysisInputs(
        unit=unit,
        on=on,
        young_age=young,
        staff=staff,
        composition=sorted(((str(labels.get(k, k)), n) for k, n in composition.items()), key=lambda x: -x[1]),
        young_staff=sum(1 for s in staff if s.age is not None and s.age < young),
        without_pd=sum(1 for s in staff if s.last_pd is None),
        gaps_available=gaps_available,
    )
