"""The Content-Security-Policy of the pages (django-csp) and templates it can hold to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
# Printed documents are rendered to PDF on the server, never shown under the policy.
PRINT_TEMPLATES = re.compile(r"/templates/[^/]+/print/")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_carry_a_strict_policy(client, world, signed_in):
    if signed_in:
        client.force_login(world.user("hr_officer"))
    response = client.get(reverse("home") if signed_in else reverse("login"))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_the_api_docs_page_allows_only_swagger_uis_inline_styles(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    # Its start script is served as a file of its own
    script = re.search(r'<script src="([^"]*script=[^"]*)"', response.content.decode()).group(1)
    assert client.get(script.replace("&amp;", "&"))["Content-Type"].startswith("application/javascript")


def test_htmx_is_told_to_add_no_inline_style(client, db):
    body = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in body


def template_files() -> list[Path]:
    folders = [ROOT / "templates", *(ROOT / "biliktilik").glob("*/templates")]
    return sorted(p for folder in folders for p in folder.rglob("*.html") if not PRINT_TEMPLATES.search(str(p)))


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\bhx-on", re.I), "hx-on (needs eval)"),
]


def test_no_template_relies_on_inline_code_or_styles():
    problems = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in template_files()
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert problems == []
