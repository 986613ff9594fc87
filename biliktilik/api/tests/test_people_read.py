"""Positions, people and employments through the API: exactly the visible rows (SEC-01), the IIN
masked unless the user may see it (SEC-03), filters and search."""

from __future__ import annotations

import datetime as dt

import pytest

from biliktilik.core.roles import Role
from biliktilik.people.models import Employment
from tests.factories import EmploymentFactory, PositionFactory, RoleGrantFactory, UserFactory

from .conftest import ANONYMOUS
from .helpers import ALL, error, keys_of, results
from .visibility import ALL_STAFF, EMPLOYMENTS, PEOPLE, UNI_ROLES, iin_in_full

ALL_ROLES = [role.value for role in Role]


def employments_of(world) -> dict[str, Employment]:
    """Each person of the world has one employment: key them like their person."""
    return {key: world.people[key].employments.get() for key in ALL_STAFF}


# --- positions -----------------------------------------------------------------------------


@pytest.fixture
def positions(world):
    """The shared lecturer of the world, plus an own position of three organisations."""
    return {
        "shared": world.people["d1_1"].employments.get().position,
        "uni": PositionFactory(code="uni-dean", organisation=world.orgs["uni"], is_head=True),
        "uni2": PositionFactory(code="uni2-dean", organisation=world.orgs["uni2"]),
        "provider": PositionFactory(code="provider-trainer", organisation=world.orgs["provider"]),
    }


POSITIONS = {
    **{role: {"shared", "uni"} for role in UNI_ROLES},
    "authority_officer": {"shared", "provider"},
    "provider_admin": {"shared", "provider"},
    "trainer": {"shared", "provider"},
    "sysadmin": {"shared", "uni", "uni2", "provider"},
}


@pytest.mark.req("PEO-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_the_shared_catalogue_and_its_organisations_positions(world, client_as, positions, role):
    rows = results(client_as(role).get("/api/v1/positions/", ALL))
    assert keys_of(rows, positions, field="id") == POSITIONS[role]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_position_detail_is_found_only_when_visible(world, client_as, positions, role):
    client = client_as(role)
    for key, position in positions.items():
        response = client.get(f"/api/v1/positions/{position.pk}/")
        assert response.status_code == (200 if key in POSITIONS[role] else 404), key


def test_position_shows_its_fields(world, client_as, positions):
    uni = world.orgs["uni"]
    body = client_as("hr_officer").get(f"/api/v1/positions/{positions['uni'].pk}/", HTTP_ACCEPT_LANGUAGE="kk").json()
    assert body == {
        "id": positions["uni"].pk,
        "code": "uni-dean",
        "name": "Лектор",
        "name_kk": "Лектор",
        "name_ru": "Лектор",
        "name_en": "Lecturer",
        "organisation": {"public_id": str(uni.public_id), "name": uni.name_kk},
        "category": "faculty",
        "is_head": True,
        "is_deputy": False,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"shared": "true"}, {"shared"}),
        ({"shared": "false"}, {"uni", "uni2", "provider"}),
        ({"organisation": "uni2"}, {"uni2"}),
        ({"category": "faculty"}, {"shared", "uni", "uni2", "provider"}),
        ({"category": "admin"}, set()),
        ({"search": "dean"}, {"uni", "uni2"}),
    ],
    ids=["shared", "own", "organisation", "category", "category-none", "search"],
)
def test_position_filters(world, client_as, positions, params, expected):
    if "organisation" in params:
        params = {"organisation": str(world.orgs[params["organisation"]].public_id)}
    rows = results(client_as("sysadmin").get("/api/v1/positions/", {**ALL, **params}))
    assert keys_of(rows, positions, field="id") == expected


# --- people --------------------------------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_exactly_its_people(world, client_as, role):
    rows = results(client_as(role).get("/api/v1/persons/", ALL))
    assert keys_of(rows, world.people) == PEOPLE[role]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_person_detail_is_found_only_when_visible(world, client_as, role):
    client = client_as(role)
    for key, person in world.people.items():
        response = client.get(f"/api/v1/persons/{person.public_id}/")
        if key in PEOPLE[role]:
            assert response.status_code == 200, key
            assert response.json()["public_id"] == str(person.public_id)
        else:
            assert response.status_code == 404, key
            assert error(response)["code"] == "not_found"


