"""The menu offers only what the user may open."""

from __future__ import annotations

import pytest
from django.urls import reverse

AREA_ROLES = {
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "authority_officer",
    "provider_admin",
    "sysadmin",
}


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", sorted(AREA_ROLES | {"employee", "trainer"}))
def test_the_compliance_dashboard_is_offered_exactly_to_those_who_may_open_it(client, world, role):
    client.force_login(world.user(role))
    home = client.get(reverse("home")).content.decode()
    offered = f'href="{reverse("compliance:dashboard")}"' in home
    assert offered is (role in AREA_ROLES)
    assert client.get(reverse("compliance:dashboard")).status_code == (200 if offered else 403)


def test_a_person_is_offered_their_own_compliance_card(client, world):
    client.force_login(world.user("employee"))
    home = client.get(reverse("home")).content.decode()
    assert reverse("compliance:person", args=[world.people["d1_1"].public_id]) in home
