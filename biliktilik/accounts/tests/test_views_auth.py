"""Logging in and out, the language switcher and the navigation menu."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import ALL_ROLES


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_login_page_shows_the_form_and_the_language_switcher(client, db):
    response = client.get(reverse("login"))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in body
    assert 'name="password"' in body
    assert [code in body for code in ('value="kk"', 'value="ru"', 'value="en"')] == [True] * 3
    assert reverse("set_language") in body


@pytest.mark.req("I18N-01")
def test_the_login_page_speaks_the_chosen_language(client, db):
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("login")})

    response = client.get(reverse("login"))

    assert response.content.decode().count('<html lang="ru">') == 1


def test_login_with_the_right_password_goes_home(client, world):
    response = client.post(reverse("login"), {"username": "hr_officer", "password": "pass-12345"})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_login_honours_next(client, world):
    target = reverse("people:directory")

    response = client.post(reverse("login"), {"username": "auditor", "password": "pass-12345", "next": target})

    assert response.url == target


def test_login_with_a_wrong_password_is_refused(client, world):
    response = client.post(reverse("login"), {"username": "hr_officer", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get(reverse("home")).status_code == 302


def test_a_logged_in_user_is_sent_home_from_the_login_page(client, world):
    client.force_login(world.user("employee"))

    response = client.get(reverse("login"))

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_logout_ends_the_session(client, world):
    client.force_login(world.user("employee"))

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_anonymous_home_is_sent_to_login(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_navigation_for_each_role(client, world, role):
    user = world.user(role)
    if role == "sysadmin":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client.force_login(user)

    body = client.get(reverse("home")).content.decode()

    for link in (reverse("home"), reverse("org:organisation_list"), reverse("people:directory"), "/api/docs/"):
        assert f'href="{link}"' in body
    assert (f'href="{reverse("admin:index")}"' in body) is (role == "sysadmin")


def test_no_administration_link_for_a_sysadmin_not_marked_staff(client, world):
    client.force_login(world.user("sysadmin"))

    body = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("admin:index")}"' not in body
