from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "biliktilik.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from biliktilik.workflows.adapters import WorkflowSubject
        from biliktilik.workflows.registry import register_condition, register_purpose

        from .enums import REQUIRES_PAYMENT, PlanningPurpose
        from .models import ConsolidatedSchedule, IndividualPlan, UnitSchedule
        from .selectors import requires_payment

        def unit_subject(document: Any) -> WorkflowSubject:
            return WorkflowSubject(organisation=document.organisation, unit=document.unit)

        def organisation_subject(document: Any) -> WorkflowSubject:
            return WorkflowSubject(organisation=document.organisation, unit=None)

        def pays(obj: Any) -> bool:
            if isinstance(obj, IndividualPlan | UnitSchedule | ConsolidatedSchedule):
                return requires_payment(obj)
            return False

        register_condition(REQUIRES_PAYMENT, _("Only when the organisation pays"), pays)
        register_purpose(
            PlanningPurpose.INDIVIDUAL_PLAN,
            PlanningPurpose.INDIVIDUAL_PLAN.label,
            model=IndividualPlan,
            adapter=unit_subject,
        )
        register_purpose(
            PlanningPurpose.UNIT_SCHEDULE, PlanningPurpose.UNIT_SCHEDULE.label, model=UnitSchedule, adapter=unit_subject
        )
        register_purpose(
            PlanningPurpose.CONSOLIDATED_SCHEDULE,
            PlanningPurpose.CONSOLIDATED_SCHEDULE.label,
            model=ConsolidatedSchedule,
            adapter=organisation_subject,
        )
        amendment = PlanningPurpose.PLAN_AMENDMENT
        register_purpose(amendment, amendment.label)
        register_purpose(PlanningPurpose.PERSPECTIVE_PLAN, PlanningPurpose.PERSPECTIVE_PLAN.label)
        from .doctypes import register

        register()
