"""Pages of planning, by document: the dashboard and individual plans, unit schedules, the
consolidated schedule, comparing versions and printed forms. The views are re-exported here, so
``biliktilik.planning.views`` (and ``urls.py``) keep working. Perspective plans and programmes have
their own modules (``views_perspective``, ``views_programmes``)."""

from .common import detail_url
from .compare import (
    compare,
    consolidated_export,
    unit_schedule_export,
)
from .consolidated import (
    consolidated_action,
    consolidated_detail,
    consolidated_open,
)
from .plans import (
    dashboard,
    item_remove,
    plan_action,
    plan_detail,
    plan_open,
)
from .schedules import (
    approved_part_view,
    unit_schedule_action,
    unit_schedule_detail,
    unit_schedule_open,
)

__all__ = [
    "approved_part_view",
    "compare",
    "consolidated_action",
    "consolidated_detail",
    "consolidated_export",
    "consolidated_open",
    "dashboard",
    "detail_url",
    "item_remove",
    "plan_action",
    "plan_detail",
    "plan_open",
    "unit_schedule_action",
    "unit_schedule_detail",
    "unit_schedule_export",
    "unit_schedule_open",
]