@pytest.mark.parametrize("url", ["/api/v1/positions/", "/api/v1/persons/", "/api/v1/employments/"])
def test_anonymous_sees_no_people(world, client_as, url):
    response = client_as(ANONYMOUS).get(url)
    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_iin_is_in_full_only_for_the_person_hr_and_administrators(world, client_as, role):
    # When a user of each role lists the people they see
    rows = results(client_as(role).get("/api/v1/persons/", ALL))
    by_id = {str(p.public_id): key for key, p in world.people.items()}
    # Then each IIN is in full or masked by the rule
    for row in rows:
        key = by_id[row["public_id"]]
        iin = world.people[key].iin
        expected = iin if iin_in_full(role, key) else iin[:6] + "******"
        assert row["iin"] == expected, (role, key)


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize(
    ("role", "key", "in_full"),
    [
        ("employee", "d1_1", True),  # themself
        ("unit_head", "d1_1", False),
        ("unit_head", "d1_2", True),  # themself
        ("institute_director", "d1_1", False),
        ("hr_officer", "d1_1", True),
        ("pd_officer", "d1_1", False),
        ("finance_officer", "d1_1", False),
        ("first_head", "d1_1", False),
        ("auditor", "d1_1", False),
        ("authority_officer", "pv_1", False),
        ("provider_admin", "pv_1", False),
        ("trainer", "pv_1", True),  # themself
        ("sysadmin", "d1_1", True),
        ("sysadmin", "outsider", True),
    ],
)
def test_person_detail_masks_the_iin(world, client_as, role, key, in_full):
    person = world.people[key]
    body = client_as(role).get(f"/api/v1/persons/{person.public_id}/").json()
    assert body["iin"] == (person.iin if in_full else f"{person.iin[:6]}******")
    assert len(body["iin"]) == 12


def test_hr_officer_sees_the_full_iin_of_former_staff(world, client_as):
    # Given a person whose only employment in the university ended
    employment = world.people["d3_1"].employments.get()
    employment.end_date = dt.date(2021, 6, 30)
    employment.end_reason = "voluntary"
    employment.save()
    # Then HR of the university still sees the full IIN, the PD officer does not
    url = f"/api/v1/persons/{world.people['d3_1'].public_id}/"
    assert client_as("hr_officer").get(url).json()["iin"] == world.people["d3_1"].iin
    assert client_as("pd_officer").get(url).json()["iin"].endswith("******")


def test_hr_officer_of_another_organisation_sees_a_masked_iin(world, client_as):
    # Given an HR officer of the second university who, being also an auditor of the first,
    # sees its staff
    user = UserFactory(username="hr2")
    RoleGrantFactory(user=user, role="hr_officer", organisation=world.orgs["uni2"])
    RoleGrantFactory(user=user, role="auditor", organisation=world.orgs["uni"])
    client = client_as(ANONYMOUS)
    client.force_login(user)
    rows = results(client.get("/api/v1/persons/", ALL))
    by_id = {str(p.public_id): key for key, p in world.people.items()}
    shown = {by_id[row["public_id"]]: row["iin"] for row in rows}
    # Then the IINs of the first university are masked, those of the second in full
    assert shown["d1_1"] == world.people["d1_1"].iin[:6] + "******"
    assert shown["other_1"] == world.people["other_1"].iin


def test_person_shows_its_fields(world, client_as):
    person = world.people["hr_2"]
    person.email = "hr2@example.kz"
    person.phone = "+7 701 000 00 00"
    person.sex = "f"
    person.save()
    body = client_as("hr_officer").get(f"/api/v1/persons/{person.public_id}/").json()
    assert body == {
        "public_id": str(person.public_id),
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "full_name": person.full_name,
        "iin": person.iin,
        "external_id": "",
        "birth_date": None,
        "sex": "f",
        "email": "hr2@example.kz",
        "phone": "+7 701 000 00 00",
        "academic_title": None,
    }


@pytest.fixture
def named(world):
    """Give d2_1 a name nobody else has, end d3_1's employment, and make hr_1 administrative staff."""
    person = world.people["d2_1"]
    person.last_name, person.first_name, person.middle_name = "Жұмабекова", "Сәуле", "Қайратқызы"
    person.save()
    ended = world.people["d3_1"].employments.get()
    ended.end_date, ended.end_reason = dt.date(2022, 1, 31), "voluntary"
    ended.save()
    hr = world.people["hr_1"].employments.get()
    hr.category = "admin"
    hr.save()
    return world


