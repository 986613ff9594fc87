"""The budget of the consolidated schedule and the approved part of a unit (PLN-03)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from biliktilik.core.access import scope_of
from biliktilik.ledger.enums import FundingSource
from biliktilik.org.models import Unit

from ..enums import PlanStatus
from ..models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from .unit import Line, plan_lines

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
    return schedule, plan_lines(plans)
