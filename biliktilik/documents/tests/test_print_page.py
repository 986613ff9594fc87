"""The print templates page: HR of the organisation and a system administrator only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from biliktilik.documents.models import PrintTemplate

pytestmark = pytest.mark.django_db

ALLOWED = {"hr_officer", "sysadmin"}


def _url(world: Any, name: str = "documents:print_templates", *args: str) -> str:
    return f"{reverse(name, args=args)}?org={world.orgs['uni'].public_id}"


@pytest.mark.parametrize(
    "role",
    [
        "employee",
        "unit_head",
        "institute_director",
        "hr_officer",
        "pd_officer",
        "finance_officer",
        "first_head",
        "auditor",
        "authority_officer",
        "provider_admin",
        "trainer",
        "sysadmin",
    ],
)
def test_every_role(client: Any, world: Any, role: str) -> None:
    client.force_login(world.user(role))
    for url in (
        _url(world),
        _url(world, "documents:print_template", "unit_schedule", "kk"),
        _url(world, "documents:print_template_download", "unit_schedule", "kk", "default"),
    ):
        response = client.get(url)
        assert response.status_code == (200 if role in ALLOWED else 403), url


def test_hr_of_another_organisation_is_refused(client: Any, world: Any) -> None:
    client.force_login(world.user("hr_officer"))
    response = client.get(f"{reverse('documents:print_templates')}?org={world.orgs['uni2'].public_id}")
    assert response.status_code == 403


def test_upload_shows_the_error_at_the_field_and_accepts_a_good_one(client: Any, world: Any) -> None:
    client.force_login(world.user("hr_officer"))
    url = _url(world, "documents:print_template", "unit_schedule", "ru")
    page = client.get(url)
    assert b"approval.position" in page.content
    response = client.post(url, {"body": "{% if title %}", "org": str(world.orgs["uni"].public_id)})
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not PrintTemplate.objects.exists()
    response = client.post(
        url,
        {
            "body": "<p>{{ title }}</p>",
            "texts": '{"form_code": "Форма КазНИТУ 602-01"}',
            "org": str(world.orgs["uni"].public_id),
        },
    )
    assert response.status_code == 302
    row = PrintTemplate.objects.get()
    assert row.texts == {"form_code": "Форма КазНИТУ 602-01"}
    download = client.get(_url(world, "documents:print_template_download", "unit_schedule", "ru", "html"))
    assert download.content == b"<p>{{ title }}</p>"
