"""Compliance reads (CMP-01..05): one person with explanations, and whole organisations set-based.

``evaluate_person`` and ``organisation_compliance`` are the two engines' entry points; they
must agree (a property test compares them on random histories). The functions taking a
``user`` scope what they return like every other page (SEC-01).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from biliktilik.core.access import scope_of
from biliktilik.core.roles import UNIT_ROLES
from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.ledger.selectors import records_visible_to
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q, persons_visible_to
from biliktilik.policy.evaluators import HOURS_SCALE, add_months
from biliktilik.policy.models import Rule
from biliktilik.policy.selectors import RuleContext, rule_context, rule_contexts

from .engine import (
    NOT_APPLICABLE,
    Requirement,
    RequirementResult,
    applies_to,
    due_and_status,
    evaluate_requirement,
    requirements_in_force,
)
from .enums import ComplianceStatus, DueBasis
from .sql import compliance_table

# --- one person --------------------------------------------------------------------------------


@dataclass
class OrganisationResults:
    organisation: Organisation
    employments: list[Employment]
    hired: dt.date | None
    horizon_months: int
    results: list[RequirementResult]


@dataclass
class RecordRow:
    """A record on the card, with its duration class by the rules in force when it was completed."""

    record: PDRecord
    duration_class: dict[str, Any] | None
    duration_rule: Rule | None


@dataclass
class PersonCompliance:
    person: Person
    on: dt.date
    organisations: list[OrganisationResults]
    records: list[RecordRow] = field(default_factory=list)

    @property
    def results(self) -> list[RequirementResult]:
        return [r for org in self.organisations for r in org.results]

    @property
    def worst_status(self) -> ComplianceStatus | None:
        order = [ComplianceStatus.OVERDUE, ComplianceStatus.DUE_SOON, ComplianceStatus.COMPLIANT]
        statuses = {r.status for r in self.results}
        return next((s for s in order if s in statuses), None)


def evaluate_person(person: Person, on: dt.date) -> PersonCompliance:
    """Every requirement that applies to ``person`` on ``on``, with its explanation (CMP-01,
    POL-08), grouped by the organisations the person currently works in. Three queries."""
    employments = list(
        Employment.objects.filter(person=person, start_date__lte=on)
        .select_related("organisation", "position", "unit")
        .order_by("-is_primary", "start_date", "id")
    )
    current = [e for e in employments if e.is_current(on)]
    organisations: list[Organisation] = []
    for employment in current:
        if employment.organisation not in organisations:
            organisations.append(employment.organisation)
    records = list(
        PDRecord.objects.filter(person=person, end_date__lte=on)
        .select_related("organisation", "provider")
        .order_by("-end_date", "-id")
    )
    extra = [r.organisation for r in records if r.organisation not in organisations]
    contexts = rule_contexts({o.pk: o for o in [*organisations, *extra]}.values())
    out = PersonCompliance(person=person, on=on, organisations=[])
    for organisation in organisations:
        context = contexts[organisation.pk]
        in_org = [e for e in employments if e.organisation_id == organisation.pk]
        current_in_org = [e for e in current if e.organisation_id == organisation.pk]
        hired = min((e.start_date for e in in_org), default=None)
        horizon = context.due_soon_months(on)
        results = [
            evaluate_requirement(
                organisation=organisation,
                requirement=requirement,
                records=records,
                on=on,
                hired=hired,
                applicable=applies_to(requirement, current_in_org),
                horizon_months=horizon,
            )
            for requirement in requirements_in_force(context, on)
        ]
        out.organisations.append(OrganisationResults(organisation, current_in_org, hired, horizon, results))
    for record in records:
        context = contexts[record.organisation_id]
        found = context.duration_class(record.hours, record.form, record.end_date)
        out.records.append(RecordRow(record, found[1] if found else None, found[0] if found else None))
    return out


# --- a whole organisation, set-based -----------------------------------------------------------


class ComplianceRow(NamedTuple):
    """One person and one requirement (a named tuple: hundreds of thousands are made at once)."""

    person_id: int
    requirement: Requirement
    applicable: bool
    status: ComplianceStatus
    counted_units: int
    due_date: dt.date | None
    due_basis: DueBasis | None
    hired: dt.date | None
    threshold: dt.date | None

    def _amount(self, units: int) -> Decimal | int:
        return Decimal(units) / HOURS_SCALE if self.requirement.params.counts_hours else units

    @property
    def amount_counted(self) -> Decimal | int:
        return self._amount(self.counted_units)

    @property
    def amount_required(self) -> Decimal | int:
        return self._amount(self.requirement.required_units)

    @property
    def amount_missing(self) -> Decimal | int:
        if not self.applicable:
            return self._amount(0)
        return self._amount(max(0, self.requirement.required_units - self.counted_units))


@dataclass
class OrganisationReport:
    organisation: Organisation
    on: dt.date
    unit: Unit | None
    requirements: list[Requirement]
    horizon_months: int
    rows: list[ComplianceRow]
    context: RuleContext


def organisation_compliance(organisation: Organisation, on: dt.date, unit: Unit | None = None) -> OrganisationReport:
    """Every (person, requirement) of the current staff of ``organisation`` (or of ``unit`` and
    the units below it) on ``on``: one query for the rules and one SQL statement for the rows,
    whatever the number of people."""
    context = rule_context(organisation)
    requirements = requirements_in_force(context, on)
    horizon = context.due_soon_months(on)
    rows: list[ComplianceRow] = []
    append = rows.append
    horizon_end = add_months(on, horizon)
    columns = [
        (3 * index + 2, requirement, requirement.params.period_years, requirement.params.hire_grace)
        for index, requirement in enumerate(requirements)
    ]
    not_applicable = NOT_APPLICABLE.status
    # Hundreds of thousands of rows: tuples straight from the cursor, one decision per row.
    for row in compliance_table(organisation=organisation, requirements=requirements, on=on, unit=unit):
        person_id, hired = row[0], row[1]
        for at, requirement, years, grace in columns:
            if row[at]:
                threshold = row[at + 2]
                status, due_date, due_basis = due_and_status(on, horizon_end, years, grace, threshold, hired)
                append(
                    ComplianceRow(
                        person_id, requirement, True, status, row[at + 1], due_date, due_basis, hired, threshold
                    )
                )
            else:
                append(ComplianceRow(person_id, requirement, False, not_applicable, 0, None, None, hired, None))
    return OrganisationReport(organisation, on, unit, requirements, horizon, rows, context)


# --- who may look at what ----------------------------------------------------------------------


def compliance_organisations(user: Any) -> list[Organisation]:
    """Organisations whose compliance ``user`` may look at: those seen whole, and those where the
    user heads a unit or an institute."""
    scope = scope_of(user)
    qs = organisations_visible_to(user).order_by("path")
    if scope.everything:
        return list(qs)
    unit_orgs = {g.organisation_id for g in scope.grants if g.role in UNIT_ROLES}
    return [o for o in qs if o.pk in scope.organisation_ids or o.pk in unit_orgs]


def compliance_area(user: Any, *, organisation: Any, unit: Any = None) -> tuple[Organisation, Unit | None]:
    """The organisation and unit (public ids) whose compliance ``user`` asks for, checked:
    raises ``Http404`` for what the user may not even see, ``PermissionDenied`` for an area the
    user sees but may not monitor. A unit head is kept inside their unit."""
    scope = scope_of(user)
    org = organisations_visible_to(user).filter(public_id=organisation).first()
    if org is None:
        raise Http404
    chosen: Unit | None = None
    if unit:
        chosen = Unit.objects.filter(public_id=unit, organisation=org).first()
        if chosen is None:
            raise Http404
    if scope.sees_organisation_whole(org.pk):
        return org, chosen
    granted = [g.unit_id for g in scope.grants if g.role in UNIT_ROLES and g.organisation_id == org.pk and g.unit_id]
    if not granted:
        raise PermissionDenied
    if chosen is None:
        return org, Unit.objects.get(pk=granted[0])
    if chosen.pk not in scope.unit_ids:
        raise PermissionDenied
    return org, chosen


def person_compliance(user: Any, *, public_id: Any, on: dt.date) -> PersonCompliance | None:
    """The person's compliance, counting every record of theirs (PD is PD, whoever keeps the
    record), but listing only the records the user may see: a record kept by an organisation
    the user does not serve counts toward the amounts and is left out of the lists (SEC-01)."""
    person = persons_visible_to(user).filter(public_id=public_id).first()
    if person is None:
        return None
    compliance = evaluate_person(person, on)
    if scope_of(user).everything:
        return compliance
    shown = set(records_visible_to(user).filter(person=person).values_list("pk", flat=True))
    compliance.records = [row for row in compliance.records if row.record.pk in shown]
    for result in compliance.results:
        result.counted = [line for line in result.counted if line.record.pk in shown]
        result.not_counted = [line for line in result.not_counted if line.record.pk in shown]
    return compliance


# --- rows with their people, counts and lists --------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    person: Person
    category: str
    unit: Unit | None
    row: ComplianceRow

    @property
    def category_label(self) -> str:
        return str(dict(StaffCategory.choices).get(self.category, self.category))


def main_employments(
    organisation: Organisation, person_ids: Iterable[int] | None, on: dt.date
) -> dict[int, Employment]:
    """Each person's main current employment in ``organisation``, in one query. A long list of
    people is not sent to the database: the organisation's current staff is read instead."""
    wanted = set(person_ids) if person_ids is not None else None
    qs = Employment.objects.filter(current_q(on=on), organisation=organisation).select_related("unit")
    if wanted is not None and len(wanted) <= 500:
        qs = qs.filter(person_id__in=sorted(wanted))
    out: dict[int, Employment] = {}
    for employment in qs.order_by("person_id", "-is_primary", "start_date", "id"):
        if wanted is None or employment.person_id in wanted:
            out.setdefault(employment.person_id, employment)
    return out


