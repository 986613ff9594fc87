"""HR forms on the person page: edit the person, add an employment, end an employment.

Only HR officers of the person's organisation and system administrators may use them; every
other role gets 403 (or 404 when it may not even see the person) and nothing changes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from biliktilik.core.models import AuditEvent
from biliktilik.people.enums import EmploymentEndReason, StaffCategory
from biliktilik.people.models import Employment, Person
from conftest import ALL_ROLES

EDITORS = {"hr_officer", "sysadmin"}
# Roles that see d1_1's file but may not change it: 403. The rest of the world: 404.
SEE_ONLY = {"employee", "unit_head", "institute_director", "pd_officer", "finance_officer", "first_head", "auditor"}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def expected_status(role: str) -> int:
    if role in EDITORS:
        return 200
    return 403 if role in SEE_ONLY else 404


def edit_url(person) -> str:
    return reverse("people:person_edit", kwargs={"public_id": person.public_id})


def add_url(person) -> str:
    return reverse("people:employment_add", kwargs={"public_id": person.public_id})


def end_url(employment) -> str:
    return reverse("people:employment_end", kwargs={"public_id": employment.public_id})


def person_state(person: Person) -> dict:
    return {f: getattr(Person.objects.get(pk=person.pk), f) for f in ("last_name", "phone", "iin", "email")}


def database_state() -> tuple:
    return (
        AuditEvent.objects.count(),
        Employment.objects.count(),
        list(Employment.objects.order_by("pk").values_list("end_date", "end_reason")),
    )


def person_post(person, **changes) -> dict:
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "iin": person.iin,
        "external_id": person.external_id,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "sex": person.sex,
        "email": person.email,
        "phone": person.phone,
        "academic_title": person.academic_title,
    }
    data.update(changes)
    return data


def employment_post(world, **changes) -> dict:
    data = {
        "organisation": world.orgs["uni"].pk,
        "unit": world.units["d3"].pk,
        "position": world.people["d3_1"].employments.get().position_id,
        "category": "",
        "rate": "0.5",
        "start_date": "2025-09-01",
        "is_primary": "",
        "competition_date": "",
        "competition_term_years": "",
    }
    data.update(changes)
    return data


# --- anonymous ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["edit", "add", "end"])
def test_anonymous_is_sent_to_login(client, world, which):
    person = world.people["d1_1"]
    target = {"edit": edit_url(person), "add": add_url(person), "end": end_url(person.employments.get())}[which]

    response = client.post(target, {"end_date": "2025-01-01", "end_reason": "voluntary"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- edit the person ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_edit_form_status_for_each_role(client, world, role):
    client.force_login(world.user(role))

    response = client.get(edit_url(world.people["d1_1"]))

    assert response.status_code == expected_status(role)


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - EDITORS))
def test_edit_refused_changes_nothing(client, world, role):
    person = world.people["d1_1"]
    before, db_before = person_state(person), database_state()
    client.force_login(world.user(role))

    response = client.post(edit_url(person), person_post(person, last_name="Changed", phone="123"))

    assert response.status_code == expected_status(role)
    assert person_state(person) == before
    assert database_state() == db_before


@pytest.mark.parametrize("role", sorted(EDITORS))
def test_edit_saves_through_the_service(client, world, role):
    person = world.people["d1_1"]
    Person.objects.filter(pk=person.pk).update(birth_date=dt.date(1961, 1, 2))
    person.refresh_from_db()
    client.force_login(world.user(role))

    response = client.post(edit_url(person), person_post(person, phone="+7 727 000 00 00", email="a@b.kz"))

    assert response.status_code == 302
    assert response.url == reverse("people:person_detail", kwargs={"public_id": person.public_id})
    assert person_state(person)["phone"] == "+7 727 000 00 00"
    event = AuditEvent.objects.get(action="person.update", object_id=str(person.pk))
    assert event.changes == {"phone": ["", "+7 727 000 00 00"], "email": ["", "a@b.kz"]}
    assert event.actor == world.user(role)


@pytest.mark.parametrize(
    ("iin", "message"),
    [
        ("123456789012", "IIN must be 12 digits with a correct check digit."),
        (None, "A person with this IIN already exists."),
    ],
    ids=["bad-check-digit", "duplicate"],
)
def test_edit_shows_a_service_error_next_to_its_field(client, world, iin, message):
    person = world.people["d1_1"]
    iin = iin or world.people["d1_2"].iin
    before = person_state(person)
    client.force_login(world.user("hr_officer"))

    response = client.post(edit_url(person), person_post(person, iin=iin))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"iin": [message]}
    assert "is-invalid" in form["iin"].field.widget.attrs["class"]
    assert person_state(person) == before


def test_edit_form_is_filled_with_the_person(client, world):
    person = world.people["d1_1"]
    client.force_login(world.user("hr_officer"))

    form = client.get(edit_url(person)).context["form"]

    assert form["last_name"].value() == person.last_name
    assert form["iin"].value() == person.iin


# --- add an employment --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_add_employment_form_status_for_each_role(client, world, role):
    client.force_login(world.user(role))

    response = client.get(add_url(world.people["d1_1"]))

    assert response.status_code == expected_status(role)


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - EDITORS))
def test_add_employment_refused_changes_nothing(client, world, role):
    before = database_state()
    client.force_login(world.user(role))

    response = client.post(add_url(world.people["d1_1"]), employment_post(world))

    assert response.status_code == expected_status(role)
    assert database_state() == before


def test_hr_adds_an_employment(client, world):
    person = world.people["d1_1"]
    client.force_login(world.user("hr_officer"))

    response = client.post(
        add_url(person),
        employment_post(
            world, category=StaffCategory.RESEARCH, competition_date="2025-06-01", competition_term_years=3
        ),
    )

    assert response.status_code == 302
    added = person.employments.get(unit=world.units["d3"])
    assert (added.category, str(added.rate), added.start_date, added.is_primary) == (
        StaffCategory.RESEARCH,
        "0.50",
        dt.date(2025, 9, 1),
        False,
    )
    assert added.competition_term_end == dt.date(2028, 6, 1)
    assert AuditEvent.objects.filter(action="employment.create", object_id=str(added.pk)).count() == 1


def test_hr_is_offered_only_their_organisation(client, world):
    client.force_login(world.user("hr_officer"))

    form = client.get(add_url(world.people["d1_1"])).context["form"]

    assert list(form.fields["organisation"].queryset) == [world.orgs["uni"]]
    assert {u.organisation_id for u in form.fields["unit"].queryset} == {world.orgs["uni"].pk}


def test_hr_cannot_hire_into_another_organisation(client, world):
    before = database_state()
    client.force_login(world.user("hr_officer"))

    response = client.post(
        add_url(world.people["d1_1"]),
        employment_post(world, organisation=world.orgs["uni2"].pk, unit=world.units["other"].pk),
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"organisation", "unit"}
    assert database_state() == before


def test_a_unit_of_another_organisation_is_refused_next_to_the_unit(client, world):
    before = database_state()
    client.force_login(world.user("sysadmin"))

    response = client.post(add_url(world.people["d1_1"]), employment_post(world, unit=world.units["other"].pk))

    assert response.status_code == 200
    assert response.context["form"].errors == {"unit": ["The unit belongs to another organisation."]}
    assert database_state() == before


def test_a_rate_out_of_range_is_refused_next_to_the_rate(client, world):
    client.force_login(world.user("hr_officer"))

    response = client.post(add_url(world.people["d1_1"]), employment_post(world, rate="2.5"))

    assert response.context["form"].errors == {"rate": ["The rate must be more than 0 and at most 2."]}


# --- end an employment --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_end_form_status_for_each_role(client, world, role):
    client.force_login(world.user(role))

    response = client.get(end_url(world.people["d1_1"].employments.get()))

    assert response.status_code == expected_status(role)


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - EDITORS))
def test_end_refused_changes_nothing(client, world, role):
    before = database_state()
    client.force_login(world.user(role))

    response = client.post(
        end_url(world.people["d1_1"].employments.get()),
        {"end_date": "2025-06-30", "end_reason": EmploymentEndReason.VOLUNTARY},
    )

    assert response.status_code == expected_status(role)
    assert database_state() == before


def test_hr_ends_an_employment(client, world):
    employment = world.people["d1_1"].employments.get()
    client.force_login(world.user("hr_officer"))

    response = client.post(
        end_url(employment), {"end_date": "2025-06-30", "end_reason": EmploymentEndReason.RETIREMENT}
    )

    assert response.status_code == 302
    employment.refresh_from_db()
    assert (employment.end_date, employment.end_reason) == (dt.date(2025, 6, 30), EmploymentEndReason.RETIREMENT)
    event = AuditEvent.objects.get(action="employment.update", object_id=str(employment.pk))
    assert event.changes == {"end_date": [None, "2025-06-30"], "end_reason": ["", "retirement"]}


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"end_date": "2025-06-30", "end_reason": ""}, {"end_reason": ["Give the reason the employment ends."]}),
        (
            {"end_date": "2010-01-01", "end_reason": EmploymentEndReason.VOLUNTARY},
            {"end_date": ["The end date cannot be before the start date."]},
        ),
    ],
    ids=["no-reason", "before-start"],
)
def test_end_shows_service_errors_next_to_their_field(client, world, data, errors):
    employment = world.people["d1_1"].employments.get()
    before = database_state()
    client.force_login(world.user("hr_officer"))

    response = client.post(end_url(employment), data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert database_state() == before


def test_end_button_only_for_editors(client, world):
    person = world.people["d1_1"]
    employment_end = end_url(person.employments.get())

    client.force_login(world.user("hr_officer"))
    hr_body = client.get(reverse("people:person_detail", kwargs={"public_id": person.public_id})).content.decode()
    client.force_login(world.user("auditor"))
    auditor_body = client.get(reverse("people:person_detail", kwargs={"public_id": person.public_id})).content.decode()

    assert [link in hr_body for link in (employment_end, edit_url(person), add_url(person))] == [True] * 3
    assert [link in auditor_body for link in (employment_end, edit_url(person), add_url(person))] == [False] * 3
