"""Rule pages for every role of the world fixture (SEC-01), and publishing a new version."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.models import AuditEvent
from biliktilik.policy.models import Rule, RuleSet
from biliktilik.policy.services import rule_set_adopt
from conftest import ALL_ROLES

MANAGERS_OF_UNI = {"hr_officer", "pd_officer", "sysadmin"}
UNI_INSIDERS = {
    "employee",
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "sysadmin",
}


@pytest.fixture
def adopted(world: Any) -> RuleSet:
    return rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="skma-464")


def client_for(world: Any, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_the_rule_set_list(world: Any, adopted: RuleSet, role: str | None) -> None:
    response = client_for(world, role).get(reverse("policy:rule_set_list"))
    if role is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    groups = response.context["groups"]
    assert {rs.code for rs in groups["templates"]} == {"skma-464", "kaznrtu-602", "kafu-2025", "preschool-rules"}
    assert [rs.code for rs in groups["national"]] == ["moes-1211"]
    # the university's own copy is internal: shown to its people only (KazNRTU-602 1.5)
    assert [rs.owner for rs in groups["own"]] == ([world.orgs["uni"]] if role in UNI_INSIDERS else [])


@pytest.mark.django_db
@pytest.mark.req("POL-01")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_the_rule_set_page_shows_the_citation_beside_each_rule(world: Any, adopted: RuleSet, role: str | None) -> None:
    response = client_for(world, role).get(reverse("policy:rule_set_detail", args=[adopted.public_id]))
    if role is None:
        assert response.status_code == 302
    elif role in UNI_INSIDERS:
        assert response.status_code == 200
        html = response.content.decode()
        row = html[html.index('id="rule-skma-464-faculty-72h-v1"') :]
        row = row[: row.index("</tr>")]
        assert "SKMA-464 4.3" in row
        assert "72" in row
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_rule_list_and_detail_pages_cost_a_fixed_number_of_queries(
    world: Any, adopted: RuleSet, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world, "hr_officer")
    client.get(reverse("policy:rule_set_list"))
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("policy:rule_set_list"))
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="kafu-2025")
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="preschool-rules")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("policy:rule_set_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("policy:rule_set_detail", args=[adopted.public_id]))


def new_version_data(rule: Rule, **overrides: Any) -> dict[str, str]:
    data = {
        "effective_from": "2026-01-01",
        "title_kk": rule.title_kk,
        "title_ru": rule.title_ru,
        "title_en": rule.title_en,
        "params": json.dumps({**rule.params, "min_hours": 80}),
        "scope": json.dumps(rule.scope),
        "citation_document": rule.citation_document,
        "citation_clause": rule.citation_clause,
        "citation_text": rule.citation_text,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.req("POL-07")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_who_may_publish_a_new_version_of_the_universitys_rule(world: Any, adopted: RuleSet, role: str | None) -> None:
    rule = adopted.rules.get(code="skma-464-faculty-72h")
    url = reverse("policy:rule_new_version", args=[rule.public_id])
    client = client_for(world, role)
    page = client.get(url)
    response = client.post(url, new_version_data(rule))
    versions = list(Rule.objects.filter(rule_set=adopted, code=rule.code).order_by("version"))
    if role in MANAGERS_OF_UNI:
        assert page.status_code == 200
        assert response.status_code == 302
        assert [(v.version, v.params["min_hours"], v.effective_to) for v in versions] == [
            (1, 72, dt.date(2026, 1, 1)),
            (2, 80, None),
        ]
    else:
        assert page.status_code == response.status_code
        assert response.status_code == (302 if role is None else 403 if role in UNI_INSIDERS else 404)
        assert [(v.version, v.effective_to) for v in versions] == [(1, None)]
        assert not AuditEvent.objects.filter(action="rule.publish_version").exists()


@pytest.mark.django_db
def test_a_broken_new_version_is_shown_with_the_parameter_named(world: Any, adopted: RuleSet) -> None:
    rule = adopted.rules.get(code="skma-464-faculty-72h")
    response = client_for(world, "hr_officer").post(
        reverse("policy:rule_new_version", args=[rule.public_id]),
        new_version_data(rule, params=json.dumps({"period_years": 3, "min_hours": -5})),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["field_errors"] == {
        "params.min_hours": "Must be a number of academic hours from 0 to 100000."
    }
    assert Rule.objects.filter(rule_set=adopted, code=rule.code).count() == 1
    bad_json = client_for(world, "hr_officer").post(
        reverse("policy:rule_new_version", args=[rule.public_id]),
        new_version_data(rule, params="{oops"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad_json.status_code == 400
    assert bad_json.context["form"].errors["params"] == ["This is not valid JSON."]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_who_may_adopt_a_template_from_its_page(world: Any, role: str | None) -> None:
    template = RuleSet.objects.get(code="kafu-2025", owner__isnull=True)
    uni = world.orgs["uni"]
    response = client_for(world, role).post(
        reverse("policy:rule_set_adopt", args=[template.public_id]), {"organisation": str(uni.public_id)}
    )
    adopted = RuleSet.objects.filter(owner=uni, code="kafu-2025")
    if role in MANAGERS_OF_UNI:
        assert response.status_code == 302
        assert adopted.count() == 1
    else:
        assert adopted.count() == 0
        if role is None:
            assert response.status_code == 302
        elif role == "authority_officer":
            # manages the region, not the university: the choice is refused
            assert response.status_code == 302
        else:
            assert response.status_code == 403


@pytest.mark.django_db
def test_the_rule_page_lists_every_version(world: Any, adopted: RuleSet) -> None:
    rule = adopted.rules.get(code="skma-464-faculty-72h")
    client = client_for(world, "pd_officer")
    client.post(reverse("policy:rule_new_version", args=[rule.public_id]), new_version_data(rule))
    response = client.get(reverse("policy:rule_detail", args=[rule.public_id]))
    assert [v.rule.version for v in response.context["versions"]] == [1, 2]
    assert response.context["can_manage"] is False  # version 1 is closed
