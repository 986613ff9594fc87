"""The staff import cannot take over, or reveal, a person outside the importer's scope (SEC-01)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation

from biliktilik.core.errors import ApplicationError
from biliktilik.core.models import AuditEvent
from biliktilik.core.roles import Role
from biliktilik.people.importing import ImportReport, staff_import
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import person_editable_by
from biliktilik.people.services import person_update
from biliktilik.people.tests.test_import_reading import file_of, iin_for, staff_row
from tests.factories import RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSON_FIELDS = ("iin", "external_id", "last_name", "first_name", "middle_name", "birth_date", "sex", "email", "phone")


@pytest.fixture
def hr2(world: Any) -> Any:
    """An HR officer of the second university only."""
    user = UserFactory(username="hr2")
    RoleGrantFactory(user=user, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    return user


def run(actor: Any, rows: list[dict[str, Any]], *, dry_run: bool = False, kind: str = "csv") -> ImportReport:
    with translation.override("en"):
        return staff_import(
            actor=actor, file=io.BytesIO(file_of(rows, kind)), filename=f"staff.{kind}", dry_run=dry_run
        )


def row_for_uni2(iin: str, **overrides: Any) -> dict[str, Any]:
    return staff_row(1, iin=iin, unit="X1", organisation_code="uni2", last_name="Басқа", **overrides)


def personal_data(person: Person) -> dict[str, Any]:
    person.refresh_from_db()
    return {name: getattr(person, name) for name in PERSON_FIELDS}


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("dry_run", [True, False], ids=["check-only", "import"])
def test_an_iin_outside_the_scope_reports_exactly_like_an_unknown_iin(world: Any, hr2: Any, dry_run: bool) -> None:
    person = world.people["d1_1"]  # employed in uni only

    known = run(hr2, [row_for_uni2(person.iin, email="taken@example.kz")], dry_run=True)
    unknown = run(hr2, [row_for_uni2(iin_for(901), email="taken@example.kz")], dry_run=True)

    assert known.errors == unknown.errors == []
    assert known.counts() == unknown.counts()
    assert known.counts()["persons_created"] == 1
    assert known.counts()["persons_updated"] == 0


@pytest.mark.req("SEC-01")
def test_hr_of_another_organisation_cannot_overwrite_a_person(world: Any, hr2: Any) -> None:
    person = world.people["d1_1"]
    before = personal_data(person)

    report = run(hr2, [row_for_uni2(person.iin, email="attacker@example.kz", external_id="X-1")], kind="xlsx")

    assert report.errors == []
    assert report.counts()["persons_created"] == 1
    assert personal_data(person) == before
    assert Person.objects.filter(iin=person.iin).count() == 1
    assert not AuditEvent.objects.filter(action="person.update", object_id=str(person.pk)).exists()
    # The row's employment is added, in the importer's organisation only.
    added = Employment.objects.get(person=person, organisation=world.orgs["uni2"])
    assert added.unit == world.units["other"]
    assert added.is_primary is False  # the person's primary employment stays in uni


@pytest.mark.req("SEC-01")
def test_two_rows_of_a_hidden_person_are_one_person_and_never_update_them(world: Any, hr2: Any) -> None:
    person = world.people["d1_1"]
    before = personal_data(person)
    rows = [row_for_uni2(person.iin), row_for_uni2(person.iin, start_date="01.09.2022")]

    report = run(hr2, rows)

    assert report.errors == []
    assert report.counts()["persons_created"] == 1
    assert report.counts()["employments_created"] == 2
    assert personal_data(person) == before


@pytest.mark.req("SEC-01")
def test_hr_of_the_persons_own_organisation_still_updates_them(world: Any) -> None:
    person = world.people["d1_1"]

    report = run(world.user("hr_officer"), [staff_row(1, iin=person.iin, organisation_code="uni", last_name="Жаңа")])

    assert report.errors == []
    assert report.counts()["persons_updated"] == 1
    person.refresh_from_db()
    assert person.last_name == "Жаңа"


@pytest.mark.req("SEC-01")
def test_an_attached_person_stays_out_of_reach_of_the_second_employer(world: Any, hr2: Any) -> None:
    # given a person of uni attached to uni2 by its import
    person = world.people["d1_1"]
    run(hr2, [row_for_uni2(person.iin)])
    before = personal_data(person)

    # when the HR officer of uni2 imports new personal data or edits the person directly
    again = run(hr2, [row_for_uni2(person.iin, email="attacker@example.kz")])
    person.refresh_from_db()

    # then nothing of the person changes: the personal data belong to every current employer at once
    assert personal_data(person) == before
    assert not person_editable_by(hr2, person)
    with pytest.raises(ApplicationError):
        person_update(actor=hr2, person=person, email="attacker@example.kz")
    assert personal_data(person) == before
    # while the HR officer of uni, who also does not serve uni2, cannot either: only both or the administrator
    assert not person_editable_by(world.user(Role.HR_OFFICER), person)
    assert person_editable_by(world.user(Role.SYSADMIN), person)
    assert [(p.row, p.message) for p in again.errors] == [(2, "You may not change this person's record.")]
    assert again.counts()["persons_updated"] == 0
