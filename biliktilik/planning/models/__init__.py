"""The models of planning, by concept: the documents (plans and schedules), perspective plans,
PD-centre programmes. Every model is imported here so that Django finds them and the old import
path ``biliktilik.planning.models`` keeps working."""

from .documents import (
    ITEM_FIELDS,
    YEAR_VALIDATORS,
    ConsolidatedSchedule,
    IndividualPlan,
    PlanItem,
    PlanningCalendar,
    UnitSchedule,
    VersionedDocument,
)
from .perspective import PerspectivePlan, PerspectiveStage, PerspectiveTarget, StageStatus
from .programmes import (
    CourseRequest,
    EntryDecision,
    ListenerSource,
    PDProgramme,
    ProgrammeDirection,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
    TopicStatus,
    TopicTrainer,
    TrainerRole,
)

__all__ = [
    "ITEM_FIELDS",
    "YEAR_VALIDATORS",
    "RequestEntry",
    "ConsolidatedSchedule",
    "CourseRequest",
    "EntryDecision",
    "IndividualPlan",
    "ListenerSource",
    "PDProgramme",
    "PerspectivePlan",
    "PerspectiveStage",
    "PerspectiveTarget",
    "PlanItem",
    "PlanningCalendar",
    "ProgrammeDirection",
    "ProgrammeTopic",
    "StageStatus",
    "TopicListener",
    "TopicStatus",
    "TopicTrainer",
    "TrainerRole",
    "UnitSchedule",
    "VersionedDocument",
]
