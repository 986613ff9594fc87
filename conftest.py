"""Shared fixtures: a small world of organisations with one user for every role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from biliktilik.accounts.enums import Role
from biliktilik.org.enums import OrganisationKind, UnitKind
from tests.factories import (
    EmploymentFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RoleGrantFactory,
    UnitFactory,
    UserFactory,
)


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


@pytest.fixture
def world(db: Any) -> World:
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
    return w


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits (DRF throttles, password reset) count in the cache: every test starts at zero."""
    from django.core.cache import cache

    cache.clear()
