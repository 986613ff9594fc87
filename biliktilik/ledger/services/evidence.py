"""The documents attached to a record (LED-05): the file checks, adding, accepting, returning."""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..enums import (
    EvidenceKind,
    EvidenceStatus,
)
from ..models import Evidence, PDRecord
from ..permissions import (
    can_manage_records,
    is_own,
)
from .base import _actor_user, _denied

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


# --- evidence -----------------------------------------------------------------------------------

# File extension -> the kind of content it must hold.
ALLOWED_EXTENSIONS: dict[str, str] = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "docx": "docx"}
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def evidence_max_bytes() -> int:
    return int(getattr(settings, "BILIKTILIK_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES))


# Office formats that carry macros by design; refused whatever their content.
MACRO_EXTENSIONS = frozenset({"docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm", "ppam", "sldm"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Names of the storages and streams that hold macros in a legacy (OLE) Office file, as they
# are written in its directory (UTF-16LE).
_OLE_MACRO_NAMES = tuple(name.encode("utf-16-le") for name in ("Macros", "_VBA_PROJECT", "VBA"))
# An OOXML part that holds macros (word/vbaProject.bin, xl/vbaProject.bin, ...).
_OOXML_MACRO_PART = "vbaproject.bin"


def has_macros(stream: IO[bytes]) -> bool:
    """Whether an Office file carries macros: an OOXML archive with a ``vbaProject.bin`` part,
    or a legacy OLE file whose directory names a ``Macros`` / ``VBA`` storage."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    try:
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(stream) as archive:
                    names = archive.namelist()
            except (zipfile.BadZipFile, OSError, ValueError):
                return False
            return any(PurePath(name).name.lower() == _OOXML_MACRO_PART for name in names)
        if head == OLE_MAGIC:
            content = stream.read()
            return any(name in content for name in _OLE_MACRO_NAMES)
        return False
    finally:
        stream.seek(0)


def sniff_content(stream: IO[bytes]) -> str | None:
    """The kind of a file judged by its first bytes (its "magic"), not by its name."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    kind: str
    content_type: str
    size: int


def check_evidence_file(upload: Any) -> CheckedFile:
    """Refuse files that are too big, empty, of a type not accepted, Office files with macros
    (``.docm``, ``.xlsm``, ``.pptm``, ..., an archive holding ``vbaProject.bin``, a legacy file
    with a macro storage), or whose content is not what their name says (an ``.exe`` renamed
    ``.pdf``)."""
    if upload is None:
        raise ApplicationError(_("Choose a file."), field="file")
    original_name = PurePath(str(getattr(upload, "name", "") or "")).name
    size = int(getattr(upload, "size", 0) or 0)
    limit = evidence_max_bytes()
    if size <= 0:
        raise ApplicationError(_("The file is empty."), field="file")
    if size > limit:
        raise ApplicationError(
            _("The file is too large: at most %(megabytes)s MB.") % {"megabytes": round(limit / (1024 * 1024), 1)},
            field="file",
        )
    extension = PurePath(original_name).suffix.lower().lstrip(".")
    if extension in MACRO_EXTENSIONS or has_macros(upload):
        raise ApplicationError(
            _("Office files with macros are not accepted; save the document without macros or as PDF."),
            field="file",
        )
    expected = ALLOWED_EXTENSIONS.get(extension)
    if expected is None:
        raise ApplicationError(_("Only PDF, JPG, PNG and DOCX files are accepted."), field="file")
    if sniff_content(upload) != expected:
        raise ApplicationError(_("The content of the file does not match its type."), field="file")
    return CheckedFile(
        original_name=original_name[-255:],
        extension=extension,
        kind=expected,
        content_type=CONTENT_TYPES[expected],
        size=size,
    )


_EVIDENCE_FIELDS = [
    "record",
    "kind",
    "original_name",
    "content_type",
    "size",
    "number",
    "issued_on",
    "issuer",
    "status",
]


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    record: PDRecord,
    file: Any,
    kind: str,
    number: str = "",
    issued_on: dt.date | None = None,
    issuer: str = "",
) -> Evidence:
    """Attach a document to a record (LED-05). The file goes to Django's default storage."""
    if not (is_own(actor, record.person_id) or can_manage_records(actor, record.organisation_id)):
        raise _denied(_("You may not add documents to this record."))
    if kind not in EvidenceKind.values:
        raise ApplicationError(_("Choose the document type."), field="kind")
    if issued_on is not None and issued_on > timezone.localdate():
        raise ApplicationError(_("The date of issue cannot be in the future."), field="issued_on")
    checked = check_evidence_file(file)
    evidence = Evidence(
        record=record,
        kind=kind,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        number=(number or "").strip()[:100],
        issued_on=issued_on,
        issuer=(issuer or "").strip()[:300],
        status=EvidenceStatus.PENDING,
        uploaded_by=_actor_user(actor),
    )
    stored_name = f"{uuid.uuid4().hex}.{checked.extension}"
    evidence.file.save(stored_name, file if isinstance(file, File) else File(file), save=False)
    try:
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence.add",
            obj=evidence,
            # The original file name (in ``original_name``) and the evidence id are stored, never
            # the storage path: audit texts are shown to users.
            changes={k: (None, v) for k, v in snapshot(evidence, _EVIDENCE_FIELDS).items() if v not in ("", None)},
            organisation_id=record.organisation_id,
        )
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


_EVIDENCE_TRANSITIONS: dict[str, frozenset[str]] = {
    EvidenceStatus.PENDING: frozenset({EvidenceStatus.ACCEPTED, EvidenceStatus.RETURNED}),
    EvidenceStatus.RETURNED: frozenset({EvidenceStatus.ACCEPTED}),
    EvidenceStatus.ACCEPTED: frozenset({EvidenceStatus.RETURNED}),
}


def _lock_evidence(evidence: Evidence) -> Evidence:
    return Evidence.objects.select_for_update().select_related("record").get(pk=evidence.pk)


def _require_evidence_verifier(actor: Any, evidence: Evidence) -> None:
    record = evidence.record
    if not can_manage_records(actor, record.organisation_id):
        raise _denied(_("Only HR or the PD centre of the organisation may verify its documents."))
    if is_own(actor, record.person_id):
        raise _denied(_("You cannot verify the documents of your own record."))


@transaction.atomic
def evidence_accept(*, actor: Any, evidence: Evidence) -> Evidence:
    evidence = _lock_evidence(evidence)
    _require_evidence_verifier(actor, evidence)
    if EvidenceStatus.ACCEPTED not in _EVIDENCE_TRANSITIONS[evidence.status]:
        raise ApplicationError(_("This document is already accepted."), code=ErrorCode.INVALID_STATE)
    changes = apply_changes(
        evidence,
        {
            "status": EvidenceStatus.ACCEPTED,
            "status_reason": "",
            "verified_by": _actor_user(actor),
            "verified_at": timezone.now(),
        },
    )
    evidence.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="evidence.accept",
        obj=evidence,
        changes=changes,
        organisation_id=evidence.record.organisation_id,
    )
    return evidence


@transaction.atomic
def evidence_return(*, actor: Any, evidence: Evidence, reason: str) -> Evidence:
    evidence = _lock_evidence(evidence)
    _require_evidence_verifier(actor, evidence)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the document is returned."), field="reason")
    if EvidenceStatus.RETURNED not in _EVIDENCE_TRANSITIONS[evidence.status]:
        raise ApplicationError(_("This document is already returned."), code=ErrorCode.INVALID_STATE)
    changes = apply_changes(
        evidence,
        {
            "status": EvidenceStatus.RETURNED,
            "status_reason": reason,
            "verified_by": _actor_user(actor),
            "verified_at": timezone.now(),
        },
    )
    evidence.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="evidence.return",
        obj=evidence,
        changes=changes,
        organisation_id=evidence.record.organisation_id,
    )
    return evidence
