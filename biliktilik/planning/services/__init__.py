"""Writes of planning (PLN-01..03, PLN-06, SEC-02): keyword-only, atomic, audited, checked.

Plans and schedules are document types of the document kit (``biliktilik.documents``, declared
in ``planning/doctypes.py``): the kit submits them through their approval routes, amends them as
new versions, and moves them on from their runs' outcomes inside the decision's own transaction,
wherever the decision is taken (planning's pages, "Waiting for my decision", the workflows API).
Planning's services check who may act and what a complete document is.
"""

from biliktilik.documents.services import document_decide, route_of

from .calendar import planning_calendar_set
from .common import (
    MAX_AMOUNT,
    MAX_HOURS,
    OFFICER_ROLES,
    heads_unit,
    is_planning_officer,
    may_edit_plan,
    may_manage_unit_schedule,
)
from .consolidated import consolidated_amend, consolidated_assemble, consolidated_create, consolidated_submit
from .individual import (
    plan_add_suggestions,
    plan_amend,
    plan_create,
    plan_item_add,
    plan_item_remove,
    plan_item_update,
    plan_submit,
)
from .unit import (
    unit_schedule_amend,
    unit_schedule_assemble,
    unit_schedule_create,
    unit_schedule_set_minutes,
    unit_schedule_submit,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_HOURS",
    "OFFICER_ROLES",
    "consolidated_amend",
    "consolidated_assemble",
    "consolidated_create",
    "consolidated_submit",
    "document_decide",
    "heads_unit",
    "is_planning_officer",
    "may_edit_plan",
    "may_manage_unit_schedule",
    "plan_add_suggestions",
    "plan_amend",
    "plan_create",
    "plan_item_add",
    "plan_item_remove",
    "plan_item_update",
    "plan_submit",
    "planning_calendar_set",
    "route_of",
    "unit_schedule_amend",
    "unit_schedule_assemble",
    "unit_schedule_create",
    "unit_schedule_set_minutes",
    "unit_schedule_submit",
]
