"""Reads of perspective plans, scoped (SEC-01), and their execution against the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment

from ..enums import OFFICER_ROLES
from ..models import PerspectivePlan, PerspectiveStage, PerspectiveTarget, StageStatus

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


def perspective_versions(plan: PerspectivePlan) -> list[PerspectivePlan]:
    """Every version of the plan, oldest first (one query per version; plans have few)."""
    related = ("created_by", "previous")
    versions = [plan]
    while versions[0].previous_id:
        versions.insert(0, PerspectivePlan.objects.select_related(*related).get(pk=versions[0].previous_id))
    while True:
        following = PerspectivePlan.objects.select_related(*related).filter(previous_id=versions[-1].pk).first()
        if following is None:
            return versions
        versions.append(following)
