"""Organisation pages: the authority tree and one organisation with its offices and units."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from biliktilik.org.enums import OfficeKind, UnitKind
from biliktilik.org.models import Organisation
from biliktilik.org.services import office_set
from conftest import ALL_ROLES
from tests.factories import OrganisationFactory, UnitFactory

LIST_URL = reverse("org:organisation_list")
UNI_ROLES = {
    "employee",
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
}
# role -> codes of the organisations in the tree, in tree order, with their indentation
TREE = {
    **{role: [("uni", 0)] for role in UNI_ROLES},
    "authority_officer": [("region", 0), ("district", 1), ("preschool", 2), ("provider", 1)],
    "provider_admin": [("provider", 0)],
    "trainer": [("provider", 0)],
}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def detail_url(organisation) -> str:
    return reverse("org:organisation_detail", kwargs={"public_id": organisation.public_id})


@pytest.mark.parametrize("url", ["list", "detail"])
def test_anonymous_is_sent_to_login(client, world, url):
    target = LIST_URL if url == "list" else detail_url(world.orgs["uni"])

    response = client.get(target)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={target}"


@pytest.mark.req("ORG-01")
@pytest.mark.parametrize("role", sorted(TREE))
def test_tree_shows_the_visible_organisations_indented(client, world, role):
    client.force_login(world.user(role))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    rows = [(row.organisation.code, row.indent) for row in response.context["rows"]]
    assert rows == TREE[role]


@pytest.mark.req("ORG-01")
def test_sysadmin_sees_the_whole_tree_in_authority_order(client, world):
    client.force_login(world.user("sysadmin"))

    response = client.get(LIST_URL)

    rows = {row.organisation.code: row.indent for row in response.context["rows"]}
    assert len(rows) == Organisation.objects.count()
    assert {code: rows[code] for code in world.orgs} == {
        "ab": 0,
        "region": 1,
        "district": 2,
        "preschool": 3,
        "provider": 2,
        "uni": 1,
        "uni2": 1,
    }
    order = [row.organisation.code for row in response.context["rows"]]
    assert order.index("ab") < order.index("region") < order.index("district") < order.index("preschool")
    body = response.content.decode()
    assert "Authorised body" in body
    assert "kind-preschool" in body
    assert detail_url(world.orgs["preschool"]) in body


@pytest.mark.parametrize("role", ALL_ROLES)
def test_detail_status_for_each_role(client, world, role):
    client.force_login(world.user(role))

    response = client.get(detail_url(world.orgs["uni"]))

    assert response.status_code == (200 if role in UNI_ROLES | {"sysadmin"} else 404)


@pytest.mark.parametrize("role", sorted(UNI_ROLES))
def test_another_university_is_not_found(client, world, role):
    client.force_login(world.user(role))

    response = client.get(detail_url(world.orgs["uni2"]))

    assert response.status_code == 404


@pytest.mark.req("ORG-02")
def test_detail_shows_the_unit_tree_nested(client, world):
    client.force_login(world.user("hr_officer"))

    response = client.get(detail_url(world.orgs["uni"]))

    tree = response.context["unit_tree"]
    assert [(n.unit.code, [c.unit.code for c in n.children]) for n in tree] == [
        ("I1", ["D1", "D2"]),
        ("I2", ["D3"]),
        ("HR", []),
    ]
    body = response.content.decode()
    i1_block = body[body.index('data-unit="I1"') : body.index('data-unit="I2"')]
    assert re.findall(r'data-unit="([^"]+)"', i1_block) == ["I1", "D1", "D2"]
    directory = reverse("people:directory")
    uni, d2 = world.orgs["uni"], world.units["d2"]
    assert f"{directory}?organisation={uni.public_id}&amp;unit={d2.public_id}" in body


def test_detail_lists_only_units_of_that_organisation(client, world):
    client.force_login(world.user("sysadmin"))

    response = client.get(detail_url(world.orgs["provider"]))

    assert re.findall(r'data-unit="([^"]+)"', response.content.decode()) == ["C1"]


@pytest.mark.req("ORG-03")
def test_detail_shows_named_offices(client, world):
    uni = world.orgs["uni"]
    office_set(
        actor=world.user("sysadmin"),
        organisation=uni,
        kind=OfficeKind.PD_CENTRE,
        unit=world.units["hr"],
        title_en="Centre for Service and Personal Development",
    )
    client.force_login(world.user("employee"))

    body = client.get(detail_url(uni), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Centre for Service and Personal Development" in body
    assert "PD centre" in body


def test_detail_without_offices_says_so(client, world):
    client.force_login(world.user("hr_officer"))

    body = client.get(detail_url(world.orgs["uni"])).content.decode()

    assert "No offices are named for this organisation." in body


def test_detail_links_the_parent_only_when_visible(client, world):
    client.force_login(world.user("authority_officer"))
    district_body = client.get(detail_url(world.orgs["district"])).content.decode()
    region_body = client.get(detail_url(world.orgs["region"])).content.decode()

    assert detail_url(world.orgs["region"]) in district_body
    assert world.orgs["ab"].name in region_body
    assert detail_url(world.orgs["ab"]) not in region_body


def test_detail_query_count_does_not_grow_with_units(client, world, django_assert_num_queries):
    small = world.orgs["uni2"]  # one unit
    big = world.orgs["preschool"]  # one unit, thirty more below
    for n in range(30):
        UnitFactory(parent=world.units["kg"], kind=UnitKind.GROUP, code=f"G{n + 2}")
    client.force_login(world.user("sysadmin"))
    with CaptureQueriesContext(connection) as few:
        client.get(detail_url(small))

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(detail_url(big))

    assert response.context["unit_count"] == 31


def test_tree_query_count_does_not_grow_with_organisations(client, world, django_assert_num_queries):
    client.force_login(world.user("authority_officer"))
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for n in range(30):
        OrganisationFactory(kind="preschool", code=f"kg-{n}", parent=world.orgs["district"])

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)

    assert len(response.context["rows"]) == 34
