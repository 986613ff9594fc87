"""Entering and changing PD records and the trainers of internal courses (LED-01, LED-06)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from ..enums import (
    RecordOrigin,
    RecordStatus,
)
from ..models import PDRecord
from ..permissions import (
    EDITABLE_STATUSES,
    can_create_own,
    can_manage_records,
    is_own,
)
from .base import _actor_user, _denied, _lock
from .values import (
    _AUDITED_STATUS_FIELDS,
    RECORD_DEFAULTS,
    RECORD_FIELDS,
    TrainerInput,
    _clean_trainers,
    _replace_trainers,
    _trainer_rows,
    clean_record_values,
    is_internal_course,
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
    origin = _origin_of(actor=actor, person=person, organisation=organisation, status=status, own=own)
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


def _origin_of(*, actor: Any, person: Person, organisation: Organisation, status: str, own: bool) -> str:
    """Who enters the record: the employee (waiting for verification only) or HR (for someone who works there)."""
    if own:
        if not can_create_own(actor, organisation.pk):
            raise _denied(
                _("You may enter your own records only with an organisation you work in."), field="organisation"
            )
        if status != RecordStatus.PENDING:
            raise _denied(_("You cannot verify your own record."), field="status")
        return RecordOrigin.EMPLOYEE
    if not can_manage_records(actor, organisation.pk):
        raise _denied(_("You may not enter PD records for this person."))
    if not Employment.objects.filter(person=person, organisation=organisation).exists():
        raise ApplicationError(_("This person does not work in the organisation."), field="person")
    if status not in (RecordStatus.PENDING, RecordStatus.VERIFIED):
        raise ApplicationError(_("A new record is either waiting for verification or verified."), field="status")
    return RecordOrigin.HR


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
