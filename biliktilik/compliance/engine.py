"""The compliance engine: pure functions over rules, records and dates (CMP-01, POL-07, POL-08).

Semantics (docs/compliance.md gives worked examples, each one a test):

* A requirement "at least H every P years" is met on day D when the counted amount of the
  records completed in the window (D − P years, D] reaches H (hours, or activities).
* The due date is the completion date of the record at which, counting newest first, the
  amount first reaches H, plus P years. Someone hired less than P years ago is due P years
  after hiring unless the rule turns the grace off; the later of the two dates is due.
  Without a qualifying record and without grace the requirement is due from hiring.
* Status on D: overdue when the due date has passed; due soon when it falls within the
  horizon (default 6 months, data); compliant otherwise; not applicable when no current
  employment of the person falls in the rule's scope.
* Only verified records count; the others are shown with their reason. A record is judged by
  the version of the rule (and the rule set's forms) in force on its completion date; a record
  older than the rule's first version is judged by that first version.

Amounts are whole units (tenths of an hour, or activities), so that the Python path and the
SQL path (``sql.py``) add exactly the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from biliktilik.policy.criteria import RecordRules, first_failed
from biliktilik.policy.enums import RuleKind
from biliktilik.policy.evaluators import (
    HOURS_SCALE,
    EmploymentFacts,
    PeriodicParams,
    add_months,
    add_years,
    periodic_params,
    scope_matches,
)
from biliktilik.policy.evaluators.forms import forms_flags
from biliktilik.policy.evaluators.readers import record_rules
from biliktilik.policy.models import Rule
from biliktilik.policy.selectors import RuleContext, judging_version

from .enums import ComplianceStatus, CountReason, DueBasis

VERIFIED = "verified"
RETURNED = "returned"


class RecordLike(Protocol):
    """What the engine reads from a PD record."""

    pk: Any
    end_date: dt.date
    hours: Decimal
    form: str
    status: str
    in_profile: bool
    management_topic: bool
    delivery_mode: str
    justification_approved_by_id: Any


# --- requirements and how their records are judged ---------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """How records completed from ``start`` on are judged: by one version of the rule and the
    forms in force then (``rules``, read by the criteria of ``policy.criteria``). ``start`` None:
    from the beginning."""

    start: dt.date | None
    rule: Rule
    forms_rule: Rule | None
    rules: RecordRules

    def same_as(self, other: Judgement) -> bool:
        return self.rule.pk == other.rule.pk and (self.forms_rule.pk if self.forms_rule else None) == (
            other.forms_rule.pk if other.forms_rule else None
        )


@dataclass(frozen=True)
class Requirement:
    """A periodic requirement in force on a day, with the judgements of its whole history."""

    rule: Rule
    params: PeriodicParams
    judgements: tuple[Judgement, ...]

    @property
    def key(self) -> str:
        return f"{self.rule.rule_set.code}/{self.rule.code}"

    @property
    def required_units(self) -> int:
        return self.params.required_units

    def judgement_for(self, day: dt.date) -> Judgement:
        chosen = self.judgements[0]
        for judgement in self.judgements[1:]:
            if judgement.start is not None and judgement.start <= day:
                chosen = judgement
            else:
                break
        return chosen


def _judgement(start: dt.date | None, at: dt.date, versions: Sequence[Rule], forms_rules: Sequence[Rule]) -> Judgement:
    version = judging_version(versions, at)
    assert version is not None  # noqa: S101 - a requirement has at least one version
    p = periodic_params(version.params)
    forms_rule = None
    forms = p.forms
    if forms is None:
        forms_rule = judging_version(forms_rules, at, first_judges_earlier=False)
        forms = forms_flags(forms_rule.params["forms"]) if forms_rule else None
    return Judgement(start=start, rule=version, forms_rule=forms_rule, rules=record_rules(p, forms))


def build_requirement(context: RuleContext, rule: Rule) -> Requirement:
    """The requirement of ``rule`` (the version in force on the day asked), with a judgement for
    every period of its history: a new one wherever a version or the rule set's forms change."""
    versions = context.versions(rule)
    forms_rules = context.versions_of_kind(rule.rule_set_id, RuleKind.COUNTED_FORMS)
    first = versions[0].effective_from
    cuts = {v.effective_from for v in versions}
    for f in forms_rules:
        cuts.add(f.effective_from)
        if f.effective_to is not None:
            cuts.add(f.effective_to)
    starts = sorted(c for c in cuts if c > first)
    judgements = [_judgement(None, first, versions, forms_rules)]
    for start in starts:
        candidate = _judgement(start, start, versions, forms_rules)
        if not candidate.same_as(judgements[-1]):
            judgements.append(candidate)
    return Requirement(rule=rule, params=periodic_params(rule.params), judgements=tuple(judgements))


