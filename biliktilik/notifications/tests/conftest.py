"""Fixtures of the notifications tests: English pages, e-mail addresses, a two-step route."""

from __future__ import annotations

import pytest
from django.utils import translation

from biliktilik.workflows.enums import Decider
from biliktilik.workflows.tests.conftest import facts  # noqa: F401  (the unit adapter of the engine's tests)
from biliktilik.workflows.tests.helpers import make_route


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def addresses(world):
    """Every user of the world gets an e-mail address: ``<username>@example.kz``."""
    for user in world.users.values():
        user.email = f"{user.username}@example.kz"
        user.save(update_fields=["email"])
    return {role: user.email for role, user in world.users.items()}


@pytest.fixture
def route(world):
    """Unit head, then HR, with titles in three languages."""
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR, code="unit-schedule")
    route.title_kk, route.title_ru, route.title_en = "Кесте маршруты", "Маршрут графика", "Schedule route"
    route.save(update_fields=["title_kk", "title_ru", "title_en"])
    first, second = route.steps.order_by("order")
    first.title_kk, first.title_ru, first.title_en = "Бөлім меңгерушісі", "Заведующий кафедрой", "Head of the unit"
    first.save(update_fields=["title_kk", "title_ru", "title_en"])
    second.title_kk, second.title_ru, second.title_en = "Кадр қызметі", "Служба кадров", "HR service"
    second.save(update_fields=["title_kk", "title_ru", "title_en"])
    return route
