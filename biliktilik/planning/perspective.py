"""Perspective PD plans (PLN-04; KAFU-2025 3; PRESCHOOL-RULES 10): writes and reads.

A perspective plan covers several years (e.g. 2023-2026). It has stages, each with a monitoring
status and notes, and yearly targets (people to train, academic hours, money in KZT), for all
staff or for one staff category. Its execution is compared with the ledger: the verified PD
records kept by the organisation and completed in each year, counted by aggregate queries.

HR and PD-centre officers of the organisation (and the system administrator) edit it; those who
see the organisation whole (first head, auditor, finance, authority officers above it) read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment

from .models import PerspectivePlan, PerspectiveStage, PerspectiveTarget, StageStatus
from .services import MAX_AMOUNT, MAX_HOURS, OFFICER_ROLES

# The longest period a perspective plan may cover, in years (the source documents speak of
# three- to five-year plans; ten leaves room without letting a typo make a century).
MAX_PLAN_YEARS = 10
MAX_PEOPLE = 1_000_000
PLAN_FIELDS = ["title", "from_year", "to_year", "description"]


# --- who may do what ---------------------------------------------------------------------------


def may_edit_perspective(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers of the organisation, and the system administrator."""
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def _require_editor(actor: Any, organisation_id: int) -> None:
    if not may_edit_perspective(actor, organisation_id):
        raise ApplicationError(
            _("Only HR and PD-centre officers of the organisation may change its perspective plan."),
            code=ErrorCode.PERMISSION_DENIED,
        )


# --- field checks --------------------------------------------------------------------------------


