"""How the engine learns, for any object, where it belongs and which yes/no facts it carries.

The engine never imports the apps that own the objects. An object takes part in approval runs
in one of two ways:

* its model registers an adapter: ``register_adapter(Plan, lambda plan: WorkflowSubject(...))``
  (do it in the owning app's ``AppConfig.ready``); or
* the object itself follows the ``WorkflowObject`` protocol: it has the attributes
  ``workflow_organisation`` (an Organisation) and ``workflow_unit`` (a Unit or None), and may
  have ``workflow_flags`` (a mapping such as ``{"requires_payment": True}``).

A registered adapter wins over the protocol.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from django.db import models
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.org.models import Organisation, Unit

from .registry import (
    Adapter,
    WorkflowSubject,
    adapter_for,
    flag_names,
    predicates,
    register_adapter,
    unregister_adapter,
)

__all__ = [
    "Adapter",
    "WorkflowObject",
    "WorkflowSubject",
    "adapter_for",
    "clean_flags",
    "register_adapter",
    "subject_of",
    "unregister_adapter",
]


@runtime_checkable
class WorkflowObject(Protocol):
    workflow_organisation: Organisation
    workflow_unit: Unit | None


def clean_flags(flags: Mapping[str, Any] | None) -> dict[str, bool]:
    """Only the known yes/no facts, as booleans; anything else is a programming error."""
    cleaned: dict[str, bool] = {}
    known = flag_names()
    for name, value in (flags or {}).items():
        if name not in known:
            raise ApplicationError(
                _("Unknown fact “%(name)s” for an approval route.") % {"name": name}, field="context"
            )
        if not isinstance(value, bool):
            raise ApplicationError(_("The fact “%(name)s” must be yes or no.") % {"name": name}, field="context")
        cleaned[name] = value
    return cleaned


def subject_of(obj: models.Model) -> WorkflowSubject:
    """The organisation, unit and facts of ``obj``, through its adapter or its protocol."""
    adapter = adapter_for(type(obj))
    if adapter is not None:
        subject = adapter(obj)
    elif isinstance(obj, WorkflowObject):
        subject = WorkflowSubject(
            organisation=obj.workflow_organisation,
            unit=obj.workflow_unit,
            flags=dict(getattr(obj, "workflow_flags", None) or {}),
        )
    else:
        raise ApplicationError(_("This kind of object cannot go through approval routes."))
    if subject.unit is not None and subject.unit.organisation_id != subject.organisation.pk:
        raise ApplicationError(_("The object's unit belongs to another organisation."))
    flags = dict(subject.flags)
    for name, predicate in predicates().items():  # the registered conditions the adapter left out
        if name not in flags:
            flags[name] = bool(predicate(obj))
    return WorkflowSubject(subject.organisation, subject.unit, clean_flags(flags))
