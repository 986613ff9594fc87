"""Walk the main pages in a real browser, in Kazakh and in Russian.

Chromium from the system (``/usr/bin/chromium``) driven by Playwright against Django's live
server. On a Kazakh or Russian page, none of our English interface strings may show: every
message of ``locale/<language>/LC_MESSAGES/django.po`` translated into something else than
itself is looked for in the visible text of every page. Screenshots go to ``test-artifacts/``.
Every page must also load without a single Content-Security-Policy violation in the console.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.req("I18N-01")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "pass-12345"
MIN_LENGTH = 4


@pytest.fixture(scope="module", autouse=True)
def allow_orm_next_to_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop in the test thread; Django refuses ORM calls
    there unless told that it is safe (it is: nothing else runs in that loop)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(allow_orm_next_to_playwright: None) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is needed for the browser tests and was not found at {CHROMIUM}. "
            "Install the Debian package `chromium` (.ci/run does), or run `make test-fast` to leave these tests out.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # An English browser: only the language switcher may turn the pages Kazakh or Russian.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def english_strings(language: str) -> list[str]:
    """Our English messages that the catalog translates into something else."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    found: set[str] = set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or entry.fuzzy or not entry.translated():
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        found |= {msgid for msgid, msgstr in pairs if len(msgid) >= MIN_LENGTH and msgstr != msgid}
    return sorted(found)


def english_shown(text: str, strings: list[str]) -> list[str]:
    return [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]


class Walk:
    """Opens pages, checks them, keeps a screenshot of each."""

    def __init__(self, page: Any, base_url: str, language: str) -> None:
        self.page = page
        self.base_url = base_url
        self.language = language
        self.strings = english_strings(language)
        self.shots = Path(settings.BASE_DIR) / "test-artifacts"
        self.shots.mkdir(exist_ok=True)
        self.count = 0
        # Chromium reports every CSP violation as a console error ("Refused to ...").
        self.csp_violations: list[str] = []
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def assert_no_csp_violation(self) -> None:
        assert not self.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(self.csp_violations)

    def open(self, url: str) -> None:
        response = self.page.goto(self.base_url + url)
        assert response is not None
        assert response.status == 200, f"{url} answered {response.status}"

    def check(self, name: str) -> str:
        self.count += 1
        self.page.screenshot(path=str(self.shots / f"walk-{self.language}-{self.count:02d}-{name}.png"), full_page=True)
        assert self.page.locator("html").get_attribute("lang") == self.language, name
        text = str(self.page.inner_text("body"))
        self.assert_no_csp_violation()
        shown = english_shown(text, self.strings)
        assert not shown, (
            f"The {self.language} page '{name}' ({self.page.url}) shows English interface strings: {shown}. "
            "Translate them in locale/ and compile the catalogs (make compilemessages)."
        )
        return text

    def switch_language(self) -> None:
        with self.page.expect_navigation():
            self.page.locator(f"#language-form button[name=language][value={self.language}]").click()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_walk_the_main_pages(live_server, world, page, language):
    from playwright.sync_api import expect

    uni = world.orgs["uni"]
    wanted, other = world.people["d1_1"], world.people["d1_2"]
    assert wanted.full_name != other.full_name
    walk = Walk(page, live_server.url, language)
    assert walk.strings, (
        f"locale/{language}/LC_MESSAGES/django.po translates nothing, so the walk could not tell a "
        f"{language} page from an English one."
    )

    # The login page, switched to the language by its switcher.
    walk.open(reverse("login"))
    walk.switch_language()
    walk.check("login")

    # Log in as the HR officer of the university; the home page follows.
    login_form = page.locator("form:has(input[name=password])")
    login_form.locator("input[name=username]").fill(world.user("hr_officer").username)
    login_form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        login_form.locator("[type=submit]").click()
    assert page.url == live_server.url + reverse("home")
    walk.check("home")

    # The organisations the officer sees, and the university's page.
    walk.open(reverse("org:organisation_list"))
    assert uni.name_in(language) in walk.check("organisations")
    walk.open(reverse("org:organisation_detail", kwargs={"public_id": uni.public_id}))
    assert uni.name_in(language) in walk.check("organisation")

    # The staff directory, searched by one person's IIN.
    walk.open(reverse("people:directory"))
    text = walk.check("directory")
    assert wanted.full_name in text
    assert other.full_name in text
    page.locator("input[type=search]").first.fill(wanted.iin)
    page.locator("input[type=search]").first.press("Enter")
    expect(page.locator("body")).not_to_contain_text(other.full_name)
    expect(page.locator("body")).to_contain_text(wanted.full_name)
    walk.check("directory-search")

    # The person's file.
    walk.open(reverse("people:person_detail", kwargs={"public_id": wanted.public_id}))
    text = walk.check("person")
    assert wanted.full_name in text

    # The password change page of the user menu.
    walk.open(reverse("password_change"))
    walk.check("password-change")

    # The API documentation (Swagger UI) runs under its own, slightly wider policy.
    walk.open("/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    walk.assert_no_csp_violation()
