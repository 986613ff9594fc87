"""The unit head approves why an activity of another form counts (KazNRTU-602 6.1)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..justification import needs_justification
from ..models import PDRecord
from ..permissions import (
    can_manage_records,
    heads_person_unit,
    is_own,
)
from .base import _actor_user, _denied, _lock


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
