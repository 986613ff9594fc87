"""The staff directory page: who sees whom, the filters, paging, htmx and the query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from biliktilik.org.enums import UnitKind
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import EmploymentEndReason, StaffCategory
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, PersonFactory, PositionFactory, UnitFactory

URL = reverse("people:directory")

# role -> the people keys of the world whose current employments the directory lists
VISIBLE = {
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
    "sysadmin": {f"{unit}_{n}" for unit in ("d1", "d2", "d3", "other", "kg", "pv", "hr") for n in (1, 2)},
}
# role -> codes of the organisations offered in the organisation filter
FILTER_ORGANISATIONS = {
    **{role: {"uni"} for role in VISIBLE if role not in {"authority_officer", "provider_admin", "trainer", "sysadmin"}},
    "authority_officer": {"region", "district", "preschool", "provider"},
    "provider_admin": {"provider"},
    "trainer": {"provider"},
}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def listed_people(response: HttpResponse) -> set[int]:
    return {e.person_id for e in response.context["page"].object_list}


def people_ids(world, keys):
    return {world.people[key].pk for key in keys}


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_exactly_its_staff(client, world, role):
    client.force_login(world.user(role))

    response = client.get(URL)

    assert response.status_code == 200
    assert listed_people(response) == people_ids(world, VISIBLE[role])
    assert response.context["page"].paginator.count == len(VISIBLE[role])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_filter_lists_hold_only_what_the_role_may_see(client, world, role):
    client.force_login(world.user(role))

    form = client.get(URL).context["form"]

    offered_orgs = {value for value, _label in form.fields["organisation"].choices if value}
    offered_units = {value for _group, options in form.fields["unit"].choices[1:] for value, _label in options}
    if role == "sysadmin":  # every organisation and unit of the installation
        assert offered_orgs == {str(o.public_id) for o in Organisation.objects.all()}
        assert offered_units == {str(u.public_id) for u in Unit.objects.all()}
    else:
        assert offered_orgs == {str(world.orgs[code].public_id) for code in FILTER_ORGANISATIONS[role]}
        assert offered_units == {
            str(unit.public_id) for unit in world.units.values() if unit.organisation.code in FILTER_ORGANISATIONS[role]
        }


def test_organisation_filter(client, world):
    client.force_login(world.user("sysadmin"))

    response = client.get(URL, {"organisation": str(world.orgs["uni"].public_id)})

    assert listed_people(response) == people_ids(world, VISIBLE["hr_officer"])


def test_unit_filter_includes_subunits(client, world):
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"unit": str(world.units["i1"].public_id)})

    assert listed_people(response) == people_ids(world, {"d1_1", "d1_2", "d2_1", "d2_2"})


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("i1", set()), ("d2", {"d2_1", "d2_2"})],
    ids=["institute-itself-has-no-staff", "department"],
)
def test_unit_filter_without_subunits(client, world, unit, expected):
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"unit": str(world.units[unit].public_id), "only_unit": "on"})

    assert listed_people(response) == people_ids(world, expected)


def test_organisation_choice_narrows_the_unit_list(client, world):
    client.force_login(world.user("sysadmin"))

    form = client.get(URL, {"organisation": str(world.orgs["provider"].public_id)}).context["form"]

    offered_units = {value for _group, options in form.fields["unit"].choices[1:] for value, _label in options}
    assert offered_units == {str(world.units["pv"].public_id)}


@pytest.mark.req("I18N-01")
def test_a_unit_outside_the_scope_is_refused_and_shows_nobody(client, world):
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"unit": str(world.units["other"].public_id)})

    # A wrong filter is an error at the field (400), never the unfiltered list.
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert listed_people(response) == set()


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize(("params", "field"), [({"category": "nonsense"}, "category"), ({"page": "abc"}, None)])
def test_other_bad_filters_are_refused(client, world, params, field):
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    if field:
        assert field in response.context["form"].errors
    else:
        assert "The parameter “page” must be" in response.content.decode()


def test_a_bad_filter_through_htmx_is_shown_with_200(client, world):
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"category": "nonsense"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory")

    assert response.status_code == 200  # htmx swaps only successful answers
    assert "category" in response.context["form"].errors


def test_category_filter(client, world):
    clerk = PositionFactory(code="clerk", name_kk="Іс жүргізуші", category=StaffCategory.ADMIN)
    hired = EmploymentFactory(unit=world.units["hr"], position=clerk, start_date=dt.date(2021, 1, 1))
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"category": StaffCategory.ADMIN})

    assert listed_people(response) == {hired.person_id}


def test_position_filter(client, world):
    professor = PositionFactory(code="professor", name_kk="Профессор", category=StaffCategory.FACULTY)
    hired = EmploymentFactory(unit=world.units["d3"], position=professor, start_date=dt.date(2021, 1, 1))
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"position": str(professor.pk)})

    assert listed_people(response) == {hired.person_id}


def test_search_by_name_ignores_case(client, world):
    person = PersonFactory(last_name="Жұмабаев", first_name="Ерлан", middle_name="")
    EmploymentFactory(person=person, unit=world.units["d2"], start_date=dt.date(2021, 1, 1))
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"q": "жұмабаев ерлан"})

    assert listed_people(response) == {person.pk}


def test_search_by_iin_prefix(client, world):
    target = world.people["d3_2"]
    client.force_login(world.user("hr_officer"))

    response = client.get(URL, {"q": target.iin[:9]})

    assert listed_people(response) == {target.pk}


def test_former_staff_only_when_asked(client, world):
    left = EmploymentFactory(
        unit=world.units["d1"],
        start_date=dt.date(2015, 9, 1),
        end_date=dt.date(2020, 6, 30),
        end_reason=EmploymentEndReason.VOLUNTARY,
    )
    client.force_login(world.user("hr_officer"))

    current = client.get(URL)
    with_former = client.get(URL, {"former": "on"})

    assert left.person_id not in listed_people(current)
    assert listed_people(with_former) == people_ids(world, VISIBLE["hr_officer"]) | {left.person_id}
    assert "30.06.2020" in with_former.content.decode()


def test_pagination_and_row_count(client, world, settings):
    settings.BILIKTILIK_PAGE_SIZE = 5
    client.force_login(world.user("sysadmin"))

    first = client.get(URL)
    last = client.get(URL, {"page": 3})

    assert first.context["page"].paginator.num_pages == 3
    assert len(first.context["page"].object_list) == 5
    assert len(last.context["page"].object_list) == 4
    assert "14 employments found" in first.content.decode()
    assert "?page=2" in first.content.decode()


def test_pagination_keeps_the_filters(client, world, settings):
    settings.BILIKTILIK_PAGE_SIZE = 2
    client.force_login(world.user("sysadmin"))
    organisation = str(world.orgs["uni"].public_id)

    response = client.get(URL, {"organisation": organisation})

    assert f"?organisation={organisation}&amp;page=2" in response.content.decode()


def test_live_search_returns_only_the_results_partial(client, world):
    client.force_login(world.user("hr_officer"))
    target = world.people["d2_1"]

    response = client.get(
        URL, {"q": target.last_name.lower()}, headers={"HX-Request": "true", "HX-Target": "directory-results"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="directory-results">')
    assert "<html" not in body
    assert target.full_name in body


def test_filter_change_returns_the_filters_and_results(client, world):
    client.force_login(world.user("sysadmin"))

    response = client.get(
        URL,
        {"organisation": str(world.orgs["provider"].public_id)},
        headers={"HX-Request": "true", "HX-Target": "directory"},
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="directory">')
    assert 'id="directory-results"' in body
    assert "<html" not in body


def test_search_box_is_wired_for_live_search(client, world):
    client.force_login(world.user("hr_officer"))

    body = client.get(URL).content.decode()

    assert 'hx-trigger="keyup changed delay:300ms, search"' in body
    assert 'hx-target="#directory-results"' in body


@pytest.mark.parametrize("role", ALL_ROLES)
def test_import_link_is_shown_to_hr_officers_only(client, world, role):
    client.force_login(world.user(role))

    body = client.get(URL).content.decode()

    assert (f'href="{reverse("staff_import")}" id="staff-import-link"' in body) is (role == "hr_officer")


def _more_staff(world, count: int) -> None:
    unit = UnitFactory(parent=world.units["i1"], kind=UnitKind.DEPARTMENT, code="D9")
    for _ in range(count):
        EmploymentFactory(unit=unit, start_date=dt.date(2022, 9, 1))


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "а", "former": "on"}, {"unit": "i1", "category": StaffCategory.FACULTY}],
    ids=["plain", "search-and-former", "unit-and-category"],
)
def test_query_count_does_not_grow_with_rows(client, world, settings, django_assert_num_queries, params):
    settings.BILIKTILIK_PAGE_SIZE = 100
    client.force_login(world.user("hr_officer"))
    if "unit" in params:
        params = {**params, "unit": str(world.units[params["unit"]].public_id)}
    with CaptureQueriesContext(connection) as few:
        small = client.get(URL, params)
    _more_staff(world, 30)

    with django_assert_num_queries(len(few.captured_queries)):
        large = client.get(URL, params)

    assert len(large.context["page"].object_list) == len(small.context["page"].object_list) + 30
