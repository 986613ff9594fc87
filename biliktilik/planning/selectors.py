"""Reads of planning, scoped like every other page (SEC-01): a fixed number of queries per page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role
from biliktilik.ledger.enums import FundingSource, PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q
from biliktilik.policy import parameters
from biliktilik.workflows.enums import DecisionAction, RunStatus
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.selectors import runs_of

from .enums import PlanStatus
from .models import ITEM_FIELDS, ConsolidatedSchedule, IndividualPlan, PlanItem, PlanningCalendar, UnitSchedule
from .services import OFFICER_ROLES

# The suggested course (hours, length), the young-staff age and the plan deadline are rule data:
# ``policy.parameters`` (docs/rules.md, "Planning parameters").


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


# --- suggestions from compliance (PLN-01) ----------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    key: str
    topic: str
    form: str
    start_date: dt.date
    end_date: dt.date
    hours: Decimal
    due_date: dt.date
    in_profile: bool
    management_topic: bool
    already_planned: bool


def plan_suggestions(plan: IndividualPlan, *, on: dt.date | None = None) -> list[Suggestion]:
    """The person's PD requirements that fall due by the end of the plan's year (overdue ones
    included), each as a ready item: the hours still missing (or a short course when the
    requirement counts activities), placed before the due date within the year."""
    from biliktilik.compliance.selectors import evaluate_person

    on = on or timezone.localdate()
    report = evaluate_person(plan.person, on)
    planned = set(plan.items.exclude(requirement="").values_list("requirement", flat=True))
    out: list[Suggestion] = []
    for organisation in report.organisations:
        if organisation.organisation.pk != plan.organisation_id:
            continue
        for result in organisation.results:
            if not result.applicable or result.due_date is None or result.due_date > plan.period_to:
                continue
            params = result.requirement.params
            if params.counts_hours:
                missing = Decimal(result.amount_missing) or Decimal(result.amount_required)
            else:
                missing = parameters.suggested_course_hours(plan.organisation, on).value
            span = dt.timedelta(days=parameters.suggested_course_days(plan.organisation, on).value - 1)
            end = min(max(result.due_date, plan.period_from + span), plan.period_to)
            start = max(plan.period_from, end - span)
            out.append(
                Suggestion(
                    key=result.requirement.key,
                    topic=result.rule.title,
                    form=PDForm.COURSE_SHORT,
                    start_date=start,
                    end_date=end,
                    hours=missing,
                    due_date=result.due_date,
                    in_profile=params.in_profile_only,
                    management_topic=params.management_only,
                    already_planned=result.requirement.key in planned,
                )
            )
    return out


# --- unit schedule lines and analysis inputs (PLN-02) ----------------------------------------------


@dataclass
class Line:
    """One line of form 602-01 / 602-05: an item with its person and unit."""

    item: PlanItem
    person: Person
    unit: Unit
    plan: IndividualPlan


def _lines(plans: QuerySet[IndividualPlan]) -> list[Line]:
    items = (
        PlanItem.objects.filter(plan__in=plans)
        .select_related("plan", "plan__person", "plan__unit")
        .order_by("plan__unit__path", "plan__person__last_name", "plan__person__first_name", "start_date", "id")
    )
    return [Line(item=i, person=i.plan.person, unit=i.plan.unit, plan=i.plan) for i in items]


def unit_schedule_lines(schedule: UnitSchedule) -> list[Line]:
    return _lines(schedule.plans.all())


def consolidated_lines(schedule: ConsolidatedSchedule) -> list[Line]:
    plans = IndividualPlan.objects.filter(unit_schedules__in=schedule.unit_schedules.all()).distinct()
    return _lines(plans)


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


# --- budget of the consolidated schedule (PLN-03) --------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    funding_source: str
    items: int
    people: int
    hours: Decimal
    cost: Decimal

    @property
    def label(self) -> str:
        return str(FundingSource(self.funding_source).label)


def budget_lines(schedule: ConsolidatedSchedule) -> tuple[list[BudgetLine], BudgetLine]:
    """The schedule's cost by funding source, and the total: aggregate queries over its items."""
    items = PlanItem.objects.filter(plan__unit_schedules__in=schedule.unit_schedules.all()).distinct()
    base = PlanItem.objects.filter(pk__in=items.values("pk"))
    rows = (
        base.values("funding_source")
        .annotate(n=Count("pk"), people=Count("plan__person", distinct=True), hours=Sum("hours"), cost=Sum("cost"))
        .order_by("funding_source")
    )
    lines = [
        BudgetLine(r["funding_source"], r["n"], r["people"], r["hours"] or Decimal(0), r["cost"] or Decimal(0))
        for r in rows
    ]
    total = base.aggregate(
        n=Count("pk"), people=Count("plan__person", distinct=True), hours=Sum("hours"), cost=Sum("cost")
    )
    return lines, BudgetLine("", total["n"], total["people"], total["hours"] or Decimal(0), total["cost"] or Decimal(0))


