"""The compliance criteria, each declared once (CMP-01, POL-04, POL-08).

A verified PD record counts toward a periodic requirement when it passes every criterion of
``CRITERIA`` that the requirement applies, in this order; the first it fails gives the reason it
did not count. Each criterion is one ``Criterion``:

* ``value(rules)`` — what the criterion asks under one judgement (``RecordRules``), or None
  when it does not apply (a rule without delivery modes does not test the mode);
* ``op`` — how a record is compared with that value, on the fields of ``ledger.PDRecord``
  (named here as strings: the policy app stands to the left of the ledger). The same operator
  gives the per-person test (``test``), the fragment of the set-based SQL statement (``sql``)
  and a ``Q`` over the records (``q``), so the paths cannot say different things;
* ``reason`` — the code of ``compliance.CountReason`` shown when a record fails it;
* ``describe(value)`` — the words of the criterion, for the rule's explanation.

The per-person engine (``compliance.engine.judge``) and the set-based statement
(``compliance.sql``) both iterate over this table; a test checks that every entry is used by
both. Adding a criterion is one entry here (``docs/rules.md`` shows an example).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q
from django.utils.translation import gettext as _

from . import vocabulary

if TYPE_CHECKING:  # the criteria only name how a form counts; the evaluators read the rules
    from .evaluators.forms import FormFlags


@dataclass(frozen=True)
class RecordRules:
    """How records completed in one period are judged: by one version of a periodic requirement
    and the forms in force then (``forms`` None: every form counts by its hours)."""

    forms: Mapping[str, FormFlags] | None
    delivery_modes: frozenset[str] | None
    in_profile_only: bool
    management_only: bool

    @property
    def counted_forms(self) -> frozenset[str] | None:
        if self.forms is None:
            return None
        return frozenset(f for f, flags in self.forms.items() if flags.counts)

    @property
    def justification_forms(self) -> frozenset[str]:
        return frozenset(f for f, flags in (self.forms or {}).items() if flags.counts and flags.needs_justification)

    @property
    def once_forms(self) -> frozenset[str]:
        return frozenset(f for f, flags in (self.forms or {}).items() if flags.counts and flags.once_only)


# --- operators: one comparison, three renderings -----------------------------------------------


@dataclass(frozen=True)
class OneOf:
    """The record's ``field`` is one of the values."""

    field: str

    def test(self, record: Any, value: Any) -> bool:
        return getattr(record, self.field) in value

    def sql(self, table: str, value: Any) -> tuple[str, list[Any]]:
        values = sorted(value)
        if not values:
            return "1 = 0", []
        return f"{table}.{self.field} IN ({', '.join(['%s'] * len(values))})", values

    def q(self, value: Any) -> Q:
        return Q(**{f"{self.field}__in": sorted(value)})


@dataclass(frozen=True)
class IsTrue:
    """The record's boolean ``field`` is true."""

    field: str

    def test(self, record: Any, value: Any) -> bool:
        return bool(getattr(record, self.field))

    def sql(self, table: str, value: Any) -> tuple[str, list[Any]]:
        return f"{table}.{self.field} = %s", [True]

    def q(self, value: Any) -> Q:
        return Q(**{self.field: True})


@dataclass(frozen=True)
class PresentWhenOneOf:
    """When the record's ``field`` is one of the values, its ``required`` field is filled in."""

    field: str
    required: str

    def test(self, record: Any, value: Any) -> bool:
        return getattr(record, self.field) not in value or getattr(record, self.required) is not None

    def sql(self, table: str, value: Any) -> tuple[str, list[Any]]:
        values = sorted(value)
        marks = ", ".join(["%s"] * len(values))
        return f"({table}.{self.field} NOT IN ({marks}) OR {table}.{self.required} IS NOT NULL)", values

    def q(self, value: Any) -> Q:
        return ~Q(**{f"{self.field}__in": sorted(value)}) | Q(**{f"{self.required}__isnull": False})


class Operator(Protocol):
    def test(self, record: Any, value: Any) -> bool: ...
    def sql(self, table: str, value: Any) -> tuple[str, list[Any]]: ...
    def q(self, value: Any) -> Q: ...


@dataclass(frozen=True)
class Criterion:
    code: str
    reason: str
    value: Callable[[RecordRules], Any]
    op: Operator
    describe: Callable[[Any], str] = lambda value: ""  # noqa: E731 - no words of its own

    def applies(self, rules: RecordRules) -> Any:
        return self.value(rules)

    def test(self, record: Any, value: Any) -> bool:
        return self.op.test(record, value)

    def sql(self, table: str, value: Any) -> tuple[str, list[Any]]:
        return self.op.sql(table, value)

    def q(self, value: Any) -> Q:
        return self.op.q(value)


def _modes(value: Any) -> str:
    labels = ", ".join(vocabulary.label(vocabulary.DELIVERY_MODE, m) for m in sorted(value))
    return _("delivery: %(modes)s") % {"modes": labels}


CRITERIA: tuple[Criterion, ...] = (
    Criterion("counted_form", "form_not_counted", lambda r: r.counted_forms, OneOf("form")),
    Criterion(
        "justification",
        "justification_missing",
        lambda r: r.justification_forms or None,
        PresentWhenOneOf("form", "justification_approved_by_id"),
    ),
    Criterion("delivery_mode", "delivery_mode", lambda r: r.delivery_modes, OneOf("delivery_mode"), _modes),
    Criterion(
        "in_profile",
        "not_in_profile",
        lambda r: True if r.in_profile_only else None,
        IsTrue("in_profile"),
        lambda value: _("in the profile of the disciplines taught"),
    ),
    Criterion(
        "management",
        "not_management",
        lambda r: True if r.management_only else None,
        IsTrue("management_topic"),
        lambda value: _("management topic"),
    ),
)


def applied(rules: RecordRules, criteria: Sequence[Criterion] = CRITERIA) -> list[tuple[Criterion, Any]]:
    """The criteria ``rules`` apply, in order, each with its value."""
    out = []
    for criterion in criteria:
        value = criterion.applies(rules)
        if value is not None:
            out.append((criterion, value))
    return out


def first_failed(rules: RecordRules, record: Any) -> Criterion | None:
    """The per-person test: the first criterion ``record`` fails under ``rules``, or None."""
    for criterion, value in applied(rules):
        if not criterion.test(record, value):
            return criterion
    return None


def sql_conditions(rules: RecordRules, table: str) -> tuple[list[str], list[Any]]:
    """The set-based test: one SQL condition per applied criterion, over the records ``table``."""
    conditions: list[str] = []
    params: list[Any] = []
    for criterion, value in applied(rules):
        sql, sql_params = criterion.sql(table, value)
        conditions.append(sql)
        params.extend(sql_params)
    return conditions, params


def criteria_q(rules: RecordRules) -> Q:
    """Every applied criterion as one filter over ``PDRecord``."""
    q = Q()
    for criterion, value in applied(rules):
        q &= criterion.q(value)
    return q


def describe_criteria(rules: RecordRules) -> list[str]:
    """The words of the applied criteria, for explanations."""
    return [text for criterion, value in applied(rules) if (text := criterion.describe(value))]
