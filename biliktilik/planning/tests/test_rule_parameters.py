"""Planning reads its figures from the rules (policy.parameters), not from constants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.planning import services
from biliktilik.planning.selectors import analysis_inputs, plan_suggestions, planning_deadline
from biliktilik.policy.services import rule_create, rule_set_adopt, rule_set_create, rule_set_publish

D = dt.date
ON = D(2030, 6, 1)


def _own_parameters(world: Any, **params: Any) -> None:
    own = rule_set_create(
        actor=world.user("sysadmin"),
        owner=world.orgs["uni"],
        code="own-planning",
        title_kk="Жоспарлау",
        source_document="Rector's order",
        effective_from=D(2025, 1, 1),
    )
    rule_create(
        actor=world.user("sysadmin"),
        rule_set=own,
        kind="planning_parameters",
        code="own-planning",
        title_kk="Жоспарлау параметрлері",
        params=params,
        citation_document="Order 1",
        citation_clause="2",
    )
    rule_set_publish(actor=world.user("sysadmin"), rule_set=own)


@pytest.mark.django_db
@pytest.mark.req("PLN-01")
def test_a_suggested_course_takes_its_hours_and_length_from_the_rules(world: Any) -> None:
    uni = world.orgs["uni"]
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="skma-464")
    plan = services.plan_create(
        actor=world.user("hr_officer"), person=world.people["d1_1"], organisation=uni, year=2031
    )
    by_rule = {s.key.split("/")[1]: s for s in plan_suggestions(plan, on=ON)}
    # SKMA-464 3.4 counts activities: a course of the 72 h of SKMA-464 4.3, over 14 days by default
    every = by_rule["skma-464-every-employee"]
    assert every.hours == Decimal(72)
    assert (every.end_date - every.start_date).days == 13
    # the organisation's own figures win
    _own_parameters(world, suggested_course_hours=40, suggested_course_days=5)
    every = {s.key.split("/")[1]: s for s in plan_suggestions(plan, on=ON)}["skma-464-every-employee"]
    assert every.hours == Decimal(40)
    assert (every.end_date - every.start_date).days == 4


@pytest.mark.django_db
@pytest.mark.req("PLN-02")
def test_the_young_staff_age_of_the_analysis_comes_from_the_rules(world: Any) -> None:
    unit = world.people["d1_1"].employments.first().unit
    assert analysis_inputs(unit, on=ON).young_age == 35  # the installation default
    _own_parameters(world, young_staff_age=30)
    assert analysis_inputs(unit, on=ON).young_age == 30


@pytest.mark.django_db
@pytest.mark.req("PLN-03")
def test_the_plan_deadline_is_the_deadline_rule(world: Any) -> None:
    uni = world.orgs["uni"]
    assert planning_deadline(uni, 2031) is None
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="skma-464")
    found = planning_deadline(uni, 2031)
    assert (found.date, found.source, found.citation) == (D(2030, 12, 1), "rule", "SKMA-464 5.5")


@pytest.mark.django_db
@pytest.mark.req("PLN-03")
def test_the_deadline_rule_wins_over_the_organisations_planning_calendar(world: Any) -> None:
    """The calendar is the organisation's own data, read only where no rule gives the date."""
    uni, officer = world.orgs["uni"], world.user("hr_officer")
    services.planning_calendar_set(actor=officer, organisation=uni, month=11, day=15)
    found = planning_deadline(uni, 2031)
    assert (found.date, found.source, found.citation) == (D(2030, 11, 15), "calendar", "")
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="skma-464")
    found = planning_deadline(uni, 2031)
    assert (found.date, found.source, found.citation) == (D(2030, 12, 1), "rule", "SKMA-464 5.5")
