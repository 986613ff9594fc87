"""The policy and compliance APIs for every role (SEC-01), with constant query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from biliktilik.policy.services import rule_set_adopt
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, PositionFactory

from .factories import PDRecordFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("biliktilik.compliance.tests.urls")]

WHOLE_UNI = {"hr_officer", "pd_officer", "finance_officer", "first_head", "auditor", "sysadmin"}


@pytest.fixture
def uni_world(world: Any) -> Any:
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="skma-464")
    PDRecordFactory(
        person=world.people["d1_1"],
        organisation=world.orgs["uni"],
        end_date=dt.date(2024, 3, 1),
        hours=Decimal(72),
        title="Pedagogy",
    )
    PDRecordFactory(
        person=world.people["d1_1"],
        organisation=world.orgs["uni"],
        end_date=dt.date(2025, 3, 1),
        hours=Decimal(10),
        title="Not verified",
        status="pending",
    )
    return world


def api(world: Any, role: str | None) -> APIClient:
    client = APIClient()
    if role is not None:
        client.force_authenticate(world.user(role))
    return client


@pytest.mark.req("CMP-01")
@pytest.mark.req("POL-08")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_person_compliance_with_explanations(uni_world: Any, role: str | None) -> None:
    person = uni_world.people["d1_1"]
    response = api(uni_world, role).get(f"/api/v1/compliance/persons/{person.public_id}/", {"on": "2025-06-01"})
    if role is None:
        assert response.status_code in (401, 403)
        return
    if role not in WHOLE_UNI | {"employee", "unit_head", "institute_director"}:
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        return
    assert response.status_code == 200
    body = response.json()
    [org] = body["organisations"]
    faculty = next(r for r in org["requirements"] if r["rule"]["code"] == "skma-464-faculty-72h")
    assert faculty["rule"]["citation"] == "SKMA-464 4.3"
    assert (faculty["status"], faculty["amount_counted"], faculty["amount_required"], faculty["due_date"]) == (
        "compliant",
        "72.0",
        "72.0",
        "2027-03-01",
    )
    assert [(r["title"], r["reason"]) for r in faculty["counted_records"]] == [("Pedagogy", "hours")]
    assert [(r["title"], r["reason"]) for r in faculty["not_counted_records"]] == [("Not verified", "pending")]


@pytest.mark.req("CMP-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_unit_rows(uni_world: Any, role: str | None) -> None:
    unit = uni_world.units["d1"]
    response = api(uni_world, role).get(f"/api/v1/compliance/units/{unit.public_id}/", {"on": "2025-06-01"})
    if role is None:
        assert response.status_code in (401, 403)
    elif role in WHOLE_UNI | {"unit_head", "institute_director"}:
        assert response.status_code == 200
        rows = response.json()["results"]
        assert response.json()["count"] == 8  # two people, four requirements
        assert {r["person"] for r in rows} == {str(uni_world.people[k].public_id) for k in ("d1_1", "d1_2")}
    elif role == "employee":
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    else:
        assert response.status_code == 404


def test_unit_rows_filtered_by_status(uni_world: Any) -> None:
    unit = uni_world.units["d1"]
    response = api(uni_world, "hr_officer").get(
        f"/api/v1/compliance/units/{unit.public_id}/", {"on": "2025-06-01", "status": "overdue"}
    )
    rows = response.json()["results"]
    assert [(r["person"], r["citation"]) for r in rows] == [
        (str(uni_world.people["d1_2"].public_id), "SKMA-464 3.4"),
        (str(uni_world.people["d1_2"].public_id), "SKMA-464 4.3"),
    ]


def test_organisation_rows_cost_the_same_queries_for_more_people(
    uni_world: Any, django_assert_max_num_queries: Any
) -> None:
    client = api(uni_world, "hr_officer")
    url = f"/api/v1/compliance/organisations/{uni_world.orgs['uni'].public_id}/"
    with django_assert_max_num_queries(12) as before:
        assert client.get(url, {"on": "2025-06-01"}).json()["count"] == 32
    position = PositionFactory()
    for _ in range(30):
        EmploymentFactory(unit=uni_world.units["d3"], position=position, start_date=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url, {"on": "2025-06-01"}).json()["count"] == 32 + 30 * 4


@pytest.mark.req("POL-01")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_rule_sets_api(uni_world: Any, role: str | None) -> None:
    response = api(uni_world, role).get("/api/v1/policy/rule-sets/", {"page_size": 100})
    if role is None:
        assert response.status_code in (401, 403)
        return
    assert response.status_code == 200
    codes = [(r["code"], r["owner"]["code"] if r["owner"] else None) for r in response.json()["results"]]
    own = ("skma-464", "uni")
    insiders = WHOLE_UNI | {"employee", "unit_head", "institute_director"}
    assert (own in codes) is (role in insiders)
    assert ("moes-1211", None) in codes


def test_rule_set_detail_has_every_rule_with_its_citation(uni_world: Any, django_assert_max_num_queries: Any) -> None:
    from biliktilik.policy.models import RuleSet

    moes = RuleSet.objects.get(code="moes-1211", owner__isnull=True)
    with django_assert_max_num_queries(8):
        body = api(uni_world, "employee").get(f"/api/v1/policy/rule-sets/{moes.public_id}/").json()
    assert body["is_national"] is True
    assert body["effective_to"] == "2013-09-11"
    rule = next(r for r in body["rules"] if r["code"] == "moes-1211-every-5-years")
    assert rule["citation"]["document"] == "MOES-1211"
    assert rule["citation"]["clause"] == "10.1"
    assert rule["params"]["period_years"] == 5
