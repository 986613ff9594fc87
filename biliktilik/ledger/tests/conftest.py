"""Fixtures of the ledger tests: a temporary MEDIA_ROOT, sample files, records of the world."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from biliktilik.ledger import services
from biliktilik.ledger.enums import EvidenceKind, PDForm, RecordStatus
from biliktilik.ledger.models import Evidence, PDRecord

ANONYMOUS = "anonymous"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Every test writes its uploaded files to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- sample files -------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return buffer.getvalue()


def upload(name: str = "certificate.pdf", content: bytes = PDF, content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- records ------------------------------------------------------------------------------------


def record_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "form": PDForm.COURSE_SHORT,
        "title": "Digital tools in teaching",
        "start_date": dt.date(2024, 2, 5),
        "end_date": dt.date(2024, 2, 16),
        "hours": Decimal("72"),
    }
    values.update(overrides)
    return values


def make_record(
    world: Any,
    person_key: str = "d1_1",
    *,
    organisation_key: str = "uni",
    status: str = RecordStatus.PENDING,
    **overrides: Any,
) -> PDRecord:
    """A record entered by the system administrator (HR path), in the given status."""
    actor = world.user("sysadmin")
    record = services.record_create(
        actor=actor,
        person=world.people[person_key],
        organisation=world.orgs[organisation_key],
        status=RecordStatus.VERIFIED if status == RecordStatus.VERIFIED else RecordStatus.PENDING,
        **record_values(**overrides),
    )
    if status == RecordStatus.RETURNED:
        record = services.record_return(actor=actor, record=record, reason="Wrong hours")
    return record


def make_evidence(world: Any, record: PDRecord, *, name: str = "certificate.pdf", content: bytes = PDF) -> Evidence:
    return services.evidence_add(
        actor=world.user("sysadmin"),
        record=record,
        file=upload(name, content),
        kind=EvidenceKind.CERTIFICATE,
        number="C-1",
        issued_on=dt.date(2024, 2, 16),
        issuer="Orleu",
    )


@pytest.fixture
def record(world: Any) -> PDRecord:
    """A pending record of the employee (d1_1) kept by the university."""
    return make_record(world)


@pytest.fixture
def evidence(world: Any, record: PDRecord) -> Evidence:
    return make_evidence(world, record)


# --- clients ------------------------------------------------------------------------------------


@pytest.fixture
def page_client(world: Any) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(world.user(role))
        return client

    return make


@pytest.fixture
def api_client(world: Any) -> Callable[[str], APIClient]:
    def make(role: str) -> APIClient:
        client = APIClient()
        if role != ANONYMOUS:
            client.force_login(world.user(role))
        return client

    return make