def ordered_person_ids(report: OrganisationReport) -> list[int]:
    """The organisation's current staff in the order of their names, ids only, one query."""
    employed = Employment.objects.filter(
        current_q(on=report.on), organisation=report.organisation, person_id=OuterRef("pk")
    )
    return list(
        Person.objects.filter(Exists(employed))
        .order_by("last_name", "first_name", "middle_name", "id")
        .values_list("id", flat=True)
    )


def staff_rows(report: OrganisationReport, rows: Sequence[ComplianceRow] | None = None) -> list[StaffRow]:
    """``rows`` (default: all of the report) with their people, categories and units: two queries."""
    rows = report.rows if rows is None else rows
    ids = {r.person_id for r in rows}
    people = Person.objects.in_bulk(sorted(ids))
    mains = main_employments(report.organisation, ids, report.on)
    out = []
    for row in rows:
        main = mains.get(row.person_id)
        out.append(
            StaffRow(
                person=people[row.person_id],
                category=main.category if main else "",
                unit=main.unit if main else None,
                row=row,
            )
        )
    out.sort(key=lambda s: (s.person.last_name, s.person.first_name, s.person.pk, s.row.requirement.key))
    return out


STATUS_ORDER = [
    ComplianceStatus.OVERDUE,
    ComplianceStatus.DUE_SOON,
    ComplianceStatus.COMPLIANT,
    ComplianceStatus.NOT_APPLICABLE,
]


