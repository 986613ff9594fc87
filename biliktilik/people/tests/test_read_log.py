"""The auditor's page of full IIN reads: who may open it, what it shows, the filters, paging and
the query count (SEC-03)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from biliktilik.people import privacy
from biliktilik.people.enums import ReadChannel
from biliktilik.people.models import PersonalDataRead
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory

URL = reverse("people:read_log")
READERS = {"auditor", "sysadmin"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def reads(world):
    """HR reads two university people; the system administrator reads one of the second
    university and one of the pre-school."""
    hr, admin = world.user("hr_officer"), world.user("sysadmin")
    privacy.log_full_reads(hr, [world.people["d1_1"], world.people["d3_2"]], where=ReadChannel.PAGE, source="/p/")
    privacy.log_full_reads(admin, [world.people["other_1"]], where=ReadChannel.API, source="/api/")
    privacy.log_full_reads(admin, [world.people["kg_1"]], where=ReadChannel.EXPORT, source="x.csv")
    return world


def listed(response) -> set[int]:
    return {r.person_id for r in response.context["page"].object_list}


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_who_may_open_the_log(client, reads, role):
    if role is not None:
        client.force_login(reads.user(role))
    response = client.get(URL)
    if role is None:
        assert response.status_code == 302
        assert "login" in response["Location"]
    elif role in READERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.req("SEC-03")
def test_auditor_sees_the_reads_of_the_people_of_their_organisation(client, reads):
    client.force_login(reads.user("auditor"))
    response = client.get(URL)
    assert listed(response) == {reads.people["d1_1"].pk, reads.people["d3_2"].pk}
    body = response.content.decode()
    assert "hr_officer" in body
    assert reads.people["d1_1"].iin not in body  # the log names people, it does not repeat their IIN


@pytest.mark.req("SEC-03")
def test_auditor_sees_reads_of_former_staff_and_by_anybody(client, world):
    # d2_1 leaves the university and works in the second one; its HR reads the IIN there
    person = world.people["d2_1"]
    person.employments.update(end_date=dt.date(2023, 1, 31), end_reason="voluntary")
    EmploymentFactory(person=person, unit=world.units["other"])
    privacy.log_full_reads(world.user("sysadmin"), [person], where=ReadChannel.PAGE, source="/p/")
    client.force_login(world.user("auditor"))
    assert listed(client.get(URL)) == {person.pk}


def test_sysadmin_sees_every_read(client, reads):
    client.force_login(reads.user("sysadmin"))
    expected = {reads.people[k].pk for k in ("d1_1", "d3_2", "other_1", "kg_1")}
    assert listed(client.get(URL)) == expected


def test_the_navigation_links_the_log_for_auditors_only(client, world):
    link = f'href="{URL}"'
    client.force_login(world.user("auditor"))
    assert link in client.get(reverse("people:directory")).content.decode()
    client.force_login(world.user("pd_officer"))
    assert link not in client.get(reverse("people:directory")).content.decode()


# --- filters ------------------------------------------------------------------------------------


def test_filter_by_person_name(client, reads):
    client.force_login(reads.user("auditor"))
    person = reads.people["d3_2"]
    response = client.get(URL, {"person": person.last_name.lower()})
    assert listed(response) <= {reads.people["d1_1"].pk, person.pk}
    assert person.pk in listed(response)


@pytest.mark.req("SEC-03")
def test_filter_by_iin_follows_the_search_rule(client, reads):
    person = reads.people["d1_1"]
    client.force_login(reads.user("auditor"))
    # The six visible digits find the reads; more digits reveal nothing to the auditor
    assert person.pk in listed(client.get(URL, {"person": person.iin[:6]}))
    assert listed(client.get(URL, {"person": person.iin[:8]})) == set()
    client.force_login(reads.user("sysadmin"))
    assert listed(client.get(URL, {"person": person.iin})) == {person.pk}


def test_filter_by_actor(client, reads):
    client.force_login(reads.user("sysadmin"))
    response = client.get(URL, {"actor": "sysadmin"})
    assert listed(response) == {reads.people["other_1"].pk, reads.people["kg_1"].pk}


def test_filter_by_dates(client, reads):
    old = timezone.now() - dt.timedelta(days=40)
    PersonalDataRead.objects.filter(person=reads.people["d1_1"]).update(created_at=old)
    client.force_login(reads.user("auditor"))
    today = timezone.localdate()
    assert listed(client.get(URL, {"date_from": today.isoformat()})) == {reads.people["d3_2"].pk}
    day = timezone.localtime(old).date().isoformat()
    assert listed(client.get(URL, {"date_from": day, "date_to": day})) == {reads.people["d1_1"].pk}


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2025-13-40"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2025-06-02", "date_to": "2025-06-01"}, "date_to"),
    ],
)
def test_invalid_dates_are_a_clear_error_not_a_default(client, reads, params, field):
    client.force_login(reads.user("auditor"))
    response = client.get(URL, params)
    assert response.status_code == 400  # I18N-01: a filter not understood is a 400, not a default
    assert field in response.context["form"].errors
    assert response.context["page"] is None  # no list under a filter that was not understood
    body = response.content.decode()
    assert "is-invalid" in body
    assert "Correct the filters to see the reads." in body
    if field == "date_to" and "date_from" in params:
        assert "The last day must not be before the first day." in body


# --- paging and the query count -----------------------------------------------------------------


def _more_reads(world, n: int) -> None:
    people = [EmploymentFactory(unit=world.units["d2"]).person for _ in range(n)]
    privacy.log_full_reads(world.user("hr_officer"), people, where=ReadChannel.API, source="/api/v1/persons/")


def test_the_log_is_paged_with_a_constant_number_of_queries(client, world):
    client.force_login(world.user("auditor"))
    _more_reads(world, 3)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _more_reads(world, 40)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.context["page"].paginator.count == 43
    assert len(response.context["page"].object_list) == 25
    assert len(client.get(URL, {"page": 2}).context["page"].object_list) == 18
