from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "biliktilik.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from biliktilik.workflows.adapters import WorkflowSubject, register_adapter
        from biliktilik.workflows.models import Run
        from biliktilik.workflows.signals import run_changed

        from .models import ConsolidatedSchedule, IndividualPlan, UnitSchedule
        from .selectors import requires_payment

        def unit_subject(document: Any) -> WorkflowSubject:
            return WorkflowSubject(
                organisation=document.organisation,
                unit=document.unit,
                flags={"requires_payment": requires_payment(document)},
            )

        def organisation_subject(document: Any) -> WorkflowSubject:
            return WorkflowSubject(
                organisation=document.organisation, unit=None, flags={"requires_payment": requires_payment(document)}
            )

        register_adapter(IndividualPlan, unit_subject)
        register_adapter(UnitSchedule, unit_subject)
        register_adapter(ConsolidatedSchedule, organisation_subject)

        def sync(sender: Any, run: Run, event: str, decision: Any, actor: Any, **kwargs: Any) -> None:
            from .services import document_sync_from_run

            if event in {"approved", "returned", "rejected", "cancelled"}:
                document_sync_from_run(run=run, actor=actor)

        run_changed.connect(sync, sender=Run, weak=False, dispatch_uid="planning-sync-documents")
