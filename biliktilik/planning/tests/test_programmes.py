"""PD-centre programmes and internal courses filled from units' requests (PLN-05, PLN-07, SEC-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import PDForm, RecordOrigin, RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.planning import perspective, programmes
from biliktilik.planning.models import (
    CourseRequest,
    EntryDecision,
    ListenerSource,
    ProgrammeTopic,
    TopicListener,
    TopicStatus,
)
from biliktilik.planning.tests.programme_helpers import YEAR, apply_d1, make_topic

pytestmark = pytest.mark.django_db


# --- services ------------------------------------------------------------------------------------


@pytest.mark.req("PLN-05")
def test_programme_has_directions_topics_lecturers_and_moderators(world: Any) -> None:
    topic = make_topic(world)
    directions = programmes.programme_directions(topic.direction.programme)
    assert [d.title for d in directions] == ["Digital pedagogy"]
    [shown] = directions[0].topics.all()
    assert (shown.title, shown.form, shown.hours, shown.capacity, shown.listener_count) == (
        "Blended learning design",
        PDForm.CORPORATE,
        Decimal("24.0"),
        2,
        0,
    )
    trainers = [(t.role, t.name, t.category, t.person_id) for t in shown.trainers.all()]
    assert trainers == [
        ("lecturer", world.people["d3_1"].full_name, "university_faculty", world.people["d3_1"].pk),
        ("moderator", "Dr. Jane Smith", "foreign_scientist", None),
    ]
    assert AuditEvent.objects.filter(action__startswith="planning.programme.").count() == 5


@pytest.mark.req("PLN-05")
def test_topic_must_start_in_the_programme_year(world: Any) -> None:
    topic = make_topic(world)
    with pytest.raises(ApplicationError) as exc:
        programmes.topic_add(
            actor=world.user("pd_officer"),
            direction=topic.direction,
            title="Late",
            form=PDForm.SEMINAR,
            start_date=dt.date(YEAR + 1, 1, 10),
            end_date=dt.date(YEAR + 1, 1, 11),
            hours=8,
            capacity=10,
        )
    assert exc.value.field == "start_date"
    assert ProgrammeTopic.objects.count() == 1


@pytest.mark.req("PLN-07")
def test_unit_request_is_decided_person_by_person_within_capacity(world: Any) -> None:
    # given a topic with one place and a request of D1 for two people
    topic = make_topic(world, capacity=1)
    course_request = apply_d1(world, topic)
    first, second = course_request.entries.order_by("person__pk")
    pd = world.user("pd_officer")
    # when the PD centre accepts the first person
    programmes.entry_decide(actor=pd, entry=first, accept=True)
    # then the first is a listener from the request
    listener = TopicListener.objects.get(topic=topic)
    assert (listener.person_id, listener.source, listener.entry_id) == (
        first.person_id,
        ListenerSource.REQUEST,
        first.pk,
    )
    # and accepting the second is refused: the topic is full
    with pytest.raises(ApplicationError) as exc:
        programmes.entry_decide(actor=pd, entry=second, accept=True)
    assert exc.value.code == ErrorCode.CONFLICT
    second.refresh_from_db()
    assert second.decision == EntryDecision.PENDING
    # and the second can be declined with a reason
    programmes.entry_decide(actor=pd, entry=second, accept=False, reason="No places left.")
    decisions = list(course_request.entries.order_by("person__pk").values_list("decision", "reason"))
    assert decisions == [("accepted", ""), ("declined", "No places left.")]
    assert TopicListener.objects.filter(topic=topic).count() == 1
    assert AuditEvent.objects.filter(action="planning.programme.entry_decide").count() == 2


@pytest.mark.req("PLN-07")
def test_a_person_already_decided_cannot_be_decided_again(world: Any) -> None:
    topic = make_topic(world)
    entry = apply_d1(world, topic).entries.first()
    programmes.entry_decide(actor=world.user("pd_officer"), entry=entry, accept=False)
    with pytest.raises(ApplicationError) as exc:
        programmes.entry_decide(actor=world.user("pd_officer"), entry=entry, accept=True)
    assert exc.value.code == ErrorCode.INVALID_STATE
    assert TopicListener.objects.count() == 0


@pytest.mark.req("PLN-07")
@pytest.mark.parametrize(
    ("key", "field"), [("d2_1", "persons"), ("other_1", "persons")], ids=["other-unit", "other-organisation"]
)
def test_unit_head_applies_only_for_staff_of_the_unit(world: Any, key: str, field: str) -> None:
    topic = make_topic(world)
    with pytest.raises(ApplicationError) as exc:
        programmes.request_submit(
            actor=world.user("unit_head"), topic=topic, unit=world.units["d1"], persons=[world.people[key]]
        )
    assert exc.value.field == field
    assert CourseRequest.objects.count() == 0


def test_unit_head_cannot_apply_for_another_unit(world: Any) -> None:
    topic = make_topic(world)
    with pytest.raises(ApplicationError) as exc:
        programmes.request_submit(
            actor=world.user("unit_head"), topic=topic, unit=world.units["d2"], persons=[world.people["d2_1"]]
        )
    assert exc.value.code == ErrorCode.PERMISSION_DENIED
    assert CourseRequest.objects.count() == 0


@pytest.mark.req("PLN-05")
def test_pd_centre_assigns_listeners_who_must_attend_within_capacity(world: Any) -> None:
    topic = make_topic(world, capacity=1)
    pd = world.user("pd_officer")
    programmes.listener_add(actor=pd, topic=topic, person=world.people["d2_1"])
    with pytest.raises(ApplicationError) as exc:
        programmes.listener_add(actor=pd, topic=topic, person=world.people["d2_2"])
    assert exc.value.code == ErrorCode.CONFLICT
    with pytest.raises(ApplicationError) as outsider:
        programmes.listener_add(actor=pd, topic=topic, person=world.people["outsider"])
    assert outsider.value.field == "person"
    assert list(topic.listeners.values_list("person_id", "source")) == [(world.people["d2_1"].pk, "assigned")]


@pytest.mark.req("PLN-05")
@pytest.mark.req("PLN-04")
def test_recording_completion_makes_verified_ledger_records_for_those_who_attended(world: Any) -> None:
    # given a completed topic with two listeners, one of whom attended
    topic = make_topic(world)
    course_request = apply_d1(world, topic)
    pd = world.user("pd_officer")
    for entry in course_request.entries.all():
        programmes.entry_decide(actor=pd, entry=entry, accept=True)
    attended = world.people["d1_1"]
    # when the PD centre records the completion
    programmes.topic_record_completion(actor=pd, topic=topic, attended_person_ids=[attended.pk], on=dt.date(YEAR, 3, 4))
    # then the topic is completed, and only the one who attended has a verified record
    topic.refresh_from_db()
    assert topic.status == TopicStatus.COMPLETED
    rec = PDRecord.objects.get()
    assert (rec.person_id, rec.organisation_id, rec.provider_id, rec.status, rec.origin) == (
        attended.pk,
        world.orgs["uni"].pk,
        world.orgs["uni"].pk,
        RecordStatus.VERIFIED,
        RecordOrigin.HR,
    )
    assert (rec.title, rec.form, rec.hours, rec.start_date, rec.end_date) == (
        "Blended learning design",
        PDForm.CORPORATE,
        Decimal("24.0"),
        dt.date(YEAR, 3, 1),
        dt.date(YEAR, 3, 3),
    )
    assert sorted(rec.trainers.values_list("name", "category")) == [
        ("Dr. Jane Smith", "foreign_scientist"),
        (world.people["d3_1"].full_name, "university_faculty"),
    ]
    flags = dict(topic.listeners.values_list("person_id", "attended"))
    assert flags == {attended.pk: True, world.people["d1_2"].pk: False}
    # and the perspective plan of the university counts it as executed
    plan = perspective.perspective_create(
        actor=pd, organisation=world.orgs["uni"], title="P", from_year=YEAR, to_year=YEAR
    )
    [row] = perspective.perspective_execution(plan)
    assert (row.actual.people, row.actual.hours) == (1, Decimal("24.0"))
    # and the topic's listeners can no longer change
    with pytest.raises(ApplicationError) as exc:
        programmes.listener_add(actor=pd, topic=topic, person=world.people["d2_1"])
    assert exc.value.code == ErrorCode.INVALID_STATE


def test_completion_cannot_be_recorded_before_the_topic_ends(world: Any) -> None:
    topic = make_topic(world)
    programmes.listener_add(actor=world.user("pd_officer"), topic=topic, person=world.people["d1_1"])
    with pytest.raises(ApplicationError) as exc:
        programmes.topic_record_completion(
            actor=world.user("pd_officer"),
            topic=topic,
            attended_person_ids=[world.people["d1_1"].pk],
            on=dt.date(YEAR, 3, 2),
        )
    assert exc.value.code == ErrorCode.INVALID_STATE
    assert (PDRecord.objects.count(), ProgrammeTopic.objects.get().status) == (0, TopicStatus.PLANNED)
