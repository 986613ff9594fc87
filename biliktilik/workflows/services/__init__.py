"""Writes of approval routes and runs. Each one is atomic, checks rights first and is audited.

By concept: ``steps`` (a route's steps validated), ``routes``, ``runs`` (start), ``decisions`` (decide, cancel)."""

from __future__ import annotations

from .decisions import run_cancel, run_decide
from .routes import route_create, route_create_unchecked, route_update
from .runs import run_flags, run_start
from .steps import MAX_STEPS, StepSpec

__all__ = [
    "MAX_STEPS",
    "StepSpec",
    "route_create",
    "route_create_unchecked",
    "route_update",
    "run_cancel",
    "run_decide",
    "run_flags",
    "run_start",
]
