"""Comparing versions of plans and schedules (PLN-06)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import ITEM_FIELDS, ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from .visibility import versions_of

# --- versions compare (PLN-06) --------------------------------------------------------------------


@dataclass
class ItemChange:
    old: PlanItem
    new: PlanItem
    fields: list[tuple[str, str, Any, Any]]


@dataclass
class PlanComparison:
    old: IndividualPlan
    new: IndividualPlan
    added: list[PlanItem]
    removed: list[PlanItem]
    changed: list[ItemChange]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_plans(old: IndividualPlan, new: IndividualPlan) -> PlanComparison:
    """Items added, removed and changed (field by field) from ``old`` to ``new``, following the
    ``source`` link of each copied item through the versions in between."""
    versions = {v.pk: v for v in versions_of(new)}
    items = list(PlanItem.objects.filter(plan_id__in=list(versions)).order_by("plan__version", "id"))
    by_id = {i.pk: i for i in items}

    def origin_in_old(item: PlanItem) -> PlanItem | None:
        current: PlanItem | None = item
        while current is not None and current.plan_id != old.pk:
            current = by_id.get(current.source_id) if current.source_id else None
        return current

    old_items = [i for i in items if i.plan_id == old.pk]
    new_items = [i for i in items if i.plan_id == new.pk]
    matched: dict[int, PlanItem] = {}
    added: list[PlanItem] = []
    for item in new_items:
        found = origin_in_old(item)
        if found is None:
            added.append(item)
        else:
            matched[found.pk] = item
    removed = [i for i in old_items if i.pk not in matched]
    changed = []
    labels = {f.name: str(f.verbose_name) for f in PlanItem._meta.get_fields() if hasattr(f, "verbose_name")}
    for old_item in old_items:
        new_item = matched.get(old_item.pk)
        if new_item is None:
            continue
        diffs = [
            (name, labels[name], getattr(old_item, name), getattr(new_item, name))
            for name in ITEM_FIELDS
            if getattr(old_item, name) != getattr(new_item, name)
        ]
        if diffs:
            changed.append(ItemChange(old=old_item, new=new_item, fields=diffs))
    return PlanComparison(old=old, new=new, added=added, removed=removed, changed=changed)


@dataclass
class ScheduleComparison:
    old: Any
    new: Any
    added: list[Any]
    removed: list[Any]
    replaced: list[tuple[Any, Any]]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.replaced)


def compare_unit_schedules(old: UnitSchedule, new: UnitSchedule) -> ScheduleComparison:
    """Plans taken in, dropped, or replaced by a newer version of the same person's plan."""
    old_plans = {p.person_id: p for p in old.plans.select_related("person")}
    new_plans = {p.person_id: p for p in new.plans.select_related("person")}
    added = [p for k, p in new_plans.items() if k not in old_plans]
    removed = [p for k, p in old_plans.items() if k not in new_plans]
    replaced = [(old_plans[k], p) for k, p in new_plans.items() if k in old_plans and old_plans[k].pk != p.pk]
    return ScheduleComparison(old, new, added, removed, replaced)


def compare_consolidated(old: ConsolidatedSchedule, new: ConsolidatedSchedule) -> ScheduleComparison:
    """Unit schedules taken in, dropped, or replaced by a newer version of the same unit's schedule."""
    old_s = {s.unit_id: s for s in old.unit_schedules.select_related("unit")}
    new_s = {s.unit_id: s for s in new.unit_schedules.select_related("unit")}
    added = [s for k, s in new_s.items() if k not in old_s]
    removed = [s for k, s in old_s.items() if k not in new_s]
    replaced = [(old_s[k], s) for k, s in new_s.items() if k in old_s and old_s[k].pk != s.pk]
    return ScheduleComparison(old, new, added, removed, replaced)
