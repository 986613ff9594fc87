"""The routes of the source documents, seeded as data with their clauses."""

from __future__ import annotations

import pytest

from biliktilik.core.errors import ApplicationError
from biliktilik.workflows.enums import Decider
from biliktilik.workflows.models import Route
from biliktilik.workflows.seeding import TEMPLATES, seed_routes


@pytest.mark.req("PLN-03")
def test_the_kaznrtu_route_follows_clause_7_4(world):
    route = seed_routes(organisation=world.orgs["uni"], template="kaznrtu_602_7_4")

    assert (route.code, route.purpose, route.notes, route.version) == (
        "kaznrtu-602-7-4",
        "unit_schedule",
        "KazNRTU-602 7.4-7.5",
        1,
    )
    assert list(route.steps.order_by("order").values_list("decider", "condition", "notes")) == [
        (Decider.UNIT_HEAD, "", "KazNRTU-602 7.4"),
        (Decider.UNIT_HEAD, "", "KazNRTU-602 7.4"),
        (Decider.INSTITUTE_DIRECTOR, "", "KazNRTU-602 7.4"),
        (Decider.HR, "", "KazNRTU-602 7.4"),
        (Decider.FINANCE, "requires_payment", "KazNRTU-602 7.4"),
        (Decider.MANAGEMENT_OFFICE, "", "KazNRTU-602 7.4-7.5"),
    ]


@pytest.mark.req("PLN-03")
def test_the_skma_route_follows_clauses_5_4_and_5_5(world):
    route = seed_routes(organisation=world.orgs["uni"], template="skma_464_5_5")

    steps = list(route.steps.order_by("order"))
    assert [(s.decider, s.notes) for s in steps] == [
        (Decider.UNIT_HEAD, "SKMA-464 5.3-5.4"),
        (Decider.PD_CENTRE, "SKMA-464 5.5"),
        (Decider.FIRST_HEAD, "SKMA-464 5.5"),
    ]
    assert "1 December" in steps[1].title_en
    assert "1 желтоқсан" in steps[1].title_kk


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_has_titles_in_three_languages(world, template):
    route = seed_routes(organisation=world.orgs["uni"], template=template)
    for item in [route, *route.steps.all()]:
        assert all((item.title_kk, item.title_ru, item.title_en)), item


def test_seeding_twice_gives_the_same_route(world):
    first = seed_routes(organisation=world.orgs["uni"], template="skma_464_5_5")
    second = seed_routes(organisation=world.orgs["uni"], template="skma_464_5_5")
    assert first.pk == second.pk
    assert Route.objects.count() == 1


def test_an_unknown_template_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        seed_routes(organisation=world.orgs["uni"], template="kaznrtu_602_9_9")
    assert refused.value.field == "template"
    assert not Route.objects.exists()
