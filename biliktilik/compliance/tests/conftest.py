"""A university that adopted SKMA-464, its positions, and helpers to hire people and add records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import StaffCategory
from biliktilik.policy.models import RuleSet
from biliktilik.policy.services import rule_set_adopt
from tests.factories import (
    EmploymentFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
)

from .factories import PDRecordFactory


@dataclass
class Campus:
    """One university with SKMA-464 adopted, a department and an administrative division."""

    admin: Any
    organisation: Any
    department: Any
    division: Any
    rule_set: RuleSet
    positions: dict[str, Any]

    def hire(
        self,
        *,
        position: str = "lecturer",
        start: dt.date = dt.date(2015, 9, 1),
        end: dt.date | None = None,
        person: Any = None,
        unit: Any = None,
        organisation: Any = None,
    ) -> Any:
        pos = self.positions[position]
        if unit is None:
            unit = self.department if pos.category == StaffCategory.FACULTY else self.division
        employment = EmploymentFactory(
            person=person or PersonFactory(),
            unit=unit,
            organisation=organisation or unit.organisation,
            position=pos,
            category=pos.category,
            start_date=start,
            end_date=end,
        )
        return employment.person

    def record(self, person: Any, end: dt.date, hours: str | int = 72, **kwargs: Any) -> Any:
        kwargs.setdefault("organisation", self.organisation)
        return PDRecordFactory(person=person, end_date=end, hours=Decimal(str(hours)), **kwargs)


@pytest.fixture
def sysadmin(db: Any) -> Any:
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def campus(db: Any, sysadmin: Any) -> Campus:
    uni = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, code="skma")
    department = UnitFactory(organisation=uni, code="DEP")
    division = UnitFactory(organisation=uni, code="ADM")
    positions = {
        "lecturer": PositionFactory(code="lecturer", category=StaffCategory.FACULTY),
        "specialist": PositionFactory(code="specialist", name_kk="Маман", category=StaffCategory.ADMIN),
        "division_head": PositionFactory(
            code="division_head", name_kk="Бөлім бастығы", category=StaffCategory.ADMIN, is_head=True
        ),
        "deputy_director": PositionFactory(
            code="deputy_director", name_kk="Орынбасар", category=StaffCategory.ADMIN, is_deputy=True
        ),
        "college_teacher": PositionFactory(
            code="college_teacher", name_kk="Колледж оқытушысы", category=StaffCategory.COLLEGE_FACULTY
        ),
    }
    rule_set = rule_set_adopt(actor=sysadmin, organisation=uni, template_code="skma-464")
    return Campus(sysadmin, uni, department, division, rule_set, positions)
