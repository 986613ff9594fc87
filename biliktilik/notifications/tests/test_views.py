"""Pages: my notifications (unread first), marking read one or all (htmx or plain forms),
opening one, and the navbar bell. Every role sees and changes its own notifications only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from biliktilik.notifications.context_processors import bell
from biliktilik.notifications.models import Notification
from biliktilik.notifications.selectors import Bell
from conftest import ALL_ROLES

from .helpers import notification_for, state

LIST = reverse("notifications:list")


@pytest.fixture
def everyone(world):
    """One notification for each user of the world, by role."""
    return {role: notification_for(user) for role, user in world.users.items()}


def signed_in(client, world, role):
    client.force_login(world.user(role))
    return client


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_only_its_own_notifications(client, world, everyone, role):
    response = signed_in(client, world, role).get(LIST)

    assert response.status_code == 200
    shown = {str(n.public_id) for n in everyone.values() if f"notification-{n.public_id}" in response.text}
    assert shown == {str(everyone[role].public_id)}
    assert f"Deadline 01.12.2025: Report of {role}" in response.text


def test_anonymous_is_sent_to_sign_in(client, world, everyone):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_unread_come_first_then_the_newest(client, world):
    user = world.user("employee")
    old_unread = notification_for(user, subject="old unread")
    new_read = notification_for(user, subject="new read")
    Notification.objects.filter(pk=new_read.pk).update(read_at=timezone.now())
    new_unread = notification_for(user, subject="new unread")
    Notification.objects.filter(pk=old_unread.pk).update(created_at=timezone.now() - dt.timedelta(days=3))

    text = signed_in(client, world, "employee").get(LIST).text

    positions = [text.index(f"notification-{n.public_id}") for n in (new_unread, old_unread, new_read)]
    assert positions == sorted(positions)


@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_marking_the_employees_notification_read_for_each_role(client, world, everyone, role):
    target = everyone["employee"]
    before = state()
    if role:
        signed_in(client, world, role)

    response = client.post(reverse("notifications:read", args=[target.public_id]))

    target.refresh_from_db()
    if role == "employee":
        assert response.status_code == 302
        assert response["Location"] == LIST
        assert target.read_at is not None
    else:
        assert response.status_code == (404 if role else 302)
        assert state() == before


def test_marking_read_under_htmx_returns_the_row_and_tells_the_bell(client, world, everyone):
    target = everyone["employee"]

    response = signed_in(client, world, "employee").post(
        reverse("notifications:read", args=[target.public_id]), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications:changed"
    assert response.text.strip().startswith(f'<li id="notification-{target.public_id}"')
    assert "Mark as read" not in response.text
    assert Notification.objects.get(pk=target.pk).read_at is not None


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_mark_all_read_marks_only_mine(client, world, everyone, htmx):
    user = world.user("hr_officer")
    notification_for(user)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = signed_in(client, world, "hr_officer").post(reverse("notifications:read_all"), **headers)

    assert response.status_code == (200 if htmx else 302)
    unread = set(Notification.objects.filter(read_at__isnull=True).values_list("recipient__username", flat=True))
    assert unread == set(ALL_ROLES) - {"hr_officer"}
    if htmx:
        assert response["HX-Trigger"] == "notifications:changed"
        assert 'id="notification-list"' in response.text
        assert "Mark as read" not in response.text


def test_anonymous_cannot_mark_all_read(client, world, everyone):
    before = state()

    response = client.post(reverse("notifications:read_all"))

    assert response.status_code == 302
    assert state() == before


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, world, everyone):
    target = everyone["employee"]

    response = signed_in(client, world, "employee").get(reverse("notifications:open", args=[target.public_id]))

    assert response.status_code == 302
    assert response["Location"] == "/plans/"
    assert Notification.objects.get(pk=target.pk).read_at is not None


def test_opening_someone_elses_notification_is_not_found(client, world, everyone):
    before = state()

    response = signed_in(client, world, "hr_officer").get(
        reverse("notifications:open", args=[everyone["employee"].public_id])
    )

    assert response.status_code == 404
    assert state() == before


def test_the_list_costs_the_same_for_2_or_30_notifications(client, world, django_assert_max_num_queries):
    user = world.user("employee")
    signed_in(client, world, "employee")
    counts = []
    for rows in (2, 30):
        while Notification.objects.filter(recipient=user).count() < rows:
            notification_for(user)
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.text.count('id="notification-') == min(rows, 25) + 1  # rows + the list itself
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the bell -------------------------------------------------------------------------------


def test_the_bell_shows_the_unread_count_in_one_query(world, django_assert_num_queries):
    user = world.user("employee")
    for _ in range(3):
        notification_for(user)
    Notification.objects.filter(pk=notification_for(user).pk).update(read_at=timezone.now())
    notification_for(world.user("auditor"))

    with django_assert_num_queries(1):
        html = render_to_string("notifications/_bell.html", {"notification_bell": Bell(user)})

    assert 'data-unread-count="3"' in html
    assert '">3<span class="visually-hidden"> unread notifications</span>' in html
    assert reverse("notifications:list") in html


def test_the_bell_without_unread_shows_no_count(world):
    html = render_to_string("notifications/_bell.html", {"notification_bell": Bell(world.user("employee"))})

    assert 'id="bell"' in html
    assert "data-unread-count" not in html


def test_the_bell_view_answers_the_partial_for_htmx(client, world, everyone):
    response = signed_in(client, world, "employee").get(reverse("notifications:bell"))

    assert response.status_code == 200
    assert 'data-unread-count="1"' in response.text


def test_the_context_processor_asks_nothing_until_the_bell_is_shown(rf, world, django_assert_num_queries):
    request = rf.get("/")
    request.user = world.user("employee")

    with django_assert_num_queries(0):
        context = bell(request)

    assert isinstance(context["notification_bell"], Bell)


def test_the_context_processor_gives_anonymous_users_no_bell(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()

    assert bell(request) == {}
    assert render_to_string("notifications/_bell.html", {}).strip() == ""


@pytest.mark.parametrize(("page", "status"), [("abc", 400), ("0", 400), ("99", 200), ("last", 200)])
def test_a_page_number_that_is_no_number_is_refused(client, world, everyone, page, status):
    response = signed_in(client, world, "employee").get(LIST, {"page": page}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status  # past the end: the last page
    if status == 400:
        assert "The parameter “page” must be" in response.content.decode()
