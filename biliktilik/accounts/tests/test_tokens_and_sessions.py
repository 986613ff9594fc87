"""API tokens that expire and are revoked, rate limits of the token endpoint, the idle timeout
of sessions and ``Cache-Control: no-store`` for signed-in users."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from biliktilik.core.middleware import SESSION_LAST_SEEN_KEY

TOKEN_URL = "/api/v1/auth/token/"
LOGOUT_URL = "/api/v1/auth/logout/"
ME_URL = "/api/v1/me/"
GOOD = "pass-12345"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def token_client(token: Token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.req("SEC-03")
def test_an_expired_token_is_refused_and_deleted(world, settings):
    settings.BILIKTILIK_TOKEN_TTL_HOURS = 12
    token = Token.objects.create(user=world.user("hr_officer"))
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(hours=12, minutes=1))

    response = token_client(token).get(ME_URL)

    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": "The token has expired; ask for a new one.",
        "extra": {},
    }
    assert not Token.objects.exists()


def test_a_token_within_its_lifetime_works_and_tells_its_expiry(world, settings):
    settings.BILIKTILIK_TOKEN_TTL_HOURS = 2
    body = APIClient().post(TOKEN_URL, {"username": "hr_officer", "password": GOOD}, format="json").json()
    token = Token.objects.get(key=body["token"])
    assert dt.datetime.fromisoformat(body["expires_at"]) == timezone.localtime(token.created + dt.timedelta(hours=2))
    assert token_client(token).get(ME_URL).status_code == 200


def test_asking_again_after_expiry_gives_a_new_token(world):
    client = APIClient()
    credentials = {"username": "auditor", "password": GOOD}
    first = client.post(TOKEN_URL, credentials, format="json").json()["token"]
    Token.objects.filter(key=first).update(created=timezone.now() - dt.timedelta(days=2))
    second = client.post(TOKEN_URL, credentials, format="json").json()["token"]
    assert first != second
    assert list(Token.objects.values_list("key", flat=True)) == [second]


@pytest.mark.req("SEC-03")
def test_the_logout_endpoint_revokes_the_token(world):
    token = Token.objects.create(user=world.user("first_head"))
    client = token_client(token)

    assert client.post(LOGOUT_URL).status_code == 204

    assert not Token.objects.exists()
    assert client.get(ME_URL).status_code == 401


def test_the_logout_endpoint_needs_a_signed_in_user(world):
    Token.objects.create(user=world.user("first_head"))
    assert APIClient().post(LOGOUT_URL).status_code == 401
    assert Token.objects.count() == 1


def test_the_logout_endpoint_ends_a_session_too(world):
    client = APIClient()
    client.force_login(world.user("employee"))
    assert client.post(LOGOUT_URL).status_code == 204
    assert client.get(ME_URL).status_code == 401


@pytest.mark.req("SEC-03")
def test_logging_out_of_the_site_revokes_the_api_tokens(client, world):
    user = world.user("pd_officer")
    Token.objects.create(user=user)
    client.post(reverse("login"), {"username": "pd_officer", "password": GOOD})

    client.post(reverse("logout"))

    assert not Token.objects.filter(user=user).exists()


@pytest.mark.req("SEC-03")
def test_the_token_endpoint_is_rate_limited_in_the_error_shape(world, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100/minute", "auth_token": "3/minute"})
    client = APIClient()
    for n in range(3):
        response = client.post(TOKEN_URL, {"username": f"nobody{n}", "password": "x"}, format="json")
        assert response.status_code == 400
    response = client.post(TOKEN_URL, {"username": "hr_officer", "password": GOOD}, format="json")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "too_many_attempts"
    assert body["message"].startswith("Too many requests; try again in ")
    assert body["extra"]["retry_after_seconds"] >= 1
    assert response["Retry-After"] == str(body["extra"]["retry_after_seconds"])


def test_the_rate_limit_message_is_translated(world, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100/minute", "auth_token": "1/minute"})
    client = APIClient()
    client.post(TOKEN_URL, {"username": "x", "password": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="kk")
    with translation.override("kk"):
        response = client.post(TOKEN_URL, {"username": "x", "password": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 429
    assert "секундтан кейін" in response.json()["message"]


def age_session(client, seconds: int) -> None:
    session = client.session
    session[SESSION_LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


@pytest.mark.req("SEC-03")
def test_an_idle_session_ends(client, world, settings):
    settings.BILIKTILIK_SESSION_IDLE_MINUTES = 30
    client.force_login(world.user("employee"))
    age_session(client, 31 * 60)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    page = client.get(response.url)
    assert "Your session ended after 30 minutes without activity; please log in again." in page.content.decode()
    # The session is gone for good, not only for one request
    assert client.get(reverse("home")).status_code == 302


def test_an_active_session_goes_on(client, world, settings):
    settings.BILIKTILIK_SESSION_IDLE_MINUTES = 30
    client.force_login(world.user("employee"))
    age_session(client, 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    # The request counted as activity: the clock starts again
    assert int(time.time()) - client.session[SESSION_LAST_SEEN_KEY] < 5


def test_an_htmx_request_of_an_ended_session_reloads_the_login_page(client, world):
    client.force_login(world.user("hr_officer"))
    age_session(client, 24 * 60 * 60)

    response = client.get(
        reverse("people:directory"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/people/?q=x",
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Fpeople%2F%3Fq%3Dx"


def test_an_idle_session_is_refused_by_the_api(world):
    client = APIClient()
    client.force_login(world.user("auditor"))
    age_session(client, 24 * 60 * 60)
    assert client.get(ME_URL).status_code == 401


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("url", ["home", "people:directory", "api-me"])
def test_responses_to_signed_in_users_are_not_stored(client, world, url):
    client.force_login(world.user("hr_officer"))
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_responses_to_token_users_are_not_stored(world):
    token = Token.objects.create(user=world.user("hr_officer"))
    assert token_client(token).get(ME_URL)["Cache-Control"] == "no-store"


def test_anonymous_responses_keep_their_caching(client, db):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
