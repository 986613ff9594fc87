"""What the owning app does to its object when a run changes, in the same transaction.

The app registers its hooks for a model (in its ``AppConfig.ready``, or through the document
kit, which registers them for each document type)::

    register_hooks(UnitSchedule, on_approve=..., on_return=..., on_reject=..., on_cancel=...)

Each hook is called as ``hook(obj=..., run=..., actor=...)`` inside the service that changed the
run (``run_start``, ``run_decide``, ``run_cancel``), after the run is saved and before the
transaction commits. The object is read again and locked (``select_for_update``) first; the run
row is always locked before the object. A hook that raises rolls the decision back: the run
stays where it was and so does the object. Notifications stay after the commit
(``signals.run_changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from .enums import RunEvent

Hook = Callable[..., None]


@dataclass(frozen=True)
class RunHooks:
    on_submit: Hook | None = None
    on_approve: Hook | None = None
    on_return: Hook | None = None
    on_reject: Hook | None = None
    on_cancel: Hook | None = None

    def for_event(self, event: str) -> Hook | None:
        return {
            RunEvent.STARTED: self.on_submit,
            RunEvent.APPROVED: self.on_approve,
            RunEvent.RETURNED: self.on_return,
            RunEvent.REJECTED: self.on_reject,
            RunEvent.CANCELLED: self.on_cancel,
        }.get(RunEvent(event))


_hooks: dict[type[models.Model], RunHooks] = {}


def register_hooks(
    model: type[models.Model],
    *,
    on_submit: Hook | None = None,
    on_approve: Hook | None = None,
    on_return: Hook | None = None,
    on_reject: Hook | None = None,
    on_cancel: Hook | None = None,
) -> RunHooks:
    hooks = RunHooks(on_submit, on_approve, on_return, on_reject, on_cancel)
    _hooks[model] = hooks
    return hooks


def unregister_hooks(model: type[models.Model]) -> None:
    _hooks.pop(model, None)


def hooks_for(model: type[models.Model] | None) -> RunHooks | None:
    for klass in getattr(model, "__mro__", ()):
        hooks = _hooks.get(klass)
        if hooks is not None:
            return hooks
    return None


def fire(*, run: Any, event: str, actor: Any, obj: models.Model | None = None) -> None:
    """Call the hook of ``event`` for the run's object, if its model has one (inside the caller's
    transaction; an exception propagates and rolls it back)."""
    model = run.content_type.model_class()
    hooks = hooks_for(model)
    hook = hooks.for_event(event) if hooks is not None else None
    if hook is None or model is None:
        return
    locked = model._default_manager.select_for_update().filter(pk=run.object_id).first()
    if locked is None:
        return
    hook(obj=locked, run=run, actor=actor)
    if obj is not None and obj is not locked and obj.pk == locked.pk:
        obj.refresh_from_db()
