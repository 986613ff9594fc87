"""The staff import page and the template downloads, for every role."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from biliktilik.core.models import AuditEvent
from biliktilik.people.importing import COLUMNS
from biliktilik.people.models import Employment, Person
from biliktilik.people.tests.test_import_reading import file_of, iin_for, staff_row
from conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

ALLOWED = {"hr_officer", "sysadmin"}
IMPORT_URL = "staff_import"
TEMPLATE_URL = "staff_import_template"


def client_for(world: Any, role: str | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if role is not None:
        client.force_login(world.user(role))
    return client


def upload(rows: list[dict[str, Any]], kind: str = "xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"staff.{kind}", file_of(rows, kind))


def totals() -> tuple[int, int, int]:
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()


# --- who may open the page ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_page_opens_for_hr_officers_and_sysadmins_only(world: Any, role: str) -> None:
    response = client_for(world, role).get(reverse(IMPORT_URL))

    assert response.status_code == (200 if role in ALLOWED else 403)


def test_anonymous_visitors_are_sent_to_log_in(world: Any) -> None:
    response = client_for(world, None).get(reverse(IMPORT_URL))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [*(r for r in ALL_ROLES if r not in ALLOWED), None])
def test_a_denied_upload_writes_nothing(world: Any, role: str | None) -> None:
    before = totals()

    response = client_for(world, role).post(
        reverse(IMPORT_URL), {"organisation": world.orgs["uni"].pk, "file": upload([staff_row(1)])}
    )

    assert response.status_code == (302 if role is None else 403)
    assert totals() == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_templates_download_for_hr_officers_and_sysadmins_only(world: Any, role: str) -> None:
    response = client_for(world, role).get(reverse(TEMPLATE_URL), {"format": "csv"})

    assert response.status_code == (200 if role in ALLOWED else 403)


# --- uploading ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_hr_officer_imports_a_file_and_sees_the_counts(world: Any, kind: str) -> None:
    client = client_for(world, "hr_officer")

    response = client.post(
        reverse(IMPORT_URL),
        {"organisation": world.orgs["uni"].pk, "file": upload([staff_row(1), staff_row(1, unit="D2")], kind)},
    )

    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok
    assert (report.persons_created, report.employments_created) == (1, 2)
    assert 'data-count="employments_created">2<' in response.content.decode()
    assert Person.objects.get(iin=iin_for(1)).employments.count() == 2
    assert AuditEvent.objects.get(action="staff.import").actor == world.user("hr_officer")


def test_an_hr_officer_imports_into_their_organisation_only(world: Any) -> None:
    client = client_for(world, "hr_officer")

    response = client.post(reverse(IMPORT_URL), {"organisation": world.orgs["uni2"].pk, "file": upload([staff_row(1)])})

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Person.objects.filter(iin=iin_for(1)).exists()


def test_a_sysadmin_may_leave_the_organisation_to_the_column(world: Any) -> None:
    client = client_for(world, "sysadmin")

    response = client.post(reverse(IMPORT_URL), {"file": upload([staff_row(1, organisation_code="uni2", unit="X1")])})

    assert response.context["report"].ok
    assert Person.objects.get(iin=iin_for(1)).employments.get().organisation == world.orgs["uni2"]


def test_problems_are_listed_by_row_and_column_and_nothing_is_saved(world: Any) -> None:
    before = totals()
    client = client_for(world, "hr_officer")

    response = client.post(
        reverse(IMPORT_URL),
        {"organisation": world.orgs["uni"].pk, "file": upload([staff_row(1), staff_row(2, unit="NOPE")])},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "<tr><td>3</td><td><code>unit_code</code></td><td>No unit with the code “NOPE” in" in html
    assert totals() == before


def test_problems_are_shown_in_russian_for_a_russian_request(world: Any) -> None:
    client = client_for(world, "hr_officer", language="ru")

    response = client.post(
        reverse(IMPORT_URL),
        {"organisation": world.orgs["uni"].pk, "file": upload([staff_row(1, first_name="", start_date="1 мая")])},
    )

    errors = [(e.row, e.column, e.message) for e in response.context["report"].errors]
    assert errors == [(2, "first_name", "Обязательное поле."), (2, "start_date", "Введите правильную дату.")]
    assert "Обязательное поле." in response.content.decode()


def test_a_check_only_upload_saves_nothing(world: Any) -> None:
    before = totals()

    response = client_for(world, "hr_officer").post(
        reverse(IMPORT_URL), {"organisation": world.orgs["uni"].pk, "file": upload([staff_row(1)]), "dry_run": "on"}
    )

    assert response.context["report"].dry_run is True
    assert response.context["report"].persons_created == 1
    assert totals() == before


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("staff.xls", b"\xd0\xcf\x11\xe0", "Unknown file type “.xls”"),
        ("staff.xlsx", b"not a zip", "The file is not an Excel workbook (.xlsx)."),
    ],
    ids=["xls", "fake-xlsx"],
)
def test_a_file_that_cannot_be_read_is_refused_on_the_form(
    world: Any, filename: str, content: bytes, message: str
) -> None:
    response = client_for(world, "hr_officer").post(
        reverse(IMPORT_URL), {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile(filename, content)}
    )

    assert response.status_code == 200
    assert response.context["report"] is None
    assert message in response.context["form"].errors["file"][0]


def test_a_file_over_the_size_limit_is_refused(world: Any, settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_BYTES = 1024
    before = totals()

    response = client_for(world, "hr_officer").post(
        reverse(IMPORT_URL),
        {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile("staff.csv", b"x" * 1025)},
    )

    assert response.context["form"].errors["file"] == [
        "The file is too large: at most 1.0\xa0KB may be imported at once."
    ]
    assert totals() == before


# --- the page documents the columns and links the templates ---------------------------------------------


def test_the_page_describes_every_column_and_links_the_templates(world: Any) -> None:
    response = client_for(world, "hr_officer").get(reverse(IMPORT_URL))

    html = response.content.decode()
    for column in COLUMNS:
        assert f"<td><code>{column.code}</code></td>" in html
        assert column.title_ru in html
    assert f'href="{reverse(TEMPLATE_URL)}?format=xlsx"' in html
    assert f'href="{reverse(TEMPLATE_URL)}?format=csv"' in html
    assert 'href="#columns"' in html


def test_the_xlsx_template_has_the_header_an_example_and_the_column_descriptions(world: Any) -> None:
    response = client_for(world, "hr_officer").get(reverse(TEMPLATE_URL), {"format": "xlsx"})

    assert response["Content-Disposition"] == 'attachment; filename="staff-import-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Staff", "Columns"]
    staff = list(workbook["Staff"].iter_rows(values_only=True))
    assert list(staff[0]) == [column.code for column in COLUMNS]
    example = dict(zip(staff[0], staff[1], strict=True))
    assert example["organisation_code"] == "uni"  # the HR officer's own organisation
    assert example["unit_code"] == "I1"
    assert example["position_code"] == "lecturer"
    described = list(workbook["Columns"].iter_rows(values_only=True))
    assert described[0] == ("code", "required", "kk", "ru", "en")
    by_code = {row[0]: row for row in described[1:]}
    assert set(by_code) == {column.code for column in COLUMNS}
    assert by_code["last_name"][1] == "✓"
    assert by_code["last_name"][2].startswith("Тегі: ")
    assert by_code["last_name"][3].startswith("Фамилия: ")
    assert by_code["last_name"][4] == "Last name: Required."


def test_the_xlsx_template_example_row_imports_as_is(world: Any) -> None:
    client = client_for(world, "hr_officer")
    template = client.get(reverse(TEMPLATE_URL), {"format": "xlsx"}).content

    response = client.post(
        reverse(IMPORT_URL),
        {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile("template.xlsx", template)},
    )

    assert response.context["report"].errors == []
    assert Person.objects.get(iin="850314412340").employments.get().unit == world.units["i1"]


def test_the_csv_template_is_utf8_with_a_bom_and_semicolons(world: Any) -> None:
    response = client_for(world, "sysadmin").get(reverse(TEMPLATE_URL), {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [column.code for column in COLUMNS]
    assert rows[1][rows[0].index("last_name")] == "Серікбаева"
    assert len(rows) == 2


def test_an_unknown_template_format_is_a_bad_request(world: Any) -> None:
    response = client_for(world, "hr_officer").get(reverse(TEMPLATE_URL), {"format": "pdf"})

    assert response.status_code == 400