def requirements_in_force(context: RuleContext, on: dt.date) -> list[Requirement]:
    return [build_requirement(context, rule) for rule in context.in_force(on, RuleKind.PERIODIC_REQUIREMENT)]


# --- judging one record ------------------------------------------------------------------------


def record_units(record: RecordLike, counts_hours: bool) -> int:
    return int(Decimal(record.hours) * HOURS_SCALE) if counts_hours else 1


def judge(judgement: Judgement, record: RecordLike, requirement: Requirement) -> tuple[int, CountReason]:
    """How much ``record`` counts toward ``requirement`` and why (the first reason that applies)."""
    counts_hours = requirement.params.counts_hours
    if record.status != VERIFIED:
        return 0, CountReason.RETURNED if record.status == RETURNED else CountReason.PENDING
    rules = judgement.rules
    failed = first_failed(rules, record)
    if failed is not None:
        return 0, CountReason(failed.reason)
    if record.form in rules.once_forms:
        return requirement.required_units, CountReason.ONCE
    units = record_units(record, counts_hours)
    if units <= 0:
        return 0, CountReason.NO_HOURS
    if record.form in rules.justification_forms:
        return units, CountReason.JUSTIFIED
    return units, CountReason.HOURS if counts_hours else CountReason.ACTIVITY


# --- deciding the status -----------------------------------------------------------------------


class Decision(NamedTuple):
    status: ComplianceStatus
    due_date: dt.date | None
    due_basis: DueBasis | None


def decide(
    *,
    on: dt.date,
    params: PeriodicParams,
    applicable: bool,
    threshold: dt.date | None,
    hired: dt.date | None,
    horizon_months: int,
) -> Decision:
    """The status on ``on`` from the date the requirement was last reached (``threshold``) and
    the hiring date. The same function finishes both the per-person and the set-based paths."""
    if not applicable:
        return NOT_APPLICABLE
    return due_and_status(on, add_months(on, horizon_months), params.period_years, params.hire_grace, threshold, hired)


NOT_APPLICABLE = Decision(ComplianceStatus.NOT_APPLICABLE, None, None)

# The set-based path decides hundreds of thousands of rows whose dates repeat: each date's
# anniversary is worked out once.
_years_after = lru_cache(maxsize=1 << 16)(add_years)


def due_and_status(
    on: dt.date,
    horizon_end: dt.date,
    years: int,
    hire_grace: bool,
    threshold: dt.date | None,
    hired: dt.date | None,
) -> Decision:
    """``decide`` for an applicable requirement, with the horizon's end worked out once."""
    record_due = _years_after(threshold, years) if threshold is not None else None
    hire_due = _years_after(hired, years) if hire_grace and hired is not None else None
    due: dt.date
    if record_due is not None and (hire_due is None or record_due >= hire_due):
        due, basis = record_due, DueBasis.RECORD
    elif hire_due is not None:
        due, basis = hire_due, DueBasis.HIRING
    else:
        due, basis = (hired or on), DueBasis.NO_RECORD
    if due < on:
        return Decision(ComplianceStatus.OVERDUE, due, basis)
    if due <= horizon_end:
        return Decision(ComplianceStatus.DUE_SOON, due, basis)
    return Decision(ComplianceStatus.COMPLIANT, due, basis)