@dataclass
class Dashboard:
    report: OrganisationReport
    by_status: dict[str, int]
    by_requirement: list[tuple[Requirement, dict[str, int]]]
    by_category: list[tuple[str, str, dict[str, int]]]
    people: int
    people_by_worst: dict[str, int]


def dashboard(report: OrganisationReport) -> Dashboard:
    """Counts by status, by requirement and by staff category (one query for the categories)."""
    mains = main_employments(report.organisation, None, report.on)
    by_status: Counter[str] = Counter()
    by_requirement: dict[str, Counter[str]] = defaultdict(Counter)
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    worst: dict[int, int] = {}
    for row in report.rows:
        by_status[row.status] += 1
        by_requirement[row.requirement.key][row.status] += 1
        main = mains.get(row.person_id)
        by_category[main.category if main else ""][row.status] += 1
        rank = STATUS_ORDER.index(row.status)
        worst[row.person_id] = min(rank, worst.get(row.person_id, rank))
    labels = dict(StaffCategory.choices)
    people_by_worst = Counter(STATUS_ORDER[rank].value for rank in worst.values())
    return Dashboard(
        report=report,
        by_status={s.value: by_status.get(s.value, 0) for s in STATUS_ORDER},
        by_requirement=[
            (req, {s.value: by_requirement[req.key].get(s.value, 0) for s in STATUS_ORDER})
            for req in report.requirements
        ],
        by_category=[
            (code, str(labels.get(code, code)), {s.value: counts.get(s.value, 0) for s in STATUS_ORDER})
            for code, counts in sorted(by_category.items())
        ],
        people=len(worst),
        people_by_worst={s.value: people_by_worst.get(s.value, 0) for s in STATUS_ORDER},
    )


