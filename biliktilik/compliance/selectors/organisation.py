"""A whole organisation's compliance, set-based, and which organisations and units a user may monitor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import Http404

from biliktilik.core.access import scope_of
from biliktilik.core.roles import UNIT_ROLES
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to
from biliktilik.policy.evaluators import HOURS_SCALE, add_months
from biliktilik.policy.selectors import RuleContext, rule_context

from ..engine import (
    NOT_APPLICABLE,
    Requirement,
    due_and_status,
    requirements_in_force,
)
from ..enums import ComplianceStatus, DueBasis
from ..sql import compliance_table

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
