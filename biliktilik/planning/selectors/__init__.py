"""Reads of planning, scoped like every other page (SEC-01): a fixed number of queries per page.

By concept: which documents the user sees, suggestions for individual plans, unit schedule lines
and analysis inputs, the consolidated budget, version comparison, the deadline and the dashboard.
The public names are re-exported here: ``biliktilik.planning.selectors`` keeps working."""

from .compare import (
    ItemChange,
    PlanComparison,
    ScheduleComparison,
    compare_consolidated,
    compare_plans,
    compare_unit_schedules,
)
from .consolidated import (
    BudgetLine,
    approved_consolidated,
    approved_part,
    budget_lines,
    requires_payment,
)
from .dashboard import (
    Deadline,
    Owed,
    PlanningDashboard,
    default_year,
    officer_organisations,
    plan_employments,
    planning_dashboard,
    planning_deadline,
    units_headed,
)
from .individual import (
    Suggestion,
    plan_suggestions,
)
from .unit import (
    AnalysisInputs,
    Line,
    StaffLine,
    analysis_inputs,
    consolidated_lines,
    plan_lines,
    unit_schedule_lines,
)
from .visibility import (
    Approval,
    consolidated_get,
    consolidated_visible_to,
    final_approval,
    plan_get,
    plan_items,
    plans_visible_to,
    run_of,
    unit_schedule_get,
    unit_schedules_visible_to,
    versions_of,
)

__all__ = [
    "AnalysisInputs",
    "Approval",
    "BudgetLine",
    "Deadline",
    "ItemChange",
    "Line",
    "Owed",
    "PlanComparison",
    "PlanningDashboard",
    "ScheduleComparison",
    "StaffLine",
    "Suggestion",
    "analysis_inputs",
    "approved_consolidated",
    "approved_part",
    "budget_lines",
    "compare_consolidated",
    "compare_plans",
    "compare_unit_schedules",
    "consolidated_get",
    "consolidated_lines",
    "consolidated_visible_to",
    "default_year",
    "final_approval",
    "officer_organisations",
    "plan_employments",
    "plan_get",
    "plan_items",
    "plan_lines",
    "plan_suggestions",
    "planning_dashboard",
    "planning_deadline",
    "plans_visible_to",
    "requires_payment",
    "run_of",
    "unit_schedule_get",
    "unit_schedule_lines",
    "unit_schedules_visible_to",
    "units_headed",
    "versions_of",
]
