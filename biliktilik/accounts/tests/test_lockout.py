"""Lockout of a username from one address after repeated failed logins (django-axes), on the
login page and on the API token endpoint, and the login events in the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from biliktilik.core.audit import audit_trail
from biliktilik.core.models import AuditEvent

TOKEN_URL = "/api/v1/auth/token/"
GOOD = "pass-12345"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.AXES_FAILURE_LIMIT = 3
    with translation.override("en"):
        yield


def fail_on_page(client, username="hr_officer", times=3, **extra):
    for _n in range(times):
        response = client.post(reverse("login"), {"username": username, "password": "wrong"}, **extra)
    return response


@pytest.mark.req("SEC-03")
def test_the_login_page_locks_a_username_after_the_failure_limit(client, world):
    # Given three wrong passwords for one username from one address
    response = fail_on_page(client)
    # Then the page says so, with the cool-off time, and answers 429
    assert response.status_code == 429
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    # And even the right password is refused during the cool-off
    response = client.post(reverse("login"), {"username": "hr_officer", "password": GOOD})
    assert response.status_code == 429
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.req("SEC-03")
def test_the_lockout_is_for_the_username_and_address_together(client, world):
    fail_on_page(client, REMOTE_ADDR="10.0.0.1")
    # Another user from the same address may still log in
    other = client.post(reverse("login"), {"username": "auditor", "password": GOOD}, REMOTE_ADDR="10.0.0.1")
    assert other.status_code == 302
    # And the same user from another address too
    client.post(reverse("logout"))
    same = client.post(reverse("login"), {"username": "hr_officer", "password": GOOD}, REMOTE_ADDR="10.0.0.2")
    assert same.status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, world):
    fail_on_page(client, times=2)
    response = client.post(reverse("login"), {"username": "hr_officer", "password": GOOD})
    assert response.status_code == 302


@pytest.mark.req("SEC-03")
def test_the_token_endpoint_locks_too_with_a_json_error(world):
    client = APIClient()
    for _n in range(2):
        response = client.post(TOKEN_URL, {"username": "hr_officer", "password": "wrong"}, format="json")
        assert response.status_code == 400
    response = client.post(TOKEN_URL, {"username": "hr_officer", "password": "wrong"}, format="json")
    assert response.status_code == 429
    body = response.json()
    assert body == {
        "code": "too_many_attempts",
        "message": "Too many failed attempts; try again in 15 minutes.",
        "extra": {"retry_after_minutes": 15},
    }
    # The right password does not help during the cool-off
    response = client.post(TOKEN_URL, {"username": "hr_officer", "password": GOOD}, format="json")
    assert response.status_code == 429
    assert not Token.objects.exists()


def test_failures_on_the_page_and_the_api_add_up(client, world):
    fail_on_page(client, times=2)
    response = APIClient().post(TOKEN_URL, {"username": "hr_officer", "password": "wrong"}, format="json")
    assert response.status_code == 429


@pytest.mark.req("SEC-03")
def test_the_lockout_message_is_translated(client, world):
    with translation.override("kk"):
        fail_on_page(client, times=2)
        response = client.post(
            reverse("login"), {"username": "hr_officer", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="kk"
        )
    body = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed attempts" not in body
    assert "15 минуттан кейін" in body


@pytest.mark.req("SEC-02")
def test_logins_and_failed_logins_are_audited_without_the_password(client, world):
    user = world.user("hr_officer")
    client.post(reverse("login"), {"username": "hr_officer", "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("login"), {"username": "nobody", "password": "secret-guess"}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("login"), {"username": "hr_officer", "password": GOOD}, REMOTE_ADDR="10.1.2.3")

    events = list(audit_trail(user))
    assert [e.action for e in events] == ["user.login", "user.login_failed"]
    assert events[0].actor == user
    assert events[0].changes == {"ip_address": [None, "10.1.2.3"]}
    assert {e.organisation_id for e in events} == {world.orgs["uni"].pk}  # the HR officer's grant
    assert events[1].actor is None
    assert events[1].changes == {"username": [None, "hr_officer"], "ip_address": [None, "10.1.2.3"]}
    unknown = AuditEvent.objects.get(action="user.login_failed", object_id="")
    assert unknown.object_repr == "nobody"
    assert "secret-guess" not in str(list(AuditEvent.objects.values_list("changes", "object_repr")))


@pytest.mark.req("SEC-02")
def test_token_issue_and_revoke_are_audited(world):
    user = world.user("auditor")
    client = APIClient()
    token = client.post(TOKEN_URL, {"username": "auditor", "password": GOOD}, format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/auth/logout/").status_code == 204

    events = list(audit_trail(user))
    assert [e.action for e in events] == ["user.token_revoke", "user.token_issue"]
    assert events[0].changes["reason"] == [None, "api_logout"]
    assert all(e.actor == user for e in events)


def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(client, world, settings):
    settings.BILIKTILIK_BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    # Three failures of one client, who also forges an address of their own
    fail_on_page(client, HTTP_X_FORWARDED_FOR="1.1.1.1, 10.9.9.9", **proxy)
    # Another client behind the same proxy is not locked out
    other = client.post(
        reverse("login"), {"username": "hr_officer", "password": GOOD}, HTTP_X_FORWARDED_FOR="10.8.8.8", **proxy
    )
    assert other.status_code == 302
    client.post(reverse("logout"))
    # The first one is, whatever they put in front
    again = client.post(
        reverse("login"),
        {"username": "hr_officer", "password": GOOD},
        HTTP_X_FORWARDED_FOR="2.2.2.2, 10.9.9.9",
        **proxy,
    )
    assert again.status_code == 429


def test_the_test_client_can_still_log_in_with_axes_on(client, world, settings):
    assert settings.AXES_ENABLED
    assert client.login(username="hr_officer", password=GOOD)
    assert client.get(reverse("home")).status_code == 200
    assert not client.login(username="hr_officer", password="wrong")
