"""Evidence is served only by its checked view, carries no macros, and no storage path leaks
into the audit texts users read (SEC-01, SEC-03, LED-05)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError
from biliktilik.ledger import services
from biliktilik.ledger.enums import EvidenceKind
from biliktilik.ledger.models import Evidence

from .conftest import docx_bytes, upload

ROOT = Path(__file__).resolve().parents[3]


def _ooxml(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


def _ole(*stream_names: str) -> bytes:
    """A legacy Office file as far as the check reads it: the OLE magic and directory names."""
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + names + bytes(64)


def _add(world, record, name, content):
    return services.evidence_add(
        actor=world.user("employee"), record=record, file=upload(name, content), kind=EvidenceKind.CERTIFICATE
    )


@pytest.mark.req("LED-05")
@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("review.docm", docx_bytes(), id="docm"),
        pytest.param("table.xlsm", _ooxml("[Content_Types].xml", "xl/workbook.xml"), id="xlsm"),
        pytest.param("slides.pptm", _ooxml("[Content_Types].xml", "ppt/presentation.xml"), id="pptm"),
        pytest.param(
            "review.docx",
            _ooxml("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
            id="docx-with-vbaProject",
        ),
        pytest.param("old.doc", _ole("Root Entry", "WordDocument", "Macros", "VBA"), id="ole-doc-macros"),
        pytest.param("old.xls", _ole("Root Entry", "Workbook", "_VBA_PROJECT_CUR", "VBA"), id="ole-xls-vba"),
        pytest.param("renamed.docx", _ole("Root Entry", "WordDocument", "Macros"), id="ole-renamed-docx"),
    ],
)
def test_office_files_with_macros_are_refused_naming_the_field(world, record, name, content):
    with pytest.raises(ApplicationError) as caught:
        _add(world, record, name, content)

    assert caught.value.field == "file"
    assert "macros" in str(caught.value.message)
    assert not Evidence.objects.exists()


def test_a_legacy_office_file_without_macros_is_still_not_an_accepted_type(world, record):
    with pytest.raises(ApplicationError) as caught:
        _add(world, record, "old.doc", _ole("Root Entry", "WordDocument"))

    assert caught.value.field == "file"
    assert "macros" not in str(caught.value.message)


@pytest.mark.req("SEC-03")
def test_the_audit_of_an_upload_names_the_original_file_not_the_storage_path(world, record):
    evidence = _add(world, record, "certificate.pdf", b"%PDF-1.4\n%%EOF\n")

    event = audit_trail(evidence).get()

    assert event.changes["original_name"] == [None, "certificate.pdf"]
    assert "file" not in event.changes
    assert evidence.file.name not in str(event.changes)
    assert "evidence/" not in str(event.changes)


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("debug", [True, False])
def test_media_files_are_not_served_from_media_url_even_with_debug(client, world, evidence, debug):
    with override_settings(DEBUG=debug):
        import importlib

        import config.urls

        clear_url_caches()
        importlib.reload(config.urls)
        try:
            direct = client.get(f"/media/{evidence.file.name}")
        finally:
            clear_url_caches()
            importlib.reload(config.urls)

    assert direct.status_code == 404
    assert client.get(reverse("ledger:evidence_download", args=[evidence.public_id])).status_code in (302, 404)


def test_no_template_links_a_file_field_directly():
    # ``{{ something.file.url }}`` (or any ``.url`` of a value) would bypass the checked view.
    pattern = re.compile(r"\{\{[^}]*\.url\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
