"""The print templates page: HR of the organisation and a system administrator only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from biliktilik.core.errors import ApplicationError
from biliktilik.documents.models import PrintTemplate
from biliktilik.documents.print_templates import print_template_set

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


def test_sysadmin_chooses_the_organisation(client: Any, world: Any) -> None:
    client.force_login(world.user("sysadmin"))
    response = client.get(reverse("documents:print_templates"))
    assert response.status_code == 200
    assert str(world.orgs["uni2"].public_id) in response.content.decode()
    assert client.get(f"{reverse('documents:print_templates')}?org=not-a-uuid").status_code == 404


def test_hr_without_org_sees_its_own(client: Any, world: Any) -> None:
    client.force_login(world.user("hr_officer"))
    response = client.get(reverse("documents:print_templates"))
    assert response.status_code == 200
    assert response.context["organisation"] == world.orgs["uni"]


def test_a_broken_docx_is_refused_at_the_file_field(client: Any, world: Any) -> None:
    client.force_login(world.user("hr_officer"))
    url = _url(world, "documents:print_template", "unit_schedule", "kk")
    document = Document()
    document.add_paragraph("{{ t.approve }} {{ nobody_knows }}")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("form.docx", buffer.getvalue())
    response = client.post(url, {"file": upload, "org": str(world.orgs["uni"].public_id)})
    assert response.status_code == 200
    assert "nobody_knows" in " ".join(response.context["form"].errors["file"])
    assert not PrintTemplate.objects.exists()


@pytest.mark.parametrize("tag", ["{% debug %}", '{% include "base.html" %}', "{% load static %}"])
def test_templates_may_not_read_the_server(world: Any, tag: str) -> None:
    from django.template import defaulttags

    with pytest.raises(ApplicationError) as e:
        print_template_set(
            actor=world.user("hr_officer"),
            organisation=world.orgs["uni"],
            doc_type="unit_schedule",
            language="kk",
            format="html",
            content=f"<p>{tag}</p>",
        )
    assert e.value.field == "content"
    assert "debug" in defaulttags.register.tags  # Django's own library is untouched
