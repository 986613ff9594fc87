"""The pages of PD-centre programmes and internal courses for every role (PLN-05, PLN-07, SEC-02)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.planning import programmes
from biliktilik.planning.models import (
    CourseRequest,
    EntryDecision,
    PDProgramme,
    ProgrammeDirection,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
)
from biliktilik.planning.tests.programme_helpers import (
    APPLIES_FOR_D1,
    MANAGES,
    SEES_PROGRAMME,
    YEAR,
    apply_d1,
    client_for,
    make_topic,
)
from conftest import ALL_ROLES

pytestmark = pytest.mark.django_db


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
