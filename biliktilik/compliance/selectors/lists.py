"""The rows of an organisation's report with their people, the dashboard counts and the filtered lists (CMP-02)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from ..engine import (
    Requirement,
)
from ..enums import ComplianceStatus
from .organisation import ComplianceRow, OrganisationReport

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
