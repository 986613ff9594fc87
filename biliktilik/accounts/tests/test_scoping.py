"""SEC-01: every role sees exactly its scope of people."""

from __future__ import annotations

import pytest

from biliktilik.people.selectors import persons_visible_to

# role -> the people keys of the world it must see (and no others)
EXPECTED = {
    "employee": {"d1_1"},
    "unit_head": {"d1_1", "d1_2"},
    "institute_director": {"d1_1", "d1_2", "d2_1", "d2_2"},
    "hr_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "pd_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "finance_officer": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "first_head": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "auditor": {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"},
    "authority_officer": {"kg_1", "kg_2", "pv_1", "pv_2"},
    "provider_admin": {"pv_1", "pv_2"},
    "trainer": {"pv_1"},
}


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_exactly_its_people(world, role):
    seen = set(persons_visible_to(world.user(role)).values_list("pk", flat=True))
    expected = {world.people[key].pk for key in EXPECTED[role]}
    assert seen == expected


@pytest.mark.req("SEC-01")
def test_sysadmin_sees_everyone(world):
    seen = set(persons_visible_to(world.user("sysadmin")).values_list("pk", flat=True))
    assert seen == {p.pk for p in world.people.values()}


def test_anonymous_sees_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    assert not persons_visible_to(AnonymousUser()).exists()
