"""Writes to people and employments: validation names the field, only HR of the organisation
(or a system administrator) may write, a refused write changes nothing, and every write is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.core.roles import Role
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Employment, Person
from biliktilik.people.services import (
    employment_create,
    employment_end,
    employment_update,
    person_create,
    person_update,
)
from tests.factories import PersonFactory, PositionFactory

ROLES = [r.value for r in Role]
# Only these may write staff records; every other role and an anonymous visitor are refused.
STAFF_EDITORS = [Role.HR_OFFICER.value, Role.SYSADMIN.value]
DENIED = [*(r for r in ROLES if r not in STAFF_EDITORS), "anonymous"]


def actor_for(world, role):
    return AnonymousUser() if role == "anonymous" else world.user(role)


def person_state(person):
    person.refresh_from_db()
    return {f.attname: getattr(person, f.attname) for f in Person._meta.concrete_fields}


def employment_state(employment):
    employment.refresh_from_db()
    return {f.attname: getattr(employment, f.attname) for f in Employment._meta.concrete_fields}


# --- person_create ---------------------------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_hr_creates_a_person_and_the_audit_keeps_the_new_values(world):
    # given
    hr, uni = world.user("hr_officer"), world.orgs["uni"]
    iin = make_iin(dt.date(1985, 4, 12), 77, female=True)
    # when
    person = person_create(
        actor=hr, organisation=uni, last_name=" Нұрланова ", first_name="Әйгерім", iin=iin, email="a@kafu.kz"
    )
    # then the names are trimmed and the birth date is read from the IIN
    person.refresh_from_db()
    assert (person.last_name, person.first_name, person.birth_date) == ("Нұрланова", "Әйгерім", dt.date(1985, 4, 12))
    event = AuditEvent.objects.get(action="person.create", object_id=str(person.pk))
    assert event.actor == hr
    assert event.organisation_id == uni.pk
    assert event.changes == {
        "last_name": [None, "Нұрланова"],
        "first_name": [None, "Әйгерім"],
        "iin": [None, iin],
        "birth_date": [None, "1985-04-12"],
        "email": [None, "a@kafu.kz"],
    }


@pytest.mark.parametrize("role", DENIED)
def test_other_roles_may_not_create_a_person(world, role):
    # given
    before = (Person.objects.count(), AuditEvent.objects.count())
    # when
    with pytest.raises(ApplicationError) as caught:
        person_create(
            actor=actor_for(world, role), organisation=world.orgs["uni"], last_name="Иванов", first_name="Сергей"
        )
    # then a refusal says so and leaves nothing behind
    assert (caught.value.code, caught.value.status) == (ErrorCode.PERMISSION_DENIED, 403)
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", STAFF_EDITORS)
def test_hr_of_the_organisation_or_a_sysadmin_may_create_a_person(world, role):
    before = (Person.objects.count(), AuditEvent.objects.count())
    person = person_create(
        actor=world.user(role), organisation=world.orgs["uni"], last_name="Иванов", first_name="Сергей"
    )
    assert person.full_name == "Иванов Сергей"
    assert (Person.objects.count(), AuditEvent.objects.count()) == (before[0] + 1, before[1] + 1)


def test_hr_of_one_organisation_may_not_create_for_another(world):
    before = Person.objects.count()
    with pytest.raises(ApplicationError) as caught:
        person_create(actor=world.user("hr_officer"), organisation=world.orgs["uni2"], last_name="A", first_name="B")
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        pytest.param({"last_name": "", "first_name": "Асқар"}, "last_name", ErrorCode.VALIDATION, id="no-last-name"),
        pytest.param(
            {"last_name": "Әбілқасымов", "first_name": "  "}, "first_name", ErrorCode.VALIDATION, id="blank-first-name"
        ),
        pytest.param(
            {"last_name": "A", "first_name": "B", "iin": "123456789012"}, "iin", ErrorCode.INVALID_IIN, id="bad-iin"
        ),
        pytest.param(
            {"last_name": "A", "first_name": "B", "iin": "EXISTING"}, "iin", ErrorCode.DUPLICATE, id="duplicate-iin"
        ),
        pytest.param(
            {"last_name": "A", "first_name": "B", "external_id": "HR-0001"},
            "external_id",
            ErrorCode.DUPLICATE,
            id="duplicate-external-id",
        ),
        pytest.param(
            {"last_name": "A", "first_name": "B", "salary": 1}, None, ErrorCode.VALIDATION, id="unknown-field"
        ),
    ],
)
def test_person_create_validation_names_the_field(world, data, field, code):
    # given a person who already holds an IIN and an external id
    existing = PersonFactory(external_id="HR-0001")
    if data.get("iin") == "EXISTING":
        data = {**data, "iin": existing.iin}
    before = (Person.objects.count(), AuditEvent.objects.count())
    # when
    with pytest.raises(ApplicationError) as caught:
        person_create(actor=world.user("hr_officer"), organisation=world.orgs["uni"], **data)
    # then
    assert (caught.value.field, caught.value.code) == (field, code)
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


# --- person_update ---------------------------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_person_update_audits_old_and_new_values_of_the_changed_fields_only(world):
    # given a member of staff of the university
    hr, person = world.user("hr_officer"), world.people["d2_1"]
    old_last_name = person.last_name
    # when
    person_update(actor=hr, person=person, last_name="Жаңа", phone="+7 701 000 00 00", first_name=person.first_name)
    # then
    person.refresh_from_db()
    assert (person.last_name, person.phone, person.search_name.startswith("жаңа ")) == (
        "Жаңа",
        "+7 701 000 00 00",
        True,
    )
    event = AuditEvent.objects.get(action="person.update", object_id=str(person.pk))
    assert event.actor == hr
    assert event.organisation_id == world.orgs["uni"].pk
    assert event.changes == {"last_name": [old_last_name, "Жаңа"], "phone": ["", "+7 701 000 00 00"]}


def test_person_update_without_a_change_writes_no_audit_event(world):
    person = world.people["d2_1"]
    before = AuditEvent.objects.count()
    person_update(actor=world.user("hr_officer"), person=person, last_name=person.last_name)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", DENIED)
def test_other_roles_may_not_update_a_person(world, role):
    # given a member of staff of the university
    person = world.people["d3_1"]
    before = (person_state(person), AuditEvent.objects.count())
    # when
    with pytest.raises(ApplicationError) as caught:
        person_update(actor=actor_for(world, role), person=person, email="changed@kafu.kz")
    # then
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert (person_state(person), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", STAFF_EDITORS)
def test_hr_of_the_organisation_or_a_sysadmin_may_update_a_person(world, role):
    person = world.people["d3_1"]
    before = AuditEvent.objects.count()
    person_update(actor=world.user(role), person=person, email="changed@kafu.kz")
    assert person_state(person)["email"] == "changed@kafu.kz"
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.parametrize(
    "key", ["other_1", "kg_1", "outsider"], ids=["another-university", "pre-school", "no-employment"]
)
def test_hr_may_not_update_people_outside_its_organisation(world, key):
    person = world.people[key]
    before = person_state(person)
    with pytest.raises(ApplicationError) as caught:
        person_update(actor=world.user("hr_officer"), person=person, email="x@example.kz")
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert person_state(person) == before


def test_person_update_rejects_another_persons_iin(world):
    person, other = world.people["d1_1"], world.people["d1_2"]
    before = person_state(person)
    with pytest.raises(ApplicationError) as caught:
        person_update(actor=world.user("hr_officer"), person=person, iin=other.iin)
    assert (caught.value.field, caught.value.code) == ("iin", ErrorCode.DUPLICATE)
    assert person_state(person) == before


def test_person_update_keeps_its_own_iin(world):
    person = world.people["d1_1"]
    person_update(actor=world.user("hr_officer"), person=person, iin=person.iin, first_name="Ерлан")
    person.refresh_from_db()
    assert person.first_name == "Ерлан"


# --- employment_create -------------------------------------------------------------------------------


@pytest.mark.req("PEO-01")
def test_a_person_may_hold_several_employments(world):
    # given a lecturer of the first university
    person, sysadmin = world.people["d1_1"], world.user("sysadmin")
    # when the second university employs them part-time
    second = employment_create(
        actor=sysadmin,
        person=person,
        organisation=world.orgs["uni2"],
        unit=world.units["other"],
        position=PositionFactory(),
        start_date=dt.date(2024, 9, 1),
        rate="0.25",
        is_primary=False,
    )
    # then both employments are kept, each with its own organisation, unit, position, rate and dates
    rows = list(
        person.employments.order_by("start_date").values_list("organisation__code", "unit__code", "rate", "is_primary")
    )
    assert rows == [("uni", "D1", Decimal("1.00"), True), ("uni2", "X1", Decimal("0.25"), False)]
    assert second.category == "faculty"


@pytest.mark.req("PEO-01")
@pytest.mark.req("SEC-02")
def test_hr_creates_an_employment_and_the_audit_keeps_the_new_values(world):
    # given
    hr, person, unit = world.user("hr_officer"), world.people["outsider"], world.units["d3"]
    position = PositionFactory()
    # when
    employment = employment_create(
        actor=hr,
        person=person,
        organisation=world.orgs["uni"],
        unit=unit,
        position=position,
        start_date=dt.date(2025, 2, 3),
        rate=Decimal("0.5"),
    )
    # then
    event = AuditEvent.objects.get(action="employment.create", object_id=str(employment.pk))
    assert event.actor == hr
    assert event.organisation_id == world.orgs["uni"].pk
    assert event.changes == {
        "person": [None, person.pk],
        "organisation": [None, world.orgs["uni"].pk],
        "unit": [None, unit.pk],
        "position": [None, position.pk],
        "category": [None, "faculty"],
        "rate": [None, "0.5"],
        "start_date": [None, "2025-02-03"],
        "is_primary": [None, True],
    }


@pytest.mark.req("PEO-05")
@pytest.mark.parametrize(
    ("competition_date", "years", "term_end"),
    [
        pytest.param(dt.date(2024, 6, 15), 3, dt.date(2027, 6, 15), id="three-years"),
        pytest.param(dt.date(2024, 2, 29), 3, dt.date(2027, 2, 28), id="from-29-february"),
        pytest.param(dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29), id="to-29-february"),
    ],
)
def test_the_competition_term_of_a_contract_is_kept(world, competition_date, years, term_end):
    employment = employment_create(
        actor=world.user("hr_officer"),
        person=world.people["outsider"],
        organisation=world.orgs["uni"],
        unit=world.units["d1"],
        position=PositionFactory(),
        start_date=competition_date,
        competition_date=competition_date,
        competition_term_years=years,
    )
    employment.refresh_from_db()
    assert (employment.competition_date, employment.competition_term_years) == (competition_date, years)
    assert employment.competition_term_end == term_end


def create_employment_as(actor, world):
    return employment_create(
        actor=actor,
        person=world.people["outsider"],
        organisation=world.orgs["uni"],
        unit=world.units["d2"],
        position=PositionFactory(),
        start_date=dt.date(2025, 9, 1),
    )


@pytest.mark.parametrize("role", DENIED)
def test_other_roles_may_not_create_an_employment(world, role):
    before = (Employment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        create_employment_as(actor_for(world, role), world)
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert (Employment.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", STAFF_EDITORS)
def test_hr_of_the_organisation_or_a_sysadmin_may_create_an_employment(world, role):
    before = (Employment.objects.count(), AuditEvent.objects.count())
    employment = create_employment_as(world.user(role), world)
    assert employment.person == world.people["outsider"]
    assert (Employment.objects.count(), AuditEvent.objects.count()) == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"unit": "other"}, "unit", id="unit-of-another-organisation"),
        pytest.param({"position": "own-position-of-uni2"}, "position", id="position-of-another-catalogue"),
        pytest.param({"rate": "0"}, "rate", id="rate-zero"),
        pytest.param({"rate": "2.5"}, "rate", id="rate-above-two"),
        pytest.param({"rate": "one"}, "rate", id="rate-not-a-number"),
        pytest.param({"end_date": dt.date(2025, 8, 31)}, "end_date", id="end-before-start"),
        pytest.param({"end_date": dt.date(2026, 6, 30), "end_reason": "fired"}, "end_reason", id="unknown-end-reason"),
        pytest.param({"end_reason": "voluntary"}, "end_date", id="end-reason-without-end-date"),
        pytest.param({"category": "pilot"}, "category", id="unknown-category"),
    ],
)
def test_employment_create_validation_names_the_field(world, changes, field):
    # given valid arguments, then one of them spoiled
    arguments = {
        "person": world.people["outsider"],
        "organisation": world.orgs["uni"],
        "unit": world.units["d2"],
        "position": PositionFactory(),
        "start_date": dt.date(2025, 9, 1),
    }
    if changes.get("unit") == "other":
        changes = {**changes, "unit": world.units["other"]}
    if changes.get("position") == "own-position-of-uni2":
        changes = {**changes, "position": PositionFactory(code="visiting", organisation=world.orgs["uni2"])}
    before = (Employment.objects.count(), AuditEvent.objects.count())
    # when
    with pytest.raises(ApplicationError) as caught:
        employment_create(actor=world.user("hr_officer"), **{**arguments, **changes})
    # then
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.VALIDATION)
    assert (Employment.objects.count(), AuditEvent.objects.count()) == before


def test_an_organisations_own_position_may_be_used_there(world):
    own = PositionFactory(code="visiting", organisation=world.orgs["uni"])
    employment = employment_create(
        actor=world.user("hr_officer"),
        person=world.people["outsider"],
        organisation=world.orgs["uni"],
        unit=world.units["d1"],
        position=own,
        start_date=dt.date(2025, 9, 1),
    )
    assert employment.position == own


# --- employment_update and employment_end ------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_employment_update_moves_to_another_unit_with_an_audit_event(world):
    employment = world.people["d1_1"].employments.get()
    hr = world.user("hr_officer")
    employment_update(actor=hr, employment=employment, unit=world.units["d3"])
    employment.refresh_from_db()
    assert employment.unit == world.units["d3"]
    event = AuditEvent.objects.get(action="employment.update", object_id=str(employment.pk))
    assert (event.actor, event.changes) == (hr, {"unit": [world.units["d1"].pk, world.units["d3"].pk]})


def test_employment_update_rejects_a_unit_of_another_organisation(world):
    employment = world.people["d1_1"].employments.get()
    before = employment_state(employment)
    with pytest.raises(ApplicationError) as caught:
        employment_update(actor=world.user("hr_officer"), employment=employment, unit=world.units["other"])
    assert caught.value.field == "unit"
    assert employment_state(employment) == before


@pytest.mark.req("SEC-02")
def test_employment_end_records_the_date_and_reason(world):
    # given
    employment = world.people["d2_2"].employments.get()
    hr = world.user("hr_officer")
    # when
    employment_end(actor=hr, employment=employment, end_date=dt.date(2025, 6, 30), end_reason="retirement")
    # then
    employment.refresh_from_db()
    assert (employment.end_date, employment.end_reason) == (dt.date(2025, 6, 30), "retirement")
    assert employment.is_current(dt.date(2025, 7, 1)) is False
    event = AuditEvent.objects.get(action="employment.update", object_id=str(employment.pk))
    assert event.changes == {"end_date": [None, "2025-06-30"], "end_reason": ["", "retirement"]}


@pytest.mark.parametrize(
    ("end_date", "end_reason", "field"),
    [
        pytest.param(dt.date(2025, 6, 30), "", "end_reason", id="no-reason"),
        pytest.param(dt.date(2019, 8, 31), "voluntary", "end_date", id="before-the-start"),
        pytest.param(dt.date(2025, 6, 30), "fired", "end_reason", id="unknown-reason"),
    ],
)
def test_employment_end_validation_names_the_field(world, end_date, end_reason, field):
    employment = world.people["d2_2"].employments.get()
    before = (employment_state(employment), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        employment_end(actor=world.user("hr_officer"), employment=employment, end_date=end_date, end_reason=end_reason)
    assert caught.value.field == field
    assert (employment_state(employment), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", DENIED)
def test_other_roles_may_not_end_an_employment(world, role):
    employment = world.people["d3_2"].employments.get()
    before = (employment_state(employment), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        employment_end(
            actor=actor_for(world, role), employment=employment, end_date=dt.date(2025, 6, 30), end_reason="voluntary"
        )
    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert (employment_state(employment), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("role", STAFF_EDITORS)
def test_hr_of_the_organisation_or_a_sysadmin_may_end_an_employment(world, role):
    employment = world.people["d3_2"].employments.get()
    before = AuditEvent.objects.count()
    employment_end(actor=world.user(role), employment=employment, end_date=dt.date(2025, 6, 30), end_reason="voluntary")
    assert (employment_state(employment)["end_date"], AuditEvent.objects.count()) == (dt.date(2025, 6, 30), before + 1)
