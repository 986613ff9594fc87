"""The set-based path: every (person, requirement) of an organisation in one SQL statement.

For each requirement in force the statement judges every record with a CASE expression built
from the requirement's judgements (the same ones the Python path uses), adds the amounts in the
window with an aggregate, and finds the date at which the amount, counted newest first, first
reaches the requirement with a window function (``SUM(...) OVER (PARTITION BY person ORDER BY
end_date DESC, id DESC)``). Every requirement is a set of columns of the same statement, so the
records are read once and the number of queries does not depend on the number of people or
requirements. Works on SQLite >= 3.25 and PostgreSQL.

The statement text is assembled from fixed fragments, table names from the models and SQL that
Django generated; every value (dates, forms, thresholds) is passed as a parameter.
"""

# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Case, IntegerField, Max, Min, Q, Value, When

from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q
from biliktilik.policy.criteria import sql_conditions
from biliktilik.policy.evaluators import HOURS_SCALE, add_years, scope_q

from .engine import VERIFIED, Judgement, Requirement


class RawRow(NamedTuple):
    requirement_index: int
    person_id: int
    applicable: bool
    hired: dt.date | None
    counted_units: int
    threshold: dt.date | None


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _sql(qs: Any) -> tuple[str, list[Any]]:
    sql, params = qs.query.sql_with_params()
    return sql, list(params)


def _amount_expr(judgement: Judgement, requirement: Requirement, table: str) -> tuple[str, list[Any]]:
    """The units one verified record counts under ``judgement``: the CASE twin of ``engine.judge``
    (the statement reads verified records only, the others count nothing)."""
    counts_hours = requirement.params.counts_hours
    units = f"CAST(ROUND({table}.hours * {HOURS_SCALE}) AS INTEGER)" if counts_hours else "1"
    rules = judgement.rules
    conditions, params = sql_conditions(rules, table)
    value_sql, value_params = units, []
    if rules.once_forms:
        once = sorted(rules.once_forms)
        value_sql = f"CASE WHEN {table}.form IN ({', '.join(['%s'] * len(once))}) THEN %s ELSE {units} END"
        value_params = [*once, requirement.required_units]
    if not conditions:
        return value_sql, value_params
    sql = f"CASE WHEN {' AND '.join(conditions)} THEN {value_sql} ELSE 0 END"
    return sql, params + value_params


def _judged_amount(requirement: Requirement, table: str) -> tuple[str, list[Any]]:
    """The amount of a record under the judgement in force on its completion date."""
    judgements = requirement.judgements
    if len(judgements) == 1:
        return _amount_expr(judgements[0], requirement, table)
    parts = ["CASE"]
    params: list[Any] = []
    # Newest judgement first: the first whose start the record reaches.
    for judgement in reversed(judgements[1:]):
        expr, expr_params = _amount_expr(judgement, requirement, table)
        parts.append(f"WHEN {table}.end_date >= %s THEN {expr}")
        params.extend([judgement.start, *expr_params])
    expr, expr_params = _amount_expr(judgements[0], requirement, table)
    parts.append(f"ELSE {expr} END")
    params.extend(expr_params)
    return " ".join(parts), params


