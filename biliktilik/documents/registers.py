"""Numbered registers: ``register_next`` gives the next number of an (organisation, document type,
year) register, in the caller's transaction, so the number and the document are saved together
or not at all. The register row is locked (``select_for_update``) while the number is taken:
numbers never repeat and none is skipped, however many take one at once. A cancelled entry keeps
its number (the register shows it as cancelled); it is never given again.

The owning app's service checks that the actor may register its document, then calls
``register_next`` inside its own ``@transaction.atomic``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.org.models import Organisation

from .models import DEFAULT_NUMBER_FORMAT, Register, RegisterEntry

REGISTRAR_ROLES = (Role.HR_OFFICER, Role.PD_OFFICER)


def _year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        value = 0
    if not 2000 <= value <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    return value


def _doc_type(doc_type: Any) -> str:
    value = str(doc_type or "").strip()
    if not value or len(value) > 60:
        raise ApplicationError(_("Name the document type (60 characters at most)."), field="doc_type")
    return value


def _check_format(number_format: str, prefix: str) -> str:
    number_format = (number_format or "").strip() or DEFAULT_NUMBER_FORMAT
    if "{n" not in number_format or len(number_format) > 100:
        raise ApplicationError(_("The number format must contain the number {n}."), field="number_format")
    try:
        sample = number_format.format(prefix=prefix, n=1, yy="26", yyyy=2026)
    except (KeyError, IndexError, ValueError):
        raise ApplicationError(
            _("The number format may use only {prefix}, {n}, {yy} and {yyyy}."), field="number_format"
        ) from None
    if len(sample) > 100:
        raise ApplicationError(_("The number format makes numbers that are too long."), field="number_format")
    return number_format


def _may_manage(actor: Any, organisation_id: int) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*REGISTRAR_ROLES, organisation_id=organisation_id)


@transaction.atomic
def register_configure(
    *, actor: Any, organisation: Organisation, doc_type: str, year: int, prefix: str = "", number_format: str = ""
) -> Register:
    """Set the prefix and number format of a register (HR and PD-centre officers, system
    administrators). The format is data: ``{prefix}-{n:04d}/{yy}`` gives ``ORD-0007/26``."""
    if not _may_manage(actor, organisation.pk):
        raise ApplicationError(
            _("You may not change the registers of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )
    doc_type, year = _doc_type(doc_type), _year(year)
    prefix = (prefix or "").strip()
    if len(prefix) > 40:
        raise ApplicationError(_("The prefix is too long (40 characters at most)."), field="prefix")
    number_format = _check_format(number_format, prefix)
    register = _get_or_create(organisation_id=organisation.pk, doc_type=doc_type, year=year, lock=True)
    before = {"prefix": register.prefix, "number_format": register.number_format}
    after = {"prefix": prefix, "number_format": number_format}
    if before == after:
        return register
    register.prefix, register.number_format = prefix, number_format
    register.save(update_fields=["prefix", "number_format", "updated_at"])
    audit_record(
        actor=actor,
        action="documents.register.configure",
        obj=register,
        changes={k: (before[k], after[k]) for k in after if before[k] != after[k]},
        organisation_id=organisation.pk,
    )
    return register


def _get_or_create(*, organisation_id: int, doc_type: str, year: int, lock: bool) -> Register:
    qs = Register.objects.select_for_update() if lock else Register.objects.all()
    register = qs.filter(organisation_id=organisation_id, doc_type=doc_type, year=year).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():
            Register.objects.create(organisation_id=organisation_id, doc_type=doc_type, year=year)
    except IntegrityError:  # another transaction made it meanwhile; its row is taken below
        pass
    return qs.get(organisation_id=organisation_id, doc_type=doc_type, year=year)


@transaction.atomic
def register_next(
    *, actor: Any, organisation: Organisation, doc_type: str, year: int, obj: models.Model | None = None
) -> RegisterEntry:
    """Take the next number of the register for ``obj``, in the caller's transaction."""
    doc_type, year = _doc_type(doc_type), _year(year)
    if obj is not None and obj.pk is None:
        raise ApplicationError(_("Save the document before registering it."))
    register = _get_or_create(organisation_id=organisation.pk, doc_type=doc_type, year=year, lock=True)
    number = register.last_number + 1
    register.last_number = number
    register.save(update_fields=["last_number", "updated_at"])
    entry = RegisterEntry.objects.create(
        register=register,
        number=number,
        label=register.format_number(number)[:120],
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="documents.register.next",
        obj=entry,
        changes={
            "register": (None, register.pk),
            "number": (None, number),
            "label": (None, entry.label),
            "object": (None, f"{entry.content_type_id}:{entry.object_id}" if obj is not None else None),
        },
        organisation_id=organisation.pk,
    )
    return entry


@transaction.atomic
def register_cancel(*, actor: Any, entry: RegisterEntry, reason: str) -> RegisterEntry:
    """Cancel an entry (HR and PD-centre officers, system administrators). It keeps its number;
    the number is never given again."""
    entry = RegisterEntry.objects.select_for_update().select_related("register").get(pk=entry.pk)
    organisation_id = entry.register.organisation_id
    if not _may_manage(actor, organisation_id):
        raise ApplicationError(
            _("You may not change the registers of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )
    if entry.cancelled_at is not None:
        raise ApplicationError(_("This entry is already cancelled."), code=ErrorCode.INVALID_STATE)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the entry is cancelled."), field="reason")
    entry.cancelled_at = timezone.now()
    entry.cancelled_by = actor
    entry.cancel_reason = reason
    entry.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="documents.register.cancel",
        obj=entry,
        changes={"cancelled": (False, True), "reason": (None, reason), "number": (entry.number, entry.number)},
        organisation_id=organisation_id,
    )
    return entry


def register_entries(register: Register) -> list[RegisterEntry]:
    """Every entry of a register in number order, cancelled ones included."""
    return list(register.entries.select_related("content_type").order_by("number"))
