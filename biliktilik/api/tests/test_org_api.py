"""Organisations and units through the API: every role sees exactly its scope (SEC-01)."""

from __future__ import annotations

import pytest

from biliktilik.core.roles import Role

from .conftest import ANONYMOUS
from .helpers import ALL, error, keys_of, results
from .visibility import ALL_ORGANISATIONS, ALL_UNITS, ORGANISATIONS, UNITS

ALL_ROLES = [role.value for role in Role]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_exactly_its_organisations(world, client_as, role):
    rows = results(client_as(role).get("/api/v1/organisations/", ALL))
    assert keys_of(rows, world.orgs) == ORGANISATIONS[role]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_organisation_detail_is_found_only_when_visible(world, client_as, role):
    client = client_as(role)
    for key in sorted(ALL_ORGANISATIONS):
        response = client.get(f"/api/v1/organisations/{world.orgs[key].public_id}/")
        if key in ORGANISATIONS[role]:
            assert response.status_code == 200, key
            assert response.json()["code"] == world.orgs[key].code
        else:
            assert response.status_code == 404, key
            assert error(response)["code"] == "not_found"


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_exactly_its_units(world, client_as, role):
    rows = results(client_as(role).get("/api/v1/units/", ALL))
    assert keys_of(rows, world.units) == UNITS[role]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_unit_detail_is_found_only_when_visible(world, client_as, role):
    client = client_as(role)
    for key in sorted(ALL_UNITS):
        response = client.get(f"/api/v1/units/{world.units[key].public_id}/")
        assert response.status_code == (200 if key in UNITS[role] else 404), key


