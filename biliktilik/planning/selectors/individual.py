"""Suggestions for an individual plan from compliance (PLN-01)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from biliktilik.ledger.enums import PDForm
from biliktilik.policy import parameters

from ..models import IndividualPlan

# The suggested course (hours, length), the young-staff age and the plan deadline are rule data:
# ``policy.parameters`` (docs/rules.md, "Planning parameters").


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
