"""The home page: one card per role grant, with the real numbers of what the role manages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from biliktilik.core.roles import Role
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment, Person
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, PositionFactory, RoleGrantFactory, UserFactory

HOME = reverse("home")
UNIVERSITY_ROLES = ["hr_officer", "pd_officer", "finance_officer", "first_head", "auditor"]
CARD_KIND = {
    "employee": "employee",
    "unit_head": "unit",
    "institute_director": "unit",
    **dict.fromkeys(UNIVERSITY_ROLES, "organisation"),
    "authority_officer": "authority",
    "provider_admin": "organisation",
    "trainer": "trainer",
    "sysadmin": "sysadmin",
}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def cards_of(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response, response.context["cards"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_one_card_per_role_grant(client, world, role):
    _response, cards = cards_of(client, world.user(role))

    assert [(card.role, card.kind) for card in cards] == [(role, CARD_KIND[role])]


def test_employee_card_lists_own_employments(client, world):
    response, [card] = cards_of(client, world.user("employee"))

    person = world.people["d1_1"]
    assert [e.pk for e in card.data["employments"]] == [person.employments.get().pk]
    body = response.content.decode()
    assert reverse("people:person_detail", kwargs={"public_id": person.public_id}) in body
    assert str(world.units["d1"].name) in body
    assert "since 01.09.2019" in body


@pytest.mark.parametrize(("role", "unit", "staff"), [("unit_head", "d1", 2), ("institute_director", "i1", 4)])
def test_unit_card_counts_staff_of_the_subtree(client, world, role, unit, staff):
    response, [card] = cards_of(client, world.user(role))

    assert card.unit == world.units[unit]
    assert card.data["staff"] == staff
    directory = reverse("people:directory")
    link = f"{directory}?organisation={world.orgs['uni'].public_id}&amp;unit={world.units[unit].public_id}"
    assert link in response.content.decode()


@pytest.mark.parametrize("role", UNIVERSITY_ROLES)
def test_organisation_card_counts_staff_by_category_and_units(client, world, role):
    response, [card] = cards_of(client, world.user(role))

    assert card.organisation == world.orgs["uni"]
    assert card.data == {"categories": [("Faculty", 8)], "staff": 8, "units": 6}
    body = response.content.decode()
    assert reverse("org:organisation_detail", kwargs={"public_id": world.orgs["uni"].public_id}) in body
    assert f"{reverse('people:directory')}?organisation={world.orgs['uni'].public_id}" in body


def test_organisation_card_counts_people_once_and_leaves_former_staff_out(client, world):
    clerk = PositionFactory(code="clerk", name_kk="Іс жүргізуші", category=StaffCategory.ADMIN)
    # d3_1 also holds a half-time administrative post; someone left in 2020.
    EmploymentFactory(person=world.people["d3_1"], unit=world.units["hr"], position=clerk, rate="0.5")
    EmploymentFactory(unit=world.units["d1"], start_date=dt.date(2010, 1, 1), end_date=dt.date(2020, 1, 1))

    _response, [card] = cards_of(client, world.user("hr_officer"))

    assert card.data["categories"] == [("Faculty", 8), ("Administrative staff", 1)]
    assert card.data["staff"] == 8


def test_provider_admin_card(client, world):
    _response, [card] = cards_of(client, world.user("provider_admin"))

    assert card.organisation == world.orgs["provider"]
    assert card.data == {"categories": [("Faculty", 2)], "staff": 2, "units": 1}


def test_authority_card_counts_subordinate_organisations_by_kind(client, world):
    response, [card] = cards_of(client, world.user("authority_officer"))

    assert card.organisation == world.orgs["region"]
    assert card.data == {
        "kinds": [("Pre-school organisation", 1), ("PD provider", 1), ("District education office", 1)],
        "total": 3,
    }
    assert reverse("org:organisation_list") in response.content.decode()


def test_trainer_card_names_their_organisation(client, world):
    response, [card] = cards_of(client, world.user("trainer"))

    assert card.organisation == world.orgs["provider"]
    body = response.content.decode()
    assert reverse("org:organisation_detail", kwargs={"public_id": world.orgs["provider"].public_id}) in body
    assert reverse("people:person_detail", kwargs={"public_id": world.people["pv_1"].public_id}) in body


def test_sysadmin_card_shows_totals_and_the_administration_link(client, world):
    user = world.user("sysadmin")
    user.is_staff = True
    user.save(update_fields=["is_staff"])

    response, [card] = cards_of(client, user)

    assert card.data == {
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "employments": Employment.objects.count(),
    }
    assert card.data["people"] == 15
    assert reverse("admin:index") in response.content.decode()


def test_a_superuser_without_grants_gets_the_sysadmin_card(client, world):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)

    _response, cards = cards_of(client, root)

    assert [card.kind for card in cards] == ["sysadmin"]


def test_several_grants_give_several_cards(client, world):
    user = world.user("unit_head")
    RoleGrantFactory(user=user, role=Role.EMPLOYEE, organisation=world.orgs["uni"])
    RoleGrantFactory(user=user, role=Role.AUDITOR, organisation=world.orgs["uni"])

    _response, cards = cards_of(client, user)

    assert [card.kind for card in cards] == ["employee", "unit", "organisation"]


def test_a_user_without_roles_is_told_so(client, world):
    response, cards = cards_of(client, UserFactory(username="nobody"))

    assert cards == []
    assert "No role has been granted to your account yet." in response.content.decode()


@pytest.mark.parametrize("role", ["employee", "institute_director", "hr_officer", "authority_officer", "sysadmin"])
def test_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, role):
    client.force_login(world.user(role))
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for n in range(30):
        EmploymentFactory(unit=world.units["d1" if n % 2 else "kg"], start_date=dt.date(2021, 1, 1))
    for unit in ("d1", "d2"):
        EmploymentFactory(person=world.people["d1_1"], unit=world.units[unit], is_primary=False)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(HOME)
