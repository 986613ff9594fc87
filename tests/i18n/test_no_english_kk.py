"""No English on a Kazakh page (I18N-01), checked with the test client.

As the system administrator and as HR, in Kazakh, the main pages and the admin (index, a change
list with filters, change forms, a delete confirmation, a history page, a form sent with errors)
are opened and their visible text (tags, scripts and styles stripped) is cut into fragments.
A fragment that equals an English message of Django's admin, auth, forms, pagination or ours,
or matches one that holds placeholders ("Select %s to change"), fails the test: the Kazakh
catalogs (``locale/`` and ``locale_django/``) must translate every message a page can show.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import django
import django_filters
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.req("I18N-01")

LANGUAGE = "kk"
DJANGO_ROOT = Path(django.__file__).parent
# Django's English catalogs whose messages our pages and the admin can show.
DJANGO_CATALOGS = [
    DJANGO_ROOT / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_ROOT / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_ROOT / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_ROOT / "contrib" / "contenttypes" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    # django-filter ships no English catalog; its Russian one lists the same message ids.
    Path(django_filters.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po",
]
# Visible text that may stay as it is on a Kazakh page: the language switcher's own names,
# and messages whose Kazakh is the same word.
ALLOWED = {"English", "Русский", "Қазақша", "Django", "IPv4", "IPv6", "JSON", "Email", "E-mail"}
MIN_LETTERS = 4
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdr]|%[sd]|\{[a-z_0-9]*\}")
INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def _catalog_msgids() -> set[str]:
    paths = [*DJANGO_CATALOGS, Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"]
    msgids: set[str] = set()
    for path in paths:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                msgids.update(m for m in (entry.msgid, entry.msgid_plural) if m)
    return msgids


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", text)))


@functools.cache
def english_messages() -> tuple[frozenset[str], re.Pattern[str]]:
    """The English messages that must not show: those Kazakh translates into something else
    (or does not translate at all). Plain ones as a set, those with placeholders as one pattern."""
    with translation.override(LANGUAGE):
        catalog = translation.trans_real.translation(LANGUAGE)._catalog  # type: ignore[attr-defined]
        plain: set[str] = set()
        patterns: list[str] = []
        for msgid in _catalog_msgids():
            text = " ".join(msgid.split())
            if _words(text) < MIN_LETTERS or text in ALLOWED:
                continue
            known = catalog.get(msgid)
            if known is None:
                known = catalog.get((msgid, 0))
            if known is not None and " ".join(str(known).split()) == text:
                continue  # Kazakh keeps it as it is (a code, a format)
            if PLACEHOLDER.search(text):
                parts = PLACEHOLDER.split(text)
                patterns.append(".+?".join(re.escape(p) for p in parts))
            else:
                plain.add(html.unescape(text))
    return frozenset(plain), re.compile("(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")")


def visible_fragments(body: str) -> list[str]:
    """The text pieces between tags, whitespace collapsed, entities decoded."""
    body = INVISIBLE.sub(" ", body)
    pieces = (" ".join(html.unescape(piece).split()) for piece in TAG.split(body))
    return [p for p in pieces if p]


def english_on(body: str, *, names: frozenset[str] = frozenset()) -> list[str]:
    """The fragments of ``body`` that are English messages; ``names`` are data (logins) to allow."""
    plain, pattern = english_messages()
    found = []
    for fragment in visible_fragments(body):
        bare = fragment.strip(' :·*—-()«»"')
        if bare in ALLOWED or bare in names:
            continue
        if bare in plain or fragment in plain or pattern.fullmatch(fragment) or pattern.fullmatch(bare):
            found.append(fragment)
    return found


def _check(client, url: str, *, data: dict | None = None, names: frozenset[str] = frozenset()) -> str:
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = response.content.decode()
    assert f'lang="{LANGUAGE}"' in body, url
    shown = english_on(body, names=names)
    assert not shown, f"The Kazakh page {url} shows English: {shown}"
    return body


@pytest.fixture
def kk_client(client, settings):
    settings.LANGUAGE_CODE = LANGUAGE
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = LANGUAGE
    return client


def test_the_detector_flags_english_fragments():
    assert english_on("<p>This field is required.</p>") == ["This field is required."]
    assert english_on("<h1>Select organisation to change</h1>") == ["Select organisation to change"]
    assert english_on("<a>Save and continue editing</a><script>var x = 'Save';</script>") == [
        "Save and continue editing"
    ]
    assert english_on("<p>Бұл өрісті толтыру міндетті.</p><span>602-01</span><a>English</a>") == []


def test_hr_pages_in_kazakh_show_no_english(kk_client, world):
    kk_client.force_login(world.user("hr_officer"))
    person = world.people["d1_1"]
    for url in [
        reverse("home"),
        reverse("people:directory"),
        reverse("people:directory") + "?page=999",
        reverse("people:person_detail", kwargs={"public_id": person.public_id}),
        reverse("people:person_edit", kwargs={"public_id": person.public_id}),
        reverse("people:employment_add", kwargs={"public_id": person.public_id}),
        reverse("ledger:records"),
        reverse("ledger:queue"),
        reverse("ledger:record_create"),
        reverse("ledger:person_records", kwargs={"public_id": person.public_id}),
        reverse("compliance:dashboard"),
        reverse("compliance:list"),
        reverse("compliance:overdue"),
        reverse("planning:dashboard"),
        reverse("policy:rule_set_list"),
        reverse("workflows:route_list"),
        reverse("notifications:list"),
        reverse("org:organisation_list"),
    ]:
        _check(kk_client, url)

    # Forms sent with errors: a required field left empty and a date that is no date.
    body = _check(
        kk_client,
        reverse("people:person_edit", kwargs={"public_id": person.public_id}),
        data={"last_name": "", "first_name": "Анна", "birth_date": "31.02.1990"},
    )
    assert "Бұл өрісті толтыру міндетті." in body
    assert "Дұрыс күнді енгізіңіз." in body
    body = _check(kk_client, reverse("ledger:record_create"), data={"title": "", "start_date": "not a date"})
    assert "Бұл өрісті толтыру міндетті." in body


def test_admin_in_kazakh_shows_no_english(kk_client, world):
    sysadmin = world.user("sysadmin")
    sysadmin.is_staff = True
    sysadmin.save(update_fields=["is_staff"])
    kk_client.force_login(sysadmin)
    uni, unit, person = world.orgs["uni"], world.units["d1"], world.people["d1_1"]
    # The test users' logins are role codes ("trainer"): data, not interface text.
    logins = frozenset(world.users)
    for url in [
        reverse("admin:index"),
        reverse("admin:app_list", args=["people"]),
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_change", args=[person.pk]),
        reverse("admin:people_person_changelist") + "?q=zzz-nobody",
        reverse("admin:org_unit_changelist") + f"?organisation__id__exact={uni.pk}&is_active__exact=1",
        reverse("admin:org_organisation_changelist") + "?kind__exact=university",
        reverse("admin:org_organisation_change", args=[uni.pk]),
        reverse("admin:org_unit_delete", args=[unit.pk]),
        reverse("admin:org_organisation_history", args=[uni.pk]),
        reverse("admin:people_person_history", args=[person.pk]),
        reverse("admin:people_position_add"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[sysadmin.pk]),
        reverse("admin:core_auditevent_changelist"),
    ]:
        _check(kk_client, url, names=logins)

    # The admin's add form, sent empty: the errors are Kazakh too.
    body = _check(kk_client, reverse("admin:people_position_add"), data={})
    assert "Бұл өрісті толтыру міндетті." in body
