"""Evidence files (LED-05): accepted types judged by content, size limit, storage, verification."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger import services
from biliktilik.ledger.enums import EvidenceKind, EvidenceStatus
from biliktilik.ledger.models import Evidence

from .conftest import EXE, JPEG, PDF, PNG, docx_bytes, plain_zip_bytes, upload
from .roles import ALL_ROLES, EDITORS, MANAGERS


def _add(world, record, role="employee", name="certificate.pdf", content=PDF, **kwargs):
    return services.evidence_add(
        actor=world.user(role),
        record=record,
        file=upload(name, content),
        kind=kwargs.pop("kind", EvidenceKind.CERTIFICATE),
        **kwargs,
    )


def _stored_files(media_root) -> list[Path]:
    root = Path(media_root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.req("LED-05")
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        pytest.param("certificate.pdf", PDF, "application/pdf", id="pdf"),
        pytest.param("scan.JPG", JPEG, "image/jpeg", id="jpg"),
        pytest.param("scan.jpeg", JPEG, "image/jpeg", id="jpeg"),
        pytest.param("scan.png", PNG, "image/png", id="png"),
        pytest.param(
            "review.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            id="docx",
        ),
    ],
)
def test_accepted_types_are_stored_with_name_size_and_type(world, record, media_root, name, content, content_type):
    evidence = _add(
        world, record, name=name, content=content, number="№ 0042", issued_on=dt.date(2024, 2, 16), issuer="Orleu"
    )
    evidence.refresh_from_db()
    assert (evidence.original_name, evidence.size, evidence.content_type) == (name, len(content), content_type)
    assert (evidence.number, evidence.issued_on, evidence.issuer) == ("№ 0042", dt.date(2024, 2, 16), "Orleu")
    assert evidence.status == EvidenceStatus.PENDING
    assert evidence.uploaded_by == world.user("employee")
    assert evidence.file.name.startswith(f"evidence/{record.public_id}/")
    with evidence.file.open("rb") as handle:
        assert handle.read() == content
    assert _stored_files(media_root) == [Path(media_root) / evidence.file.name]


@pytest.mark.req("LED-05")
@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("certificate.pdf", EXE, id="exe-renamed-pdf"),
        pytest.param("program.exe", EXE, id="exe"),
        pytest.param("scan.png", PDF, id="pdf-renamed-png"),
        pytest.param("scan.jpg", PNG, id="png-renamed-jpg"),
        pytest.param("archive.docx", plain_zip_bytes(), id="zip-renamed-docx"),
        pytest.param("notes.txt", b"plain text", id="txt"),
        pytest.param("certificate", PDF, id="no-extension"),
        pytest.param("empty.pdf", b"", id="empty"),
    ],
)
def test_refused_files_are_not_stored(world, record, media_root, name, content):
    with pytest.raises(ApplicationError) as info:
        _add(world, record, name=name, content=content)
    assert (info.value.code, info.value.field) == (ErrorCode.VALIDATION, "file")
    assert not Evidence.objects.exists()
    assert _stored_files(media_root) == []


def test_the_size_limit_comes_from_the_settings(world, record, settings, media_root):
    settings.BILIKTILIK_EVIDENCE_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ApplicationError) as info:
        _add(world, record)
    assert info.value.field == "file"
    assert "MB" in str(info.value.message)
    settings.BILIKTILIK_EVIDENCE_MAX_BYTES = len(PDF)
    assert _add(world, record).size == len(PDF)


def test_the_default_limit_is_ten_megabytes(world, record, settings):
    del settings.BILIKTILIK_EVIDENCE_MAX_BYTES  # absent from the settings (if it was there)
    assert services.evidence_max_bytes() == 10 * 1024 * 1024
    big = PDF + bytes(10 * 1024 * 1024)
    with pytest.raises(ApplicationError) as info:
        _add(world, record, content=big)
    assert info.value.field == "file"


def test_unknown_kind_and_future_issue_date_are_refused(world, record):
    with pytest.raises(ApplicationError) as info:
        _add(world, record, kind="selfie")
    assert info.value.field == "kind"
    with pytest.raises(ApplicationError) as info:
        _add(world, record, issued_on=dt.date.today() + dt.timedelta(days=1))
    assert info.value.field == "issued_on"
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_add_evidence(world, record, media_root, role):
    if role in EDITORS:
        assert _add(world, record, role=role).record == record
    else:
        with pytest.raises(ApplicationError) as info:
            _add(world, record, role=role)
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        assert not Evidence.objects.exists()
        assert _stored_files(media_root) == []


@pytest.mark.req("SEC-02")
def test_adding_evidence_is_audited(world, record):
    evidence = _add(world, record)
    event = audit_trail(evidence).get()
    assert event.action == "evidence.add"
    assert event.changes["original_name"] == [None, "certificate.pdf"]
    assert event.changes["record"] == [None, record.pk]


# --- accept and return --------------------------------------------------------------------------


@pytest.mark.req("LED-05")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_accept_evidence(world, evidence, role):
    if role in MANAGERS:
        services.evidence_accept(actor=world.user(role), evidence=evidence)
        evidence.refresh_from_db()
        assert (evidence.status, evidence.verified_by) == (EvidenceStatus.ACCEPTED, world.user(role))
    else:
        with pytest.raises(ApplicationError) as info:
            services.evidence_accept(actor=world.user(role), evidence=evidence)
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        evidence.refresh_from_db()
        assert (evidence.status, evidence.verified_by) == (EvidenceStatus.PENDING, None)


def test_return_of_evidence_needs_a_reason_and_is_audited(world, evidence):
    with pytest.raises(ApplicationError) as info:
        services.evidence_return(actor=world.user("hr_officer"), evidence=evidence, reason=" ")
    assert info.value.field == "reason"
    services.evidence_return(actor=world.user("hr_officer"), evidence=evidence, reason="Unreadable scan")
    evidence.refresh_from_db()
    assert (evidence.status, evidence.status_reason) == (EvidenceStatus.RETURNED, "Unreadable scan")
    event = audit_trail(evidence).filter(action="evidence.return").get()
    assert event.changes["status"] == ["pending", "returned"]
    assert event.changes["status_reason"] == ["", "Unreadable scan"]


def test_evidence_transitions(world, evidence):
    hr = world.user("hr_officer")
    services.evidence_accept(actor=hr, evidence=evidence)
    with pytest.raises(ApplicationError) as info:
        services.evidence_accept(actor=hr, evidence=evidence)
    assert info.value.code == ErrorCode.INVALID_STATE
    services.evidence_return(actor=hr, evidence=evidence, reason="Wrong person")
    with pytest.raises(ApplicationError) as info:
        services.evidence_return(actor=hr, evidence=evidence, reason="Again")
    assert info.value.code == ErrorCode.INVALID_STATE
    services.evidence_accept(actor=hr, evidence=evidence)
    evidence.refresh_from_db()
    assert (evidence.status, evidence.status_reason) == (EvidenceStatus.ACCEPTED, "")


def test_nobody_accepts_the_documents_of_their_own_record(world):
    from .conftest import make_evidence, make_record

    evidence = make_evidence(world, make_record(world, "hr_1"))
    with pytest.raises(ApplicationError) as info:
        services.evidence_accept(actor=world.user("hr_officer"), evidence=evidence)
    assert info.value.code == ErrorCode.PERMISSION_DENIED
