"""Reads of people and employments, scoped to what the user may see (SEC-01)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from biliktilik.core.access import Scope, scope_of

from .models import Employment, Graduation, Person, Position


def _employment_q(scope: Scope) -> Q:
    return scope.filter_q(organisation="organisation_id", unit="unit_id", person="person_id")


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """People with an employment the user may see, alumni of organisations the user sees
    whole, and the user themself."""
    scope = scope_of(user)
    if scope.everything:
        return Person.objects.all()
    employed = Employment.objects.filter(_employment_q(scope), person_id=OuterRef("pk"))
    graduated = Graduation.objects.filter(person_id=OuterRef("pk"), organisation_id__in=sorted(scope.organisation_ids))
    return Person.objects.filter(Exists(employed) | Exists(graduated) | Q(pk__in=sorted(scope.person_ids)))


def employments_visible_to(user: Any) -> QuerySet[Employment]:
    scope = scope_of(user)
    return Employment.objects.filter(_employment_q(scope))


def current_q(prefix: str = "", on: dt.date | None = None) -> Q:
    on = on or dt.date.today()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def positions_available(organisation_id: int | None = None) -> QuerySet[Position]:
    """The shared catalogue plus the organisation's own positions."""
    q = Q(organisation__isnull=True)
    if organisation_id is not None:
        q |= Q(organisation_id=organisation_id)
    return Position.objects.filter(q)


@dataclass(frozen=True)
class DirectoryFilters:
    search: str = ""
    organisation_id: int | None = None
    unit_id: int | None = None
    include_subunits: bool = True
    category: str = ""
    position_id: int | None = None
    current_only: bool = True


def staff_directory(user: Any, filters: DirectoryFilters) -> QuerySet[Employment]:
    """Employments shown in the staff directory: one row per employment, with the person,
    unit, organisation and position joined in the same query."""
    qs = employments_visible_to(user).select_related("person", "unit", "organisation", "position")
    if filters.current_only:
        qs = qs.filter(current_q())
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.unit_id:
        if filters.include_subunits:
            from biliktilik.org.models import Unit

            unit = Unit.objects.filter(pk=filters.unit_id).only("path").first()
            qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
        else:
            qs = qs.filter(unit_id=filters.unit_id)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.position_id:
        qs = qs.filter(position_id=filters.position_id)
    for term in filters.search.lower().split():
        qs = qs.filter(Q(person__search_name__contains=term) | Q(person__iin__startswith=term))
    return qs.order_by("person__last_name", "person__first_name", "person__middle_name", "id")


def person_file(user: Any, *, public_id: Any) -> Person | None:
    """One person with everything the personal file shows, in a fixed number of queries."""
    employments = Employment.objects.select_related("organisation", "unit", "position").order_by(
        "-is_primary", "-start_date"
    )
    return (
        persons_visible_to(user)
        .filter(public_id=public_id)
        .prefetch_related(
            Prefetch("employments", queryset=employments),
            "teaching__discipline",
            "teaching__organisation",
            "degrees",
            "qualification_categories",
            Prefetch("graduations", queryset=Graduation.objects.select_related("organisation")),
        )
        .first()
    )
