"""Writing the checked rows of a PD history import, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record
from biliktilik.core.errors import ApplicationError
from biliktilik.org.models import Organisation
from biliktilik.people.models import Person

from ..enums import (
    RecordOrigin,
    RecordStatus,
)
from ..models import PDRecord
from ..permissions import (
    can_manage_records,
)
from .base import _actor_user, _denied
from .records import _create
from .values import clean_record_values

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
                record, changed = _import_update(
                    actor=actor, organisation=organisation, item=item, verifier=verifier, now=now
                )
                if changed:
                    summary.updated += 1
                else:
                    summary.unchanged += 1
            summary.records.append(record)
        except ApplicationError as exc:
            exc.extra.setdefault("row", item.row)
            raise
    if dry_run:
        # Everything was checked by writing it; now undo the writes (and their audit events).
        transaction.set_rollback(True)
    return summary


def _import_update(
    *, actor: Any, organisation: Organisation, item: ImportRow, verifier: Any, now: dt.datetime
) -> tuple[PDRecord, bool]:
    """Update the record a row names (even a verified one); whether anything changed."""
    assert item.instance is not None
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
        return record, False
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="record.import_update", obj=record, changes=changes, organisation_id=organisation.pk
    )
    return record, True
