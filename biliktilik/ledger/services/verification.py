"""HR verifies a record or returns it to be corrected."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..enums import (
    RecordStatus,
)
from ..models import PDRecord
from ..permissions import (
    can_manage_records,
    can_transition,
    is_own,
)
from .base import _actor_user, _denied, _lock


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
