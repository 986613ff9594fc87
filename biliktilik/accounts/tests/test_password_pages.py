"""Password change and password reset by e-mail: Django's views with our templates, in every
language, with Django's own messages (labels, validator errors) translated by our catalogs."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

GOOD = "pass-12345"
NEW = "Tuyesu-kun-2026"
# Words that may stay Latin: the name of the API, the user names of the test world, the system's
# name in Russian (the catalog keeps it Latin there).
ALLOWED_LATIN = {"API", "hr_officer", "employee", "KK", "RU", "EN"}
LATIN_NAME = {"kk": set(), "ru": {"Biliktilik"}}


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    return html


def english_words(html: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z][A-Za-z’']{2,}", visible_text(html)))
    return words - ALLOWED_LATIN


def reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


@pytest.fixture
def kk(settings):
    settings.LANGUAGE_CODE = "kk"
    with translation.override("kk"):
        yield


@pytest.fixture(params=["kk", "ru"])
def language(request, settings):
    settings.LANGUAGE_CODE = request.param
    with translation.override(request.param):
        yield request.param


def test_a_signed_in_user_changes_their_password(client, world):
    user = world.user("hr_officer")
    client.force_login(user)
    response = client.post(
        reverse("password_change"), {"old_password": GOOD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    # The session goes on (Django updates the session's hash)
    assert client.get(reverse("home")).status_code == 200


def test_password_change_applies_the_validators(client, world):
    client.force_login(world.user("hr_officer"))
    response = client.post(
        reverse("password_change"), {"old_password": GOOD, "new_password1": "12345", "new_password2": "12345"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert len(errors) >= 2  # too short, too common, entirely numeric


def test_password_change_needs_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_user_menu_and_the_login_page_link_to_the_password_pages(client, world):
    assert f'href="{reverse("password_reset")}"' in client.get(reverse("login")).content.decode()
    client.force_login(world.user("employee"))
    assert f'href="{reverse("password_change")}"' in client.get(reverse("home")).content.decode()


@pytest.mark.req("I18N-01")
def test_reset_sends_a_translated_link_that_sets_a_new_password(client, world, kk):
    user = world.user("employee")
    user.email = "employee@example.kz"
    user.save(update_fields=["email"])

    response = client.post(reverse("password_reset"), {"email": "employee@example.kz"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["employee@example.kz"]
    assert not english_words(letter.subject + " " + re.sub(r"http\S+", " ", letter.body)) - {"employee"}
    link = re.search(r"http://testserver(/password/reset/\S+)", letter.body).group(1)

    page = client.get(link, follow=True)
    assert page.context["validlink"]
    done = client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_reset_does_not_reveal_whether_an_address_exists(client, world):
    known = world.user("employee")
    known.email = "known@example.kz"
    known.save(update_fields=["email"])
    a = client.post(reverse("password_reset"), {"email": "known@example.kz"})
    b = client.post(reverse("password_reset"), {"email": "nobody@example.kz"})
    assert (a.status_code, a.url) == (b.status_code, b.url) == (302, reverse("password_reset_done"))
    assert len(mail.outbox) == 1


def test_reset_requests_are_rate_limited(client, db, settings):
    settings.BILIKTILIK_PASSWORD_RESET_RATE = 2
    for _n in range(2):
        assert client.post(reverse("password_reset"), {"email": "x@example.kz"}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": "x@example.kz"})
    assert response.status_code == 429
    assert "Too many password reset requests" in response.content.decode()
    assert not mail.outbox


@pytest.mark.req("I18N-01")
def test_password_pages_and_their_errors_show_no_english(client, world, language):
    user = world.user("hr_officer")
    pages = []
    # The reset pages, before signing in
    pages.append(client.get(reverse("password_reset")))
    pages.append(client.post(reverse("password_reset"), {"email": "not-an-address"}))
    pages.append(client.get(reverse("password_reset_done")))
    pages.append(client.get(reverse("password_reset_complete")))
    pages.append(client.get(reverse("password_reset_confirm", args=["MTIz", "bad-token"])))
    link = client.get(reset_link(user), follow=True)
    pages.append(link)
    pages.append(client.post(link.redirect_chain[-1][0], {"new_password1": "hr_officer", "new_password2": "x"}))
    pages.append(client.post(link.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"}))
    pages.append(client.post(link.redirect_chain[-1][0], {"new_password1": "", "new_password2": ""}))
    # The login page and its errors
    pages.append(client.get(reverse("login")))
    pages.append(client.post(reverse("login"), {"username": "hr_officer", "password": "wrong"}))
    # The change pages, signed in
    client.force_login(user)
    pages.append(client.get(reverse("password_change")))
    pages.append(
        client.post(reverse("password_change"), {"old_password": "x", "new_password1": "a", "new_password2": "b"})
    )
    pages.append(
        client.post(
            reverse("password_change"),
            {"old_password": GOOD, "new_password1": "password", "new_password2": "password"},
        )
    )
    pages.append(client.get(reverse("password_change_done")))

    found = {}
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        words = english_words(response.content.decode()) - LATIN_NAME[language]
        if words:
            found[response.request["PATH_INFO"]] = sorted(words)
    assert found == {}