def requires_payment(document: Any) -> bool:
    """Whether any item of the document is paid by the organisation (KazNRTU-602 7.4)."""
    paid = PlanItem.objects.filter(funding_source=FundingSource.ORGANISATION)
    if isinstance(document, IndividualPlan):
        return paid.filter(plan=document).exists()
    if isinstance(document, UnitSchedule):
        return paid.filter(plan__unit_schedules=document).exists()
    return paid.filter(plan__unit_schedules__consolidated=document).exists()


# --- the approved part of a unit (PLN-03) ---------------------------------------------------------


def approved_consolidated(organisation_id: int, year: int) -> ConsolidatedSchedule | None:
    return (
        ConsolidatedSchedule.objects.filter(organisation_id=organisation_id, year=year, status=PlanStatus.APPROVED)
        .order_by("-version")
        .first()
    )


def approved_part(user: Any, *, unit: Unit, year: int) -> tuple[ConsolidatedSchedule | None, list[Line]]:
    """The lines of ``unit`` (and the units below it) in the approved consolidated schedule of its
    organisation: what the unit controls during the year."""
    if not scope_of(user).sees_unit(unit.pk, unit.organisation_id):
        return None, []
    schedule = approved_consolidated(unit.organisation_id, year)
    if schedule is None:
        return None, []
    unit_ids = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    plans = IndividualPlan.objects.filter(
        unit_schedules__in=schedule.unit_schedules.filter(unit_id__in=unit_ids)
    ).distinct()
    return schedule, _lines(plans)


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


# --- versions compare (PLN-06) --------------------------------------------------------------------


@dataclass
class ItemChange:
    old: PlanItem
    new: PlanItem
    fields: list[tuple[str, str, Any, Any]]


@dataclass
class PlanComparison:
    old: IndividualPlan
    new: IndividualPlan
    added: list[PlanItem]
    removed: list[PlanItem]
    changed: list[ItemChange]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_plans(old: IndividualPlan, new: IndividualPlan) -> PlanComparison:
    """Items added, removed and changed (field by field) from ``old`` to ``new``, following the
    ``source`` link of each copied item through the versions in between."""
    versions = {v.pk: v for v in versions_of(new)}
    items = list(PlanItem.objects.filter(plan_id__in=list(versions)).order_by("plan__version", "id"))
    by_id = {i.pk: i for i in items}

    def origin_in_old(item: PlanItem) -> PlanItem | None:
        current: PlanItem | None = item
        while current is not None and current.plan_id != old.pk:
            current = by_id.get(current.source_id) if current.source_id else None
        return current

    old_items = [i for i in items if i.plan_id == old.pk]
    new_items = [i for i in items if i.plan_id == new.pk]
    matched: dict[int, PlanItem] = {}
    added: list[PlanItem] = []
    for item in new_items:
        found = origin_in_old(item)
        if found is None:
            added.append(item)
        else:
            matched[found.pk] = item
    removed = [i for i in old_items if i.pk not in matched]
    changed = []
    labels = {f.name: str(f.verbose_name) for f in PlanItem._meta.get_fields() if hasattr(f, "verbose_name")}
    for old_item in old_items:
        new_item = matched.get(old_item.pk)
        if new_item is None:
            continue
        diffs = [
            (name, labels[name], getattr(old_item, name), getattr(new_item, name))
            for name in ITEM_FIELDS
            if getattr(old_item, name) != getattr(new_item, name)
        ]
        if diffs:
            changed.append(ItemChange(old=old_item, new=new_item, fields=diffs))
    return PlanComparison(old=old, new=new, added=added, removed=removed, changed=changed)


@dataclass
class ScheduleComparison:
    old: Any
    new: Any
    added: list[Any]
    removed: list[Any]
    replaced: list[tuple[Any, Any]]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.replaced)


