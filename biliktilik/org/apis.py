"""Read-only API of organisations and their units (ORG-01, ORG-02), scoped like the pages (SEC-01).

One view per operation; the views only pick a selector and a serializer. Every list runs a fixed
number of queries: the parent of each row is a subquery of the same SELECT, not a query per row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from rest_framework import generics, serializers

from .enums import OrganisationKind, UnitKind
from .models import Organisation, Unit
from .selectors import organisations_visible_to, units_visible_to


def _parent_path(model: type[Organisation] | type[Unit]) -> Substr:
    """The materialised path of a row's parent: its own path less the last step."""
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - model.steplen)


def organisations_for_api(user: Any) -> QuerySet[Organisation]:
    """Visible organisations in tree order, each with the public id of its parent when the user
    sees the parent too (an authority above a university is not shown to the university's staff)."""
    parents = organisations_visible_to(user).filter(path=_parent_path(Organisation)).values("public_id")[:1]
    return organisations_visible_to(user).annotate(parent_public_id=Subquery(parents)).order_by("path")


def units_for_api(user: Any) -> QuerySet[Unit]:
    """Visible units in tree order, with their organisation and the public id of their parent."""
    parents = Unit.objects.filter(path=_parent_path(Unit)).values("public_id")[:1]
    return units_visible_to(user).annotate(parent_public_id=Subquery(parents)).order_by("path")


# --- serializers ---------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    """An organisation named inside another object."""

    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class UnitRefSerializer(serializers.Serializer):
    """A unit named inside another object."""

    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=_("Name in the language of the request."))
    parent = serializers.UUIDField(  # type: ignore[assignment]  # a field, not the parent serializer
        source="parent_public_id",
        read_only=True,
        allow_null=True,
        help_text=_("Public id of the authority above, when the user may see it."),
    )

    class Meta:
        model = Organisation
        fields = [
            "public_id",
            "code",
            "kind",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "short_name",
            "bin",
            "city",
            "address",
            "is_active",
            "depth",
            "parent",
        ]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=_("Name in the language of the request."))
    organisation = OrganisationRefSerializer(read_only=True)
    parent = serializers.UUIDField(  # type: ignore[assignment]  # a field, not the parent serializer
        source="parent_public_id",
        read_only=True,
        allow_null=True,
        help_text=_("Public id of the unit above; empty for a top unit of the organisation."),
    )

    class Meta:
        model = Unit
        fields = [
            "public_id",
            "code",
            "kind",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "short_name",
            "is_active",
            "organisation",
            "depth",
            "parent",
        ]
        read_only_fields = fields


# --- filters -------------------------------------------------------------------------------


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    parent = django_filters.UUIDFilter(
        method="filter_parent", label=_("Public id of an authority: the organisations directly below it")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "parent"]

    def filter_parent(self, queryset: QuerySet[Organisation], name: str, value: Any) -> QuerySet[Organisation]:
        parent = Organisation.objects.filter(public_id=value).only("path", "depth").first()
        if parent is None:
            return queryset.none()
        return queryset.filter(path__startswith=parent.path, depth=parent.depth + 1)


class UnitFilter(django_filters.FilterSet):
    organisation = django_filters.UUIDFilter(
        field_name="organisation__public_id", label=_("Public id of the organisation")
    )
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    within = django_filters.UUIDFilter(
        method="filter_within", label=_("Public id of a unit: that unit and every unit below it")
    )

    class Meta:
        model = Unit
        fields = ["organisation", "kind", "within"]

    def filter_within(self, queryset: QuerySet[Unit], name: str, value: Any) -> QuerySet[Unit]:
        unit = Unit.objects.filter(public_id=value).only("path").first()
        if unit is None:
            return queryset.none()
        return queryset.filter(path__startswith=unit.path)


# --- views ---------------------------------------------------------------------------------


class OrganisationListApi(generics.ListAPIView):
    """Organisations the user may see, authorities before what they oversee."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "code"]
    ordering_fields = ["code", "name_kk"]

    def get_queryset(self) -> QuerySet[Organisation]:
        return organisations_for_api(self.request.user)


class OrganisationDetailApi(generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Organisation]:
        return organisations_for_api(self.request.user)


class UnitListApi(generics.ListAPIView):
    """Units the user may see, in tree order."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "code"]
    ordering_fields = ["code", "name_kk"]

    def get_queryset(self) -> QuerySet[Unit]:
        return units_for_api(self.request.user)


class UnitDetailApi(generics.RetrieveAPIView):
    serializer_class = UnitSerializer
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Unit]:
        return units_for_api(self.request.user)
