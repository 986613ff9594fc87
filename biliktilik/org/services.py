"""Writes to organisations, units and offices. Each one is atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode

from .enums import ALLOWED_PARENT_KINDS, OfficeKind, OrganisationKind, UnitKind
from .models import Office, Organisation, Unit


def _require_structure_admin(actor: Any) -> None:
    """Organisations, units and offices are set up by system administrators (or the system)."""
    if not scope_of(actor).everything:
        raise ApplicationError(
            _("Only a system administrator may change the structure of organisations."),
            code=ErrorCode.PERMISSION_DENIED,
        )


_ORG_FIELDS = ["kind", "code", "name_kk", "name_ru", "name_en", "short_name", "bin", "city", "address"]
_UNIT_FIELDS = ["organisation", "kind", "code", "name_kk", "name_ru", "name_en", "short_name"]


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    kind: str,
    code: str,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    short_name: str = "",
    parent: Organisation | None = None,
    bin: str = "",
    city: str = "",
    address: str = "",
) -> Organisation:
    _require_structure_admin(actor)
    if kind not in OrganisationKind.values:
        raise ApplicationError(_("Unknown organisation kind."), field="kind")
    allowed = ALLOWED_PARENT_KINDS[kind]
    if parent is None and kind != OrganisationKind.AUTHORISED_BODY and allowed:
        # Organisations may stand alone (e.g. a private provider); authorities below the top may not.
        if kind in {OrganisationKind.REGIONAL_DEPARTMENT, OrganisationKind.DISTRICT_OFFICE}:
            raise ApplicationError(_("This kind of authority must stand below another authority."), field="parent")
    if parent is not None and parent.kind not in allowed:
        raise ApplicationError(
            _("An organisation of this kind cannot stand below “%(parent)s”.") % {"parent": parent},
            field="parent",
        )
    if Organisation.objects.filter(code=code).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": code}, code=ErrorCode.DUPLICATE, field="code"
        )
    values = dict(
        kind=kind,
        code=code,
        name_kk=name_kk,
        name_ru=name_ru,
        name_en=name_en,
        short_name=short_name,
        bin=bin,
        city=city,
        address=address,
    )
    organisation = Organisation.objects.add_child(parent, values) if parent else Organisation.objects.add_root(values)
    audit_record(
        actor=actor,
        action="organisation.create",
        obj=organisation,
        changes={k: (None, v) for k, v in snapshot(organisation, _ORG_FIELDS).items()},
        organisation_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    organisation: Organisation,
    kind: str,
    name_kk: str,
    name_ru: str = "",
    name_en: str = "",
    short_name: str = "",
    code: str = "",
    parent: Unit | None = None,
) -> Unit:
    _require_structure_admin(actor)
    if kind not in UnitKind.values:
        raise ApplicationError(_("Unknown unit kind."), field="kind")
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ApplicationError(_("The parent unit belongs to another organisation."), field="parent")
    if code and Unit.objects.filter(organisation=organisation, code=code).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": code}, code=ErrorCode.DUPLICATE, field="code"
        )
    values = dict(
        organisation=organisation,
        kind=kind,
        name_kk=name_kk,
        name_ru=name_ru,
        name_en=name_en,
        short_name=short_name,
        code=code,
    )
    unit = Unit.objects.add_child(parent, values) if parent else Unit.objects.add_root(values)
    audit_record(
        actor=actor,
        action="unit.create",
        obj=unit,
        changes={k: (None, v) for k, v in snapshot(unit, _UNIT_FIELDS).items()},
        organisation_id=organisation.pk,
    )
    return unit


@transaction.atomic
def office_set(
    *,
    actor: Any,
    organisation: Organisation,
    kind: str,
    unit: Unit | None = None,
    title_kk: str = "",
    title_ru: str = "",
    title_en: str = "",
) -> Office:
    """Name the unit that performs an office of the organisation (creating the office if new)."""
    _require_structure_admin(actor)
    if kind not in OfficeKind.values:
        raise ApplicationError(_("Unknown office kind."), field="kind")
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ApplicationError(_("The unit belongs to another organisation."), field="unit")
    office, created = Office.objects.select_for_update().get_or_create(organisation=organisation, kind=kind)
    fields = ["unit", "title_kk", "title_ru", "title_en"]
    before = snapshot(office, fields)
    office.unit = unit
    office.title_kk, office.title_ru, office.title_en = title_kk, title_ru, title_en
    after = snapshot(office, fields)
    changes = {k: (None if created else before[k], after[k]) for k in fields if created or before[k] != after[k]}
    if changes:
        office.save()
        audit_record(
            actor=actor,
            action="office.create" if created else "office.update",
            obj=office,
            changes=changes,
            organisation_id=organisation.pk,
        )
    return office
