"""Programmes of the PD centre and their directions (PLN-05)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation

from ..models import (
    PDProgramme,
    ProgrammeDirection,
)
from .common import (
    clean_text,
    require_manager,
)

# --- programmes and directions -------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, actor: Any, organisation: Organisation, year: int, title: str, description: str = ""
) -> PDProgramme:
    require_manager(actor, organisation.pk)
    try:
        year_value = int(year)
    except (TypeError, ValueError):
        year_value = 0
    if not 2000 <= year_value <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    if PDProgramme.objects.filter(organisation=organisation, year=year_value).exists():
        raise ApplicationError(
            _("The PD centre already has a programme for %(year)s.") % {"year": year_value},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    programme = PDProgramme.objects.create(
        organisation=organisation,
        year=year_value,
        title=clean_text(title, field="title", limit=300),
        description=clean_text(description, field="description", limit=10000, required=False),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="planning.programme.create",
        obj=programme,
        changes={"year": (None, year_value), "title": (None, programme.title)},
        organisation_id=organisation.pk,
    )
    return programme


@transaction.atomic
def direction_add(*, actor: Any, programme: PDProgramme, title: str) -> ProgrammeDirection:
    require_manager(actor, programme.organisation_id)
    direction = ProgrammeDirection.objects.create(
        programme=programme, title=clean_text(title, field="title", limit=300)
    )
    audit_record(
        actor=actor,
        action="planning.programme.direction_add",
        obj=programme,
        changes={"direction": (None, {"id": direction.pk, "title": direction.title})},
        organisation_id=programme.organisation_id,
    )
    return direction


@transaction.atomic
def direction_remove(*, actor: Any, direction: ProgrammeDirection) -> None:
    programme = direction.programme
    require_manager(actor, programme.organisation_id)
    if direction.topics.exists():
        raise ApplicationError(_("Remove the direction's topics first."), code=ErrorCode.CONFLICT)
    old = {"id": direction.pk, "title": direction.title}
    direction.delete()
    audit_record(
        actor=actor,
        action="planning.programme.direction_remove",
        obj=programme,
        changes={"direction": (old, None)},
        organisation_id=programme.organisation_id,
    )
