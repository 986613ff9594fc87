"""Shared fixtures: a small world of organisations with one user for every role.

The world is built once per test process and shared by the tests that use it, each of them
inside its own savepoint (see ``tests/shared_data.py``); the ``world`` fixture hands every test
fresh instances of its objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from biliktilik.accounts.models import User
from biliktilik.core.roles import Role
from biliktilik.org.enums import OrganisationKind, UnitKind
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Person
from tests.factories import (
    EmploymentFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RoleGrantFactory,
    UnitFactory,
    UserFactory,
)
from tests.shared_data import Keeper, dataset_fixture, is_transactional, shared_dataset, wanted_dataset


@dataclass
class World:
    """authorised body > region > district > pre-school; region > provider;
    authorised body > university (institutes I1 {D1, D2}, I2 {D3}, HR division) and a second
    university. Two staff in each department, one user per role."""

    orgs: dict[str, Any] = field(default_factory=dict)
    units: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, role: str) -> Any:
        return self.users[role]


ALL_ROLES = [r.value for r in Role]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The security suite (``pytest -m security``): every test marked with a SEC requirement."""
    for item in items:
        if any(str(m.args[0]).startswith("SEC-") for m in item.iter_markers("req") if m.args):
            item.add_marker(pytest.mark.security)


@pytest.fixture(scope="session")
def _shared_keeper(django_db_setup: Any, django_db_blocker: Any) -> Any:
    keeper = Keeper(django_db_blocker)
    yield keeper
    keeper.release()


@pytest.fixture(scope="session")
def _shared_released_for_server(_shared_keeper: Keeper) -> None:
    _shared_keeper.release()


@pytest.fixture(scope="session")
def live_server(_shared_released_for_server: None, live_server: Any) -> Any:
    """pytest-django's live server; the shared dataset is rolled back before it starts, since the
    server thread shares the test's connection and the tests that use it need real transactions."""
    return live_server


@pytest.fixture
def _shared_gate(request: pytest.FixtureRequest, _shared_keeper: Keeper) -> None:
    """Before a test's own transaction opens: hold the shared dataset it asks for, or none."""
    if is_transactional(request):
        _shared_keeper.release()
        _shared_keeper.flushed = True  # the test ends with a flush
        return
    name = wanted_dataset(request)
    if name is None:
        _shared_keeper.release()
    # After a flush no dataset is held, so the library the data migrations filled is committed again.
    _shared_keeper.restore_seeds()
    if name is not None:
        _shared_keeper.hold(name)


@pytest.fixture
def _django_db_helper(_shared_gate: None, _django_db_helper: None) -> None:
    """pytest-django's database fixture, after the shared dataset is in place."""
    return


@shared_dataset("world_ids")
def build_world() -> dict[str, dict[str, int]]:
    """Build the world; return the ids of its objects by key."""
    w = World()
    ab = OrganisationFactory(kind=OrganisationKind.AUTHORISED_BODY, code="ab", name_kk="Уәкілетті орган")
    region = OrganisationFactory(kind=OrganisationKind.REGIONAL_DEPARTMENT, code="region", parent=ab)
    district = OrganisationFactory(kind=OrganisationKind.DISTRICT_OFFICE, code="district", parent=region)
    preschool = OrganisationFactory(kind=OrganisationKind.PRESCHOOL, code="preschool", parent=district)
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, code="provider", parent=region)
    uni = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, code="uni", parent=ab)
    uni2 = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, code="uni2", parent=ab)
    w.orgs.update(ab=ab, region=region, district=district, preschool=preschool, provider=provider, uni=uni, uni2=uni2)

    i1 = UnitFactory(organisation=uni, kind=UnitKind.INSTITUTE, code="I1")
    d1 = UnitFactory(parent=i1, code="D1")
    d2 = UnitFactory(parent=i1, code="D2")
    i2 = UnitFactory(organisation=uni, kind=UnitKind.INSTITUTE, code="I2")
    d3 = UnitFactory(parent=i2, code="D3")
    hr = UnitFactory(organisation=uni, kind=UnitKind.DIVISION, code="HR")
    other = UnitFactory(organisation=uni2, code="X1")
    kg = UnitFactory(organisation=preschool, kind=UnitKind.GROUP, code="G1")
    pv = UnitFactory(organisation=provider, kind=UnitKind.CENTRE, code="C1")
    w.units.update(i1=i1, d1=d1, d2=d2, i2=i2, d3=d3, hr=hr, other=other, kg=kg, pv=pv)

    lecturer = PositionFactory()
    for key, unit in [("d1", d1), ("d2", d2), ("d3", d3), ("other", other), ("kg", kg), ("pv", pv), ("hr", hr)]:
        for n in (1, 2):
            emp = EmploymentFactory(unit=unit, position=lecturer, start_date=dt.date(2019, 9, 1))
            w.people[f"{key}_{n}"] = emp.person

    def make(role: str, org: Any, unit: Any = None, person: Any = None) -> Any:
        user = UserFactory(username=role, person=person)
        RoleGrantFactory(user=user, role=role, organisation=org, unit=unit)
        w.users[role] = user
        return user

    make(Role.EMPLOYEE, uni, person=w.people["d1_1"])
    make(Role.UNIT_HEAD, uni, unit=d1, person=w.people["d1_2"])
    make(Role.INSTITUTE_DIRECTOR, uni, unit=i1)
    make(Role.HR_OFFICER, uni, person=w.people["hr_1"])
    make(Role.PD_OFFICER, uni)
    make(Role.FINANCE_OFFICER, uni)
    make(Role.FIRST_HEAD, uni)
    make(Role.AUDITOR, uni)
    make(Role.AUTHORITY_OFFICER, region)
    make(Role.PROVIDER_ADMIN, provider)
    make(Role.TRAINER, provider, person=w.people["pv_1"])
    make(Role.SYSADMIN, ab)
    w.people["outsider"] = PersonFactory()
    return {
        "orgs": {k: v.pk for k, v in w.orgs.items()},
        "units": {k: v.pk for k, v in w.units.items()},
        "people": {k: v.pk for k, v in w.people.items()},
        "users": {k: v.pk for k, v in w.users.items()},
    }


world_ids = dataset_fixture("world_ids")


@pytest.fixture
def world(world_ids: dict[str, dict[str, int]]) -> World:
    """The world, as fresh instances for this test (four queries)."""

    def load(model: Any, keys: dict[str, int]) -> dict[str, Any]:
        rows = model.objects.in_bulk(list(keys.values()))
        return {key: rows[pk] for key, pk in keys.items()}

    return World(
        orgs=load(Organisation, world_ids["orgs"]),
        units=load(Unit, world_ids["units"]),
        people=load(Person, world_ids["people"]),
        users=load(User, world_ids["users"]),
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits (DRF throttles, password reset) count in the cache: every test starts at zero."""
    from django.core.cache import cache

    cache.clear()
