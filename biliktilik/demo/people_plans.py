"""The shapes of the planned demo people: a person and their employments, as plain data.

``planner`` fills them, ``reference`` moves their dates to the reference day, the writers save them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class EmploymentPlan:
    org: str
    unit: str
    position: str
    category: str
    start: dt.date
    end: dt.date | None = None
    end_reason: str = ""
    rate: Decimal = Decimal("1.00")
    primary: bool = True
    competition_date: dt.date | None = None
    competition_term: int | None = None


@dataclass(slots=True)
class PersonPlan:
    last_name: str
    first_name: str
    middle_name: str
    sex: str
    birth_date: dt.date
    iin: str
    email: str = ""
    phone: str = ""
    academic_title: str = ""
    external_id: str = ""
    login: str = ""
    employments: list[EmploymentPlan] = field(default_factory=list)
    # (kind, field of science, awarded on, diploma number)
    degrees: list[tuple[str, str, dt.date, str]] = field(default_factory=list)
    # (category, awarded on, valid until, order number)
    categories: list[tuple[str, dt.date, dt.date, str]] = field(default_factory=list)
    # (discipline code, organisation key, valid from, valid to)
    teaching: list[tuple[str, str, dt.date, dt.date | None]] = field(default_factory=list)
    # (organisation key, year, programme, level)
    graduations: list[tuple[str, int, str, str]] = field(default_factory=list)
