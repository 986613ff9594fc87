"""The steps of a route as given (``StepSpec``), validated and written."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation

from ..enums import (
    OFFICE_DECIDERS,
    STEP_ACTIONS,
    Decider,
    DecisionAction,
)
from ..models import Route, Step
from ..registry import ALWAYS, is_condition

MAX_STEPS = 20
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class StepSpec:
    """One step as given to ``route_create`` / ``route_update``; the order is its place in the list."""

    title_kk: str
    decider: str
    title_ru: str = ""
    title_en: str = ""
    notes: str = ""
    condition: str = ALWAYS
    actions: tuple[str, ...] = tuple(STEP_ACTIONS)
    # Deciders outside the organisation: another organisation and its office, or the kind of authority.
    decider_organisation_id: int | None = None
    decider_office: str = ""
    authority_kind: str = ""

    @classmethod
    def of(cls, step: Step) -> StepSpec:
        return cls(
            title_kk=step.title_kk,
            title_ru=step.title_ru,
            title_en=step.title_en,
            notes=step.notes,
            decider=step.decider,
            condition=step.condition,
            actions=tuple(step.actions),
            decider_organisation_id=step.decider_organisation_id,
            decider_office=step.decider_office,
            authority_kind=step.authority_kind,
        )


def _clean_steps(steps: Sequence[StepSpec]) -> list[StepSpec]:
    if not steps:
        raise ApplicationError(_("A route needs at least one step."), field="steps")
    if len(steps) > MAX_STEPS:
        raise ApplicationError(
            _("A route may have at most %(max)s steps.") % {"max": MAX_STEPS}, field="steps", extra={"max": MAX_STEPS}
        )
    cleaned: list[StepSpec] = []
    for number, spec in enumerate(steps, start=1):
        where = {"step": number}
        title_kk = (spec.title_kk or "").strip()
        if not title_kk:
            raise ApplicationError(
                _("Step %(step)s needs a title in Kazakh.") % where, field="steps", extra={"step": number}
            )
        if spec.decider not in Decider.values:
            raise ApplicationError(
                _("Step %(step)s names an unknown decider.") % where, field="steps", extra={"step": number}
            )
        outside = _clean_outside(spec, number)
        if not is_condition(spec.condition):
            raise ApplicationError(
                _("Step %(step)s names an unknown condition.") % where, field="steps", extra={"step": number}
            )
        actions = set(spec.actions)
        if not actions <= set(STEP_ACTIONS):
            raise ApplicationError(
                _("Step %(step)s allows an unknown action.") % where, field="steps", extra={"step": number}
            )
        if DecisionAction.APPROVE not in actions:
            raise ApplicationError(
                _("Step %(step)s must allow approval, or no run could ever pass it.") % where,
                field="steps",
                extra={"step": number},
            )
        cleaned.append(
            StepSpec(
                title_kk=title_kk,
                title_ru=(spec.title_ru or "").strip(),
                title_en=(spec.title_en or "").strip(),
                notes=(spec.notes or "").strip(),
                decider=spec.decider,
                condition=spec.condition,
                actions=tuple(a for a in STEP_ACTIONS if a in actions),
                **outside,
            )
        )
    return cleaned


def _clean_outside(spec: StepSpec, number: int) -> dict[str, Any]:
    """The fields of a decider outside the organisation; empty for every other decider."""
    where = {"step": number}
    if spec.decider == Decider.OTHER_ORGANISATION:
        if (
            spec.decider_organisation_id is None
            or not Organisation.objects.filter(pk=spec.decider_organisation_id).exists()
        ):
            raise ApplicationError(
                _("Step %(step)s must name the organisation that decides.") % where,
                field="decider_organisation",
                extra={"step": number},
            )
        if spec.decider_office not in OFFICE_DECIDERS:
            raise ApplicationError(
                _("Step %(step)s must name the office of that organisation that decides.") % where,
                field="decider_office",
                extra={"step": number},
            )
        return {"decider_organisation_id": spec.decider_organisation_id, "decider_office": spec.decider_office}
    if spec.decider == Decider.AUTHORITY_ABOVE:
        if spec.authority_kind and spec.authority_kind not in AUTHORITY_KINDS:
            raise ApplicationError(
                _("Step %(step)s names an unknown kind of authority.") % where,
                field="authority_kind",
                extra={"step": number},
            )
        return {"authority_kind": spec.authority_kind}
    return {}


def _create_steps(route: Route, steps: Sequence[StepSpec]) -> None:
    Step.objects.bulk_create(
        [
            Step(
                route=route,
                order=order,
                title_kk=spec.title_kk,
                title_ru=spec.title_ru,
                title_en=spec.title_en,
                notes=spec.notes,
                decider=spec.decider,
                condition=spec.condition,
                actions=list(spec.actions),
                decider_organisation_id=spec.decider_organisation_id,
                decider_office=spec.decider_office,
                authority_kind=spec.authority_kind,
            )
            for order, spec in enumerate(steps, start=1)
        ]
    )


def _steps_for_audit(steps: Sequence[StepSpec]) -> list[dict[str, Any]]:
    return [{"order": n, **dataclasses.asdict(spec)} for n, spec in enumerate(steps, start=1)]
