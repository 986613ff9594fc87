"""Rule kinds nothing reads are marked on the rules page; planning figures come from the rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.errors import ApplicationError
from biliktilik.policy import parameters, readers
from biliktilik.policy.evaluators import clean_params
from biliktilik.policy.models import RuleSet
from biliktilik.policy.services import rule_create, rule_set_adopt, rule_set_create, rule_set_publish

D = dt.date


def _page(world: Any, template: str) -> str:
    client = Client()
    client.force_login(world.user("sysadmin"))
    rule_set = RuleSet.objects.get(owner__isnull=True, code=template)
    return client.get(reverse("policy:rule_set_detail", args=[rule_set.public_id])).content.decode()


def _row(html: str, code: str) -> str:
    start = html.index(f'id="rule-{code}-v1"')
    return html[start : html.index("</tr>", start)]


@pytest.mark.django_db
@pytest.mark.req("POL-06")
def test_a_kind_nobody_reads_is_shown_as_not_yet_applied(world: Any) -> None:
    html = _page(world, "preschool-rules")
    assert "not-applied" in _row(html, "preschool-pass")
    html = _page(world, "skma-464")
    assert "not-applied" not in _row(html, "skma-464-faculty-72h")  # compliance reads it
    assert "not-applied" not in _row(html, "skma-464-organisation-plan")  # planning reads this deadline
    assert "not-applied" in _row(html, "skma-464-application")  # a deadline code nobody reads yet


@pytest.mark.django_db
def test_a_feature_that_registers_as_reader_removes_the_badge(world: Any) -> None:
    reader = readers.register("pass_thresholds", "Course evaluation")
    try:
        assert "not-applied" not in _row(_page(world, "preschool-rules"), "preschool-pass")
        assert readers.is_applied("pass_thresholds", {})
    finally:
        readers.unregister(reader)
    assert not readers.is_applied("pass_thresholds", {})


def test_an_unknown_kind_cannot_be_registered() -> None:
    with pytest.raises(ValueError, match="Unknown kind"):
        readers.register("horoscope", "nobody")


@pytest.mark.django_db
def test_the_api_says_whether_a_rule_is_applied(world: Any) -> None:
    client = Client()
    client.force_login(world.user("sysadmin"))
    rule_set = RuleSet.objects.get(owner__isnull=True, code="preschool-rules")
    data = client.get(f"/api/v1/policy/rule-sets/{rule_set.public_id}/").json()
    applied = {r["code"]: r["applied"] for r in data["rules"]}
    assert applied["preschool-pass"] is False


# --- planning parameters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({}, "params.suggested_course_hours", id="empty"),
        pytest.param({"suggested_course_days": 0}, "params.suggested_course_days", id="zero-days"),
        pytest.param({"young_staff_age": 7}, "params.young_staff_age", id="child"),
        pytest.param({"suggested_course_hours": -1}, "params.suggested_course_hours", id="negative-hours"),
        pytest.param({"weeks": 2}, "params.weeks", id="unknown"),
    ],
)
def test_broken_planning_parameters_are_refused_naming_the_parameter(params: dict, field: str) -> None:
    with pytest.raises(ApplicationError) as info:
        clean_params("planning_parameters", params)
    assert info.value.field == field


@pytest.mark.django_db
@pytest.mark.req("POL-01")
def test_planning_figures_come_from_the_rules_else_the_installation_defaults(world: Any, settings: Any) -> None:
    uni = world.orgs["uni"]
    settings.PLANNING_DEFAULTS = {"suggested_course_hours": 40, "suggested_course_days": 10, "young_staff_age": 30}
    # nothing adopted: the installation defaults, without a citation
    assert parameters.suggested_course_hours(uni, D(2025, 6, 1)).value == Decimal(40)
    assert parameters.young_staff_age(uni, D(2025, 6, 1)).citation == ""
    assert parameters.plan_deadline(uni, 2026) is None
    # SKMA-464 adopted: 72 h by its 4.3, the plan by 1 December by its 5.5
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="skma-464")
    hours = parameters.suggested_course_hours(uni, D(2025, 6, 1))
    assert (hours.value, hours.citation) == (Decimal(72), "SKMA-464 4.3")
    rule, due = parameters.plan_deadline(uni, 2026)
    assert (due, rule.citation_clause) == (D(2025, 12, 1), "5.5")
    # the organisation's own rule sets its own length and age; the nearest owner wins per figure
    own = rule_set_create(
        actor=world.user("sysadmin"),
        owner=uni,
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
        params={"suggested_course_days": 12, "young_staff_age": 36},
        citation_document="Order 1",
        citation_clause="2",
    )
    rule_set_publish(actor=world.user("sysadmin"), rule_set=own)
    assert parameters.suggested_course_days(uni, D(2025, 6, 1)).value == 12
    assert parameters.young_staff_age(uni, D(2025, 6, 1)).value == 36
    assert parameters.suggested_course_hours(uni, D(2025, 6, 1)).value == Decimal(72)
    # before the own rule set was in force
    assert parameters.young_staff_age(uni, D(2024, 6, 1)).value == 30
