"""Writes to the PD ledger. Each one is atomic, checks the actor's rights first, validates, and
writes an audit event with the old and new values (SEC-02)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from .enums import (
    DeliveryMode,
    EvidenceKind,
    EvidenceStatus,
    FundingSource,
    Initiative,
    PDForm,
    RecordOrigin,
    RecordStatus,
    TrainerCategory,
)
from .justification import forms_needing_justification, needs_justification
from .models import Evidence, PDRecord, RecordTrainer
from .permissions import (
    EDITABLE_STATUSES,
    can_create_own,
    can_manage_records,
    can_transition,
    heads_person_unit,
    is_own,
)

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# The fields of a record that describe the activity (everything but its status and history).
RECORD_FIELDS = [
    "form",
    "title",
    "provider",
    "provider_name",
    "is_foreign",
    "country",
    "city",
    "start_date",
    "end_date",
    "hours",
    "delivery_mode",
    "is_distance",
    "funding_source",
    "cost",
    "in_profile",
    "management_topic",
    "initiative",
    "justification",
    "external_id",
]
RECORD_DEFAULTS: dict[str, Any] = {
    "provider": None,
    "provider_name": "",
    "is_foreign": False,
    "country": "KZ",
    "city": "",
    "delivery_mode": DeliveryMode.WITHOUT_LEAVE,
    "is_distance": False,
    "funding_source": FundingSource.ORGANISATION,
    "cost": Decimal("0"),
    "in_profile": False,
    "management_topic": False,
    "initiative": Initiative.PLANNED,
    "justification": "",
    "external_id": "",
}
_AUDITED_STATUS_FIELDS = ["person", "organisation", "status", "origin", "verified_by"]
_MAX_HOURS = Decimal("99999.9")
_MAX_COST = Decimal("9999999999.99")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _denied(message: str, *, field: str | None = None) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED, field=field)


def _actor_user(actor: Any) -> Any:
    """The user to store as who verified or uploaded: none for the system or anonymous."""
    return actor if isinstance(actor, models.Model) and getattr(actor, "is_authenticated", False) else None


# --- validation ---------------------------------------------------------------------------------


def _decimal(value: Any, *, field: str, places: str, maximum: Decimal, negative_message: str) -> Decimal:
    if value is None or value == "":
        raise ApplicationError(_("This field is required."), field=field)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ApplicationError(_("Enter a number."), field=field) from exc
    if not number.is_finite():
        raise ApplicationError(_("Enter a number."), field=field)
    if number < 0:
        raise ApplicationError(negative_message, field=field)
    if number > maximum:
        raise ApplicationError(_("The number is too large."), field=field)
    quantum = Decimal(places)
    if number != number.quantize(quantum):
        raise ApplicationError(
            _("Use at most %(places)s digits after the decimal point.") % {"places": len(places.split(".")[1])},
            field=field,
        )
    return number.quantize(quantum)


def clean_record_values(
    values: Mapping[str, Any], *, organisation_id: int, instance: PDRecord | None = None
) -> dict[str, Any]:
    """Validate the descriptive fields of a record and return them normalised.

    ``values`` holds every field of ``RECORD_FIELDS`` (an update merges the new values into the
    old ones first, so that rules over two fields see both). Each error names its field.
    """
    cleaned: dict[str, Any] = {}
    form = values.get("form") or ""
    if form not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    cleaned["form"] = form
    title = str(values.get("title") or "").strip()
    if not title:
        raise ApplicationError(_("Give the title or topic."), field="title")
    if len(title) > 500:
        raise ApplicationError(_("The title is too long (at most 500 characters)."), field="title")
    cleaned["title"] = title

    provider = values.get("provider")
    if provider is not None and not isinstance(provider, Organisation):
        raise ApplicationError(_("Choose the provider from the list of organisations."), field="provider")
    cleaned["provider"] = provider
    cleaned["provider_name"] = str(values.get("provider_name") or "").strip()[:300]
    cleaned["is_foreign"] = bool(values.get("is_foreign"))
    country = str(values.get("country") or "KZ").strip().upper()
    if not _COUNTRY.match(country):
        raise ApplicationError(_("Give the country as a two-letter ISO 3166 code, e.g. KZ."), field="country")
    cleaned["country"] = country
    cleaned["city"] = str(values.get("city") or "").strip()[:100]

    start_date, end_date = values.get("start_date"), values.get("end_date")
    if not isinstance(start_date, dt.date):
        raise ApplicationError(_("Give the start date."), field="start_date")
    if not isinstance(end_date, dt.date):
        raise ApplicationError(_("Give the completion date."), field="end_date")
    if end_date < start_date:
        raise ApplicationError(_("The completion date cannot be before the start date."), field="end_date")
    if end_date > timezone.localdate():
        # A record is a PD activity already completed; planned PD lives in the plans.
        raise ApplicationError(
            _("The completion date cannot be in the future: enter the record once the PD is completed."),
            field="end_date",
        )
    cleaned["start_date"], cleaned["end_date"] = start_date, end_date

    cleaned["hours"] = _decimal(
        values.get("hours"),
        field="hours",
        places="0.1",
        maximum=_MAX_HOURS,
        negative_message=_("Hours cannot be negative."),
    )
    cleaned["cost"] = _decimal(
        values.get("cost", 0),
        field="cost",
        places="0.01",
        maximum=_MAX_COST,
        negative_message=_("The cost cannot be negative."),
    )
    for name, choices, message in (
        ("delivery_mode", DeliveryMode, _("Choose a delivery mode.")),
        ("funding_source", FundingSource, _("Choose a funding source.")),
        ("initiative", Initiative, _("Choose whose initiative it was.")),
    ):
        value = values.get(name) or ""
        if value not in choices.values:
            raise ApplicationError(message, field=name)
        cleaned[name] = value
    for name in ("is_distance", "in_profile", "management_topic"):
        cleaned[name] = bool(values.get(name))

    justification = str(values.get("justification") or "").strip()
    if not justification and form in forms_needing_justification(organisation_id, cleaned["end_date"]):
        raise ApplicationError(
            _("A record of another form needs a justification for the unit head to approve."), field="justification"
        )
    cleaned["justification"] = justification

    external_id = str(values.get("external_id") or "").strip()
    if len(external_id) > 64:
        raise ApplicationError(_("The external id is too long (at most 64 characters)."), field="external_id")
    if external_id:
        clash = PDRecord.objects.filter(organisation_id=organisation_id, external_id=external_id)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise ApplicationError(
                _("Another record of this organisation has this external id."),
                code=ErrorCode.DUPLICATE,
                field="external_id",
            )
    cleaned["external_id"] = external_id
    return cleaned


@dataclass(frozen=True)
class TrainerInput:
    """A lecturer or trainer of an internal course (LED-06)."""

    name: str
    category: str
    person: Person | None = None


def _clean_trainers(trainers: Sequence[TrainerInput]) -> list[TrainerInput]:
    cleaned: list[TrainerInput] = []
    for trainer in trainers:
        name = trainer.name.strip()
        if not name:
            raise ApplicationError(_("Give the name of each trainer."), field="trainers")
        if trainer.category not in TrainerCategory.values:
            raise ApplicationError(_("Choose the category of each trainer."), field="trainers")
        cleaned.append(TrainerInput(name=name[:300], category=trainer.category, person=trainer.person))
    return cleaned


def is_internal_course(*, form: str, provider_id: int | None, organisation_id: int) -> bool:
    """An internal course: corporate training, or a course the organisation itself provides."""
    return form == PDForm.CORPORATE or (provider_id is not None and provider_id == organisation_id)


def _trainer_rows(record: PDRecord) -> list[list[Any]]:
    return [[t.name, t.category, t.person_id] for t in record.trainers.order_by("id")]


def _replace_trainers(record: PDRecord, trainers: Sequence[TrainerInput]) -> None:
    record.trainers.all().delete()
    RecordTrainer.objects.bulk_create(
        [RecordTrainer(record=record, name=t.name, category=t.category, person=t.person) for t in trainers]
    )


# --- records ------------------------------------------------------------------------------------


def _default_organisation(actor: Any, person: Person, own: bool) -> Organisation:
    """The employer on whose books a new record goes when none is named."""
    employments = Employment.objects.filter(person=person).select_related("organisation")
    if own:
        employments = employments.filter(current_q())
    for employment in employments.order_by("-is_primary", "-start_date", "id"):
        if own or can_manage_records(actor, employment.organisation_id):
            return employment.organisation
    raise ApplicationError(_("Choose the organisation that keeps this record."), field="organisation")


@transaction.atomic
def record_create(
    *,
    actor: Any,
    person: Person,
    organisation: Organisation | None = None,
    form: str,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    hours: Decimal | int | float | str,
    status: str = RecordStatus.PENDING,
    trainers: Sequence[TrainerInput] = (),
    **optional: Any,
) -> PDRecord:
    """Enter a PD record.

    An employee enters their own records: they wait for verification (origin "employee").
    An HR or PD-centre officer enters records for anyone who works in their organisation and
    may enter them verified at once (origin "hr"). ``optional`` takes the other fields of
    ``RECORD_FIELDS`` (provider, place, delivery mode, funding, flags, justification, ...).
    """
    unknown = set(optional) - set(RECORD_DEFAULTS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    own = is_own(actor, person.pk)
    if organisation is None:
        organisation = _default_organisation(actor, person, own)
    if own:
        if not can_create_own(actor, organisation.pk):
            raise _denied(
                _("You may enter your own records only with an organisation you work in."), field="organisation"
            )
        if status != RecordStatus.PENDING:
            raise _denied(_("You cannot verify your own record."), field="status")
        origin = RecordOrigin.EMPLOYEE
    else:
        if not can_manage_records(actor, organisation.pk):
            raise _denied(_("You may not enter PD records for this person."))
        if not Employment.objects.filter(person=person, organisation=organisation).exists():
            raise ApplicationError(_("This person does not work in the organisation."), field="person")
        if status not in (RecordStatus.PENDING, RecordStatus.VERIFIED):
            raise ApplicationError(_("A new record is either waiting for verification or verified."), field="status")
        origin = RecordOrigin.HR
    values = {**RECORD_DEFAULTS, **optional, "form": form, "title": title}
    values.update(start_date=start_date, end_date=end_date, hours=hours)
    cleaned = clean_record_values(values, organisation_id=organisation.pk)
    cleaned_trainers = _clean_trainers(trainers)
    if cleaned_trainers and not is_internal_course(
        form=cleaned["form"],
        provider_id=cleaned["provider"].pk if cleaned["provider"] else None,
        organisation_id=organisation.pk,
    ):
        raise ApplicationError(_("Trainers are recorded for internal courses only."), field="trainers")
    return _create(
        actor=actor,
        person=person,
        organisation=organisation,
        cleaned=cleaned,
        status=status,
        origin=origin,
        trainers=cleaned_trainers,
    )


def _create(
    *,
    actor: Any,
    person: Person,
    organisation: Organisation,
    cleaned: Mapping[str, Any],
    status: str,
    origin: str,
    trainers: Sequence[TrainerInput] = (),
) -> PDRecord:
    record = PDRecord(person=person, organisation=organisation, status=status, origin=origin, **cleaned)
    if status == RecordStatus.VERIFIED:
        record.verified_by = _actor_user(actor)
        record.verified_at = timezone.now()
    record.save()
    changes: dict[str, Any] = {
        k: (None, v)
        for k, v in snapshot(record, [*_AUDITED_STATUS_FIELDS, *RECORD_FIELDS]).items()
        if v not in ("", None)
    }
    if trainers:
        _replace_trainers(record, trainers)
        changes["trainers"] = ([], _trainer_rows(record))
    audit_record(actor=actor, action="record.create", obj=record, changes=changes, organisation_id=organisation.pk)
    return record


def _lock(record: PDRecord) -> PDRecord:
    return PDRecord.objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def record_update(*, actor: Any, record: PDRecord, **data: Any) -> PDRecord:
    """Change a record while it waits for verification or was returned for correction.

    The employee changes their own records; HR and the PD centre any of their organisation.
    A returned record goes back to the verification queue once changed.
    """
    unknown = set(data) - set(RECORD_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    record = _lock(record)
    manager = can_manage_records(actor, record.organisation_id)
    if not (manager or is_own(actor, record.person_id)):
        raise _denied(_("You may not change this record."))
    if "external_id" in data and not manager:
        raise _denied(_("Only HR may change the external id."), field="external_id")
    if record.status not in EDITABLE_STATUSES:
        raise ApplicationError(
            _("A verified record cannot be changed; ask HR to return it first."), code=ErrorCode.INVALID_STATE
        )
    merged = {name: data.get(name, getattr(record, name)) for name in RECORD_FIELDS}
    cleaned = clean_record_values(merged, organisation_id=record.organisation_id, instance=record)
    changes = apply_changes(record, {name: cleaned[name] for name in data})
    if not changes:
        return record
    if record.justification_approved_by_id and ("form" in changes or "justification" in changes):
        changes.update(apply_changes(record, {"justification_approved_by": None}))
    if record.status == RecordStatus.RETURNED:
        changes.update(apply_changes(record, {"status": RecordStatus.PENDING, "status_reason": ""}))
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="record.update", obj=record, changes=changes, organisation_id=record.organisation_id
    )
    return record


def _require_verifier(actor: Any, record: PDRecord) -> None:
    if not can_manage_records(actor, record.organisation_id):
        raise _denied(_("Only HR or the PD centre of the organisation may verify its records."))
    if is_own(actor, record.person_id):
        raise _denied(_("You cannot verify your own record."))


@transaction.atomic
def record_verify(*, actor: Any, record: PDRecord) -> PDRecord:
    record = _lock(record)
    _require_verifier(actor, record)
    if not can_transition(record, RecordStatus.VERIFIED):
        raise ApplicationError(_("This record is already verified."), code=ErrorCode.INVALID_STATE)
    changes = apply_changes(
        record,
        {
            "status": RecordStatus.VERIFIED,
            "status_reason": "",
            "verified_by": _actor_user(actor),
            "verified_at": timezone.now(),
        },
    )
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="record.verify", obj=record, changes=changes, organisation_id=record.organisation_id
    )
    return record


@transaction.atomic
def record_return(*, actor: Any, record: PDRecord, reason: str) -> PDRecord:
    """Send a record back to be corrected, saying why. A verified record may be returned too."""
    record = _lock(record)
    _require_verifier(actor, record)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the record is returned."), field="reason")
    if not can_transition(record, RecordStatus.RETURNED):
        raise ApplicationError(_("This record is already returned."), code=ErrorCode.INVALID_STATE)
    changes = apply_changes(
        record,
        {"status": RecordStatus.RETURNED, "status_reason": reason, "verified_by": None, "verified_at": None},
    )
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="record.return", obj=record, changes=changes, organisation_id=record.organisation_id
    )
    return record


@transaction.atomic
def record_approve_justification(*, actor: Any, record: PDRecord) -> PDRecord:
    """The unit head (or HR) approves why an activity of another form counts (KazNRTU-602 6.1)."""
    record = _lock(record)
    allowed = can_manage_records(actor, record.organisation_id) or heads_person_unit(actor, record)
    if not allowed:
        raise _denied(_("Only the head of the person's unit or HR may approve the justification."))
    if is_own(actor, record.person_id):
        raise _denied(_("You cannot approve the justification of your own record."))
    if not needs_justification(record):
        raise ApplicationError(
            _("Only a record of another form needs an approved justification."),
            code=ErrorCode.INVALID_STATE,
            field="form",
        )
    if not record.justification:
        raise ApplicationError(_("The record has no justification to approve."), field="justification")
    if record.justification_approved_by_id:
        raise ApplicationError(_("The justification is already approved."), code=ErrorCode.INVALID_STATE)
    changes = apply_changes(record, {"justification_approved_by": _actor_user(actor)})
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="record.approve_justification",
        obj=record,
        changes=changes,
        organisation_id=record.organisation_id,
    )
    return record


@transaction.atomic
def record_set_trainers(*, actor: Any, record: PDRecord, trainers: Sequence[TrainerInput]) -> PDRecord:
    """Replace the list of trainers of an internal course (LED-06).

    HR and the PD centre may do it at any time; the employee while the record is editable.
    """
    record = _lock(record)
    manager = can_manage_records(actor, record.organisation_id)
    if not manager:
        if not is_own(actor, record.person_id):
            raise _denied(_("You may not change this record."))
        if record.status not in EDITABLE_STATUSES:
            raise ApplicationError(
                _("A verified record cannot be changed; ask HR to return it first."), code=ErrorCode.INVALID_STATE
            )
    cleaned = _clean_trainers(trainers)
    if cleaned and not is_internal_course(
        form=record.form, provider_id=record.provider_id, organisation_id=record.organisation_id
    ):
        raise ApplicationError(_("Trainers are recorded for internal courses only."), field="trainers")
    old = _trainer_rows(record)
    new = [[t.name, t.category, t.person.pk if t.person else None] for t in cleaned]
    if old == new:
        return record
    _replace_trainers(record, cleaned)
    audit_record(
        actor=actor,
        action="record.set_trainers",
        obj=record,
        changes={"trainers": (old, new)},
        organisation_id=record.organisation_id,
    )
    return record


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


# --- import -------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One checked row of an import file, ready to be written."""

    row: int
    person: Person
    values: dict[str, Any]
    status: str
    instance: PDRecord | None = None


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    records: list[PDRecord] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def records_import(
    *,
    actor: Any,
    organisation: Organisation,
    rows: Sequence[ImportRow],
    dry_run: bool = False,
) -> ImportSummary:
    """Write the rows of a PD history import, all or nothing.

    A row with ``instance`` updates that record (even a verified one: HR re-imports corrected
    history), otherwise it creates one (origin "import"). A run by the server operator from the command
    line acts as ``biliktilik.core.access.SYSTEM``.
    """
    if not can_manage_records(actor, organisation.pk):
        raise _denied(_("Only HR or the PD centre of the organisation may import its records."))
    summary = ImportSummary(dry_run=dry_run)
    now = timezone.now()
    verifier = _actor_user(actor)
    for item in rows:
        try:
            if item.status not in (RecordStatus.PENDING, RecordStatus.VERIFIED):
                raise ApplicationError(_("The status must be verified or pending."), field="status")
            if item.instance is None:
                cleaned = clean_record_values(item.values, organisation_id=organisation.pk)
                record = _create(
                    actor=actor,
                    person=item.person,
                    organisation=organisation,
                    cleaned=cleaned,
                    status=item.status,
                    origin=RecordOrigin.IMPORT,
                )
                summary.created += 1
            else:
                record = PDRecord.objects.select_for_update().get(pk=item.instance.pk)
                if record.organisation_id != organisation.pk:
                    raise _denied(_("The record belongs to another organisation."))
                cleaned = clean_record_values(item.values, organisation_id=organisation.pk, instance=record)
                changes = apply_changes(record, cleaned)
                if item.status != record.status:
                    status_values: dict[str, Any] = {"status": item.status, "status_reason": ""}
                    if item.status == RecordStatus.VERIFIED:
                        status_values.update(verified_by=verifier, verified_at=now)
                    else:
                        status_values.update(verified_by=None, verified_at=None)
                    changes.update(apply_changes(record, status_values))
                if not changes:
                    summary.unchanged += 1
                    summary.records.append(record)
                    continue
                record.save(update_fields=[*changes, "updated_at"])
                audit_record(
                    actor=actor,
                    action="record.import_update",
                    obj=record,
                    changes=changes,
                    organisation_id=organisation.pk,
                )
                summary.updated += 1
            summary.records.append(record)
        except ApplicationError as exc:
            exc.extra.setdefault("row", item.row)
            raise
    if dry_run:
        # Everything was checked by writing it; now undo the writes (and their audit events).
        transaction.set_rollback(True)
    return summary