def compliance_table(
    *,
    organisation: Organisation,
    requirements: Sequence[Requirement],
    on: dt.date,
    unit: Unit | None = None,
) -> list[tuple[Any, ...]]:
    """One row per current staff member of ``organisation`` (within ``unit`` when given), ordered
    by person: ``(person_id, hired, applicable_0, units_0, threshold_0, applicable_1, ...)`` with
    three columns per requirement, from a single statement:

    * ``base``: one row per person, from their employments in the organisation: the hiring date
      (the earliest start), and for each requirement whether a current employment is in its scope;
    * ``rec``: the person's verified records up to ``on`` (only those can count), each judged once
      per requirement (``a0``, ``a1``...);
    * ``cum``: running sums newest first (a window function), only for the requirements that need
      more than one unit; for the others the date the requirement was reached is simply the latest
      counted record;
    * ``agg``: per person and requirement, the amount in the window and the date the running sum
      first reached the requirement.

    Dates are ``datetime.date`` whatever the database; ``units`` is 0 rather than NULL.
    """
    if not requirements:
        return []
    current = current_q(on=on)
    in_staff = current & Q(unit__path__startswith=unit.path) if unit is not None else current
    annotations: dict[str, Any] = {
        "hired": Min("start_date"),
        "in_staff": Max(Case(When(in_staff, then=Value(1)), default=Value(0), output_field=IntegerField())),
    }
    for index, requirement in enumerate(requirements):
        annotations[f"app_{index}"] = Max(
            Case(
                When(current & scope_q(requirement.rule.scope), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    base_qs = (
        Employment.objects.filter(organisation_id=organisation.pk, start_date__lte=on)
        .order_by()
        .values("person_id")
        .annotate(**annotations)
        .filter(**{"in_staff": 1})
    )
    base_sql, base_params = _sql(base_qs)
    # The records are chosen by a plain subquery rather than by the ``base`` CTE: the database
    # estimates it well and reads the records with one hash join instead of a lookup per person.
    staff_sql, staff_params = _sql(
        Employment.objects.filter(current, organisation_id=organisation.pk).order_by().values("person_id")
    )
    record_table = PDRecord._meta.db_table
    # Ties on the completion date need no order: the date at which the running sum first reaches
    # the requirement is the latest date d whose records of d and later add up to it, whatever the
    # order of the records of one day.
    window = "OVER (PARTITION BY person_id ORDER BY end_date DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
    amounts: list[str] = []
    amount_params: list[Any] = []
    running: list[str] = []
    aggregates: list[str] = []
    aggregate_params: list[Any] = []
    outputs: list[str] = []
    for index, requirement in enumerate(requirements):
        expr, expr_params = _judged_amount(requirement, "r")
        amounts.append(f"{expr} AS a{index}")
        amount_params.extend(expr_params)
        window_start = add_years(on, -requirement.params.period_years)
        if requirement.required_units > 1:
            running.append(f", SUM(a{index}) {window} AS r{index}")
            reached = f"MAX(CASE WHEN a{index} > 0 AND r{index} >= %s THEN end_date END)"
            aggregate_params.extend([window_start, requirement.required_units])
        else:
            # One counted record is enough: it is reached at the latest counted record.
            reached = f"MAX(CASE WHEN a{index} > 0 THEN end_date END)"
            aggregate_params.append(window_start)
        aggregates.append(f"SUM(CASE WHEN end_date > %s THEN a{index} ELSE 0 END) AS w{index}, {reached} AS t{index}")
        outputs.append(f"b.app_{index}, COALESCE(g.w{index}, 0), g.t{index}")
    cum = f"cum AS (SELECT *{''.join(running)} FROM rec), " if running else ""
    sql = (
        f"WITH base AS ({base_sql}), "
        f"rec AS (SELECT r.person_id AS person_id, r.end_date AS end_date, {', '.join(amounts)} "
        f"FROM {record_table} r WHERE r.status = %s AND r.end_date <= %s AND r.person_id IN ({staff_sql})), "
        f"{cum}"
        f"agg AS (SELECT person_id, {', '.join(aggregates)} FROM {'cum' if running else 'rec'} GROUP BY person_id) "
        f"SELECT b.person_id, b.hired, {', '.join(outputs)} "
        f"FROM base b LEFT JOIN agg g ON g.person_id = b.person_id ORDER BY b.person_id"
    )
    params = [*base_params, *amount_params, VERIFIED, on, *staff_params, *aggregate_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if connection.vendor == "postgresql":
        return fetched
    # SQLite gives dates as text (and MAX of dates too): convert them, each distinct text once.
    dates: dict[Any, dt.date | None] = {}

    def day(value: Any) -> dt.date | None:
        if value not in dates:
            dates[value] = _date(value)
        return dates[value]

    date_columns = {1, *(4 + 3 * i for i in range(len(requirements)))}
    return [tuple(day(v) if c in date_columns else v for c, v in enumerate(row)) for row in fetched]


def compliance_raw_rows(
    *,
    organisation: Organisation,
    requirements: Sequence[Requirement],
    on: dt.date,
    unit: Unit | None = None,
) -> list[RawRow]:
    """``compliance_table`` as one row per person and requirement."""
    rows: list[RawRow] = []
    for person_id, hired, *values in compliance_table(
        organisation=organisation, requirements=requirements, on=on, unit=unit
    ):
        for index in range(len(requirements)):
            applicable, in_window, threshold = values[3 * index : 3 * index + 3]
            rows.append(
                RawRow(
                    requirement_index=index,
                    person_id=int(person_id),
                    applicable=bool(applicable),
                    hired=hired,
                    counted_units=int(in_window or 0),
                    threshold=threshold,
                )
            )
    return rows
