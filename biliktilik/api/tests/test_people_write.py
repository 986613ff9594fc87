"""Writes to people and employments through the API: only HR officers (of their organisation)
and system administrators, through the services, audited; a refused write changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from biliktilik.core.models import AuditEvent
from biliktilik.core.roles import Role
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Employment, Person
from tests.factories import PositionFactory

from .conftest import ANONYMOUS
from .helpers import error
from .visibility import STAFF_EDITORS

ALL_ROLES = [role.value for role in Role]
ROLES_AND_ANONYMOUS = [*ALL_ROLES, ANONYMOUS]

NEW_IIN = make_iin(dt.date(1990, 5, 17), 4242)


def expected_status(role: str, allowed: int) -> int:
    if role == ANONYMOUS:
        return 401
    return allowed if role in STAFF_EDITORS else 403


def state() -> tuple[int, int, int]:
    """What a refused write must leave as it was: people, employments, audit events."""
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()


def person_payload(world, **changes):
    return {
        "organisation": str(world.orgs["uni"].public_id),
        "last_name": "Сейітқали",
        "first_name": "Дәурен",
        "middle_name": "Ерланұлы",
        "iin": NEW_IIN,
        "email": "dauren@example.kz",
        **changes,
    }


def employment_payload(world, **changes):
    return {
        "person": str(world.people["d1_1"].public_id),
        "organisation": str(world.orgs["uni"].public_id),
        "unit": str(world.units["d3"].public_id),
        "position": world.people["d3_1"].employments.get().position_id,
        "start_date": "2025-09-01",
        "rate": "0.50",
        "is_primary": False,
        **changes,
    }


# --- the role matrix -----------------------------------------------------------------------


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS)
def test_create_person(world, client_as, role):
    # Given the state before
    before = state()
    # When a user of each role adds a person to the university
    response = client_as(role).post("/api/v1/persons/", person_payload(world), format="json")
    # Then only HR and administrators succeed, and the change is audited
    assert response.status_code == expected_status(role, 201)
    if response.status_code == 201:
        person = Person.objects.get(iin=NEW_IIN)
        assert response.json()["public_id"] == str(person.public_id)
        assert response.json()["iin"] == NEW_IIN
        assert person.full_name == "Сейітқали Дәурен Ерланұлы"
        assert person.birth_date == dt.date(1990, 5, 17)
        event = AuditEvent.objects.get(action="person.create", object_id=str(person.pk))
        assert event.actor == world.user(role)
        assert event.organisation_id == world.orgs["uni"].pk
        assert state() == (before[0] + 1, before[1], before[2] + 1)
    else:
        assert error(response)["code"] in {"permission_denied", "not_authenticated"}
        assert state() == before


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS)
def test_update_person(world, client_as, role):
    person = world.people["d1_1"]
    before = state()
    response = client_as(role).patch(
        f"/api/v1/persons/{person.public_id}/", {"phone": "+7 777 123 45 67"}, format="json"
    )
    assert response.status_code == expected_status(role, 200)
    person.refresh_from_db()
    if response.status_code == 200:
        assert response.json()["phone"] == "+7 777 123 45 67"
        assert response.json()["iin"] == person.iin
        assert person.phone == "+7 777 123 45 67"
        event = AuditEvent.objects.get(action="person.update", object_id=str(person.pk))
        assert event.changes == {"phone": ["", "+7 777 123 45 67"]}
        assert event.actor == world.user(role)
        assert state() == (before[0], before[1], before[2] + 1)
    else:
        assert person.phone == ""
        assert state() == before


@pytest.mark.req("PEO-01")
@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS)
def test_create_employment(world, client_as, role):
    # Given a lecturer of the university to take a second, part-time post in another department
    before = state()
    # When a user of each role records the employment
    response = client_as(role).post("/api/v1/employments/", employment_payload(world), format="json")
    # Then only HR and administrators succeed
    assert response.status_code == expected_status(role, 201)
    if response.status_code == 201:
        employment = Employment.objects.get(public_id=response.json()["public_id"])
        assert employment.person == world.people["d1_1"]
        assert employment.unit == world.units["d3"]
        assert employment.rate == Decimal("0.50")
        assert employment.category == "faculty"  # the category of the position
        assert employment.is_primary is False
        body = response.json()
        assert body["unit"] == {"public_id": str(world.units["d3"].public_id), "name": world.units["d3"].name}
        assert body["is_current"] is True
        assert AuditEvent.objects.filter(action="employment.create", object_id=str(employment.pk)).count() == 1
        assert state() == (before[0], before[1] + 1, before[2] + 1)
    else:
        assert state() == before


@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS)
def test_update_employment(world, client_as, role):
    employment = world.people["d1_1"].employments.get()
    before = state()
    response = client_as(role).patch(
        f"/api/v1/employments/{employment.public_id}/",
        {"rate": "0.75", "unit": str(world.units["d2"].public_id)},
        format="json",
    )
    assert response.status_code == expected_status(role, 200)
    employment.refresh_from_db()
    if response.status_code == 200:
        assert (employment.rate, employment.unit_id) == (Decimal("0.75"), world.units["d2"].pk)
        assert response.json()["rate"] == "0.75"
        assert response.json()["unit"]["public_id"] == str(world.units["d2"].public_id)
        event = AuditEvent.objects.get(action="employment.update", object_id=str(employment.pk))
        assert event.changes == {"rate": ["1.00", "0.75"], "unit": [world.units["d1"].pk, world.units["d2"].pk]}
        assert state() == (before[0], before[1], before[2] + 1)
    else:
        assert (employment.rate, employment.unit_id) == (Decimal("1.00"), world.units["d1"].pk)
        assert state() == before


@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS)
def test_end_employment(world, client_as, role):
    employment = world.people["d1_1"].employments.get()
    before = state()
    response = client_as(role).post(
        f"/api/v1/employments/{employment.public_id}/end/",
        {"end_date": "2024-06-30", "end_reason": "retirement"},
        format="json",
    )
    assert response.status_code == expected_status(role, 200)
    employment.refresh_from_db()
    if response.status_code == 200:
        assert (employment.end_date, employment.end_reason) == (dt.date(2024, 6, 30), "retirement")
        assert response.json()["is_current"] is False
        assert state() == (before[0], before[1], before[2] + 1)
    else:
        assert (employment.end_date, employment.end_reason) == (None, "")
        assert state() == before


# --- HR officers act only in their own organisation ------------------------------------------


def test_hr_officer_cannot_add_a_person_for_another_organisation(world, client_as):
    before = state()
    payload = person_payload(world, organisation=str(world.orgs["uni2"].public_id))
    response = client_as("hr_officer").post("/api/v1/persons/", payload, format="json")
    # The other university is outside the officer's scope: answered like an unknown id (SEC-01)
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"organisation"}
    assert state() == before


def test_hr_officer_cannot_hire_into_another_organisation(world, client_as):
    before = state()
    payload = employment_payload(
        world, organisation=str(world.orgs["uni2"].public_id), unit=str(world.units["other"].public_id)
    )
    response = client_as("hr_officer").post("/api/v1/employments/", payload, format="json")
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"organisation", "unit"}
    assert state() == before


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("patch", "/api/v1/persons/{person}/", {"phone": "1"}),
        ("patch", "/api/v1/employments/{employment}/", {"rate": "0.5"}),
        ("post", "/api/v1/employments/{employment}/end/", {"end_date": "2024-06-30", "end_reason": "other"}),
    ],
    ids=["person", "employment", "end-employment"],
)
def test_hr_officer_does_not_find_staff_of_another_organisation(world, client_as, method, url, payload):
    # Given a member of staff of the second university, not visible to HR of the first
    person = world.people["other_1"]
    url = url.format(person=person.public_id, employment=person.employments.get().public_id)
    before = state()
    # When HR of the first university tries to change them
    response = getattr(client_as("hr_officer"), method)(url, payload, format="json")
    # Then the object is not found and nothing changes
    assert response.status_code == 404
    assert error(response)["code"] == "not_found"
    assert state() == before
    person.refresh_from_db()
    assert person.phone == ""


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iin", "code", "status"),
    [
        ("123456789012", "invalid_iin", 400),
        ("12345", "invalid_iin", 400),
        ("88010130012X", "invalid_iin", 400),
        ("1234567890123456", "invalid_iin", 400),
    ],
    ids=["bad-check-digit", "too-short", "not-digits", "too-long"],
)
def test_bad_iin_is_refused_naming_the_field(world, client_as, iin, code, status):
    before = state()
    response = client_as("hr_officer").post("/api/v1/persons/", person_payload(world, iin=iin), format="json")
    assert response.status_code == status
    body = error(response)
    assert body["code"] == code
    assert body["extra"] == {"field": "iin"}
    assert state() == before


def test_duplicate_iin_is_a_conflict(world, client_as):
    before = state()
    taken = world.people["d2_2"].iin
    response = client_as("hr_officer").post("/api/v1/persons/", person_payload(world, iin=taken), format="json")
    assert response.status_code == 409
    assert error(response) == {
        "code": "duplicate",
        "message": response.json()["message"],
        "extra": {"field": "iin"},
    }
    assert state() == before


def test_bad_iin_on_update_changes_nothing(world, client_as):
    person = world.people["d1_1"]
    old_iin = person.iin
    before = state()
    response = client_as("hr_officer").patch(
        f"/api/v1/persons/{person.public_id}/", {"iin": "000000000000", "phone": "5"}, format="json"
    )
    assert response.status_code == 400
    assert error(response)["extra"] == {"field": "iin"}
    person.refresh_from_db()
    assert (person.iin, person.phone) == (old_iin, "")
    assert state() == before


def test_missing_fields_are_listed(world, client_as):
    before = state()
    response = client_as("hr_officer").post(
        "/api/v1/persons/", {"organisation": str(world.orgs["uni"].public_id)}, format="json"
    )
    assert response.status_code == 400
    body = error(response)
    assert body["code"] == "validation"
    assert set(body["extra"]["fields"]) == {"last_name", "first_name"}
    assert state() == before


def test_unknown_organisation_is_a_field_error(world, client_as):
    payload = person_payload(world, organisation="8d5e2a0c-0000-4000-8000-000000000000")
    response = client_as("sysadmin").post("/api/v1/persons/", payload, format="json")
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"organisation"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"unit": "other"}, "unit"),
        ({"position": "uni2-own"}, "position"),
        ({"rate": "2.50"}, "rate"),
        ({"end_date": "2020-01-01"}, "end_date"),
    ],
    ids=["unit-of-another-organisation", "position-of-another-organisation", "rate-too-high", "end-before-start"],
)
def test_employment_rules_are_checked_by_the_service(world, client_as, changes, field):
    if changes.get("unit") == "other":
        changes = {"unit": str(world.units["other"].public_id)}
    if changes.get("position") == "uni2-own":
        changes = {"position": PositionFactory(code="uni2-own", organisation=world.orgs["uni2"]).pk}
    before = state()
    response = client_as("hr_officer").post("/api/v1/employments/", employment_payload(world, **changes), format="json")
    assert response.status_code == 400
    body = error(response)
    assert body["code"] == "validation"
    # A unit or position the HR officer cannot see is refused by the input already (SEC-01).
    assert body["extra"] == {"field": field} or set(body["extra"]["fields"]) == {field}
    assert state() == before


def test_ending_needs_a_reason(world, client_as):
    employment = world.people["d1_1"].employments.get()
    before = state()
    response = client_as("hr_officer").post(
        f"/api/v1/employments/{employment.public_id}/end/", {"end_date": "2024-06-30"}, format="json"
    )
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"end_reason"}
    assert state() == before


def test_ending_before_the_start_is_refused(world, client_as):
    employment = world.people["d1_1"].employments.get()
    before = state()
    response = client_as("hr_officer").post(
        f"/api/v1/employments/{employment.public_id}/end/",
        {"end_date": "2018-01-01", "end_reason": "voluntary"},
        format="json",
    )
    assert response.status_code == 400
    assert error(response)["extra"] == {"field": "end_date"}
    assert state() == before


def test_update_without_changes_writes_no_audit_event(world, client_as):
    person = world.people["d1_1"]
    before = state()
    response = client_as("hr_officer").patch(
        f"/api/v1/persons/{person.public_id}/", {"last_name": person.last_name}, format="json"
    )
    assert response.status_code == 200
    assert state() == before


def test_writes_work_with_a_token_too(world):
    token = Token.objects.create(user=world.user("hr_officer"))
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/v1/persons/", person_payload(world), format="json")
    assert response.status_code == 201
    assert Person.objects.filter(iin=NEW_IIN).exists()


def test_session_writes_need_the_csrf_token(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.user("hr_officer"))
    before = state()
    response = client.post("/api/v1/persons/", person_payload(world), format="json")
    assert response.status_code == 403
    assert state() == before
