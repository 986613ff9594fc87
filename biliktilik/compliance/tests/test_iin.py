"""The IIN in compliance pages and exports by the one rule of ``people.privacy``, and the same
mask everywhere, so no two outputs combine into more digits (SEC-01, SEC-03)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from biliktilik.people.enums import ReadChannel
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Person, PersonalDataRead
from biliktilik.policy.services import rule_set_adopt
from conftest import ALL_ROLES

ON = "2025-06-01"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Roles that open the university's compliance exports, and whose export shows d1_1 (unit head: d1)
EXPORTERS = {"unit_head", "institute_director", "hr_officer", "pd_officer", "finance_officer", "first_head"}
EXPORTERS |= {"auditor", "sysadmin"}
FULL = {"hr_officer", "sysadmin"}  # in the export: HR of the university and the administrator


@pytest.fixture
def uni(world: Any) -> Any:
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="skma-464")
    return world


def distinctive_iin(person: Person) -> str:
    value = make_iin(dt.date(1985, 7, 14), 8263)
    Person.objects.filter(pk=person.pk).update(iin=value)
    person.iin = value
    return value


def client_for(world: Any, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def area(world: Any, **extra: str) -> dict[str, str]:
    return {"organisation": str(world.orgs["uni"].public_id), "on": ON, **extra}


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.req("SEC-01")
@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_export_shows_each_iin_by_the_rule_and_logs_one_row_per_person(uni: Any, role: str) -> None:
    target = uni.people["d1_1"]
    iin = distinctive_iin(target)
    response = client_for(uni, role).get(reverse("compliance:export_csv"), area(uni))
    if role not in EXPORTERS:
        assert response.status_code in {403, 404}
        assert not PersonalDataRead.objects.exists()
        return
    rows = csv_rows(response)
    text = "\n".join(",".join(r) for r in rows)
    iins = {str(p.public_id): p.iin for p in Person.objects.all()}
    own = uni.user(role).person_id
    for row in rows[1:]:
        full = iins[row[0]]
        person_id = Person.objects.get(public_id=row[0]).pk
        if role in FULL or person_id == own:
            assert row[1] == full
        else:
            assert row[1] == full[:6] + "******"
    if role not in FULL:
        assert iin[6:] not in text  # no hidden digit of d1_1, not the last four either
        assert iin[:7] not in text
    exported = {Person.objects.get(public_id=r[0]).pk for r in rows[1:]}
    opened = exported if role in FULL else exported & {own}
    reads = PersonalDataRead.objects.all()
    assert {r.person_id for r in reads} == opened - {own}
    assert reads.count() == len(opened - {own})  # one row per person, not per requirement
    assert all(r.channel == ReadChannel.EXPORT and r.source.endswith(".csv") for r in reads)


@pytest.mark.django_db
@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ["unit_head", "pd_officer", "auditor"])
def test_no_output_reveals_more_than_the_one_mask(uni: Any, role: str) -> None:
    """The personal file, the API (detail and list), the compliance list and both exports of a
    masked viewer: each shows the first six digits, none a digit beyond them."""
    target = uni.people["d1_1"]
    iin = distinctive_iin(target)
    client = client_for(uni, role)
    outputs = {
        "page": client.get(reverse("people:person_detail", args=[target.public_id])).content.decode(),
        "api-detail": client.get(f"/api/v1/persons/{target.public_id}/").content.decode(),
        "api-list": client.get("/api/v1/persons/", {"page_size": 500}).content.decode(),
        "api-search": client.get("/api/v1/persons/", {"search": iin[:8]}).content.decode(),
        "compliance-list": client.get(reverse("compliance:list"), area(uni)).content.decode(),
        "csv": b"".join(client.get(reverse("compliance:export_csv"), area(uni)).streaming_content).decode(),
    }
    book = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("compliance:export_xlsx"), area(uni)).streaming_content)),
        read_only=True,
    )
    outputs["xlsx"] = "\n".join(",".join(str(c) for c in row) for row in book.active.iter_rows(values_only=True))
    for name, text in outputs.items():
        assert iin[6:] not in text, name
        # the last four (the old export mask showed them): none, once the ids are set aside
        assert iin[-4:] not in UUID.sub("", text), name
        assert iin[:7] not in text, name
        shown = set(re.findall(rf"{iin[:6]}[0-9*•]*", text))
        assert shown <= {iin[:6] + "******"}, (name, shown)
    assert iin[:6] + "******" in outputs["page"]
    assert iin[:6] + "******" in outputs["api-detail"]
    assert iin[:6] + "******" in outputs["csv"]
    assert iin[:6] + "******" in outputs["xlsx"]
    assert not PersonalDataRead.objects.filter(person=target).exists()


@pytest.mark.django_db
@pytest.mark.req("SEC-03")
def test_compliance_list_page_logs_the_iins_it_shows_in_bulk(uni: Any) -> None:
    client = client_for(uni, "hr_officer")
    response = client.get(reverse("compliance:list"), area(uni))
    body = response.content.decode()
    assert uni.people["d1_1"].iin in body
    reads = PersonalDataRead.objects.all()
    assert {r.person_id for r in reads} == {
        uni.people[k].pk for k in ("d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_2")
    }
    assert {r.channel for r in reads} == {ReadChannel.PAGE}


@pytest.mark.django_db
def test_compliance_list_hides_the_column_from_who_sees_no_full_iin(uni: Any) -> None:
    body = client_for(uni, "pd_officer").get(reverse("compliance:list"), area(uni)).content.decode()
    assert uni.people["d1_1"].iin[:6] not in body
    assert not PersonalDataRead.objects.exists()


@pytest.mark.django_db
@pytest.mark.req("SEC-03")
def test_the_command_logs_its_full_iins_as_the_system(uni: Any) -> None:
    call_command("compliance_report", organisation="uni", on=ON, format="csv", stdout=io.StringIO())
    reads = PersonalDataRead.objects.all()
    assert reads.count() == 8  # the eight staff of the university, once each
    assert {(r.actor_id, r.actor_repr, r.channel) for r in reads} == {(None, "system", ReadChannel.EXPORT)}
    assert all(r.source.startswith("manage.py compliance_report uni") for r in reads)
