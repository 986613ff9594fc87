"""The rename of a unit's application for places to a request (өтінім / заявка) keeps every row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from biliktilik.planning.models import CourseRequest, ListenerSource, RequestEntry, TopicListener

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("planning", "0002_perspective_programmes")
AFTER = ("planning", "0003_course_request_after_the_glossary")


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


def _old_request(apps: Any, world: Any) -> tuple[int, int]:
    """A topic with an application of D1 for two people, one accepted as a listener (old names)."""
    programme = apps.get_model("planning", "PDProgramme").objects.create(
        organisation_id=world.orgs["uni"].pk, year=2024, title="Programme"
    )
    direction = apps.get_model("planning", "ProgrammeDirection").objects.create(programme=programme, title="D")
    topic = apps.get_model("planning", "ProgrammeTopic").objects.create(
        direction=direction,
        title="Topic",
        form="seminar",
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2024, 3, 3),
        hours=18,
        capacity=2,
    )
    application = apps.get_model("planning", "CourseApplication").objects.create(
        topic=topic, unit_id=world.units["d1"].pk, note="Please"
    )
    entry_model = apps.get_model("planning", "ApplicationEntry")
    first = entry_model.objects.create(application=application, person_id=world.people["d1_1"].pk, decision="accepted")
    entry_model.objects.create(application=application, person_id=world.people["d1_2"].pk)
    apps.get_model("planning", "TopicListener").objects.create(
        topic=topic, person_id=world.people["d1_1"].pk, source="application", entry=first
    )
    return application.pk, first.pk


def test_migrating_forward_keeps_the_requests_their_entries_and_listeners(world: Any) -> None:
    # given a database before the rename holding a unit's application with two people
    old = _migrate(BEFORE)
    try:
        request_pk, entry_pk = _old_request(old, world)
    finally:
        # when it is migrated forward
        _migrate(AFTER)
    # then the request, its entries and the listener are all there under the new names
    course_request = CourseRequest.objects.get(pk=request_pk)
    assert (course_request.unit_id, course_request.note) == (world.units["d1"].pk, "Please")
    assert sorted(course_request.entries.values_list("person_id", flat=True)) == sorted(
        [world.people["d1_1"].pk, world.people["d1_2"].pk]
    )
    assert list(course_request.topic.requests.all()) == [course_request]
    listener = TopicListener.objects.get()
    assert (listener.source, listener.entry_id) == (ListenerSource.REQUEST, entry_pk)
    assert RequestEntry.objects.get(pk=entry_pk).request == course_request
