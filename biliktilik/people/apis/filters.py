"""Filters of the people API lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from ..enums import StaffCategory
from ..models import Employment, Person, Position
from ..selectors import (
    current_q,
    employments_visible_to,
    person_search_q,
)
from .common import _unit_subtree_q

# --- filters -------------------------------------------------------------------------------

_LABELS = {
    "search": _("Words of the name, or the beginning of the IIN"),
    "organisation": _("Public id of the organisation of the employment"),
    "unit": _("Public id of the unit of the employment (that unit only)"),
    "within": _("Public id of a unit: employments in that unit and every unit below it"),
    "category": _("Staff category of the employment"),
    "current": _("true: employments current today; false: ended or not yet started"),
}


class PositionFilter(django_filters.FilterSet):
    organisation = django_filters.UUIDFilter(
        field_name="organisation__public_id", label=_("Public id of the organisation owning the position")
    )
    shared = django_filters.BooleanFilter(
        field_name="organisation", lookup_expr="isnull", label=_("true: only the shared catalogue")
    )
    category = django_filters.ChoiceFilter(choices=StaffCategory.choices, label=_("Staff category"))

    class Meta:
        model = Position
        fields = ["organisation", "shared", "category"]


class PersonFilter(django_filters.FilterSet):
    """Filters on a person's employments apply together to one employment the user may see;
    ``current=false`` keeps people with such an employment but none current (former staff)."""

    search = django_filters.CharFilter(label=_LABELS["search"])
    organisation = django_filters.UUIDFilter(label=_LABELS["organisation"])
    unit = django_filters.UUIDFilter(label=_LABELS["unit"])
    within = django_filters.UUIDFilter(label=_LABELS["within"])
    category = django_filters.ChoiceFilter(choices=StaffCategory.choices, label=_LABELS["category"])
    current = django_filters.BooleanFilter(
        label=_("true: people with a current employment; false: people whose matching employments all ended")
    )

    class Meta:
        model = Person
        fields = ["search", "organisation", "unit", "within", "category", "current"]

    def filter_queryset(self, queryset: QuerySet[Person]) -> QuerySet[Person]:
        data = self.form.cleaned_data
        user = self.request.user if self.request is not None else None
        if data.get("search"):
            queryset = queryset.filter(person_search_q(user, data["search"]))
        employment = Q()
        if data.get("organisation"):
            employment &= Q(organisation__public_id=data["organisation"])
        if data.get("unit"):
            employment &= Q(unit__public_id=data["unit"])
        if data.get("within"):
            employment &= _unit_subtree_q(data["within"])
        if data.get("category"):
            employment &= Q(category=data["category"])
        current = data.get("current")
        if not employment and current is None:
            return queryset
        matching = employments_visible_to(user).filter(employment, person_id=OuterRef("pk"))
        if current is True:
            return queryset.filter(Exists(matching.filter(current_q())))
        if current is False:
            return queryset.filter(Exists(matching)).exclude(Exists(matching.filter(current_q())))
        return queryset.filter(Exists(matching))


class EmploymentFilter(django_filters.FilterSet):
    person = django_filters.UUIDFilter(field_name="person__public_id", label=_("Public id of the person"))
    organisation = django_filters.UUIDFilter(field_name="organisation__public_id", label=_LABELS["organisation"])
    unit = django_filters.UUIDFilter(field_name="unit__public_id", label=_LABELS["unit"])
    within = django_filters.UUIDFilter(method="filter_within", label=_LABELS["within"])
    category = django_filters.ChoiceFilter(choices=StaffCategory.choices, label=_LABELS["category"])
    current = django_filters.BooleanFilter(method="filter_current", label=_LABELS["current"])
    search = django_filters.CharFilter(method="filter_search", label=_LABELS["search"])

    class Meta:
        model = Employment
        fields = ["person", "organisation", "unit", "within", "category", "current", "search"]

    def filter_within(self, queryset: QuerySet[Employment], name: str, value: Any) -> QuerySet[Employment]:
        return queryset.filter(_unit_subtree_q(value))

    def filter_current(self, queryset: QuerySet[Employment], name: str, value: bool) -> QuerySet[Employment]:
        return queryset.filter(current_q()) if value else queryset.exclude(current_q())

    def filter_search(self, queryset: QuerySet[Employment], name: str, value: str) -> QuerySet[Employment]:
        user = self.request.user if self.request is not None else None
        return queryset.filter(person_search_q(user, value, prefix="person__", person_lookup="person_id"))
