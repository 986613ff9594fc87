"""Every list of the API runs the same number of queries for 2 rows as for 30."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from biliktilik.org.enums import OrganisationKind
from tests.factories import (
    EmploymentFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RoleGrantFactory,
    UnitFactory,
    UserFactory,
)

# Session, user, scope (grants, subtrees, own employments), count and rows: never more than this.
MAX_QUERIES = 8


class Setup:
    """A signed-in user and a way to add rows they see, for one endpoint."""

    def __init__(self, url: str, user: Any, add: Callable[[int], None]) -> None:
        self.url, self.add = url, add
        self.client = APIClient()
        self.client.force_login(user)
        self.rows = 0

    def grow_to(self, rows: int) -> None:
        self.add(rows - self.rows)
        self.rows = rows


def hr_of_a_university() -> tuple[Any, Any, Any]:
    university = OrganisationFactory(kind=OrganisationKind.UNIVERSITY)
    unit = UnitFactory(organisation=university)
    own_job = EmploymentFactory(unit=unit, start_date="2015-01-01")
    user = UserFactory(person=own_job.person)
    RoleGrantFactory(user=user, role="hr_officer", organisation=university)
    return user, university, unit


def organisations() -> Setup:
    root = OrganisationFactory(kind=OrganisationKind.AUTHORISED_BODY)
    user = UserFactory()
    RoleGrantFactory(user=user, role="authority_officer", organisation=root)
    setup = Setup("/api/v1/organisations/", user, lambda n: [OrganisationFactory(parent=root) for _ in range(n)])
    setup.rows = 1
    return setup


def units() -> Setup:
    user, university, unit = hr_of_a_university()
    top = unit
    setup = Setup("/api/v1/units/", user, lambda n: [UnitFactory(parent=top) for _ in range(n)])
    setup.rows = 1
    return setup


def positions() -> Setup:
    user, _university, _unit = hr_of_a_university()
    codes = itertools.count(1)
    setup = Setup("/api/v1/positions/", user, lambda n: [PositionFactory(code=f"p-{next(codes)}") for _ in range(n)])
    setup.rows = 1  # the lecturer of the HR officer's own job
    return setup


def persons() -> Setup:
    user, _university, unit = hr_of_a_university()
    setup = Setup("/api/v1/persons/", user, lambda n: [EmploymentFactory(unit=unit) for _ in range(n)])
    setup.rows = 1  # the HR officer themself
    return setup


def employments() -> Setup:
    user, _university, unit = hr_of_a_university()
    setup = Setup("/api/v1/employments/", user, lambda n: [EmploymentFactory(unit=unit) for _ in range(n)])
    setup.rows = 1
    return setup


def persons_filtered() -> Setup:
    user, _university, unit = hr_of_a_university()
    url = f"/api/v1/persons/?current=true&category=faculty&within={unit.public_id}"
    setup = Setup(url, user, lambda n: [EmploymentFactory(unit=unit) for _ in range(n)])
    setup.rows = 1
    return setup


def employments_filtered() -> Setup:
    user, university, unit = hr_of_a_university()
    url = f"/api/v1/employments/?current=true&organisation={university.public_id}&within={unit.public_id}"
    setup = Setup(url, user, lambda n: [EmploymentFactory(unit=unit) for _ in range(n)])
    setup.rows = 1
    return setup


def me() -> Setup:
    user = UserFactory(person=PersonFactory())

    def add(n: int) -> None:
        for _ in range(n):
            RoleGrantFactory(user=user, role="auditor", organisation=OrganisationFactory())

    return Setup("/api/v1/me/", user, add)


@pytest.mark.parametrize(
    "make",
    [organisations, units, positions, persons, persons_filtered, employments, employments_filtered, me],
    ids=lambda f: f.__name__,
)
def test_list_runs_a_constant_number_of_queries(db, django_assert_max_num_queries, make):
    setup = make()
    counts = []
    for rows in (2, 30):
        # Given that many rows visible to the user
        setup.grow_to(rows)
        # When the list is read
        with django_assert_max_num_queries(MAX_QUERIES), CaptureQueriesContext(connection) as queries:
            response = setup.client.get(setup.url)
        assert response.status_code == 200
        body = response.json()
        listed = body["grants"] if setup.url.endswith("/me/") else body["results"]
        assert len(listed) == rows
        counts.append(len(queries))
    # Then the number of queries does not grow with the rows
    assert counts[0] == counts[1]
