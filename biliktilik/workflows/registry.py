"""What routes are for and when their steps apply, as registered by the apps that use the engine.

The engine does not list its clients. Each app declares, in its ``AppConfig.ready``:

* the **purposes** of the routes it picks (``register_purpose("unit_schedule", _("Unit PD
  schedule"))``), optionally with the adapter of the model that goes through such routes;
* the **conditions** its steps may carry (``register_condition("requires_payment", _("Only when
  the organisation pays"), predicate)``): a yes/no fact of an object. The predicate is asked
  when the object's adapter does not give the fact itself.

The fields ``Route.purpose`` and ``Step.condition`` stay plain text columns, validated against
this registry; ``other`` (a purpose) and ``""`` (the condition "always") are the engine's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biliktilik.org.models import Organisation, Unit

ALWAYS = ""
OTHER = "other"

Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class WorkflowSubject:
    """What the engine needs to know about an object going through a route."""

    organisation: Organisation
    unit: Unit | None = None
    flags: Mapping[str, bool] = field(default_factory=dict)


# How the engine reads the objects of a model (see ``adapters``), registered with the purpose.
Adapter = Callable[[Any], WorkflowSubject]

_adapters: dict[type[models.Model], Adapter] = {}


def register_adapter(model: type[models.Model], adapter: Adapter) -> None:
    """Tell the engine how to read objects of ``model`` (and of its subclasses)."""
    _adapters[model] = adapter


def unregister_adapter(model: type[models.Model]) -> None:
    _adapters.pop(model, None)


def adapter_for(model: type[models.Model]) -> Adapter | None:
    for klass in model.__mro__:
        adapter = _adapters.get(klass)
        if adapter is not None:
            return adapter
    return None


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str | Promise


@dataclass(frozen=True)
class Condition:
    code: str
    label: str | Promise
    predicate: Predicate | None = None


_purposes: dict[str, Purpose] = {OTHER: Purpose(OTHER, _("Other"))}
_conditions: dict[str, Condition] = {ALWAYS: Condition(ALWAYS, _("Always"))}


def register_purpose(
    code: str, label: str | Promise, *, model: type[models.Model] | None = None, adapter: Any = None
) -> Purpose:
    """Declare a route purpose; with ``model`` and ``adapter``, also how the engine reads that model."""
    if not code or len(code) > 40:
        raise ValueError(f"A route purpose needs a code of 1 to 40 characters, not {code!r}.")
    purpose = Purpose(code, label)
    _purposes[code] = purpose
    if model is not None and adapter is not None:
        register_adapter(model, adapter)
    return purpose


def register_condition(code: str, label: str | Promise, predicate: Predicate | None = None) -> Condition:
    """Declare a step condition: the name of a yes/no fact, and how to read it from an object."""
    if not code or len(code) > 40:
        raise ValueError(f"A step condition needs a code of 1 to 40 characters, not {code!r}.")
    condition = Condition(code, label, predicate)
    _conditions[code] = condition
    return condition


def unregister_purpose(code: str) -> None:
    if code != OTHER:
        _purposes.pop(code, None)


def unregister_condition(code: str) -> None:
    if code != ALWAYS:
        _conditions.pop(code, None)


def is_purpose(code: Any) -> bool:
    return isinstance(code, str) and code in _purposes


def is_condition(code: Any) -> bool:
    return isinstance(code, str) and code in _conditions


def purpose_choices() -> list[tuple[str, str]]:
    """The registered purposes as choices, ``other`` last."""
    rows = [(p.code, str(p.label)) for p in _purposes.values() if p.code != OTHER]
    return [*rows, (OTHER, str(_purposes[OTHER].label))]


def condition_choices() -> list[tuple[str, str]]:
    """The registered conditions as choices, "always" first."""
    return [(c.code, str(c.label)) for c in _conditions.values()]


def purpose_label(code: str) -> str:
    purpose = _purposes.get(code)
    return str(purpose.label) if purpose else code


def condition_label(code: str) -> str:
    condition = _conditions.get(code)
    return str(condition.label) if condition else code


def flag_names() -> frozenset[str]:
    """The facts a run may carry: every registered condition except "always"."""
    return frozenset(code for code in _conditions if code)


def predicates() -> dict[str, Predicate]:
    return {c.code: c.predicate for c in _conditions.values() if c.code and c.predicate is not None}


def validate_purpose(value: str) -> None:
    if not is_purpose(value):
        raise ValidationError(_("Unknown route purpose."), code="invalid")


def validate_condition(value: str) -> None:
    if not is_condition(value):
        raise ValidationError(_("Unknown step condition."), code="invalid")
