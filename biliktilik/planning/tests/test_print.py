"""The printed 602-01 / 602-05 through the document kit's print templates (I18N-01, PLN-02/03)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document

from biliktilik.core.errors import ApplicationError
from biliktilik.documents import printing
from biliktilik.documents.print_templates import print_template_set
from biliktilik.planning import documents
from tests.factories import EmploymentFactory, PersonFactory, PositionFactory

from .conftest import YEAR, approved_consolidated, approved_unit_schedule

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _rector(world: Any) -> None:
    """The first head signs as the rector: their employment's position is printed."""
    person = PersonFactory(last_name="Сапаров", first_name="Асқар")
    position = PositionFactory(code="rector", name_kk="Ректор", name_ru="Ректор")
    EmploymentFactory(
        person=person,
        organisation=world.orgs["uni"],
        unit=world.units["hr"],
        position=position,
        start_date=dt.date(2015, 9, 1),
    )
    user = world.user("first_head")
    user.person = person
    user.save(update_fields=["person"])


def _date(language: str) -> str:
    today = timezone.localdate()
    return printing.formal_date(today, language)


@pytest.mark.req("I18N-01")
@pytest.mark.req("PLN-02")
@pytest.mark.parametrize(
    ("language", "title", "approve"),
    [("kk", "біліктілікті арттыру кестесі", "БЕКІТЕМІН"), ("ru", "График повышения квалификации", "УТВЕРЖДАЮ")],
)
def test_unit_schedule_pdf(routed: Any, tmp_path: Path, language: str, title: str, approve: str) -> None:
    _rector(routed)
    schedule = approved_unit_schedule(routed)
    content, name = documents.schedule_pdf(schedule, language=language)
    assert name == f"602-01-{YEAR}-v{schedule.version}-{language}.pdf"
    text = _text(content, tmp_path)
    assert title in text
    assert approve in text
    assert "Ректор" in text
    assert _date(language) in text
    assert ("602-01 нысаны" if language == "kk" else "Форма 602-01") in text


@pytest.mark.req("I18N-01")
@pytest.mark.req("PLN-03")
@pytest.mark.parametrize(
    ("language", "title", "approve"),
    [("kk", "жиынтық кестесі", "БЕКІТЕМІН"), ("ru", "Сводный график", "УТВЕРЖДАЮ")],
)
def test_consolidated_pdf(routed: Any, tmp_path: Path, language: str, title: str, approve: str) -> None:
    _rector(routed)
    schedule = approved_consolidated(routed)
    content, _ = documents.schedule_pdf(schedule, language=language)
    text = _text(content, tmp_path)
    assert title in text
    assert approve in text
    assert "Ректор" in text
    assert _date(language) in text
    assert ("602-05 нысаны" if language == "kk" else "Форма 602-05") in text


def test_formal_date() -> None:
    assert printing.formal_date(dt.date(2026, 12, 1), "kk") == "«01» желтоқсан 2026 ж."
    assert printing.formal_date(dt.date(2026, 12, 1), "ru") == "«01» декабря 2026 г."


@pytest.mark.req("I18N-01")
def test_position_falls_back_to_the_role(routed: Any) -> None:
    schedule = approved_unit_schedule(routed)
    html = documents.schedule_html(schedule, language="kk")
    assert "Бірінші басшы" in html  # the first head has no employment: the role is printed


def test_organisation_override_is_for_that_organisation_only(routed: Any) -> None:
    uni = routed.orgs["uni"]
    body = printing.default_body("unit_schedule", "ru").replace("<h1>", "<h1>OWN ")
    row = print_template_set(
        actor=routed.user("hr_officer"),
        organisation=uni,
        doc_type="unit_schedule",
        language="ru",
        format="html",
        content=body,
        texts={"form_code": "Форма КазНИТУ 602-01"},
    )
    assert row.version == 1
    assert row.is_active
    schedule = approved_unit_schedule(routed)
    html = documents.schedule_html(schedule, language="ru")
    assert "<h1>OWN " in html
    assert "Форма КазНИТУ 602-01" in html
    assert "OWN" not in documents.schedule_html(schedule, language="kk")
    assert printing.texts_for(routed.orgs["uni2"], "unit_schedule", "ru")["form_code"] == "Форма 602-01"
    assert printing.active_template(routed.orgs["uni2"], "unit_schedule", "ru") is None
    again = print_template_set(
        actor=routed.user("hr_officer"),
        organisation=uni,
        doc_type="unit_schedule",
        language="ru",
        format="html",
        content=body,
    )
    row.refresh_from_db()
    assert again.version == 2
    assert not row.is_active


@pytest.mark.req("SEC-02")
def test_setting_a_template_is_audited_and_checked(routed: Any) -> None:
    from biliktilik.core.models import AuditEvent

    uni = routed.orgs["uni"]
    for role in ("unit_head", "pd_officer", "first_head", "employee"):
        with pytest.raises(ApplicationError) as e:
            print_template_set(
                actor=routed.user(role),
                organisation=uni,
                doc_type="unit_schedule",
                language="kk",
                format="html",
                content="x",
            )
        assert e.value.status == 403
    with pytest.raises(ApplicationError):  # HR of another organisation
        print_template_set(
            actor=routed.user("hr_officer"),
            organisation=routed.orgs["uni2"],
            doc_type="unit_schedule",
            language="kk",
            format="html",
            content="x",
        )
    row = print_template_set(
        actor=routed.user("sysadmin"),
        organisation=uni,
        doc_type="unit_schedule",
        language="kk",
        format="html",
        content="{{ title }}",
    )
    assert AuditEvent.objects.filter(action="documents.printtemplate.set", object_id=str(row.pk)).exists()


