"""SEC-01: a person who works in two organisations shows each viewer only the records of the
organisation the viewer serves; the person themself sees all their records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from biliktilik.compliance.selectors import person_compliance
from biliktilik.core.roles import Role
from biliktilik.ledger import selectors
from tests.factories import EmploymentFactory, PositionFactory, RoleGrantFactory, UserFactory

from .conftest import make_evidence, make_record

pytestmark = pytest.mark.urls("biliktilik.ledger.tests.urls")

# role -> which of the two records of d1_1 it sees ("uni": kept by uni, "uni2": kept by uni2)
SEES = {
    "employee": {"uni", "uni2"},  # the person themself
    "unit_head": {"uni"},
    "institute_director": {"uni"},
    "hr_officer": {"uni"},
    "pd_officer": {"uni"},
    "finance_officer": {"uni"},
    "first_head": {"uni"},
    "auditor": {"uni"},
    "authority_officer": set(),
    "provider_admin": set(),
    "trainer": set(),
    "sysadmin": {"uni", "uni2"},
    "uni2_hr": {"uni2"},
    "uni2_unit_head": {"uni2"},
}


@pytest.fixture
def two_jobs(world):
    """d1_1 works in uni (D1) and in uni2 (X1); each university keeps one record of theirs."""
    person = world.people["d1_1"]
    EmploymentFactory(
        person=person, unit=world.units["other"], position=PositionFactory(), start_date=dt.date(2020, 9, 1)
    )
    hr2 = UserFactory(username="uni2_hr")
    RoleGrantFactory(user=hr2, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    head2 = UserFactory(username="uni2_unit_head")
    RoleGrantFactory(user=head2, role=Role.UNIT_HEAD, organisation=world.orgs["uni2"], unit=world.units["other"])
    world.users.update(uni2_hr=hr2, uni2_unit_head=head2)
    records = {
        "uni": make_record(world, "d1_1", organisation_key="uni", title="Kept by the first university"),
        "uni2": make_record(world, "d1_1", organisation_key="uni2", title="Kept by the second university"),
    }
    evidence = {key: make_evidence(world, record) for key, record in records.items()}
    return person, records, evidence


def _client(client, world, role):
    client.force_login(world.user(role))
    return client


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", sorted(SEES))
def test_records_are_scoped_to_the_organisation_that_keeps_them(world, two_jobs, role):
    person, records, _ = two_jobs

    seen = set(selectors.records_visible_to(world.user(role)).filter(person=person))

    assert seen == {records[key] for key in SEES[role]}


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ["employee", "unit_head", "hr_officer", "uni2_hr", "uni2_unit_head"])
def test_the_person_card_lists_only_the_records_the_viewer_serves(client, world, two_jobs, role):
    person, records, _ = two_jobs

    body = _client(client, world, role).get(reverse("ledger:person_card", args=[person.public_id])).content.decode()

    for key, record in records.items():
        assert (record.title in body) == (key in SEES[role]), key


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ["unit_head", "hr_officer", "uni2_hr"])
def test_pages_exports_and_api_hide_the_other_organisations_record(client, world, two_jobs, role):
    person, records, evidence = two_jobs
    c = _client(client, world, role)
    hidden = next(key for key in records if key not in SEES[role])
    shown = next(key for key in records if key in SEES[role])

    assert c.get(reverse("ledger:record_detail", args=[records[hidden].public_id])).status_code == 404
    assert c.get(reverse("ledger:record_detail", args=[records[shown].public_id])).status_code == 200
    assert c.get(reverse("ledger:evidence_download", args=[evidence[hidden].public_id])).status_code == 404
    assert c.get(reverse("ledger:evidence_download", args=[evidence[shown].public_id])).status_code == 200
    exported = c.get(reverse("ledger:person_records", args=[person.public_id]), {"export": "csv"})
    csv = b"".join(exported.streaming_content if exported.streaming else [exported.content]).decode()
    assert records[shown].title in csv
    assert records[hidden].title not in csv
    api = c.get(reverse("ledger_api:record-list")).json()
    titles = {row["title"] for row in api.get("results", api)}
    assert records[hidden].title not in titles
    assert c.get(reverse("ledger_api:evidence-download", args=[evidence[hidden].public_id])).status_code == 404


@pytest.mark.req("SEC-01")
def test_compliance_counts_every_record_but_lists_only_the_served_ones(world, two_jobs):
    person, records, _ = two_jobs
    on = dt.date(2025, 1, 1)

    as_hr = person_compliance(world.user("hr_officer"), public_id=person.public_id, on=on)
    as_self = person_compliance(world.user("employee"), public_id=person.public_id, on=on)

    assert as_hr is not None
    assert as_self is not None
    assert {row.record for row in as_hr.records} == {records["uni"]}
    assert {row.record for row in as_self.records} == set(records.values())
    listed = {line.record for result in as_hr.results for line in [*result.counted, *result.not_counted]}
    assert records["uni2"] not in listed
    assert [r.amount_counted for r in as_hr.results] == [r.amount_counted for r in as_self.results]
