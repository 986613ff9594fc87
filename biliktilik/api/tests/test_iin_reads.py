"""The IIN through the API by the one rule of ``people.privacy``: full reads logged in bulk, own
reads not, and the read-only endpoint of the log for auditors (SEC-03)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biliktilik.core.roles import Role
from biliktilik.people import privacy
from biliktilik.people.enums import ReadChannel
from biliktilik.people.models import PersonalDataRead
from tests.factories import EmploymentFactory

from .conftest import ANONYMOUS
from .helpers import ALL, error, results
from .visibility import OWN_PERSON, PEOPLE, iin_in_full

ALL_ROLES = [role.value for role in Role]
PERSONS = "/api/v1/persons/"
LOG = "/api/v1/people/personal-data-reads/"


def _key_of(world, person_id: int) -> str:
    return next(k for k, p in world.people.items() if p.pk == person_id)


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_list_logs_every_full_iin_but_the_own_one(world, client_as, role):
    rows = results(client_as(role).get(PERSONS, ALL))
    logged = {_key_of(world, r.person_id) for r in PersonalDataRead.objects.all()}
    full = {key for key in PEOPLE[role] if iin_in_full(role, key)}
    assert logged == full - {OWN_PERSON.get(role)}
    assert all(r.channel == ReadChannel.API and r.source == PERSONS for r in PersonalDataRead.objects.all())
    # and the masked IINs carry no hidden digit
    iins = {str(p.public_id): p.iin for p in world.people.values()}
    for row in rows:
        if not iin_in_full(role, _key(world, row)):
            assert row["iin"] == iins[row["public_id"]][:6] + "******"
            assert iins[row["public_id"]][6:] not in str(row)


def _key(world, row) -> str:
    return next(k for k, p in world.people.items() if str(p.public_id) == row["public_id"])


@pytest.mark.req("SEC-03")
def test_a_list_writes_its_log_in_one_insert_whatever_its_length(world, client_as):
    client = client_as("hr_officer")
    client.get(PERSONS, ALL)  # warm up
    with CaptureQueriesContext(connection) as small:
        client.get(PERSONS, ALL)
    for _ in range(30):
        EmploymentFactory(unit=world.units["d2"])
    with CaptureQueriesContext(connection) as large:
        client.get(PERSONS, ALL)
    assert len(large.captured_queries) == len(small.captured_queries)
    inserts = [q for q in large.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert PersonalDataRead.objects.filter(actor=world.user("hr_officer")).count() == 2 * 7 + 37


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize(("role", "logged"), [("hr_officer", 1), ("sysadmin", 1), ("employee", 0), ("pd_officer", 0)])
def test_the_detail_logs_a_full_read_by_somebody_else(world, client_as, role, logged):
    person = world.people["d1_1"]  # the employee's own person
    url = f"{PERSONS}{person.public_id}/"
    body = client_as(role).get(url).json()
    assert (body["iin"] == person.iin) is (role != "pd_officer")
    reads = list(PersonalDataRead.objects.values_list("actor_id", "person_id", "channel", "source"))
    assert reads == [(world.user(role).pk, person.pk, ReadChannel.API, url)] * logged


def test_me_is_the_own_record_and_is_not_logged(world, client_as):
    body = client_as("employee").get("/api/v1/me/").json()
    assert world.people["d1_1"].iin in str(body)
    assert not PersonalDataRead.objects.exists()


# --- the log endpoint ---------------------------------------------------------------------------


@pytest.fixture
def reads(world):
    privacy.log_full_reads(world.user("hr_officer"), [world.people["d1_1"]], where=ReadChannel.PAGE, source="/p/")
    privacy.log_full_reads(world.user("sysadmin"), [world.people["other_1"]], where=ReadChannel.API, source="/a/")
    return world


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", [*ALL_ROLES, ANONYMOUS])
def test_who_may_read_the_log_through_the_api(reads, client_as, role):
    response = client_as(role).get(LOG)
    if role == ANONYMOUS:
        assert response.status_code == 401
        return
    if role not in {"auditor", "sysadmin"}:
        assert response.status_code == 403
        assert error(response)["code"] == "permission_denied"
        return
    rows = results(response)
    expected = {"d1_1"} if role == "auditor" else {"d1_1", "other_1"}
    assert {_key(reads, row["person"]) for row in rows} == expected


def test_the_log_endpoint_is_read_only(reads, client_as):
    assert client_as("sysadmin").post(LOG, {}).status_code == 405


def test_the_log_rows_say_who_whose_where(reads, client_as):
    rows = results(client_as("auditor").get(LOG))
    assert len(rows) == 1
    row = rows[0]
    assert row["read_by"] == "hr_officer"
    assert row["person"]["public_id"] == str(reads.people["d1_1"].public_id)
    assert (row["channel"], row["source"]) == ("page", "/p/")
    assert "iin" not in str(row).lower().replace("public_id", "")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"date_from": "2025-02-30"}, "date_from"), ({"date_from": "2025-06-02", "date_to": "2025-06-01"}, "date_to")],
)
def test_the_log_endpoint_refuses_bad_dates_naming_the_field(reads, client_as, params, field):
    response = client_as("auditor").get(LOG, params)
    assert response.status_code == 400
    body = error(response)
    assert body["code"] == "validation"
    assert field in str(body)


def test_the_log_endpoint_filters_by_person_and_actor(reads, client_as):
    client = client_as("sysadmin")
    person = reads.people["other_1"]
    assert {_key(reads, r["person"]) for r in results(client.get(LOG, {"person": person.iin}))} == {"other_1"}
    assert {_key(reads, r["person"]) for r in results(client.get(LOG, {"actor": "hr_off"}))} == {"d1_1"}
    assert {_key(reads, r["person"]) for r in results(client.get(LOG, {"channel": "api"}))} == {"other_1"}
