"""The plan page's "suggest" action adds the requirements that fall due as items (PLN-01)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.ledger.enums import FundingSource
from biliktilik.planning import services
from biliktilik.planning.enums import ItemOrigin
from biliktilik.planning.models import PlanItem
from biliktilik.policy.services import rule_set_adopt

pytestmark = pytest.mark.django_db


@pytest.mark.req("PLN-01")
def test_the_suggest_action_adds_the_suggested_items_to_the_plan(world: Any) -> None:
    # given the university following SKMA-464 and an employee's empty plan for a year ahead
    uni = world.orgs["uni"]
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="skma-464")
    plan = services.plan_create(
        actor=world.user("hr_officer"), person=world.people["d1_1"], organisation=uni, year=2031
    )
    client = Client()
    client.force_login(world.user("employee"))
    # when the employee asks for the suggestions on the plan's page
    response = client.post(reverse("planning:plan_action", args=[plan.public_id, "suggest"]))
    # then the page comes back and the plan holds the suggested items
    assert response.status_code == 302
    items = list(PlanItem.objects.filter(plan=plan))
    assert items
    assert {i.origin for i in items} == {ItemOrigin.COMPLIANCE}
    assert all(i.funding_source in FundingSource.values for i in items)
