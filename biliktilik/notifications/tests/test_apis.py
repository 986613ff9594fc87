"""API: my notifications, the unread count, marking read. Every role reaches its own only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from biliktilik.notifications.models import Notification
from biliktilik.workflows.services import run_start
from conftest import ALL_ROLES

from .helpers import notification_for, state

pytestmark = pytest.mark.urls("biliktilik.notifications.tests.urls")

BASE = "/api/v1/notifications"
ANONYMOUS_REFUSED = {401, 403}


def api(world, role=None):
    client = APIClient()
    if role:
        client.force_login(world.user(role))
    return client


@pytest.fixture
def everyone(world):
    return {role: notification_for(user) for role, user in world.users.items()}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_lists_only_its_own(world, everyone, role):
    response = api(world, role).get(f"{BASE}/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["public_id"] for r in results] == [str(everyone[role].public_id)]
    assert results[0]["kind"] == "deadline_near"
    assert results[0]["title"] == f"Deadline 01.12.2025: Report of {role}"
    assert results[0]["is_read"] is False


def test_anonymous_is_refused(world, everyone):
    assert api(world).get(f"{BASE}/").status_code in ANONYMOUS_REFUSED
    assert api(world).get(f"{BASE}/unread-count/").status_code in ANONYMOUS_REFUSED


def test_the_text_is_in_the_language_of_the_request(world, facts, route, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    client = api(world, "unit_head")

    russian = client.get(f"{BASE}/", HTTP_ACCEPT_LANGUAGE="ru").json()["results"][0]["text"]
    kazakh = client.get(f"{BASE}/", HTTP_ACCEPT_LANGUAGE="kk").json()["results"][0]["text"]

    assert "Маршрут графика" in russian
    assert "Заведующий кафедрой" in russian
    assert "Кесте маршруты" in kazakh
    assert "Бөлім меңгерушісі" in kazakh


def test_unread_only_and_the_unread_count(world):
    user = world.user("employee")
    unread = notification_for(user)
    Notification.objects.filter(pk=notification_for(user).pk).update(read_at=timezone.now())
    client = api(world, "employee")

    listed = client.get(f"{BASE}/", {"unread": "1"}).json()["results"]

    assert [r["public_id"] for r in listed] == [str(unread.public_id)]
    assert client.get(f"{BASE}/unread-count/").json() == {"unread": 1}
    # I18N-01: a value that is neither yes nor no is a 400 naming the parameter
    response = client.get(f"{BASE}/", {"unread": "maybe"})
    assert (response.status_code, response.json()["extra"]) == (400, {"field": "unread"})


@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_marking_the_employees_notification_read_for_each_role(world, everyone, role):
    target = everyone["employee"]
    before = state()

    response = api(world, role).post(f"{BASE}/{target.public_id}/read/")

    if role == "employee":
        assert response.status_code == 200
        assert response.json()["is_read"] is True
        assert Notification.objects.get(pk=target.pk).read_at is not None
    else:
        assert response.status_code in ({404} if role else ANONYMOUS_REFUSED)
        assert state() == before


def test_marking_read_twice_keeps_the_first_time(world, everyone):
    target = everyone["employee"]
    client = api(world, "employee")

    first = client.post(f"{BASE}/{target.public_id}/read/").json()["read_at"]
    second = client.post(f"{BASE}/{target.public_id}/read/").json()["read_at"]

    assert first == second


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_all_marks_only_the_callers(world, everyone, role):
    response = api(world, role).post(f"{BASE}/read-all/")

    assert response.json() == {"marked": 1}
    assert list(Notification.objects.filter(read_at__isnull=False).values_list("recipient__username", flat=True)) == [
        role
    ]


def test_anonymous_cannot_read_all(world, everyone):
    before = state()

    assert api(world).post(f"{BASE}/read-all/").status_code in ANONYMOUS_REFUSED
    assert state() == before


def test_the_list_costs_the_same_for_2_or_30(world, django_assert_max_num_queries):
    user = world.user("employee")
    client = api(world, "employee")
    counts = []
    for rows in (2, 30):
        while Notification.objects.filter(recipient=user).count() < rows:
            notification_for(user)
        with django_assert_max_num_queries(6), CaptureQueriesContext(connection) as queries:
            response = client.get(f"{BASE}/")
        assert len(response.json()["results"]) == rows
        counts.append(len(queries))
    assert counts[0] == counts[1]
