"""The PD history import tells nothing about people outside the organisation (SEC-01)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from biliktilik.ledger.importing import import_pd_records
from biliktilik.ledger.models import PDRecord
from biliktilik.people.iin import make_iin

from .test_import import HEADER, csv_bytes

pytestmark = pytest.mark.django_db


def report_for(world, person_column: str, value: str, *, dry_run: bool):
    header = [person_column if h == "person_iin" else h for h in HEADER]
    content = csv_bytes([[value, "course_short", "T", "2019-02-04", "2019-02-15", "72", ""]], header=header)
    with translation.override("en"):
        return import_pd_records(
            actor=world.user("hr_officer"),
            organisation=world.orgs["uni"],
            content=content,
            filename="history.csv",
            dry_run=dry_run,
        )


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("dry_run", [True, False], ids=["check-only", "import"])
def test_an_iin_outside_the_organisation_is_not_found_exactly_like_an_unknown_one(world, dry_run):
    elsewhere = report_for(world, "person_iin", world.people["other_1"].iin, dry_run=dry_run)  # works in uni2
    unknown = report_for(world, "person_iin", make_iin(dt.date(1977, 7, 7), 4242), dry_run=dry_run)

    assert elsewhere.problems == unknown.problems
    assert [(p.row, p.column) for p in elsewhere.problems] == [(2, "person_iin")]
    assert not PDRecord.objects.exists()


@pytest.mark.req("SEC-01")
def test_an_external_id_outside_the_organisation_is_not_found_exactly_like_an_unknown_one(world):
    person = world.people["other_1"]
    person.external_id = "UNI2-7"
    person.save(update_fields=["external_id"])

    elsewhere = report_for(world, "person_external_id", "UNI2-7", dry_run=True)
    unknown = report_for(world, "person_external_id", "NOBODY-1", dry_run=True)

    assert elsewhere.problems == unknown.problems
    assert [(p.row, p.column) for p in elsewhere.problems] == [(2, "person_external_id")]
