"""The person page (personal file): who may open it, the IIN mask, its sections, its history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from biliktilik.people import services
from biliktilik.people.enums import DegreeKind, EmploymentEndReason, PedagogueCategory
from biliktilik.people.models import AcademicDegree, Discipline, Graduation, QualificationCategory, TeachingAssignment
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, OrganisationFactory, PersonFactory, RoleGrantFactory, UserFactory

# Roles of the world that may open the personal file of d1_1 (a faculty member of D1).
SEES_D1_1 = {
    "employee",  # it is their own file
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "sysadmin",
}
FULL_IIN = {"employee", "hr_officer", "sysadmin"}
HISTORY = {"hr_officer", "auditor", "sysadmin"}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def url(person) -> str:
    return reverse("people:person_detail", kwargs={"public_id": person.public_id})


def test_anonymous_is_sent_to_login(client, world):
    target = url(world.people["d1_1"])

    response = client.get(target)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={target}"


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_status_for_each_role(client, world, role):
    client.force_login(world.user(role))

    response = client.get(url(world.people["d1_1"]))

    assert response.status_code == (200 if role in SEES_D1_1 else 404)


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_person_outside_every_scope_is_not_found(client, world, role):
    client.force_login(world.user(role))

    response = client.get(url(world.people["outsider"]))

    assert response.status_code == (200 if role == "sysadmin" else 404)


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", sorted(SEES_D1_1))
def test_iin_is_masked_except_for_the_person_hr_and_sysadmin(client, world, role):
    person = world.people["d1_1"]
    client.force_login(world.user(role))

    body = client.get(url(person)).content.decode()

    if role in FULL_IIN:
        assert person.iin in body
    else:
        assert person.iin not in body
        assert f"{person.iin[:6]}******" in body


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize(
    ("grant_role", "full"),
    [("hr_officer", True), ("provider_admin", False)],
    ids=["hr-of-a-second-employer", "provider-admin-of-a-second-employer"],
)
def test_iin_for_a_second_employer(client, world, grant_role, full):
    person = world.people["d1_1"]
    EmploymentFactory(person=person, unit=world.units["pv"], is_primary=False, rate="0.25")
    viewer = UserFactory(username=f"provider-{grant_role}")
    RoleGrantFactory(user=viewer, role=grant_role, organisation=world.orgs["provider"])
    client.force_login(viewer)

    body = client.get(url(person)).content.decode()

    assert (person.iin in body) is full
    assert (f"{person.iin[:6]}******" in body) is (not full)


@pytest.mark.parametrize("role", sorted(SEES_D1_1))
def test_change_history_only_for_hr_auditor_and_sysadmin(client, world, role):
    client.force_login(world.user(role))

    body = client.get(url(world.people["d1_1"])).content.decode()

    assert ('id="history"' in body) is (role in HISTORY)


@pytest.mark.req("SEC-02")
def test_history_shows_who_when_and_old_to_new(client, world):
    person = world.people["d1_1"]
    hr = world.user("hr_officer")
    services.person_update(actor=hr, person=person, phone="+7 701 000 00 00")
    employment = person.employments.get()
    services.employment_end(
        actor=hr, employment=employment, end_date=dt.date(2024, 8, 31), end_reason=EmploymentEndReason.TERM_ENDED
    )
    client.force_login(world.user("auditor"))

    response = client.get(url(person))

    history = response.context["history"]
    assert [entry.action for entry in history] == ["Employment changed", "Personal data changed"]
    ended = {c.label: (c.old, c.new) for c in history[0].changes}
    assert ended == {"End": ("—", "31.08.2024"), "End reason": ("—", "End of the competition term")}
    assert [(c.label, c.old, c.new) for c in history[1].changes] == [("Phone", "—", "+7 701 000 00 00")]
    body = response.content.decode()
    assert world.people["hr_1"].short_name in body  # the actor, by their short name


def test_history_names_units_and_positions_rather_than_ids(client, world):
    person = world.people["d3_1"]
    services.employment_create(
        actor=world.user("hr_officer"),
        person=person,
        organisation=world.orgs["uni"],
        unit=world.units["hr"],
        position=person.employments.get().position,
        start_date=dt.date(2024, 9, 1),
        rate="0.5",
        is_primary=False,
    )
    client.force_login(world.user("hr_officer"))

    history = client.get(url(person)).context["history"]

    added = {c.label: c.new for c in history[0].changes}
    assert added["Unit"] == str(world.units["hr"])
    assert added["Organisation"] == str(world.orgs["uni"])
    assert added["Position"] == str(person.employments.first().position)
    assert added["Start"] == "01.09.2024"


def test_empty_sections_say_so(client, world):
    client.force_login(world.user("hr_officer"))

    body = client.get(url(world.people["d1_1"])).content.decode()

    for sentence in (
        "No academic degrees recorded.",
        "No pedagogue qualification category recorded.",
        "No disciplines taught recorded.",
        "No graduations recorded.",
        "No changes recorded.",
    ):
        assert sentence in body


def _fill_personal_file(world, person, employments: int) -> None:
    uni = world.orgs["uni"]
    for n in range(employments):
        EmploymentFactory(
            person=person,
            unit=world.units["d2"],
            start_date=dt.date(2000 + n, 9, 1),
            end_date=dt.date(2000 + n, 12, 31),
            end_reason=EmploymentEndReason.AGREEMENT,
            is_primary=False,
        )
    AcademicDegree.objects.create(person=person, kind=DegreeKind.PHD, field="Physics", awarded_on=dt.date(2015, 6, 1))
    QualificationCategory.objects.create(
        person=person, category=PedagogueCategory.RESEARCHER, awarded_on=dt.date(2022, 5, 20)
    )
    discipline = Discipline.objects.create(code=f"PHY{employments}", name_kk="Физика", name_en="Physics-teaching")
    TeachingAssignment.objects.create(person=person, discipline=discipline, organisation=uni)
    Graduation.objects.create(person=person, organisation=uni, year=2010, programme="6B05301 Physics")
    services.person_update(actor=world.user("hr_officer"), person=person, email=f"p{employments}@example.kz")


def test_sections_show_the_personal_file(client, world):
    person = world.people["d1_1"]
    _fill_personal_file(world, person, employments=1)
    current = person.employments.get(end_date__isnull=True)
    current.competition_date, current.competition_term_years = dt.date(2023, 6, 15), 3
    current.save()
    client.force_login(world.user("hr_officer"))

    response = client.get(url(person))

    body = response.content.decode()
    degrees = body[body.index('id="degrees"') : body.index('id="qualification-categories"')]
    assert "PhD" in degrees
    assert "Physics · 01.06.2015" in degrees
    categories = body[body.index('id="qualification-categories"') : body.index('id="disciplines"')]
    assert "Pedagogue-researcher" in categories
    assert "awarded 20.05.2022" in categories
    disciplines = body[body.index('id="disciplines"') : body.index('id="employments"')]
    assert "Physics-teaching" in disciplines
    assert "PHY1" in disciplines
    graduations = body[body.index('id="graduations"') : body.index('id="history"')]
    assert "6B05301 Physics" in graduations
    assert "2010" in graduations
    assert "By agreement of the parties" in body  # the end reason of the past employment
    assert "3 y., until 15.06.2026" in body  # the competition term end
    assert [e.pk for e in response.context["current_employments"]] == [current.pk]
    assert len(response.context["past_employments"]) == 1


@pytest.mark.parametrize("role", ["hr_officer", "sysadmin"])
def test_query_count_does_not_grow_with_the_file(client, world, django_assert_num_queries, role):
    small, large = world.people["d1_1"], world.people["d2_1"]
    _fill_personal_file(world, small, employments=1)
    _fill_personal_file(world, large, employments=12)
    other = OrganisationFactory(code="alma")
    for year in (2001, 2002, 2003):
        Graduation.objects.create(person=large, organisation=other, year=year, programme=f"Programme {year}")
    client.force_login(world.user(role))
    with CaptureQueriesContext(connection) as few:
        client.get(url(small))

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url(large))

    assert len(response.context["past_employments"]) == 12
    assert len(response.context["history"]) == 1


def test_a_person_without_employment_says_so(client, world):
    person = PersonFactory()
    client.force_login(world.user("sysadmin"))

    response = client.get(url(person))

    assert response.status_code == 200
    assert "No employments recorded." in response.content.decode()
