"""Signing in to the API: sessions, tokens, "who am I", and anonymous requests."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from biliktilik.accounts.models import RoleGrant
from biliktilik.core.roles import Role

from .helpers import error
from .visibility import OWN_PERSON

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"
ALL_ROLES = [role.value for role in Role]

PROTECTED_GETS = [
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/units/",
    "/api/v1/positions/",
    "/api/v1/persons/",
    "/api/v1/employments/",
]


@pytest.mark.parametrize("url", PROTECTED_GETS, ids=lambda url: url.split("/")[-2])
def test_anonymous_request_is_refused_with_401(db, url):
    # Given nobody signed in
    client = APIClient()
    # When they ask for a list
    response = client.get(url)
    # Then they are told to authenticate, in the common error shape
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error(response)["code"] == "not_authenticated"


def test_token_is_issued_for_a_correct_password_and_authenticates(world):
    # Given a user with a password and no token yet
    assert not Token.objects.filter(user=world.user("hr_officer")).exists()
    # When they exchange the password for a token
    response = APIClient().post(TOKEN_URL, {"username": "hr_officer", "password": "pass-12345"}, format="json")
    # Then they get the token stored for them
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=world.user("hr_officer")).key == token
    # And the token alone signs them in
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["username"] == "hr_officer"


def test_asking_twice_returns_the_same_token(world):
    client = APIClient()
    credentials = {"username": "auditor", "password": "pass-12345"}
    first = client.post(TOKEN_URL, credentials, format="json").json()["token"]
    second = client.post(TOKEN_URL, credentials, format="json").json()["token"]
    assert first == second
    assert Token.objects.filter(user=world.user("auditor")).count() == 1


@pytest.mark.parametrize(
    ("username", "password"),
    [("hr_officer", "wrong"), ("nobody", "pass-12345"), ("hr_officer", "")],
    ids=["wrong-password", "unknown-user", "no-password"],
)
def test_token_is_refused_for_bad_credentials(world, username, password):
    response = APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json")
    assert response.status_code == 400
    assert error(response)["code"] == "validation"
    assert not Token.objects.exists()


def test_inactive_user_gets_no_token(world):
    user = world.user("pd_officer")
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = APIClient().post(TOKEN_URL, {"username": "pd_officer", "password": "pass-12345"}, format="json")
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_wrong_token_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get(ME_URL)
    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"


def test_revoked_token_no_longer_works(world):
    # Given a user signed in with a token
    token = Token.objects.create(user=world.user("first_head"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    # When they revoke it
    response = client.delete(TOKEN_URL)
    # Then it is gone and refused afterwards
    assert response.status_code == 204
    assert not Token.objects.exists()
    assert client.get(ME_URL).status_code == 401


def test_revoking_needs_a_signed_in_user(world):
    Token.objects.create(user=world.user("first_head"))
    response = APIClient().delete(TOKEN_URL)
    assert response.status_code == 401
    assert Token.objects.count() == 1


@pytest.mark.parametrize("role", ALL_ROLES)
def test_me_shows_the_user_their_person_and_grants(world, client_as, role):
    # Given a user of each role
    user = world.user(role)
    grant = RoleGrant.objects.get(user=user)
    # When they ask who they are
    response = client_as(role).get(ME_URL)
    # Then they see themselves, their person with the IIN in full, and their role grant
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == user.pk
    assert body["username"] == role
    assert body["sees_everything"] is (role == "sysadmin")
    person_key = OWN_PERSON.get(role)
    if person_key is None:
        assert body["person"] is None
    else:
        person = world.people[person_key]
        assert body["person"]["public_id"] == str(person.public_id)
        assert body["person"]["iin"] == person.iin
    assert body["grants"] == [
        {
            "role": role,
            "role_label": grant.get_role_display(),
            "organisation": {"public_id": str(grant.organisation.public_id), "name": grant.organisation.name},
            "unit": (None if grant.unit is None else {"public_id": str(grant.unit.public_id), "name": grant.unit.name}),
            "valid_from": None,
            "valid_to": None,
        }
    ]


def test_me_lists_only_grants_in_force_today(world, client_as):
    # Given an HR officer whose second grant ended yesterday
    yesterday = dt.date.today() - dt.timedelta(days=1)
    RoleGrant.objects.create(
        user=world.user("hr_officer"), role="auditor", organisation=world.orgs["uni2"], valid_to=yesterday
    )
    # When they ask who they are
    grants = client_as("hr_officer").get(ME_URL).json()["grants"]
    # Then only the grant in force is listed
    assert [g["role"] for g in grants] == ["hr_officer"]
