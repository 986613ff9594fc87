"""Perspective plans made before they had an approval become drafts, version 1 (PLN-04)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import PerspectivePlan

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("planning", "0003_course_request_after_the_glossary")
AFTER = ("planning", "0004_perspective_plan_document")


@pytest.fixture(autouse=True)
def _latest_schema_afterwards() -> Any:
    """Leave the database at the latest migrations, whatever this test migrated it to, so the
    tests after it in the same process find today's schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(target: tuple[str, str]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def test_existing_plans_become_drafts_of_version_one(world: Any) -> None:
    old = _migrate(BEFORE)
    try:
        pk = (
            old.get_model("planning", "PerspectivePlan")
            .objects.create(organisation_id=world.orgs["uni"].pk, title="Old plan", from_year=2023, to_year=2026)
            .pk
        )
    finally:
        _migrate(AFTER)
    plan = PerspectivePlan.objects.get(pk=pk)
    assert (plan.status, plan.version, plan.previous_id) == (PlanStatus.DRAFT, 1, None)
    assert plan.title == "Old plan"
