"""Planning's document types, declared to the document kit (``biliktilik.documents``).

The perspective plan (PLN-04) is one of them too: approved through the organisation's route of
purpose ``perspective_plan`` (seeded by ``planning.seeding.seed_perspective_route``), amended as a
new version with its stages and targets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from biliktilik.documents.printing import Placeholder, PrintSpec, register_print
from biliktilik.documents.registry import DocumentType, Item, register_document_type

from .enums import PlanningPurpose
from .models import ITEM_FIELDS, ConsolidatedSchedule, IndividualPlan, PerspectivePlan, UnitSchedule


def plan_items(plan: Any) -> Iterable[Item]:
    return [Item(item.pk, item.source_id, {k: getattr(item, k) for k in ITEM_FIELDS}) for item in plan.items.all()]


def _included(related: str) -> Any:
    """Lines of a schedule: the documents it includes, matched across versions by themselves."""

    def items(document: Any) -> Iterable[Item]:
        return [Item(pk, pk, {"included": True}) for pk in getattr(document, related).values_list("pk", flat=True)]

    return items


def register() -> None:
    from .perspective.services import copy_perspective_content
    from .services.consolidated import copy_unit_schedules
    from .services.individual import copy_plan_items
    from .services.unit import approve_included_plans, copy_included_plans

    register_document_type(
        DocumentType(
            code="individual_plan",
            model=IndividualPlan,
            purpose=PlanningPurpose.INDIVIDUAL_PLAN,
            label=PlanningPurpose.INDIVIDUAL_PLAN.label,
            amendment_purpose=PlanningPurpose.PLAN_AMENDMENT,
            route_optional=True,  # without a route of its own, a plan is approved with its unit's schedule
            copy_fields=("person_id", "unit_id"),
            copy_related=copy_plan_items,
            items=plan_items,
        )
    )
    register_document_type(
        DocumentType(
            code="unit_schedule",
            model=UnitSchedule,
            purpose=PlanningPurpose.UNIT_SCHEDULE,
            label=PlanningPurpose.UNIT_SCHEDULE.label,
            amendment_purpose=PlanningPurpose.PLAN_AMENDMENT,
            copy_fields=("unit_id", "meeting_date", "meeting_number", "meeting_present", "meeting_decision"),
            copy_related=copy_included_plans,
            compare_fields=("meeting_date", "meeting_number", "meeting_present", "meeting_decision"),
            items=_included("plans"),
            on_approved=approve_included_plans,
        )
    )
    register_document_type(
        DocumentType(
            code="consolidated_schedule",
            model=ConsolidatedSchedule,
            purpose=PlanningPurpose.CONSOLIDATED_SCHEDULE,
            label=PlanningPurpose.CONSOLIDATED_SCHEDULE.label,
            amendment_purpose=PlanningPurpose.PLAN_AMENDMENT,
            copy_related=copy_unit_schedules,
            items=_included("unit_schedules"),
        )
    )
    register_document_type(
        DocumentType(
            code="perspective_plan",
            model=PerspectivePlan,
            purpose=PlanningPurpose.PERSPECTIVE_PLAN,
            label=PlanningPurpose.PERSPECTIVE_PLAN.label,
            copy_fields=("title", "to_year", "description"),
            copy_related=copy_perspective_content,
            compare_fields=("title", "from_year", "to_year", "description"),
        )
    )

    from . import documents

    placeholders = tuple(Placeholder(name, text) for name, text in documents.PLACEHOLDERS)
    for code, form_code, consolidated in (
        ("unit_schedule", "602-01", False),
        ("consolidated_schedule", "602-05", True),
    ):
        register_print(
            PrintSpec(
                doc_type=code,
                form_code=form_code,
                context=documents.print_context,
                sample=documents.sample_context(consolidated),
                placeholders=placeholders,
                filename=documents.filename,
            )
        )
