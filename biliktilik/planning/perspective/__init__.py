"""Perspective PD plans (PLN-04; KAFU-2025 3; PRESCHOOL-RULES 10): writes and reads.

A perspective plan covers several years (e.g. 2023-2026). It has stages, each with a monitoring
status and notes, and yearly targets (people to train, academic hours, money in KZT), for all
staff or for one staff category. Its execution is compared with the ledger: the verified PD
records kept by the organisation and completed in each year, counted by aggregate queries.

HR and PD-centre officers of the organisation (and the system administrator) edit it while it is
a draft or returned, send it up through the organisation's ``perspective_plan`` route and amend an
approved one as a new version (it is a document type of the kit, ``planning.doctypes``); those who
see the organisation whole (first head, auditor, finance, authority officers above it) read it.

By concept: ``common`` (who may edit, shared checks), ``services`` (writes), ``selectors``
(reads and the execution). The public names are re-exported here.
"""

from .common import (
    MAX_PEOPLE,
    MAX_PLAN_YEARS,
    PLAN_FIELDS,
    may_edit_perspective,
)
from .selectors import (
    Actual,
    ExecutionRow,
    perspective_execution,
    perspective_get,
    perspective_list,
    perspective_organisations_for,
    perspective_plans_visible_to,
    perspective_stages,
    perspective_targets,
    perspective_versions,
)
from .services import (
    copy_perspective_content,
    perspective_amend,
    perspective_create,
    perspective_stage_add,
    perspective_stage_monitor,
    perspective_stage_remove,
    perspective_submit,
    perspective_target_remove,
    perspective_target_set,
    perspective_update,
)

__all__ = [
    "Actual",
    "ExecutionRow",
    "MAX_PEOPLE",
    "MAX_PLAN_YEARS",
    "PLAN_FIELDS",
    "copy_perspective_content",
    "may_edit_perspective",
    "perspective_amend",
    "perspective_create",
    "perspective_execution",
    "perspective_get",
    "perspective_list",
    "perspective_organisations_for",
    "perspective_plans_visible_to",
    "perspective_stage_add",
    "perspective_stage_monitor",
    "perspective_stage_remove",
    "perspective_stages",
    "perspective_target_remove",
    "perspective_target_set",
    "perspective_submit",
    "perspective_targets",
    "perspective_update",
    "perspective_versions",
]
