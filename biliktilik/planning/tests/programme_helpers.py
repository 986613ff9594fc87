"""What the tests of PD-centre programmes share: who sees and manages them, a topic of the
university's programme, a request of department D1."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from biliktilik.ledger.enums import PDForm, TrainerCategory
from biliktilik.planning import programmes
from biliktilik.planning.models import (
    CourseRequest,
    ProgrammeTopic,
    TrainerRole,
)

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
