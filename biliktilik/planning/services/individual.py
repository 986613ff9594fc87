"""Individual plans (PLN-01): opening, items, suggestions from the PD requirements, submitting,
amending (PLN-06)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents.services import document_amend, document_submit
from biliktilik.ledger.enums import FundingSource
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from ..enums import ItemOrigin
from ..models import ITEM_FIELDS, IndividualPlan, PlanItem
from ..selectors.individual import plan_suggestions
from .common import (
    _clean_item,
    _deny,
    _lock,
    _require_editable,
    _require_signed_in,
    _year,
    is_planning_officer,
    may_edit_plan,
)

# --- individual plans (PLN-01) -------------------------------------------------------------------


def _current_employment(person: Person, organisation: Organisation) -> Employment | None:
    return (
        Employment.objects.filter(current_q(), person=person, organisation=organisation)
        .select_related("unit")
        .order_by("-is_primary", "start_date", "pk")
        .first()
    )


@transaction.atomic
def plan_create(*, actor: Any, person: Person, organisation: Organisation, year: int) -> IndividualPlan:
    """Open the individual plan of ``person`` for ``year`` (the person themselves, or an HR /
    PD-centre officer of the organisation)."""
    _require_signed_in(actor)
    year = _year(year)
    own = actor.person_id is not None and actor.person_id == person.pk
    if not (own or is_planning_officer(actor, organisation.pk)):
        raise _deny(_("You may open only your own plan."))
    employment = _current_employment(person, organisation)
    if employment is None:
        raise ApplicationError(_("The person does not work in this organisation now."), field="person")
    if IndividualPlan.objects.filter(person=person, organisation=organisation, year=year).exists():
        raise ApplicationError(
            _("There is already a plan for %(year)s; open it or make an amendment.") % {"year": year},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    plan = IndividualPlan.objects.create(
        person=person, organisation=organisation, unit=employment.unit, year=year, created_by=actor
    )
    audit_record(
        actor=actor,
        action="planning.plan.create",
        obj=plan,
        changes={"person": (None, person.pk), "year": (None, year), "unit": (None, employment.unit_id)},
        organisation_id=organisation.pk,
    )
    return plan


@transaction.atomic
def plan_item_add(
    *,
    actor: Any,
    plan: IndividualPlan,
    topic: str,
    form: str,
    start_date: dt.date,
    end_date: dt.date,
    hours: Decimal | int | str,
    funding_source: str,
    provider_name: str = "",
    cost: Decimal | int | str = 0,
    in_profile: bool = False,
    management_topic: bool = False,
    origin: str = ItemOrigin.MANUAL,
    requirement: str = "",
) -> PlanItem:
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    if origin not in ItemOrigin.values:
        raise ApplicationError(_("Unknown origin."), field="origin")
    values = _clean_item(
        plan,
        {
            "topic": topic,
            "form": form,
            "start_date": start_date,
            "end_date": end_date,
            "hours": hours,
            "funding_source": funding_source,
            "provider_name": provider_name,
            "cost": cost,
            "in_profile": in_profile,
            "management_topic": management_topic,
        },
    )
    item = PlanItem.objects.create(plan=plan, origin=origin, requirement=requirement[:200], **values)
    audit_record(
        actor=actor,
        action="planning.item.add",
        obj=plan,
        changes={"item": (None, {"id": item.pk, **{k: values[k] for k in ITEM_FIELDS}})},
        organisation_id=plan.organisation_id,
    )
    return item


@transaction.atomic
def plan_item_update(*, actor: Any, item: PlanItem, **data: Any) -> PlanItem:
    """Change the fields of ``item`` given in ``data`` (names of ``ITEM_FIELDS``)."""
    _require_signed_in(actor)
    unknown = sorted(set(data) - set(ITEM_FIELDS))
    if unknown:
        raise ApplicationError(_("Unknown field."), field=unknown[0])
    plan = _lock(item.plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    item = PlanItem.objects.get(pk=item.pk)
    values = _clean_item(plan, {**{k: getattr(item, k) for k in ITEM_FIELDS}, **data})
    before = snapshot(item, ITEM_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    after = snapshot(item, ITEM_FIELDS)
    changes = {k: (before[k], after[k]) for k in ITEM_FIELDS if before[k] != after[k]}
    if not changes:
        return item
    item.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="planning.item.update",
        obj=plan,
        changes={"item": (None, item.pk), **changes},
        organisation_id=plan.organisation_id,
    )
    return item


@transaction.atomic
def plan_item_remove(*, actor: Any, item: PlanItem) -> None:
    _require_signed_in(actor)
    plan = _lock(item.plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    before = snapshot(item, ITEM_FIELDS)
    item_id = item.pk
    PlanItem.objects.filter(pk=item_id).delete()
    audit_record(
        actor=actor,
        action="planning.item.remove",
        obj=plan,
        changes={"item": ({"id": item_id, **before}, None)},
        organisation_id=plan.organisation_id,
    )


@transaction.atomic
def plan_add_suggestions(*, actor: Any, plan: IndividualPlan) -> list[PlanItem]:
    """Add an item for each PD requirement of the person that falls due within the plan's year
    and is not yet planned (the suggestions of ``selectors.plan_suggestions``)."""
    _require_signed_in(actor)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may change only your own plan."))
    _require_editable(plan)
    added = []
    for suggestion in plan_suggestions(plan):
        if suggestion.already_planned:
            continue
        added.append(
            plan_item_add(
                actor=actor,
                plan=plan,
                topic=suggestion.topic,
                form=suggestion.form,
                start_date=suggestion.start_date,
                end_date=suggestion.end_date,
                hours=suggestion.hours,
                funding_source=FundingSource.ORGANISATION,
                in_profile=suggestion.in_profile,
                management_topic=suggestion.management_topic,
                origin=ItemOrigin.COMPLIANCE,
                requirement=suggestion.key,
            )
        )
    return added


@transaction.atomic
def plan_submit(*, actor: Any, plan: IndividualPlan) -> IndividualPlan:
    """Send the plan up: through the organisation's route for individual plans when it has one;
    otherwise the plan waits to be included in its unit's schedule and is approved with it."""
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may submit only your own plan."))
    _require_editable(plan)
    if not plan.items.exists():
        raise ApplicationError(_("Add at least one activity to the plan first."), field="items")
    document_submit(actor=actor, document=plan)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def plan_amend(*, actor: Any, plan: IndividualPlan, reason: str) -> IndividualPlan:
    """Start an amendment to an approved plan: a new draft version with the items copied."""
    _require_signed_in(actor)
    plan = _lock(plan)
    if not may_edit_plan(actor, plan):
        raise _deny(_("You may amend only your own plan."))
    return document_amend(actor=actor, document=plan, reason=reason)


def copy_plan_items(old: IndividualPlan, new: IndividualPlan) -> None:
    """An amendment starts with the items of the version it amends, each linked to its source."""
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                plan=new,
                origin=item.origin,
                requirement=item.requirement,
                source=item,
                **{k: getattr(item, k) for k in ITEM_FIELDS},
            )
            for item in old.items.all()
        ]
    )
