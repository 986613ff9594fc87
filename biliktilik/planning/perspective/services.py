"""Writes of perspective plans: the plan, its stages (with monitoring) and its yearly targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.documents.services import document_amend, document_submit
from biliktilik.org.models import Organisation
from biliktilik.people.enums import StaffCategory

from ..models import PerspectivePlan, PerspectiveStage, PerspectiveTarget, StageStatus
from ..services import MAX_AMOUNT, MAX_HOURS
from .common import (
    MAX_PEOPLE,
    PLAN_FIELDS,
    amount_value,
    checked_year,
    clean_text,
    int_in_range,
    lock_plan,
    require_editable,
    require_editor,
    year_span,
)

# --- services ------------------------------------------------------------------------------------


@transaction.atomic
def perspective_create(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    from_year: int,
    to_year: int,
    description: str = "",
) -> PerspectivePlan:
    require_editor(actor, organisation.pk)
    title = clean_text(title, field="title", limit=300, required=True)
    start, end = year_span(from_year, to_year)
    plan = PerspectivePlan.objects.create(
        organisation=organisation,
        title=title,
        from_year=start,
        to_year=end,
        description=clean_text(description, field="description", limit=10000, required=False),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="planning.perspective.create",
        obj=plan,
        changes={k: (None, v) for k, v in snapshot(plan, ["organisation", *PLAN_FIELDS]).items()},
        organisation_id=organisation.pk,
    )
    return plan


@transaction.atomic
def perspective_update(
    *, actor: Any, plan: PerspectivePlan, title: str, from_year: int, to_year: int, description: str = ""
) -> PerspectivePlan:
    """Change the title, the period or the description. Stages and targets must stay within the
    new period."""
    plan = lock_plan(plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    values: dict[str, Any] = {
        "title": clean_text(title, field="title", limit=300, required=True),
        "description": clean_text(description, field="description", limit=10000, required=False),
    }
    values["from_year"], values["to_year"] = year_span(from_year, to_year)
    outside = Q(from_year__lt=values["from_year"]) | Q(to_year__gt=values["to_year"])
    if (
        plan.stages.filter(outside).exists()
        or plan.targets.exclude(year__range=(values["from_year"], values["to_year"])).exists()
    ):
        raise ApplicationError(
            _("Some stages or targets fall outside the new period; change or remove them first."),
            code=ErrorCode.CONFLICT,
            field="from_year",
        )
    changes = apply_changes(plan, values)
    if changes:
        plan.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor,
            action="planning.perspective.update",
            obj=plan,
            changes=changes,
            organisation_id=plan.organisation_id,
        )
    return plan


def _stage_years(plan: PerspectivePlan, from_year: Any, to_year: Any) -> tuple[int, int]:
    start, end = checked_year(from_year, "from_year"), checked_year(to_year, "to_year")
    if end < start:
        raise ApplicationError(_("The last year cannot come before the first."), field="to_year")
    if start < plan.from_year or end > plan.to_year:
        raise ApplicationError(
            _("A stage must lie within the plan's period (%(start)s-%(end)s).")
            % {"start": plan.from_year, "end": plan.to_year},
            field="from_year",
        )
    return start, end


@transaction.atomic
def perspective_stage_add(
    *, actor: Any, plan: PerspectivePlan, title: str, from_year: int, to_year: int, description: str = ""
) -> PerspectiveStage:
    plan = lock_plan(plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    start, end = _stage_years(plan, from_year, to_year)
    stage = PerspectiveStage.objects.create(
        plan=plan,
        title=clean_text(title, field="title", limit=300, required=True),
        from_year=start,
        to_year=end,
        description=clean_text(description, field="description", limit=10000, required=False),
    )
    audit_record(
        actor=actor,
        action="planning.perspective.stage_add",
        obj=plan,
        changes={"stage": (None, {"id": stage.pk, "title": stage.title, "years": [start, end]})},
        organisation_id=plan.organisation_id,
    )
    return stage


@transaction.atomic
def perspective_stage_monitor(*, actor: Any, stage: PerspectiveStage, status: str, notes: str = "") -> PerspectiveStage:
    """Record how far a stage has come (not started, in progress, done) with the monitoring notes."""
    lock_plan(stage.plan)
    stage = PerspectiveStage.objects.select_related("plan").get(pk=stage.pk)
    require_editor(actor, stage.plan.organisation_id)
    if status not in StageStatus.values:
        raise ApplicationError(_("Choose the status of the stage."), field="status")
    changes = apply_changes(
        stage, {"status": status, "notes": clean_text(notes, field="notes", limit=10000, required=False)}
    )
    if changes:
        stage.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor,
            action="planning.perspective.stage_monitor",
            obj=stage,
            changes=changes,
            organisation_id=stage.plan.organisation_id,
        )
    return stage


@transaction.atomic
def perspective_stage_remove(*, actor: Any, stage: PerspectiveStage) -> None:
    plan = lock_plan(stage.plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    old = {"id": stage.pk, "title": stage.title, "years": [stage.from_year, stage.to_year]}
    stage.delete()
    audit_record(
        actor=actor,
        action="planning.perspective.stage_remove",
        obj=plan,
        changes={"stage": (old, None)},
        organisation_id=plan.organisation_id,
    )


@transaction.atomic
def perspective_target_set(
    *,
    actor: Any,
    plan: PerspectivePlan,
    year: int,
    category: str = "",
    people: int | str = 0,
    hours: Decimal | int | str = 0,
    money: Decimal | int | str = 0,
) -> PerspectiveTarget:
    """Set the target of a year (for all staff, or for one staff category when ``category`` is
    given); setting it again replaces the old figures."""
    plan = lock_plan(plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    year_value = checked_year(year, "year")
    if not plan.from_year <= year_value <= plan.to_year:
        raise ApplicationError(
            _("The year must lie within the plan's period (%(start)s-%(end)s).")
            % {"start": plan.from_year, "end": plan.to_year},
            field="year",
        )
    category = category or ""
    if category and category not in StaffCategory.values:
        raise ApplicationError(_("Choose a staff category."), field="category")
    values = {
        "people": int_in_range(
            people or 0, field="people", low=0, high=MAX_PEOPLE, message=_("Give a number of zero or more.")
        ),
        "hours": amount_value(hours, field="hours", maximum=MAX_HOURS * 1000, places="0.1"),
        "money": amount_value(money, field="money", maximum=MAX_AMOUNT, places="0.01"),
    }
    target = PerspectiveTarget.objects.filter(plan=plan, year=year_value, category=category).first()
    if target is None:
        target = PerspectiveTarget.objects.create(plan=plan, year=year_value, category=category, **values)
        changes: dict[str, Any] = {"year": (None, year_value), "category": (None, category)}
        changes.update({k: (None, v) for k, v in values.items()})
    else:
        changes = apply_changes(target, values)
        if not changes:
            return target
        target.save(update_fields=[*changes, "updated_at"])
        changes = {"year": (year_value, year_value), "category": (category, category), **changes}
    audit_record(
        actor=actor,
        action="planning.perspective.target_set",
        obj=plan,
        changes=changes,
        organisation_id=plan.organisation_id,
    )
    return target


@transaction.atomic
def perspective_target_remove(*, actor: Any, target: PerspectiveTarget) -> None:
    plan = lock_plan(target.plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    old = {"year": target.year, "category": target.category, "people": target.people}
    target.delete()
    audit_record(
        actor=actor,
        action="planning.perspective.target_remove",
        obj=plan,
        changes={"target": (old, None)},
        organisation_id=plan.organisation_id,
    )


def copy_perspective_content(old: PerspectivePlan, new: PerspectivePlan) -> None:
    """A new version gets the stages (with their monitoring) and the targets of the old one."""
    PerspectiveStage.objects.bulk_create(
        PerspectiveStage(
            plan=new,
            title=s.title,
            from_year=s.from_year,
            to_year=s.to_year,
            description=s.description,
            status=s.status,
            notes=s.notes,
        )
        for s in old.stages.all()
    )
    PerspectiveTarget.objects.bulk_create(
        PerspectiveTarget(plan=new, year=t.year, category=t.category, people=t.people, hours=t.hours, money=t.money)
        for t in old.targets.all()
    )


@transaction.atomic
def perspective_submit(*, actor: Any, plan: PerspectivePlan) -> PerspectivePlan:
    """Send a draft or returned version up through the organisation's ``perspective_plan`` route."""
    plan = lock_plan(plan)
    require_editor(actor, plan.organisation_id)
    require_editable(plan)
    if not plan.stages.exists():
        raise ApplicationError(_("Add at least one stage before sending the plan for approval."), field="stages")
    document_submit(actor=actor, document=plan)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def perspective_amend(*, actor: Any, plan: PerspectivePlan, reason: str) -> PerspectivePlan:
    """A new draft version of an approved plan; the approved one stays until the new one is approved."""
    plan = lock_plan(plan)
    require_editor(actor, plan.organisation_id)
    return document_amend(actor=actor, document=plan, reason=reason)
