"""PD-centre programmes and internal courses filled from units' requests (PLN-05, PLN-07, SEC-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import PDForm, RecordOrigin, RecordStatus, TrainerCategory
from biliktilik.ledger.models import PDRecord
from biliktilik.planning import perspective, programmes
from biliktilik.planning.models import (
    CourseRequest,
    EntryDecision,
    ListenerSource,
    PDProgramme,
    ProgrammeDirection,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
    TopicStatus,
    TrainerRole,
)
from conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

YEAR = 2024
# Staff of the university and those who see it whole see its programme.
SEES_PROGRAMME = {
    "employee",
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "sysadmin",
}
MANAGES = {"hr_officer", "pd_officer", "sysadmin"}
# Who may apply for the staff of department D1: its head, the director of institute I1, HR / PD.
APPLIES_FOR_D1 = {"unit_head", "institute_director", *MANAGES}


def client_for(world: Any, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def make_topic(world: Any, *, capacity: int = 2, end: dt.date = dt.date(YEAR, 3, 3)) -> ProgrammeTopic:
    pd = world.user("pd_officer")
    programme = programmes.programme_create(
        actor=pd, organisation=world.orgs["uni"], year=YEAR, title="PD centre programme"
    )
    direction = programmes.direction_add(actor=pd, programme=programme, title="Digital pedagogy")
    topic = programmes.topic_add(
        actor=pd,
        direction=direction,
        title="Blended learning design",
        form=PDForm.CORPORATE,
        start_date=dt.date(YEAR, 3, 1),
        end_date=end,
        hours="24",
        capacity=capacity,
    )
    programmes.trainer_add(
        actor=pd,
        topic=topic,
        role=TrainerRole.LECTURER,
        category=TrainerCategory.UNIVERSITY_FACULTY,
        person=world.people["d3_1"],
    )
    programmes.trainer_add(
        actor=pd,
        topic=topic,
        role=TrainerRole.MODERATOR,
        category=TrainerCategory.FOREIGN_SCIENTIST,
        name="Dr. Jane Smith",
    )
    return topic


def apply_d1(world: Any, topic: ProgrammeTopic, role: str = "unit_head") -> CourseRequest:
    return programmes.request_submit(
        actor=world.user(role),
        topic=topic,
        unit=world.units["d1"],
        persons=[world.people["d1_1"], world.people["d1_2"]],
        note="Both need it.",
    )


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


# --- pages ---------------------------------------------------------------------------------------


@pytest.mark.req("PLN-05")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_programme_page_for_every_role(world: Any, role: str | None) -> None:
    topic = make_topic(world)
    response = client_for(world, role).get(
        reverse("planning:programme_detail", args=[topic.direction.programme.public_id])
    )
    if role is None:
        assert response.status_code == 302
    elif role in SEES_PROGRAMME:
        assert response.status_code == 200
        assert b"Blended learning design" in response.content
        assert b"Dr. Jane Smith" in response.content
        assert (b'id="direction-add"' in response.content) == (role in MANAGES)
    else:
        assert response.status_code == 404


@pytest.mark.req("PLN-07")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_topic_page_shows_listeners_within_scope(world: Any, role: str | None) -> None:
    # given listeners from D1 (d1_1, d1_2) and D3 (d3_2)
    topic = make_topic(world, capacity=5)
    pd = world.user("pd_officer")
    for key in ("d1_1", "d1_2", "d3_2"):
        programmes.listener_add(actor=pd, topic=topic, person=world.people[key])
    response = client_for(world, role).get(reverse("planning:topic_detail", args=[topic.public_id]))
    if role is None:
        assert response.status_code == 302
        return
    if role not in SEES_PROGRAMME:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    shown = {listener.person_id for listener in response.context["view"].listeners}
    expected = {
        "employee": {"d1_1"},
        "unit_head": {"d1_1", "d1_2"},
        "institute_director": {"d1_1", "d1_2"},
    }.get(role, {"d1_1", "d1_2", "d3_2"})
    assert shown == {world.people[k].pk for k in expected}
    assert response.context["view"].listener_total == 3
    assert (b'id="apply"' in response.content) == (role in APPLIES_FOR_D1)


@pytest.mark.req("PLN-07")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_applying_for_d1_staff_by_every_role(world: Any, role: str | None) -> None:
    topic = make_topic(world)
    events = AuditEvent.objects.count()
    data = {
        "unit": str(world.units["d1"].public_id),
        "persons": [str(world.people["d1_1"].public_id)],
        "note": "Please",
    }
    response = client_for(world, role).post(reverse("planning:topic_action", args=[topic.public_id, "apply"]), data)
    if role in APPLIES_FOR_D1:
        assert response.status_code == 302
        course_request = CourseRequest.objects.get()
        assert (course_request.unit_id, course_request.note) == (world.units["d1"].pk, "Please")
        assert list(course_request.entries.values_list("person_id", flat=True)) == [world.people["d1_1"].pk]
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code in {302, 403, 404}
        assert (CourseRequest.objects.count(), AuditEvent.objects.count()) == (0, events)


@pytest.mark.req("PLN-07")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_accepting_an_applicant_by_every_role(world: Any, role: str | None) -> None:
    topic = make_topic(world)
    entry = apply_d1(world, topic).entries.order_by("id").first()
    events = AuditEvent.objects.count()
    response = client_for(world, role).post(
        reverse("planning:topic_action", args=[topic.public_id, "decide"]),
        {"entry": entry.pk, "decision": "accept", "reason": ""},
    )
    entry.refresh_from_db()
    if role in MANAGES:
        assert response.status_code == 302
        assert entry.decision == EntryDecision.ACCEPTED
        assert list(topic.listeners.values_list("person_id", flat=True)) == [entry.person_id]
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code in {302, 403, 404}
        assert entry.decision == EntryDecision.PENDING
        assert (TopicListener.objects.count(), AuditEvent.objects.count()) == (0, events)


@pytest.mark.req("PLN-05")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_adding_a_direction_by_every_role(world: Any, role: str | None) -> None:
    topic = make_topic(world)
    programme = topic.direction.programme
    events = AuditEvent.objects.count()
    response = client_for(world, role).post(
        reverse("planning:programme_action", args=[programme.public_id, "direction_add"]), {"title": "Leadership"}
    )
    titles = list(ProgrammeDirection.objects.order_by("id").values_list("title", flat=True))
    if role in MANAGES:
        assert response.status_code == 302
        assert titles == ["Digital pedagogy", "Leadership"]
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code in {302, 403, 404}
        assert titles == ["Digital pedagogy"]
        assert AuditEvent.objects.count() == events


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_creating_a_programme_by_every_role(world: Any, role: str | None) -> None:
    data = {"organisation": str(world.orgs["uni"].public_id), "year": "2025", "title": "Programme 2025"}
    response = client_for(world, role).post(reverse("planning:programme_create"), data)
    if role in MANAGES:
        programme = PDProgramme.objects.get()
        assert response["Location"] == reverse("planning:programme_detail", args=[programme.public_id])
    else:
        assert response.status_code in {302, 403}
        assert PDProgramme.objects.count() == 0


@pytest.mark.req("PLN-05")
@pytest.mark.req("PLN-07")
def test_whole_flow_on_the_pages(world: Any) -> None:
    # given a programme drawn up on the pages by the PD officer
    pd_client = client_for(world, "pd_officer")
    pd_client.post(
        reverse("planning:programme_create"),
        {"organisation": str(world.orgs["uni"].public_id), "year": str(YEAR), "title": "Programme"},
    )
    programme = PDProgramme.objects.get()
    pd_client.post(reverse("planning:programme_action", args=[programme.public_id, "direction_add"]), {"title": "D"})
    direction = programme.directions.get()
    response = pd_client.post(
        reverse("planning:programme_action", args=[programme.public_id, "topic_add"]),
        {
            "direction": direction.pk,
            "title": "Assessment literacy",
            "form": "seminar",
            "start_date": f"{YEAR}-02-01",
            "end_date": f"{YEAR}-02-02",
            "hours": "12",
            "capacity": "5",
        },
    )
    topic = ProgrammeTopic.objects.get()
    assert response["Location"] == reverse("planning:topic_detail", args=[topic.public_id])
    pd_client.post(
        reverse("planning:topic_action", args=[topic.public_id, "trainer_add"]),
        {"role": "lecturer", "category": "pedagogue", "person": "", "name": "A. Teacher"},
    )
    # when the unit head applies and the PD officer accepts, then records the completion
    client_for(world, "unit_head").post(
        reverse("planning:topic_action", args=[topic.public_id, "apply"]),
        {"unit": str(world.units["d1"].public_id), "persons": [str(world.people["d1_1"].public_id)]},
    )
    entry = RequestEntry.objects.get()
    pd_client.post(
        reverse("planning:topic_action", args=[topic.public_id, "decide"]), {"entry": entry.pk, "decision": "accept"}
    )
    pd_client.post(
        reverse("planning:topic_action", args=[topic.public_id, "complete"]), {"attended": [world.people["d1_1"].pk]}
    )
    # then the person has a verified record of the seminar with its lecturer
    rec = PDRecord.objects.get(person=world.people["d1_1"])
    assert (rec.title, rec.status, list(rec.trainers.values_list("name", flat=True))) == (
        "Assessment literacy",
        RecordStatus.VERIFIED,
        ["A. Teacher"],
    )
    page = client_for(world, "employee").get(reverse("planning:topic_detail", args=[topic.public_id]))
    assert b"Verified" in page.content


@pytest.mark.req("PLN-05")
@pytest.mark.parametrize("count", [2, 30], ids=["2-topics", "30-topics"])
def test_programme_and_topic_pages_take_constant_queries(
    world: Any, django_assert_max_num_queries: Any, count: int
) -> None:
    topic = make_topic(world, capacity=100)
    pd = world.user("pd_officer")
    for n in range(count):
        extra = programmes.topic_add(
            actor=pd,
            direction=topic.direction,
            title=f"Topic {n}",
            form=PDForm.SEMINAR,
            start_date=dt.date(YEAR, 4, 1),
            end_date=dt.date(YEAR, 4, 2),
            hours=8,
            capacity=10,
        )
        programmes.trainer_add(actor=pd, topic=extra, role="lecturer", category="pedagogue", name=f"T{n}")
    keys = ["d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"]
    for key in keys[: min(count, len(keys))]:
        programmes.listener_add(actor=pd, topic=topic, person=world.people[key])
    for _ in range(count // 2):
        apply_d1(world, topic)
    client = client_for(world, "pd_officer")
    client.get(reverse("planning:programme_list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("planning:programme_detail", args=[topic.direction.programme.public_id]))
    assert len(response.context["directions"][0].topics.all()) == count + 1
    with django_assert_max_num_queries(18):
        response = client.get(reverse("planning:topic_detail", args=[topic.public_id]))
    assert len(response.context["view"].requests) == count // 2
    with django_assert_max_num_queries(12):
        response = client.get(reverse("planning:programme_list"))
    assert response.context["programmes"][0].topic_count == count + 1