@dataclass(frozen=True)
class RowFilters:
    status: str = ""
    category: str = ""
    requirement: str = ""


def filter_rows(report: OrganisationReport, filters: RowFilters) -> list[ComplianceRow]:
    rows = report.rows
    if filters.status:
        rows = [r for r in rows if r.status == filters.status]
    if filters.requirement:
        rows = [r for r in rows if r.requirement.key == filters.requirement]
    if filters.category:
        mains = main_employments(report.organisation, {r.person_id for r in rows}, report.on)
        rows = [r for r in rows if (m := mains.get(r.person_id)) is not None and m.category == filters.category]
    return rows


def due_next_year(report: OrganisationReport) -> list[ComplianceRow]:
    """Who must do PD in the next calendar year (CMP-02; SKMA-464 5.4): applicable requirements
    whose due date falls in the calendar year after ``report.on``."""
    year = report.on.year + 1
    return sorted(
        (r for r in report.rows if r.applicable and r.due_date is not None and r.due_date.year == year),
        key=lambda r: (r.due_date, r.person_id),
    )


def overdue(report: OrganisationReport) -> list[ComplianceRow]:
    """Who is overdue on ``report.on`` (CMP-02; SKMA-464 8.1), longest overdue first."""
    return sorted(
        (r for r in report.rows if r.status == ComplianceStatus.OVERDUE),
        key=lambda r: (r.due_date or report.on, r.person_id),
    )


# --- participation by category (CMP-05) --------------------------------------------------------


@dataclass(frozen=True)
class ParticipationRow:
    category: str
    label: str
    staff: int
    participants: int
    records: int
    hours: Decimal

    @property
    def share(self) -> Decimal:
        if not self.staff:
            return Decimal(0)
        return (Decimal(self.participants) * 100 / self.staff).quantize(Decimal("0.1"))

    @property
    def hours_per_person(self) -> Decimal:
        if not self.staff:
            return Decimal(0)
        return (self.hours / self.staff).quantize(Decimal("0.1"))


def participation_by_category(
    organisation: Organisation, *, start: dt.date, end: dt.date, unit: Unit | None = None
) -> list[ParticipationRow]:
    """For each staff category of the current staff on ``end``: how many people, how many took
    part in verified PD completed in [start, end], with how many records and hours (CMP-05;
    KAFU-2025 3 equal access). One aggregate query."""
    staff = Employment.objects.filter(current_q(on=end), organisation=organisation, is_primary=True)
    if unit is not None:
        staff = staff.filter(unit__path__startswith=unit.path)
    counted = PDRecord.objects.filter(
        person_id=OuterRef("person_id"), status=RecordStatus.VERIFIED, end_date__gte=start, end_date__lte=end
    )
    per_person = counted.order_by().values("person_id")
    record_count = per_person.annotate(n=Count("id")).values("n")[:1]
    hour_sum = per_person.annotate(h=Sum("hours")).values("h")[:1]
    heads = (
        staff.annotate(
            took_part=Exists(counted),
            n_records=Coalesce(Subquery(record_count), 0),
            n_hours=Coalesce(Subquery(hour_sum), Value(Decimal(0)), output_field=DecimalField()),
        )
        .values("category")
        .annotate(
            staff=Count("person_id", distinct=True),
            participants=Count("person_id", distinct=True, filter=Q(took_part=True)),
            records=Sum("n_records"),
            hours=Sum("n_hours"),
        )
        .order_by("category")
    )
    labels = dict(StaffCategory.choices)
    return [
        ParticipationRow(
            category=h["category"],
            label=str(labels.get(h["category"], h["category"])),
            staff=h["staff"],
            participants=h["participants"],
            records=int(h["records"] or 0),
            hours=Decimal(str(h["hours"] or 0)).quantize(Decimal("0.1")),
        )
        for h in heads
    ]
