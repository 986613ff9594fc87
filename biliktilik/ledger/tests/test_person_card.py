"""The PD card the person page loads (PEO-06): shown to whoever sees the person, else 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from biliktilik.ledger.enums import PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord
from conftest import ALL_ROLES

SEES_D1_1 = {
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


@pytest.fixture
def record(world):
    return PDRecord.objects.create(
        person=world.people["d1_1"],
        organisation=world.orgs["uni"],
        form=PDForm.COURSE_SHORT,
        title="Заманауи оқыту әдістері",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 14),
        hours=72,
        status=RecordStatus.VERIFIED,
    )


@pytest.mark.req("PEO-06")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_card_is_shown_exactly_to_those_who_see_the_person(client, world, record, role):
    client.force_login(world.user(role))
    response = client.get(reverse("ledger:person_card", args=[world.people["d1_1"].public_id]))
    if role in SEES_D1_1:
        assert response.status_code == 200
        assert "Заманауи оқыту әдістері" in response.content.decode()
    else:
        assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, world, record):
    response = client.get(reverse("ledger:person_card", args=[world.people["d1_1"].public_id]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.req("PEO-06")
def test_the_person_page_loads_the_pd_and_compliance_cards(client, world):
    client.force_login(world.user("hr_officer"))
    person = world.people["d1_1"]
    html = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert reverse("ledger:person_card", args=[person.public_id]) in html
    assert reverse("compliance:person", args=[person.public_id]) in html