def compare_unit_schedules(old: UnitSchedule, new: UnitSchedule) -> ScheduleComparison:
    """Plans taken in, dropped, or replaced by a newer version of the same person's plan."""
    old_plans = {p.person_id: p for p in old.plans.select_related("person")}
    new_plans = {p.person_id: p for p in new.plans.select_related("person")}
    added = [p for k, p in new_plans.items() if k not in old_plans]
    removed = [p for k, p in old_plans.items() if k not in new_plans]
    replaced = [(old_plans[k], p) for k, p in new_plans.items() if k in old_plans and old_plans[k].pk != p.pk]
    return ScheduleComparison(old, new, added, removed, replaced)


def compare_consolidated(old: ConsolidatedSchedule, new: ConsolidatedSchedule) -> ScheduleComparison:
    """Unit schedules taken in, dropped, or replaced by a newer version of the same unit's schedule."""
    old_s = {s.unit_id: s for s in old.unit_schedules.select_related("unit")}
    new_s = {s.unit_id: s for s in new.unit_schedules.select_related("unit")}
    added = [s for k, s in new_s.items() if k not in old_s]
    removed = [s for k, s in old_s.items() if k not in new_s]
    replaced = [(old_s[k], s) for k, s in new_s.items() if k in old_s and old_s[k].pk != s.pk]
    return ScheduleComparison(old, new, added, removed, replaced)


# --- the deadline and the dashboard (PLN-03, SKMA-464 5.5) -----------------------------------------


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    source: str  # "rule" (a published deadline rule) or "calendar" (the organisation's own row)
    citation: str


def planning_deadline(organisation: Organisation, year: int) -> Deadline | None:
    """When the organisation's plan for ``year`` is due: the deadline rule ``organisation_plan``
    of its rule sets (SKMA-464 5.5: by 1 December), else its planning calendar; None when
    neither says. The plan for year *Y* is due in year *Y - 1*."""
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


def planning_dashboard(user: Any, *, year: int, today: dt.date | None = None) -> PlanningDashboard:
    """What the user still owes for ``year`` (their own plan; the schedules of the units they
    head; the consolidated schedule for HR and PD-centre officers) and the documents they see."""
    today = today or timezone.localdate()
    scope = scope_of(user)
    owed: list[Owed] = []
    deadlines: dict[int, Deadline | None] = {}

    def deadline(organisation: Organisation) -> Deadline | None:
        if organisation.pk not in deadlines:
            deadlines[organisation.pk] = planning_deadline(organisation, year)
        return deadlines[organisation.pk]

    if user.person_id is not None:
        employments = list(
            Employment.objects.filter(current_q(on=today), person_id=user.person_id).select_related(
                "organisation", "unit"
            )
        )
        mine = {
            p.organisation_id: p
            for p in IndividualPlan.objects.filter(person_id=user.person_id, year=year).order_by("version")
        }
        seen: set[int] = set()
        for employment in employments:
            if employment.organisation_id in seen:
                continue
            seen.add(employment.organisation_id)
            plan = mine.get(employment.organisation_id)
            if _is_open(plan):
                owed.append(
                    Owed(
                        "plan", employment.organisation, employment.unit, plan, deadline(employment.organisation), today
                    )
                )
    head_units = [g.unit_id for g in scope.grants if g.role == Role.UNIT_HEAD and g.unit_id]
    if head_units:
        units = list(Unit.objects.filter(pk__in=head_units).select_related("organisation"))
        schedules = {
            s.unit_id: s for s in UnitSchedule.objects.filter(unit_id__in=head_units, year=year).order_by("version")
        }
        for unit in units:
            schedule = schedules.get(unit.pk)
            if _is_open(schedule):
                owed.append(
                    Owed("unit_schedule", unit.organisation, unit, schedule, deadline(unit.organisation), today)
                )
    officer_orgs = scope.organisations_with_role(*OFFICER_ROLES)
    if officer_orgs:
        organisations = list(Organisation.objects.filter(pk__in=sorted(officer_orgs)))
        consolidated = {
            c.organisation_id: c
            for c in ConsolidatedSchedule.objects.filter(organisation_id__in=officer_orgs, year=year).order_by(
                "version"
            )
        }
        for organisation in organisations:
            found = consolidated.get(organisation.pk)
            if _is_open(found):
                owed.append(Owed("consolidated", organisation, None, found, deadline(organisation), today))
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
