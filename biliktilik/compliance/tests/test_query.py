"""Bad query parameters on every compliance page, export and API endpoint: a 400 that names the
parameter, never today's data and never a 500 (I18N-01)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from biliktilik.policy.services import rule_set_adopt

from .factories import PDRecordFactory
from .test_views import PAGES, area

BAD_DAYS = ["2025-13-01", "9999-07-01", "1900-01-01", "abc", "31.02.2025", "2025-06-01T00:00"]
GOOD_DAYS = ["2025-06-01", "01.06.2025", ""]


@pytest.fixture
def uni_world(world: Any) -> Any:
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="skma-464")
    PDRecordFactory(person=world.people["d1_1"], organisation=world.orgs["uni"], end_date=dt.date(2024, 3, 1))
    return world


def page_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.user("hr_officer"))
    return client


def api_client(world: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.user("hr_officer"))
    return client


def person_url(world: Any) -> str:
    return reverse("compliance:person", args=[world.people["d1_1"].public_id])


def api_urls(world: Any) -> list[str]:
    return [
        f"/api/v1/compliance/persons/{world.people['d1_1'].public_id}/",
        f"/api/v1/compliance/units/{world.units['d1'].public_id}/",
        f"/api/v1/compliance/organisations/{world.orgs['uni'].public_id}/",
    ]


@pytest.mark.django_db
@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("page", [*PAGES, "compliance:person"])
@pytest.mark.parametrize("value", BAD_DAYS)
def test_a_bad_day_on_a_page_is_a_400_naming_the_parameter(uni_world: Any, page: str, value: str) -> None:
    url = person_url(uni_world) if page == "compliance:person" else reverse(page)
    response = page_client(uni_world).get(url, area(uni_world, on=value), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    text = response.content.decode()
    assert "The parameter “on” must be" in text
    assert "Open the page without this parameter" in text


@pytest.mark.django_db
@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("page", [*PAGES, "compliance:person"])
@pytest.mark.parametrize("value", GOOD_DAYS)
def test_a_good_day_on_a_page_still_works(uni_world: Any, page: str, value: str) -> None:
    url = person_url(uni_world) if page == "compliance:person" else reverse(page)
    response = page_client(uni_world).get(url, area(uni_world, on=value))
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_message_is_in_the_users_language(uni_world: Any) -> None:
    response = page_client(uni_world).get(
        reverse("compliance:dashboard"), area(uni_world, on="abc"), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400
    assert "Параметр «on»" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.req("I18N-01")
@pytest.mark.parametrize(
    ("page", "params", "field"),
    [
        ("compliance:list", {"status": "nonsense"}, "status"),
        ("compliance:list", {"category": "nonsense"}, "category"),
        ("compliance:list", {"page": "abc"}, "page"),
        ("compliance:list", {"page": "0"}, "page"),
        ("compliance:overdue", {"page": "-1"}, "page"),
        ("compliance:participation", {"year": "abc"}, "year"),
        ("compliance:participation", {"year": "1200"}, "year"),
        ("compliance:participation", {"year": "99999"}, "year"),
        ("compliance:export_csv", {"list": "nonsense"}, "list"),
        ("compliance:export_xlsx", {"list": "nonsense"}, "list"),
        ("compliance:dashboard", {"organisation": "not-an-id"}, "organisation"),
        ("compliance:dashboard", {"unit": "42"}, "unit"),
    ],
)
def test_other_bad_parameters_on_pages(uni_world: Any, page: str, params: dict[str, str], field: str) -> None:
    response = page_client(uni_world).get(reverse(page), {**area(uni_world), **params}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"The parameter “{field}” must be" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("compliance:list", {"page": "999"}),  # past the end: the last page
        ("compliance:list", {"page": "last", "status": "", "category": ""}),
        ("compliance:list", {"status": "overdue", "category": "faculty"}),
        ("compliance:participation", {"year": "2024"}),
        ("compliance:export_csv", {"list": "overdue"}),
    ],
)
def test_good_other_parameters_still_work(uni_world: Any, page: str, params: dict[str, str]) -> None:
    response = page_client(uni_world).get(reverse(page), {**area(uni_world), **params})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("value", BAD_DAYS)
@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_bad_day_in_the_api_is_a_400_with_the_field(uni_world: Any, value: str, which: int) -> None:
    response = api_client(uni_world).get(api_urls(uni_world)[which], {"on": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation"
    assert body["extra"] == {"field": "on"}
    assert body["message"].startswith("The parameter “on” must be")


@pytest.mark.django_db
@pytest.mark.parametrize("value", GOOD_DAYS)
@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_good_day_in_the_api_still_works(uni_world: Any, value: str, which: int) -> None:
    assert api_client(uni_world).get(api_urls(uni_world)[which], {"on": value}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["status", "category"])
def test_an_unknown_filter_code_in_the_api_is_a_400(uni_world: Any, field: str) -> None:
    response = api_client(uni_world).get(api_urls(uni_world)[1], {field: "nonsense"})
    assert response.status_code == 400
    assert response.json()["extra"] == {"field": field}