@pytest.mark.parametrize("url", ["/api/v1/organisations/", "/api/v1/units/"])
def test_anonymous_sees_no_structure(world, client_as, url):
    assert client_as(ANONYMOUS).get(url).status_code == 401


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_names_come_in_the_language_of_the_request(world, client_as, language):
    uni, d1 = world.orgs["uni"], world.units["d1"]
    client = client_as("employee")
    organisation = client.get(f"/api/v1/organisations/{uni.public_id}/", HTTP_ACCEPT_LANGUAGE=language).json()
    unit = client.get(f"/api/v1/units/{d1.public_id}/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert organisation["name"] == getattr(uni, f"name_{language}")
    assert unit["name"] == getattr(d1, f"name_{language}")
    assert unit["organisation"]["name"] == getattr(uni, f"name_{language}")


def test_organisation_shows_its_fields_and_visible_parent(world, client_as):
    # Given the authority officer of the region
    region, district = world.orgs["region"], world.orgs["district"]
    # When they read the district office
    body = client_as("authority_officer").get(f"/api/v1/organisations/{district.public_id}/").json()
    # Then they see it with the region as its parent
    assert body == {
        "public_id": str(district.public_id),
        "code": "district",
        "kind": "district_office",
        "name": district.name,
        "name_kk": district.name_kk,
        "name_ru": district.name_ru,
        "name_en": district.name_en,
        "short_name": "",
        "bin": "",
        "city": "",
        "address": "",
        "is_active": True,
        "depth": 3,
        "parent": str(region.public_id),
    }


@pytest.mark.parametrize(
    ("role", "key", "parent"),
    [
        ("authority_officer", "region", None),  # the authorised body above is not visible to them
        ("sysadmin", "region", "ab"),
        ("hr_officer", "uni", None),
        ("sysadmin", "uni", "ab"),
        ("sysadmin", "ab", None),
    ],
    ids=["region-for-officer", "region-for-admin", "uni-for-hr", "uni-for-admin", "root"],
)
def test_parent_is_shown_only_when_the_user_sees_it(world, client_as, role, key, parent):
    body = client_as(role).get(f"/api/v1/organisations/{world.orgs[key].public_id}/").json()
    assert body["parent"] == (None if parent is None else str(world.orgs[parent].public_id))


@pytest.mark.parametrize(
    ("role", "params", "expected"),
    [
        ("sysadmin", {"kind": "university"}, {"uni", "uni2"}),
        ("sysadmin", {"kind": "university", "parent": "region"}, set()),
        ("sysadmin", {"kind": "authorised_body"}, {"ab"}),
        ("sysadmin", {"kind": "preschool"}, {"preschool"}),
        ("authority_officer", {"kind": "university"}, set()),
        ("sysadmin", {"parent": "ab"}, {"region", "uni", "uni2"}),
        ("sysadmin", {"parent": "region"}, {"district", "provider"}),
        ("authority_officer", {"parent": "region"}, {"district", "provider"}),
        ("hr_officer", {"parent": "ab"}, {"uni"}),
        ("sysadmin", {"parent": "uni"}, set()),
        ("sysadmin", {"search": "uni2"}, {"uni2"}),
    ],
    ids=[
        "kind-university",
        "kind-and-parent",
        "kind-authorised-body",
        "kind-preschool",
        "kind-outside-scope",
        "children-of-root",
        "children-of-region",
        "children-of-region-for-officer",
        "children-limited-to-scope",
        "no-children",
        "search-by-code",
    ],
)
def test_organisation_filters(world, client_as, role, params, expected):
    if "parent" in params:
        params = {**params, "parent": str(world.orgs[params["parent"]].public_id)}
    rows = results(client_as(role).get("/api/v1/organisations/", {**ALL, **params}))
    assert keys_of(rows, world.orgs) == expected


def test_organisations_come_in_tree_order(world, client_as):
    # Given the authority officer, who sees the region and everything below it
    rows = results(client_as("authority_officer").get("/api/v1/organisations/", ALL))
    # Then the region comes first, each organisation before those below it
    by_id = {str(org.public_id): key for key, org in world.orgs.items()}
    assert [by_id[row["public_id"]] for row in rows] == ["region", "district", "preschool", "provider"]


def test_unknown_parent_finds_nothing(world, client_as):
    unknown = "8d5e2a0c-0000-4000-8000-000000000000"
    assert results(client_as("sysadmin").get("/api/v1/organisations/", {"parent": unknown})) == []


def test_malformed_filter_is_a_validation_error(world, client_as):
    response = client_as("sysadmin").get("/api/v1/organisations/", {"parent": "not-a-uuid"})
    assert response.status_code == 400
    assert error(response)["code"] == "validation"
    assert "parent" in response.json()["extra"]["fields"]


def test_unit_shows_organisation_and_parent(world, client_as):
    d1, i1, uni = world.units["d1"], world.units["i1"], world.orgs["uni"]
    body = client_as("employee").get(f"/api/v1/units/{d1.public_id}/").json()
    assert body["organisation"] == {"public_id": str(uni.public_id), "name": uni.name}
    assert body["parent"] == str(i1.public_id)
    assert body["depth"] == 2
    assert body["kind"] == "department"
    top = client_as("employee").get(f"/api/v1/units/{i1.public_id}/").json()
    assert top["parent"] is None


@pytest.mark.parametrize(
    ("role", "params", "expected"),
    [
        ("sysadmin", {"organisation": "uni"}, {"i1", "d1", "d2", "i2", "d3", "hr"}),
        ("sysadmin", {"organisation": "preschool"}, {"kg"}),
        ("authority_officer", {"organisation": "uni"}, set()),
        ("sysadmin", {"kind": "institute"}, {"i1", "i2"}),
        ("sysadmin", {"within": "i1"}, {"i1", "d1", "d2"}),
        ("hr_officer", {"within": "i2"}, {"i2", "d3"}),
        ("sysadmin", {"within": "d1"}, {"d1"}),
        ("authority_officer", {"within": "i1"}, set()),
        ("sysadmin", {"organisation": "uni", "kind": "division"}, {"hr"}),
    ],
    ids=[
        "organisation",
        "organisation-preschool",
        "organisation-outside-scope",
        "kind",
        "within-institute",
        "within-for-hr",
        "within-leaf",
        "within-outside-scope",
        "organisation-and-kind",
    ],
)
def test_unit_filters(world, client_as, role, params, expected):
    if "organisation" in params:
        params = {**params, "organisation": str(world.orgs[params["organisation"]].public_id)}
    if "within" in params:
        params = {**params, "within": str(world.units[params["within"]].public_id)}
    rows = results(client_as(role).get("/api/v1/units/", {**ALL, **params}))
    assert keys_of(rows, world.units) == expected