def _int(value: Any, *, field: str, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(message, field=field) from None
    if not low <= number <= high:
        raise ApplicationError(message, field=field)
    return number


def _year(value: Any, field: str) -> int:
    return _int(value, field=field, low=2000, high=2100, message=_("Give a year between 2000 and 2100."))


def _amount(value: Any, *, field: str, maximum: Decimal, places: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError:
        raise ApplicationError(_("Give a number."), field=field) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise ApplicationError(_("Give a number of zero or more."), field=field)
    return number.quantize(Decimal(places))


def _text(value: Any, *, field: str, limit: int, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ApplicationError(_("This field is required."), field=field)
    if len(text) > limit:
        raise ApplicationError(
            _("The text is too long (%(limit)s characters at most).") % {"limit": limit}, field=field
        )
    return text


def _years(from_year: Any, to_year: Any) -> tuple[int, int]:
    start, end = _year(from_year, "from_year"), _year(to_year, "to_year")
    if end < start:
        raise ApplicationError(_("The last year cannot come before the first."), field="to_year")
    if end - start + 1 > MAX_PLAN_YEARS:
        raise ApplicationError(
            _("A perspective plan covers %(n)s years at most.") % {"n": MAX_PLAN_YEARS}, field="to_year"
        )
    return start, end


def _lock(plan: PerspectivePlan) -> PerspectivePlan:
    return PerspectivePlan.objects.select_for_update().get(pk=plan.pk)


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
    _require_editor(actor, organisation.pk)
    title = _text(title, field="title", limit=300, required=True)
    start, end = _years(from_year, to_year)
    plan = PerspectivePlan.objects.create(
        organisation=organisation,
        title=title,
        from_year=start,
        to_year=end,
        description=_text(description, field="description", limit=10000, required=False),
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
    plan = _lock(plan)
    _require_editor(actor, plan.organisation_id)
    values: dict[str, Any] = {
        "title": _text(title, field="title", limit=300, required=True),
        "description": _text(description, field="description", limit=10000, required=False),
    }
    values["from_year"], values["to_year"] = _years(from_year, to_year)
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
    start, end = _year(from_year, "from_year"), _year(to_year, "to_year")
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
    plan = _lock(plan)
    _require_editor(actor, plan.organisation_id)
    start, end = _stage_years(plan, from_year, to_year)
    stage = PerspectiveStage.objects.create(
        plan=plan,
        title=_text(title, field="title", limit=300, required=True),
        from_year=start,
        to_year=end,
        description=_text(description, field="description", limit=10000, required=False),
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
    _lock(stage.plan)
    stage = PerspectiveStage.objects.select_related("plan").get(pk=stage.pk)
    _require_editor(actor, stage.plan.organisation_id)
    if status not in StageStatus.values:
        raise ApplicationError(_("Choose the status of the stage."), field="status")
    changes = apply_changes(
        stage, {"status": status, "notes": _text(notes, field="notes", limit=10000, required=False)}
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
    plan = _lock(stage.plan)
    _require_editor(actor, plan.organisation_id)
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
    plan = _lock(plan)
    _require_editor(actor, plan.organisation_id)
    year_value = _year(year, "year")
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
        "people": _int(
            people or 0, field="people", low=0, high=MAX_PEOPLE, message=_("Give a number of zero or more.")
        ),
        "hours": _amount(hours, field="hours", maximum=MAX_HOURS * 1000, places="0.1"),
        "money": _amount(money, field="money", maximum=MAX_AMOUNT, places="0.01"),
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
    plan = _lock(target.plan)
    _require_editor(actor, plan.organisation_id)
    old = {"year": target.year, "category": target.category, "people": target.people}
    target.delete()
    audit_record(
        actor=actor,
        action="planning.perspective.target_remove",
        obj=plan,
        changes={"target": (old, None)},
        organisation_id=plan.organisation_id,
    )


# --- selectors -----------------------------------------------------------------------------------


def perspective_plans_visible_to(user: Any) -> QuerySet[PerspectivePlan]:
    """Plans of the organisations the user sees whole: HR, PD centre, finance, first head,
    auditor of the organisation, authority officers above it, the system administrator."""
    if not getattr(user, "is_authenticated", False):
        return PerspectivePlan.objects.none()
    q = scope_of(user).filter_q(organisation="organisation_id")
    return PerspectivePlan.objects.filter(q).select_related("organisation")


def perspective_list(user: Any) -> QuerySet[PerspectivePlan]:
    """The visible plans with their number of stages and of stages done (one query)."""
    return perspective_plans_visible_to(user).annotate(
        stage_count=Count("stages", distinct=True),
        done_count=Count("stages", filter=Q(stages__status=StageStatus.DONE), distinct=True),
    )


def perspective_get(user: Any, *, public_id: Any) -> PerspectivePlan | None:
    return perspective_plans_visible_to(user).filter(public_id=public_id).first()


def perspective_organisations_for(user: Any) -> QuerySet[Organisation]:
    """Organisations for which the user may draw up a perspective plan."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    scope = scope_of(user)
    if scope.everything:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=sorted(scope.organisations_with_role(*OFFICER_ROLES)))


def perspective_stages(plan: PerspectivePlan) -> list[PerspectiveStage]:
    return list(plan.stages.all())


def perspective_targets(plan: PerspectivePlan) -> list[PerspectiveTarget]:
    return list(plan.targets.all())


@dataclass(frozen=True)
class Actual:
    people: int = 0
    hours: Decimal = Decimal(0)
    money: Decimal = Decimal(0)


@dataclass(frozen=True)
class ExecutionRow:
    """One line of the plan-vs-actual table: a year, for all staff (empty category) or one."""

    year: int
    category: str
    target: PerspectiveTarget | None
    actual: Actual

    @property
    def category_label(self) -> str:
        if not self.category:
            return _("All staff")
        return str(StaffCategory(self.category).label) if self.category in StaffCategory.values else self.category

    @staticmethod
    def _share(actual: Decimal | int, target: Decimal | int | None) -> int | None:
        if not target:
            return None
        share = Decimal(actual) * 100 / Decimal(target)
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def people_pct(self) -> int | None:
        return self._share(self.actual.people, self.target.people if self.target else None)

    @property
    def hours_pct(self) -> int | None:
        return self._share(self.actual.hours, self.target.hours if self.target else None)

    @property
    def money_pct(self) -> int | None:
        return self._share(self.actual.money, self.target.money if self.target else None)


def _category_subquery(organisation_id: int) -> Subquery:
    """The staff category of a record's person in the organisation: the primary, latest
    employment there."""
    return Subquery(
        Employment.objects.filter(person_id=OuterRef("person_id"), organisation_id=organisation_id)
        .order_by("-is_primary", "-start_date", "-id")
        .values("category")[:1]
    )


def _actual_rows(plan: PerspectivePlan, by_category: bool) -> dict[tuple[int, str], Actual]:
    records = PDRecord.objects.filter(
        organisation_id=plan.organisation_id,
        status=RecordStatus.VERIFIED,
        end_date__year__gte=plan.from_year,
        end_date__year__lte=plan.to_year,
    ).annotate(done_year=ExtractYear("end_date"))
    keys = ["done_year"]
    if by_category:
        records = records.annotate(staff_category=_category_subquery(plan.organisation_id))
        keys.append("staff_category")
    money = DecimalField(max_digits=16, decimal_places=2)
    rows = (
        records.values(*keys)
        .annotate(
            people=Count("person_id", distinct=True),
            hours=Coalesce(Sum("hours"), Value(Decimal(0)), output_field=money),
            money=Coalesce(Sum(F("cost")), Value(Decimal(0)), output_field=money),
        )
        .order_by()
    )
    out: dict[tuple[int, str], Actual] = {}
    for row in rows:
        key = (int(row["done_year"]), str(row.get("staff_category") or "") if by_category else "")
        out[key] = Actual(people=row["people"], hours=Decimal(row["hours"]), money=Decimal(row["money"]))
    return out


def perspective_execution(plan: PerspectivePlan) -> list[ExecutionRow]:
    """Plan against actual for every year of the plan: a line for all staff, then one per staff
    category that has a target. At most three queries whatever the number of records."""
    targets = {(t.year, t.category): t for t in plan.targets.all()}
    totals = _actual_rows(plan, by_category=False)
    by_category = _actual_rows(plan, by_category=True) if any(c for _y, c in targets) else {}
    rows: list[ExecutionRow] = []
    for year in plan.years:
        rows.append(ExecutionRow(year, "", targets.get((year, "")), totals.get((year, ""), Actual())))
        for category in sorted(c for y, c in targets if y == year and c):
            rows.append(
                ExecutionRow(year, category, targets[(year, category)], by_category.get((year, category), Actual()))
            )
    return rows