# --- one person, one requirement ---------------------------------------------------------------


@dataclass(frozen=True)
class RecordLine:
    record: Any
    units: int
    reason: CountReason
    judged_by: Rule
    forms_rule: Rule | None
    counts_hours: bool

    @property
    def counted(self) -> bool:
        return self.units > 0

    @property
    def amount(self) -> Decimal | int:
        return Decimal(self.units) / HOURS_SCALE if self.counts_hours else self.units


@dataclass
class RequirementResult:
    organisation: Any
    requirement: Requirement
    on: dt.date
    applicable: bool
    status: ComplianceStatus
    window_start: dt.date
    counted_units: int
    due_date: dt.date | None
    due_basis: DueBasis | None
    hired: dt.date | None
    threshold: dt.date | None
    horizon_months: int
    counted: list[RecordLine] = field(default_factory=list)
    not_counted: list[RecordLine] = field(default_factory=list)
    basis_record: RecordLine | None = None

    @property
    def rule(self) -> Rule:
        return self.requirement.rule

    @property
    def counts_hours(self) -> bool:
        return self.requirement.params.counts_hours

    def _amount(self, units: int) -> Decimal | int:
        return Decimal(units) / HOURS_SCALE if self.counts_hours else units

    @property
    def amount_counted(self) -> Decimal | int:
        return self._amount(self.counted_units)

    @property
    def amount_required(self) -> Decimal | int:
        return self._amount(self.requirement.required_units)

    @property
    def amount_missing(self) -> Decimal | int:
        return self._amount(max(0, self.requirement.required_units - self.counted_units))

    @property
    def met(self) -> bool:
        return self.applicable and self.counted_units >= self.requirement.required_units


def evaluate_requirement(
    *,
    organisation: Any,
    requirement: Requirement,
    records: Sequence[RecordLike],
    on: dt.date,
    hired: dt.date | None,
    applicable: bool,
    horizon_months: int,
) -> RequirementResult:
    """``records``: the person's records completed on or before ``on``, newest first."""
    period = requirement.params.period_years
    window_start = add_years(on, -period)
    result = RequirementResult(
        organisation=organisation,
        requirement=requirement,
        on=on,
        applicable=applicable,
        status=ComplianceStatus.NOT_APPLICABLE,
        window_start=window_start,
        counted_units=0,
        due_date=None,
        due_basis=None,
        hired=hired,
        threshold=None,
        horizon_months=horizon_months,
    )
    if not applicable:
        return result
    running = 0
    for record in records:
        judgement = requirement.judgement_for(record.end_date)
        units, reason = judge(judgement, record, requirement)
        line = RecordLine(record, units, reason, judgement.rule, judgement.forms_rule, requirement.params.counts_hours)
        in_window = record.end_date > window_start
        if in_window:
            result.counted_units += units
            (result.counted if units > 0 else result.not_counted).append(line)
        if units > 0:
            running += units
            if result.threshold is None and running >= requirement.required_units:
                result.threshold = record.end_date
                result.basis_record = line
    decision = decide(
        on=on,
        params=requirement.params,
        applicable=True,
        threshold=result.threshold,
        hired=hired,
        horizon_months=horizon_months,
    )
    result.status, result.due_date, result.due_basis = decision.status, decision.due_date, decision.due_basis
    return result


def employment_facts(employment: Any) -> EmploymentFacts:
    return EmploymentFacts.of(employment)


def applies_to(requirement: Requirement, employments: Iterable[Any]) -> bool:
    return any(scope_matches(requirement.rule.scope, employment_facts(e)) for e in employments)
