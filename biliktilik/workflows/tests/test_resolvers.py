"""Who decides a step, for an object in a unit: the nearest head going up, or an office."""

from __future__ import annotations

import datetime as dt

import pytest

from biliktilik.accounts.models import User
from biliktilik.core.roles import Role
from biliktilik.org.enums import OfficeKind
from biliktilik.org.services import office_set
from biliktilik.workflows.enums import Decider
from biliktilik.workflows.resolvers import DeciderBook, Place, ancestor_paths, step_holders
from tests.factories import RoleGrantFactory, UserFactory


def holders(world, decider, unit_key=None, org_key="uni"):
    """The usernames of the users who may decide ``decider`` for an object in ``unit_key``."""
    unit = world.units[unit_key] if unit_key else None
    ids = step_holders(decider, Place.of(world.orgs[org_key].pk, unit))
    return set(User.objects.filter(pk__in=ids).values_list("username", flat=True))


def test_ancestor_paths_run_from_the_root_to_the_unit_itself(world):
    d1 = world.units["d1"]
    i1 = world.units["i1"]
    assert ancestor_paths(d1.path) == [i1.path, d1.path]


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize(
    ("decider", "unit_key", "expected"),
    [
        pytest.param(Decider.UNIT_HEAD, "d1", {"unit_head"}, id="unit-head-of-own-department"),
        pytest.param(Decider.UNIT_HEAD, "d2", set(), id="unit-head-nobody-heads-d2-or-above"),
        pytest.param(Decider.INSTITUTE_DIRECTOR, "d1", {"institute_director"}, id="director-of-parent-institute"),
        pytest.param(Decider.INSTITUTE_DIRECTOR, "d2", {"institute_director"}, id="director-of-sibling-department"),
        pytest.param(Decider.INSTITUTE_DIRECTOR, "i1", {"institute_director"}, id="director-of-the-institute-itself"),
        pytest.param(Decider.INSTITUTE_DIRECTOR, "d3", set(), id="director-nobody-directs-i2"),
        pytest.param(Decider.HR, "d1", {"hr_officer"}, id="hr-office"),
        pytest.param(Decider.PD_CENTRE, "d1", {"pd_officer"}, id="pd-centre"),
        pytest.param(Decider.FINANCE, "d1", {"finance_officer"}, id="finance"),
        pytest.param(Decider.FIRST_HEAD, "d1", {"first_head"}, id="first-head"),
        pytest.param(Decider.MANAGEMENT_OFFICE, "d1", {"first_head"}, id="management-office-falls-back-to-first-head"),
        pytest.param(Decider.HR, None, {"hr_officer"}, id="office-decider-needs-no-unit"),
        pytest.param(Decider.UNIT_HEAD, None, set(), id="unit-decider-without-unit-is-nobody"),
    ],
)
def test_each_decider_resolves_to_exactly_its_holders(world, decider, unit_key, expected):
    assert holders(world, decider, unit_key) == expected


@pytest.mark.req("PLN-03")
def test_the_nearest_unit_head_going_up_decides_and_only_that_one(world):
    # given a head of institute I1 (above D1 and D2) besides the head of D1
    head_i1 = UserFactory(username="head_i1")
    RoleGrantFactory(user=head_i1, role=Role.UNIT_HEAD, organisation=world.orgs["uni"], unit=world.units["i1"])
    # then D1 goes to its own head; D2, which has none, goes to the head of I1
    assert holders(world, Decider.UNIT_HEAD, "d1") == {"unit_head"}
    assert holders(world, Decider.UNIT_HEAD, "d2") == {"head_i1"}


@pytest.mark.req("PLN-03")
def test_management_office_is_the_head_of_the_unit_named_as_that_office(world):
    uni = world.orgs["uni"]
    office_set(
        actor=world.user("sysadmin"), organisation=uni, kind=OfficeKind.MANAGEMENT_OFFICE, unit=world.units["hr"]
    )
    # a named office without a head: the first head still decides
    assert holders(world, Decider.MANAGEMENT_OFFICE, "d1") == {"first_head"}
    chief = UserFactory(username="chief_of_staff")
    RoleGrantFactory(user=chief, role=Role.UNIT_HEAD, organisation=uni, unit=world.units["hr"])
    assert holders(world, Decider.MANAGEMENT_OFFICE, "d1") == {"chief_of_staff"}


def test_grants_not_in_force_today_do_not_count(world):
    today = dt.date.today()
    expired = UserFactory(username="former_hr")
    RoleGrantFactory(
        user=expired, role=Role.HR_OFFICER, organisation=world.orgs["uni"], valid_to=today - dt.timedelta(days=1)
    )
    future = UserFactory(username="future_hr")
    RoleGrantFactory(
        user=future, role=Role.HR_OFFICER, organisation=world.orgs["uni"], valid_from=today + dt.timedelta(days=1)
    )
    assert holders(world, Decider.HR, "d1") == {"hr_officer"}


def test_an_office_of_another_organisation_does_not_decide(world):
    other_hr = UserFactory(username="uni2_hr")
    RoleGrantFactory(user=other_hr, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    assert holders(world, Decider.HR, "d1") == {"hr_officer"}
    assert holders(world, Decider.HR, "other", org_key="uni2") == {"uni2_hr"}


def test_a_book_of_many_places_costs_two_queries(world, django_assert_num_queries):
    places = [Place.of(world.units[k].organisation_id, world.units[k]) for k in ("d1", "d2", "d3", "i1", "other", "kg")]
    with django_assert_num_queries(2):
        book = DeciderBook(places)
    assert book.holders(Decider.UNIT_HEAD, places[0]) == {world.user("unit_head").pk}
    assert book.holders(Decider.INSTITUTE_DIRECTOR, places[1]) == {world.user("institute_director").pk}
    assert book.holders(Decider.FIRST_HEAD, places[4]) == frozenset()
