"""Reads of the ledger: who sees which records (SEC-01), the verification queue, the personal file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from biliktilik.ledger import selectors, services
from biliktilik.ledger.enums import EvidenceStatus, PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord

from .conftest import make_evidence, make_record
from .roles import ALL_ROLES, MANAGERS

# role -> the world's people whose records (kept by their own employer) the role sees
SEES = {
    "employee": {"d1_1"},
    "unit_head": {"d1_1", "d1_2"},
    "institute_director": {"d1_1", "d1_2", "d2_1", "d2_2"},
    "hr_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "pd_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "finance_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "first_head": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "auditor": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "authority_officer": {"kg_1", "kg_2", "pv_1", "pv_2"},
    "provider_admin": {"pv_1", "pv_2"},
    "trainer": {"pv_1"},
}
EMPLOYER = {"d1": "uni", "d2": "uni", "d3": "uni", "hr": "uni", "other": "uni2", "kg": "preschool", "pv": "provider"}


@pytest.fixture
def one_record_each(world):
    """One record of every staff member of the world, kept by their employer."""
    return {
        key: make_record(world, key, organisation_key=EMPLOYER[key.rsplit("_", 1)[0]])
        for key in world.people
        if key != "outsider"
    }


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", sorted(SEES))
def test_each_role_sees_exactly_the_records_of_the_people_it_sees(world, one_record_each, role):
    seen = set(selectors.records_visible_to(world.user(role)))
    assert seen == {one_record_each[key] for key in SEES[role]}


@pytest.mark.req("SEC-01")
def test_sysadmin_sees_every_record_and_anonymous_none(world, one_record_each):
    assert set(selectors.records_visible_to(world.user("sysadmin"))) == set(one_record_each.values())
    assert not selectors.records_visible_to(AnonymousUser()).exists()


def test_hr_sees_the_records_kept_by_its_organisation_of_someone_it_does_not_see(world):
    # A record of the other university's employee put on the first university's books (e.g. a
    # course the first university paid for) is seen by the first university's HR.
    record = make_record(world, "other_1", organisation_key="uni2")
    assert record not in selectors.records_visible_to(world.user("hr_officer"))
    PDRecord.objects.filter(pk=record.pk).update(organisation=world.orgs["uni"])
    assert record in selectors.records_visible_to(world.user("hr_officer"))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_verification_queue(world, role):
    waiting = make_record(world)
    verified = make_record(world, "d2_1", status=RecordStatus.VERIFIED)
    elsewhere = make_record(world, "other_1", organisation_key="uni2")
    evidence = make_evidence(world, verified)
    accepted = make_evidence(world, verified)
    services.evidence_accept(actor=world.user("sysadmin"), evidence=accepted)
    other_evidence = make_evidence(world, elsewhere)

    queue = selectors.verification_queue(world.user(role))
    if role == "sysadmin":
        assert set(queue.records) == {waiting, elsewhere}
        assert set(queue.evidence) == {evidence, other_evidence}
    elif role in MANAGERS:
        assert list(queue.records) == [waiting]
        assert list(queue.evidence) == [evidence]
    else:
        assert list(queue.records) == []
        assert list(queue.evidence) == []


def test_queue_holds_only_pending_documents(world):
    record = make_record(world)
    evidence = make_evidence(world, record)
    services.evidence_return(actor=world.user("hr_officer"), evidence=evidence, reason="Blurred")
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.RETURNED
    assert list(selectors.verification_queue(world.user("hr_officer")).evidence) == []


@pytest.mark.req("PEO-06")
def test_personal_file_lists_every_record_with_its_documents(world, django_assert_num_queries):
    # Given two records of the employee, with documents, and a record of another person
    first = make_record(world, status=RecordStatus.VERIFIED, hours=72)
    second = make_record(world, form=PDForm.SEMINAR, title="Assessment", hours=16)
    make_record(world, "d1_2")
    certificate = make_evidence(world, first)
    programme = make_evidence(world, second, name="programme.png", content=b"\x89PNG\r\n\x1a\n" + bytes(10))
    hr = world.user("hr_officer")
    person = world.people["d1_1"]
    hr_scope_warm = list(selectors.records_visible_to(hr)[:1])  # the scope is computed once per user
    assert hr_scope_warm
    # When HR opens the personal file, then every record and document is there in three queries
    with django_assert_num_queries(3):
        pd_file = selectors.person_file_records(hr, person)
        documents = {r.title: [e.original_name for e in r.evidence.all()] for r in pd_file.records}
    assert [r.pk for r in pd_file.records] == [second.pk, first.pk]
    assert documents == {first.title: [certificate.original_name], second.title: [programme.original_name]}
    assert pd_file.verified_hours == 72


def test_personal_file_of_someone_not_visible_is_empty(world):
    make_record(world)
    assert selectors.person_file_records(world.user("provider_admin"), world.people["d1_1"]).records == []


@pytest.mark.parametrize("rows", [2, 30])
def test_record_list_costs_a_fixed_number_of_queries(world, rows, django_assert_max_num_queries):
    for n in range(rows):
        make_record(world, "d1_1" if n % 2 else "d2_1", title=f"Course {n}")
    hr = world.user("hr_officer")
    list(selectors.records_visible_to(hr)[:1])  # compute the scope first
    with django_assert_max_num_queries(1):
        listed = [
            (r.person.full_name, str(r.organisation), r.provider_label, r.evidence_count)
            for r in selectors.record_list(hr)
        ]
    assert len(listed) == rows
