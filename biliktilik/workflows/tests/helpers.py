"""Helpers of the approval engine's tests: routes made in one line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from biliktilik.core.models import AuditEvent
from biliktilik.org.models import Organisation
from biliktilik.workflows.enums import STEP_ACTIONS
from biliktilik.workflows.models import Decision, Route, Run, Step
from biliktilik.workflows.services import StepSpec, route_create_unchecked


def step(decider: str, *, condition: str = "", actions: Sequence[str] = STEP_ACTIONS, title: str = "") -> StepSpec:
    return StepSpec(
        title_kk=title or f"Қадам: {decider}",
        title_en=title or f"Step: {decider}",
        decider=decider,
        condition=condition,
        actions=tuple(actions),
    )


_codes = itertools.count(1)


def make_route(
    organisation: Organisation,
    *deciders: str | StepSpec,
    code: str = "",
    purpose: str = "unit_schedule",
    is_active: bool = True,
) -> Route:
    """A route of ``organisation`` with one step per decider (a StepSpec is taken as it is)."""
    specs = [d if isinstance(d, StepSpec) else step(d) for d in deciders]
    return route_create_unchecked(
        actor=None,
        organisation=organisation,
        code=code or f"route-{next(_codes)}",
        title_kk="Маршрут",
        title_en="Route",
        purpose=purpose,
        is_active=is_active,
        steps=specs,
    )


def state() -> dict[str, Any]:
    """Everything a refused action must leave as it was."""
    snapshot: dict[str, Any] = {
        "routes": list(
            Route.objects.order_by("pk").values_list("pk", "version", "is_current", "title_kk", "is_active")
        ),
        "steps": list(Step.objects.order_by("pk").values_list("pk", "route_id", "order", "decider", "title_kk")),
        "runs": list(Run.objects.order_by("pk").values_list("pk", "status", "current_step_id", "finished_at")),
        "decisions": Decision.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    return snapshot