@pytest.mark.parametrize(
    ("role", "params", "expected"),
    [
        ("hr_officer", {"search": "жұмабек"}, {"d2_1"}),
        ("hr_officer", {"search": "ЖҰМАБЕКОВА сәуле"}, {"d2_1"}),
        ("hr_officer", {"search": "Жұмабекова Анна"}, set()),
        ("employee", {"search": "жұмабек"}, set()),
        ("sysadmin", {"organisation": "uni"}, {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"}),
        ("sysadmin", {"organisation": "preschool"}, {"kg_1", "kg_2"}),
        ("sysadmin", {"unit": "d1"}, {"d1_1", "d1_2"}),
        ("sysadmin", {"unit": "i1"}, set()),
        ("sysadmin", {"within": "i1"}, {"d1_1", "d1_2", "d2_1", "d2_2"}),
        ("institute_director", {"within": "i2"}, set()),
        ("sysadmin", {"category": "admin"}, {"hr_1"}),
        ("hr_officer", {"current": "false"}, {"d3_1"}),
        ("hr_officer", {"current": "true", "within": "i2"}, {"d3_2"}),
        ("hr_officer", {"current": "false", "unit": "d1"}, set()),
        ("sysadmin", {"organisation": "uni", "category": "admin"}, {"hr_1"}),
    ],
    ids=[
        "search-name",
        "search-two-words-any-case",
        "search-all-words-must-match",
        "search-outside-scope",
        "organisation",
        "organisation-preschool",
        "unit-exact",
        "unit-exact-has-no-staff",
        "within-subtree",
        "within-outside-scope",
        "category",
        "former-staff",
        "current-in-subtree",
        "no-former-staff-in-unit",
        "organisation-and-category",
    ],
)
def test_person_filters(named, client_as, role, params, expected):
    world = named
    for name, objects in (("organisation", world.orgs), ("unit", world.units), ("within", world.units)):
        if name in params:
            params = {**params, name: str(objects[params[name]].public_id)}
    rows = results(client_as(role).get("/api/v1/persons/", {**ALL, **params}))
    assert keys_of(rows, world.people) == expected


def test_person_filters_look_only_at_employments_the_user_sees(world, client_as):
    # Given a pre-school teacher who also works at the university
    kg_1 = world.people["kg_1"]
    EmploymentFactory(person=kg_1, unit=world.units["d3"], position=PositionFactory())
    uni = str(world.orgs["uni"].public_id)
    # When the authority officer (who sees the pre-school, not the university) filters by the university
    rows = results(client_as("authority_officer").get("/api/v1/persons/", {"organisation": uni}))
    # Then the teacher is not revealed as university staff; the administrator does find them
    assert rows == []
    admin_rows = results(client_as("sysadmin").get("/api/v1/persons/", {**ALL, "organisation": uni}))
    assert "kg_1" in keys_of(admin_rows, world.people)


@pytest.mark.parametrize(
    ("role", "digits", "found"),
    [
        ("pd_officer", 6, True),
        ("pd_officer", 8, False),
        ("pd_officer", 12, False),
        ("hr_officer", 12, True),
        ("sysadmin", 12, True),
        ("employee", 12, False),  # d2_1 is not visible to them at all
    ],
    ids=["masked-6", "masked-8", "masked-12", "hr-12", "admin-12", "not-visible"],
)
def test_search_by_iin_never_reveals_hidden_digits(world, client_as, role, digits, found):
    # Given d2_1, whose IIN the PD officer sees masked
    person = world.people["d2_1"]
    # When a user searches by the first digits of the IIN
    rows = results(client_as(role).get("/api/v1/persons/", {"search": person.iin[:digits]}))
    # Then digits beyond the six everybody sees find the person only for those who see it in full
    assert ("d2_1" in keys_of(rows, world.people)) is found


def test_searching_by_an_iin_prefix_finds_only_matching_people(world, client_as):
    person = world.people["d2_1"]
    rows = results(client_as("hr_officer").get("/api/v1/persons/", {"search": person.iin[:6]}))
    assert keys_of(rows, world.people) == {
        key for key in PEOPLE["hr_officer"] if world.people[key].iin.startswith(person.iin[:6])
    }
    assert "d2_1" in keys_of(rows, world.people)


def test_people_are_listed_by_name(world, client_as):
    rows = results(client_as("sysadmin").get("/api/v1/persons/", ALL))
    names = [(row["last_name"], row["first_name"], row["middle_name"]) for row in rows]
    assert names == sorted(names)


# --- employments ---------------------------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_exactly_its_employments(world, client_as, role):
    rows = results(client_as(role).get("/api/v1/employments/", ALL))
    assert keys_of(rows, employments_of(world)) == EMPLOYMENTS[role]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_employment_detail_is_found_only_when_visible(world, client_as, role):
    client = client_as(role)
    for key, employment in employments_of(world).items():
        response = client.get(f"/api/v1/employments/{employment.public_id}/")
        assert response.status_code == (200 if key in EMPLOYMENTS[role] else 404), key


@pytest.mark.req("PEO-01")
def test_employment_shows_its_fields(world, client_as):
    employment = world.people["d2_1"].employments.get()
    person, uni, d2 = employment.person, world.orgs["uni"], world.units["d2"]
    url = f"/api/v1/employments/{employment.public_id}/"
    body = client_as("institute_director").get(url, HTTP_ACCEPT_LANGUAGE="kk").json()
    assert body == {
        "public_id": str(employment.public_id),
        "person": {"public_id": str(person.public_id), "full_name": person.full_name},
        "organisation": {"public_id": str(uni.public_id), "name": uni.name_kk},
        "unit": {"public_id": str(d2.public_id), "name": d2.name_kk},
        "position": {"id": employment.position_id, "code": "lecturer", "name": "Лектор"},
        "category": "faculty",
        "rate": "1.00",
        "start_date": "2019-09-01",
        "end_date": None,
        "end_reason": None,
        "is_primary": True,
        "competition_term_years": None,
        "competition_date": None,
        "competition_term_end": None,
        "is_current": True,
    }


@pytest.mark.parametrize(
    ("role", "params", "expected"),
    [
        ("sysadmin", {"person": "d2_1"}, {"d2_1"}),
        ("employee", {"person": "d2_1"}, set()),
        ("sysadmin", {"organisation": "provider"}, {"pv_1", "pv_2"}),
        ("sysadmin", {"unit": "d1"}, {"d1_1", "d1_2"}),
        ("hr_officer", {"within": "i1"}, {"d1_1", "d1_2", "d2_1", "d2_2"}),
        ("unit_head", {"within": "i1"}, {"d1_1", "d1_2"}),
        ("hr_officer", {"category": "admin"}, {"hr_1"}),
        ("hr_officer", {"current": "false"}, {"d3_1"}),
        ("hr_officer", {"current": "true", "unit": "d3"}, {"d3_2"}),
        ("hr_officer", {"search": "жұмабекова"}, {"d2_1"}),
    ],
    ids=[
        "person",
        "person-outside-scope",
        "organisation",
        "unit",
        "within",
        "within-limited-to-scope",
        "category",
        "ended",
        "current-in-unit",
        "search",
    ],
)
def test_employment_filters(named, client_as, role, params, expected):
    world = named
    lookups = (("person", world.people), ("organisation", world.orgs), ("unit", world.units), ("within", world.units))
    for name, objects in lookups:
        if name in params:
            params = {**params, name: str(objects[params[name]].public_id)}
    rows = results(client_as(role).get("/api/v1/employments/", {**ALL, **params}))
    assert keys_of(rows, employments_of(world)) == expected


def test_ended_employment_is_not_current(named, client_as):
    employment = named.people["d3_1"].employments.get()
    body = client_as("hr_officer").get(f"/api/v1/employments/{employment.public_id}/").json()
    assert body["is_current"] is False
    assert body["end_date"] == "2022-01-31"
    assert body["end_reason"] == "voluntary"


def test_a_person_with_two_employments_is_listed_once(world, client_as):
    # Given d1_1 also works part-time in another department
    EmploymentFactory(person=world.people["d1_1"], unit=world.units["d3"], is_primary=False, rate="0.5")
    # When HR lists the current staff of the university
    uni = str(world.orgs["uni"].public_id)
    rows = results(client_as("hr_officer").get("/api/v1/persons/", {**ALL, "current": "true", "organisation": uni}))
    # Then d1_1 is one row, and both employments are listed
    assert [row["public_id"] for row in rows].count(str(world.people["d1_1"].public_id)) == 1
    assert len(rows) == len(PEOPLE["hr_officer"])
    person = str(world.people["d1_1"].public_id)
    assert len(results(client_as("hr_officer").get("/api/v1/employments/", {"person": person}))) == 2