def test_broken_html_is_refused_with_the_line(routed: Any) -> None:
    with pytest.raises(ApplicationError) as e:
        print_template_set(
            actor=routed.user("hr_officer"),
            organisation=routed.orgs["uni"],
            doc_type="unit_schedule",
            language="kk",
            format="html",
            content="<p>\n{% if title %}\n<b>",
        )
    assert e.value.field == "content"
    assert "line 2" in str(e.value.message)
    with pytest.raises(ApplicationError) as e:
        print_template_set(
            actor=routed.user("hr_officer"),
            organisation=routed.orgs["uni"],
            doc_type="unit_schedule",
            language="kk",
            format="html",
            content="x",
            texts={"nonsense": "y"},
        )
    assert e.value.field == "texts"


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_template_renders_and_a_broken_one_is_refused(routed: Any) -> None:
    uni = routed.orgs["uni"]
    hr = routed.user("hr_officer")
    with pytest.raises(ApplicationError) as e:
        print_template_set(
            actor=hr,
            organisation=uni,
            doc_type="unit_schedule",
            language="kk",
            format="docx",
            content=_docx("{{ t.approve }}", "{{ no_such_thing }}"),
        )
    assert "no_such_thing" in str(e.value.message)
    assert e.value.extra["placeholder"] == "no_such_thing"
    with pytest.raises(ApplicationError):
        print_template_set(
            actor=hr, organisation=uni, doc_type="unit_schedule", language="kk", format="docx", content=b"not a zip"
        )
    print_template_set(
        actor=hr,
        organisation=uni,
        doc_type="unit_schedule",
        language="kk",
        format="docx",
        content=_docx(
            "{{ form_code }}", "{{ t.approve }}", "{{ approval.position }} {{ approval.date }}", "{{ title }}"
        ),
    )
    _rector(routed)
    schedule = approved_unit_schedule(routed)
    printed = printing.render_document(schedule, language="kk", format="docx")
    assert printed.filename.endswith("-kk.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(printed.content)).paragraphs)
    assert "БЕКІТЕМІН" in text
    assert "Ректор" in text
    assert _date("kk") in text
    assert "602-01 нысаны" in text


def test_templates_cannot_read_server_files(routed: Any, tmp_path: Path) -> None:
    body = printing.default_body("unit_schedule", "kk").replace(
        "<body>", '<body><img src="file:///etc/hostname"><link rel="stylesheet" href="file:///etc/passwd">'
    )
    print_template_set(
        actor=routed.user("hr_officer"),
        organisation=routed.orgs["uni"],
        doc_type="unit_schedule",
        language="kk",
        format="html",
        content=body,
    )
    schedule = approved_unit_schedule(routed)
    content, _ = documents.schedule_pdf(schedule, language="kk")
    text = _text(content, tmp_path)
    assert "root:" not in text
    assert "БЕКІТЕМІН" in text


def test_first_page_renders_to_png(routed: Any, tmp_path: Path) -> None:
    _rector(routed)
    schedule = approved_unit_schedule(routed)
    content, _ = documents.schedule_pdf(schedule, language="kk")
    (tmp_path / "page.pdf").write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "page.pdf"), str(tmp_path / "page")],
        check=True,
    )
    assert list(tmp_path.glob("page*.png"))


@pytest.mark.req("PLN-03")
def test_texts_only_override_prints_the_own_code_in_pdf_and_xlsx(routed: Any, tmp_path: Path) -> None:
    """KazNRTU keeps the default layout and prints its own form code, in the PDF and the .xlsx."""
    from openpyxl import load_workbook

    print_template_set(
        actor=routed.user("hr_officer"),
        organisation=routed.orgs["uni"],
        doc_type="consolidated_schedule",
        language="kk",
        format="html",
        content="",
        texts={"form_code": "ҚазҰТЗУ 602-05 нысаны"},
    )
    schedule = approved_consolidated(routed)
    text = _text(documents.schedule_pdf(schedule, language="kk")[0], tmp_path)
    assert "ҚазҰТЗУ 602-05 нысаны" in text
    assert "БЕКІТЕМІН" in text
    sheet = load_workbook(io.BytesIO(documents.schedule_xlsx(schedule, language="kk")[0])).active
    assert sheet["A1"].value == "ҚазҰТЗУ 602-05 нысаны"
    assert documents.schedule_xlsx(schedule, language="ru")[0]  # Russian keeps the default code
    with pytest.raises(ApplicationError) as e:
        print_template_set(
            actor=routed.user("hr_officer"),
            organisation=routed.orgs["uni"],
            doc_type="consolidated_schedule",
            language="kk",
            format="html",
            content="  ",
        )
    assert e.value.field == "content"
