"""One person's compliance with explanations (CMP-01), and what a user may see of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from biliktilik.core.access import scope_of
from biliktilik.ledger.models import PDRecord
from biliktilik.ledger.selectors import records_visible_to
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import persons_visible_to
from biliktilik.policy.models import Rule
from biliktilik.policy.selectors import rule_contexts

from ..engine import (
    RequirementResult,
    applies_to,
    evaluate_requirement,
    requirements_in_force,
)
from ..enums import ComplianceStatus

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
