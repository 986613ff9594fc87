"""Writes to people and employments. Each is atomic, checks the actor's rights, and is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation, Unit

from .enums import EmploymentEndReason, StaffCategory
from .iin import birth_date, is_valid_iin
from .models import Employment, Person, Position
from .selectors import STAFF_EDITOR_ROLES, person_edit_organisation_id, persons_hireable_by

# How far ahead of today an employment may start when the setting is absent.
DEFAULT_MAX_FUTURE_START_DAYS = 366


PERSON_FIELDS = [
    "last_name",
    "first_name",
    "middle_name",
    "iin",
    "external_id",
    "birth_date",
    "sex",
    "email",
    "phone",
    "academic_title",
]
EMPLOYMENT_FIELDS = [
    "person",
    "organisation",
    "unit",
    "position",
    "category",
    "rate",
    "start_date",
    "end_date",
    "end_reason",
    "is_primary",
    "competition_term_years",
    "competition_date",
]


def max_future_start_days() -> int:
    """How far ahead an employment may start (an order signed before the first day)."""
    return int(getattr(settings, "BILIKTILIK_MAX_FUTURE_START_DAYS", DEFAULT_MAX_FUTURE_START_DAYS))


def can_edit_staff(actor: Any, organisation_id: int) -> bool:
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*STAFF_EDITOR_ROLES, organisation_id=organisation_id)


def _require_staff_editor(actor: Any, organisation_id: int) -> None:
    if not can_edit_staff(actor, organisation_id):
        raise ApplicationError(
            _("You may not change the staff records of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )


def _clean_person(data: dict[str, Any], *, instance: Person | None = None) -> dict[str, Any]:
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    for name in ("last_name", "first_name"):
        if name in cleaned and not cleaned[name]:
            raise ApplicationError(_("This field is required."), field=name)
    iin = cleaned.get("iin") or ""
    if iin:
        if not is_valid_iin(iin):
            raise ApplicationError(
                _("IIN must be 12 digits with a correct check digit."), code=ErrorCode.INVALID_IIN, field="iin"
            )
        clash = Person.objects.filter(iin=iin)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise ApplicationError(_("A person with this IIN already exists."), code=ErrorCode.DUPLICATE, field="iin")
        if not cleaned.get("birth_date") and (instance is None or not instance.birth_date):
            cleaned["birth_date"] = birth_date(iin)
    external_id = cleaned.get("external_id") or ""
    if external_id:
        clash = Person.objects.filter(external_id=external_id)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise ApplicationError(
                _("A person with this external id already exists."), code=ErrorCode.DUPLICATE, field="external_id"
            )
    return cleaned


@transaction.atomic
def person_create(*, actor: Any, organisation: Organisation, **data: Any) -> Person:
    """Create a person on behalf of ``organisation`` (whose HR service is acting)."""
    _require_staff_editor(actor, organisation.pk)
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = _clean_person({k: data.get(k, "") for k in PERSON_FIELDS if k in data})
    for key in ("birth_date",):
        cleaned[key] = cleaned.get(key) or None
    person = Person.objects.create(**cleaned)
    audit_record(
        actor=actor,
        action="person.create",
        obj=person,
        changes={k: (None, v) for k, v in snapshot(person, PERSON_FIELDS).items() if v not in ("", None)},
        organisation_id=organisation.pk,
    )
    return person


def _person_editable(actor: Any, person: Person) -> int:
    """The organisation through which the actor may edit ``person`` (the rule of
    ``selectors.person_edit_organisation_id``), or a refusal."""
    org_id = person_edit_organisation_id(actor, person)
    if org_id is None:
        raise ApplicationError(_("You may not change this person's record."), code=ErrorCode.PERMISSION_DENIED)
    return org_id


@transaction.atomic
def person_update(*, actor: Any, person: Person, **data: Any) -> Person:
    org_id = _person_editable(actor, person)
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    person = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = _clean_person(data, instance=person)
    changes = apply_changes(person, cleaned)
    if not changes:
        return person
    person.save(update_fields=list(changes))
    audit_record(actor=actor, action="person.update", obj=person, changes=changes, organisation_id=org_id or None)
    return person


def _clean_employment(
    *,
    organisation: Organisation,
    unit: Unit,
    position: Position,
    rate: Decimal | float | str,
    start_date: dt.date,
    end_date: dt.date | None,
    end_reason: str,
    category: str,
) -> dict[str, Any]:
    if unit.organisation_id != organisation.pk:
        raise ApplicationError(_("The unit belongs to another organisation."), field="unit")
    if position.organisation_id not in (None, organisation.pk):
        raise ApplicationError(_("The position belongs to another organisation's catalogue."), field="position")
    try:
        rate = Decimal(str(rate))
    except ArithmeticError as exc:
        raise ApplicationError(_("The rate must be a number."), field="rate") from exc
    if not (Decimal("0") < rate <= Decimal("2")):
        raise ApplicationError(_("The rate must be more than 0 and at most 2."), field="rate")
    if end_date is not None and end_date < start_date:
        raise ApplicationError(_("The end date cannot be before the start date."), field="end_date")
    latest_start = timezone.localdate() + dt.timedelta(days=max_future_start_days())
    if start_date > latest_start:
        raise ApplicationError(
            _("The start date is too far ahead: at most %(days)s days from today.") % {"days": max_future_start_days()},
            field="start_date",
        )
    if end_reason and end_reason not in EmploymentEndReason.values:
        raise ApplicationError(_("Unknown end reason."), field="end_reason")
    if end_reason and end_date is None:
        raise ApplicationError(_("An end reason needs an end date."), field="end_date")
    category = category or position.category
    if category not in StaffCategory.values:
        raise ApplicationError(_("Unknown staff category."), field="category")
    return {"rate": rate, "category": category}


@transaction.atomic
def employment_create(
    *,
    actor: Any,
    person: Person,
    organisation: Organisation,
    unit: Unit,
    position: Position,
    start_date: dt.date,
    rate: Decimal | float | str = 1,
    category: str = "",
    end_date: dt.date | None = None,
    end_reason: str = "",
    is_primary: bool = True,
    competition_term_years: int | None = None,
    competition_date: dt.date | None = None,
    identified_by_iin: bool = False,
) -> Employment:
    """Record an employment. The person must be one the actor may see or a new, unclaimed record
    (``persons_hireable_by``), unless the actor identified them by their full IIN, as the staff
    import does for someone moving in from another organisation."""
    _require_staff_editor(actor, organisation.pk)
    if not identified_by_iin and not persons_hireable_by(actor).filter(pk=person.pk).exists():
        # Answered like an unknown person: the refusal must not tell that the person exists.
        raise ApplicationError(_("No such person, or you may not see them."), code=ErrorCode.NOT_FOUND, field="person")
    cleaned = _clean_employment(
        organisation=organisation,
        unit=unit,
        position=position,
        rate=rate,
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        category=category,
    )
    employment = Employment.objects.create(
        person=person,
        organisation=organisation,
        unit=unit,
        position=position,
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        is_primary=is_primary,
        competition_term_years=competition_term_years,
        competition_date=competition_date,
        **cleaned,
    )
    audit_record(
        actor=actor,
        action="employment.create",
        obj=employment,
        changes={k: (None, v) for k, v in snapshot(employment, EMPLOYMENT_FIELDS).items() if v not in ("", None)},
        organisation_id=organisation.pk,
    )
    return employment


@transaction.atomic
def employment_update(*, actor: Any, employment: Employment, **data: Any) -> Employment:
    employment = Employment.objects.select_for_update().select_related("organisation").get(pk=employment.pk)
    _require_staff_editor(actor, employment.organisation_id)
    allowed = set(EMPLOYMENT_FIELDS) - {"person", "organisation"}
    unknown = set(data) - allowed
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    merged = {name: data.get(name, getattr(employment, name)) for name in allowed}
    cleaned = _clean_employment(
        organisation=employment.organisation,
        unit=merged["unit"],
        position=merged["position"],
        rate=merged["rate"],
        start_date=merged["start_date"],
        end_date=merged["end_date"],
        end_reason=merged["end_reason"],
        category=data.get("category", employment.category),
    )
    data = {**data, **{k: v for k, v in cleaned.items() if k in data or k == "rate" and "rate" in data}}
    changes = apply_changes(employment, data)
    if not changes:
        return employment
    employment.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action="employment.update",
        obj=employment,
        changes=changes,
        organisation_id=employment.organisation_id,
    )
    return employment


def employment_end(*, actor: Any, employment: Employment, end_date: dt.date, end_reason: str) -> Employment:
    if not end_reason:
        raise ApplicationError(_("Give the reason the employment ends."), field="end_reason")
    return employment_update(actor=actor, employment=employment, end_date=end_date, end_reason=end_reason)
