"""The consolidated schedule's route (KazNRTU-602 7.4-7.5), ready to be given to an organisation.

The unit schedule goes through the organisation's route for unit schedules (for instance the
seeded ``kaznrtu_602_7_4``); the consolidated schedule (form 602-05) needs a route of purpose
``consolidated_schedule``: the HR service or PD centre checks it, the finance department agrees
the budget when the organisation pays, and the head of the management office approves it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from biliktilik.org.models import Organisation
from biliktilik.workflows.enums import STEP_ACTIONS, Decider, DecisionAction
from biliktilik.workflows.models import Route
from biliktilik.workflows.services import StepSpec, route_create_unchecked

from .enums import REQUIRES_PAYMENT, PlanningPurpose

CONSOLIDATED_ROUTE_CODE = "kaznrtu-602-05"


@transaction.atomic
def seed_consolidated_route(*, organisation: Organisation, actor: Any = None) -> Route:
    """Give ``organisation`` the consolidated schedule's route; idempotent."""
    existing = Route.objects.filter(organisation=organisation, code=CONSOLIDATED_ROUTE_CODE, is_current=True).first()
    if existing is not None:
        return existing
    return route_create_unchecked(
        actor=actor,
        organisation=organisation,
        code=CONSOLIDATED_ROUTE_CODE,
        purpose=PlanningPurpose.CONSOLIDATED_SCHEDULE,
        title_kk="Біліктілікті арттырудың жиынтық кестесін бекіту (602-05 нысаны)",
        title_ru="Утверждение сводного графика повышения квалификации (форма 602-05)",
        title_en="Approving the consolidated PD schedule (form 602-05)",
        notes="KazNRTU-602 7.4-7.5",
        steps=(
            StepSpec(
                title_kk="HR қызметінің тексеруі",
                title_ru="Проверка службой HR",
                title_en="Check by the HR service",
                notes="KazNRTU-602 7.4",
                decider=Decider.HR,
                actions=(DecisionAction.APPROVE, DecisionAction.RETURN),
            ),
            StepSpec(
                title_kk="Бюджетті Қаржы және есеп департаментімен келісу",
                title_ru="Согласование бюджета с Департаментом финансов и учёта",
                title_en="Budget agreed with the Finance and accounting department",
                notes="KazNRTU-602 7.4",
                decider=Decider.FINANCE,
                condition=REQUIRES_PAYMENT,
                actions=tuple(STEP_ACTIONS),
            ),
            StepSpec(
                title_kk="Басқарма аппаратының басшысының бекітуі",
                title_ru="Утверждение руководителем аппарата правления",
                title_en="Approval by the head of the management office",
                notes="KazNRTU-602 7.5",
                decider=Decider.MANAGEMENT_OFFICE,
                actions=tuple(STEP_ACTIONS),
            ),
        ),
    )


PERSPECTIVE_ROUTE_CODE = "perspective-plan"


@transaction.atomic
def seed_perspective_route(*, organisation: Organisation, actor: Any = None) -> Route:
    """Give ``organisation`` a default route for its perspective plan (PLN-04; KAFU-2025 3;
    PRESCHOOL-RULES 10): the HR service checks it, the first head approves it; idempotent. An
    organisation may replace it with a route of its own of purpose ``perspective_plan``."""
    existing = Route.objects.filter(organisation=organisation, code=PERSPECTIVE_ROUTE_CODE, is_current=True).first()
    if existing is not None:
        return existing
    return route_create_unchecked(
        actor=actor,
        organisation=organisation,
        code=PERSPECTIVE_ROUTE_CODE,
        purpose=PlanningPurpose.PERSPECTIVE_PLAN,
        title_kk="Біліктілікті арттырудың перспективалық жоспарын бекіту",
        title_ru="Утверждение перспективного плана повышения квалификации",
        title_en="Approving the perspective PD plan",
        notes="KAFU-2025 3; PRESCHOOL-RULES 10",
        steps=(
            StepSpec(
                title_kk="HR қызметінің тексеруі",
                title_ru="Проверка службой HR",
                title_en="Check by the HR service",
                notes="KAFU-2025 3",
                decider=Decider.HR,
                actions=(DecisionAction.APPROVE, DecisionAction.RETURN),
            ),
            StepSpec(
                title_kk="Бірінші басшының бекітуі",
                title_ru="Утверждение первым руководителем",
                title_en="Approval by the first head",
                notes="KAFU-2025 3",
                decider=Decider.FIRST_HEAD,
                actions=tuple(STEP_ACTIONS),
            ),
        ),
    )
