"""The approval routes written in the source documents, ready to be given to an organisation.

``seed_routes(organisation=..., template=...)`` makes the template's route for the organisation
(or returns the one already there with the same code), so it can be run again safely.
Each step cites the clause it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.org.models import Organisation

from .enums import STEP_ACTIONS, Decider, DecisionAction
from .models import Route
from .services import StepSpec, route_create_unchecked

APPROVE_OR_RETURN = (DecisionAction.APPROVE, DecisionAction.RETURN)


@dataclass(frozen=True)
class RouteTemplate:
    code: str
    purpose: str
    title_kk: str
    title_ru: str
    title_en: str
    notes: str
    steps: tuple[StepSpec, ...]


TEMPLATES: dict[str, RouteTemplate] = {
    "kaznrtu_602_7_4": RouteTemplate(
        code="kaznrtu-602-7-4",
        purpose="unit_schedule",
        title_kk="Біліктілікті арттыру кестесін келісу және бекіту",
        title_ru="Согласование и утверждение графика повышения квалификации",
        title_en="Agreeing and approving the PD schedule",
        notes="KazNRTU-602 7.4-7.5",
        steps=(
            StepSpec(
                title_kk="Кафедра (ҚБ) отырысында талқылау",
                title_ru="Обсуждение на заседании кафедры (подразделения)",
                title_en="Discussion at the department (unit) meeting",
                notes="KazNRTU-602 7.4",
                decider=Decider.UNIT_HEAD,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="ҚБ басшысының бекітуі (ҚазҰТЗУ 602-01 нысаны)",
                title_ru="Утверждение руководителем подразделения (форма КазНИТУ 602-01)",
                title_en="Approval by the unit head (form KazNRTU 602-01)",
                notes="KazNRTU-602 7.4",
                decider=Decider.UNIT_HEAD,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="Институт / департамент директорының қолы",
                title_ru="Подпись директора института / департамента",
                title_en="Signature of the institute / directorate director",
                notes="KazNRTU-602 7.4",
                decider=Decider.INSTITUTE_DIRECTOR,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="HR қызметінің жиынтық кестеге енгізуі",
                title_ru="Включение службой HR в сводный график",
                title_en="Inclusion in the consolidated schedule by the HR service",
                notes="KazNRTU-602 7.4",
                decider=Decider.HR,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="Бюджетті Қаржы және есеп департаментімен келісу",
                title_ru="Согласование бюджета с Департаментом финансов и учёта",
                title_en="Budget agreed with the Finance and accounting department",
                notes="KazNRTU-602 7.4",
                decider=Decider.FINANCE,
                condition="requires_payment",
                actions=tuple(STEP_ACTIONS),
            ),
            StepSpec(
                title_kk="Басқарма аппаратының басшысының бекітуі",
                title_ru="Утверждение руководителем аппарата правления",
                title_en="Approval by the head of the management office",
                notes="KazNRTU-602 7.4-7.5",
                decider=Decider.MANAGEMENT_OFFICE,
                actions=tuple(STEP_ACTIONS),
            ),
        ),
    ),
    "skma_464_5_5": RouteTemplate(
        code="skma-464-5-5",
        purpose="unit_schedule",
        title_kk="Біліктілікті арттыру жоспарын қалыптастыру және бекіту",
        title_ru="Формирование и утверждение плана повышения квалификации",
        title_en="Forming and approving the PD plan",
        notes="SKMA-464 5.4-5.5",
        steps=(
            StepSpec(
                title_kk="Кафедра меңгерушісінің / ҚБ басшысының өтінімі",
                title_ru="Заявка заведующего кафедрой / руководителя подразделения",
                title_en="Request of the head of department / unit",
                notes="SKMA-464 5.3-5.4",
                decider=Decider.UNIT_HEAD,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="ҚжҚКББ орталығының жоспарға енгізуі (1 желтоқсанға дейін)",
                title_ru="Включение в план центром компетенций и ДПО (до 1 декабря)",
                title_en="Inclusion in the plan by the PD centre (by 1 December)",
                notes="SKMA-464 5.5",
                decider=Decider.PD_CENTRE,
                actions=APPROVE_OR_RETURN,
            ),
            StepSpec(
                title_kk="Ректордың бекітуі",
                title_ru="Утверждение ректором",
                title_en="Approval by the rector",
                notes="SKMA-464 5.5",
                decider=Decider.FIRST_HEAD,
                actions=tuple(STEP_ACTIONS),
            ),
        ),
    ),
}


@transaction.atomic
def seed_routes(*, organisation: Organisation, template: str, actor: Any = None) -> Route:
    """Give ``organisation`` the route of ``template`` (a key of ``TEMPLATES``); idempotent."""
    spec = TEMPLATES.get(template)
    if spec is None:
        raise ApplicationError(_("Unknown route template “%(name)s”.") % {"name": template}, field="template")
    existing = Route.objects.filter(organisation=organisation, code=spec.code, is_current=True).first()
    if existing is not None:
        return existing
    return route_create_unchecked(
        actor=actor,
        organisation=organisation,
        code=spec.code,
        purpose=spec.purpose,
        title_kk=spec.title_kk,
        title_ru=spec.title_ru,
        title_en=spec.title_en,
        notes=spec.notes,
        steps=spec.steps,
    )
