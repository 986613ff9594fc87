"""Fixtures of the approval engine's tests.

The engine works for any model; the tests send existing rows through routes: a unit
(``org.Unit``, through a registered adapter whose facts the test controls) and an
organisation (``org.Organisation``, an object without a unit).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from biliktilik.org.models import Organisation, Unit
from biliktilik.workflows.adapters import WorkflowSubject, register_adapter, unregister_adapter


@pytest.fixture
def facts() -> Iterator[dict[int, dict[str, bool]]]:
    """Yes/no facts of units by unit id, read by the unit adapter each time it is asked; the
    adapters are registered for the length of the test."""
    by_unit: dict[int, dict[str, bool]] = {}

    def unit_subject(unit: Unit) -> WorkflowSubject:
        return WorkflowSubject(organisation=unit.organisation, unit=unit, flags=dict(by_unit.get(unit.pk, {})))

    def organisation_subject(organisation: Organisation) -> WorkflowSubject:
        return WorkflowSubject(organisation=organisation, unit=None)

    register_adapter(Unit, unit_subject)
    register_adapter(Organisation, organisation_subject)
    yield by_unit
    unregister_adapter(Unit)
    unregister_adapter(Organisation)


@pytest.fixture(autouse=True)
def client_purposes() -> Iterator[None]:
    """The purposes and the condition these tests use, as a client app would register them
    (planning registers most of them already; only the missing ones are added and removed)."""
    from biliktilik.workflows import registry

    added_purposes = [
        code for code in ("unit_schedule", "plan_amendment", "application") if not registry.is_purpose(code)
    ]
    for code in added_purposes:
        registry.register_purpose(code, code)
    added_condition = not registry.is_condition("requires_payment")
    if added_condition:
        registry.register_condition("requires_payment", "requires_payment")
    yield
    for code in added_purposes:
        registry.unregister_purpose(code)
    if added_condition:
        registry.unregister_condition("requires_payment")
