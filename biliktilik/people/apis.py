"""API of positions, people and employments (PEO-01..03), scoped like the pages (SEC-01, SEC-03).

Reads go through the scoped selectors; writes go through ``people.services`` only, which check
the actor's rights against the exact organisation and write the audit log. Every list runs a
fixed number of queries whatever the number of rows.

The IIN is personal data: it is shown in full only to the person themself, to HR officers of an
organisation where the person is or was employed, and to system administrators (the rule of
``people.privacy``, here as a query annotation so a list costs no query per row); everybody else
sees the one mask of ``privacy.mask_iin``. Every full IIN a response carries to somebody other
than the person is logged, one ``bulk_create`` per response.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from biliktilik.core.api.fields import OptionalChoiceField, ScopedRelatedField
from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.apis import OrganisationRefSerializer, UnitRefSerializer
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to, units_visible_to

from . import privacy
from .enums import AcademicTitle, EmploymentEndReason, ReadChannel, Sex, StaffCategory
from .models import Employment, Person, Position
from .permissions import StaffEditorOrReadOnly
from .selectors import (
    current_q,
    employments_visible_to,
    person_edit_organisation_id,
    person_search_q,
    persons_hireable_by,
    persons_visible_to,
    positions_visible_to,
)
from .services import (
    can_edit_staff,
    employment_create,
    employment_end,
    employment_update,
    person_create,
    person_update,
)

# --- IIN: masked by the rule of ``people.privacy``, full reads logged -------------------------


def persons_for_api(user: Any) -> QuerySet[Person]:
    """Visible people, each marked with whether the user may see the IIN in full."""
    return persons_visible_to(user).annotate(iin_open=privacy.iin_open_annotation(user))


def _log_full_reads(request: Request, persons: Any) -> None:
    """The people of a response whose IIN went out in full (one ``bulk_create``, SEC-03)."""
    opened = [p for p in persons if getattr(p, "iin_open", False)]
    privacy.log_full_reads(request.user, opened, where=ReadChannel.API, source=request.path)


def positions_for_api(user: Any) -> QuerySet[Position]:
    return positions_visible_to(user).select_related("organisation")


def employments_for_api(user: Any) -> QuerySet[Employment]:
    return (
        employments_visible_to(user)
        .select_related("person", "organisation", "unit", "position")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "-start_date", "id")
    )


def _unit_subtree_q(public_id: Any) -> Q:
    """Rows whose unit is the unit ``public_id`` or below it (one query for the unit's path)."""
    path = Unit.objects.filter(public_id=public_id).values_list("path", flat=True).first()
    if path is None:
        return Q(pk__in=[])
    return Q(unit__path__startswith=path)


# --- serializers ---------------------------------------------------------------------------


class PositionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class PositionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=_("Name in the language of the request."))
    organisation = OrganisationRefSerializer(
        read_only=True, allow_null=True, help_text=_("Empty for a position of the shared catalogue.")
    )

    class Meta:
        model = Position
        fields = [
            "id",
            "code",
            "name",
            "name_kk",
            "name_ru",
            "name_en",
            "organisation",
            "category",
            "is_head",
            "is_deputy",
        ]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True, help_text=_("E-mail address; empty when none is known."))
    sex = OptionalChoiceField(choices=Sex.choices)
    academic_title = OptionalChoiceField(choices=AcademicTitle.choices)
    iin = serializers.SerializerMethodField(
        help_text=_("In full for the person, HR officers of their organisations and administrators; else masked.")
    )

    class Meta:
        model = Person
        fields = [
            "public_id",
            "last_name",
            "first_name",
            "middle_name",
            "full_name",
            "iin",
            "external_id",
            "birth_date",
            "sex",
            "email",
            "phone",
            "academic_title",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_iin(self, person: Person) -> str:
        return person.iin if getattr(person, "iin_open", False) else privacy.mask_iin(person.iin)


class EmploymentSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    organisation = OrganisationRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True)
    competition_term_end = serializers.DateField(read_only=True, allow_null=True)
    end_reason = OptionalChoiceField(
        choices=EmploymentEndReason.choices, help_text=_("Null while the employment has not ended.")
    )
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Employment
        fields = [
            "public_id",
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
            "competition_term_end",
            "is_current",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_current(self, employment: Employment) -> bool:
        return employment.is_current()


class PersonUpdateInputSerializer(serializers.Serializer):
    last_name = serializers.CharField(max_length=100)
    first_name = serializers.CharField(max_length=100)
    middle_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    # Checked by the service, which names the field in its error (code invalid_iin or duplicate).
    iin = serializers.CharField(required=False, allow_blank=True, help_text=_("12 digits with a correct check digit."))
    external_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    academic_title = serializers.ChoiceField(choices=AcademicTitle.choices, required=False, allow_blank=True)


class PersonCreateInputSerializer(PersonUpdateInputSerializer):
    organisation = ScopedRelatedField(
        Organisation,
        organisations_visible_to,
        help_text=_("Public id of the organisation whose HR service records the person."),
    )


class EmploymentUpdateInputSerializer(serializers.Serializer):
    unit = ScopedRelatedField(Unit, units_visible_to)
    position = ScopedRelatedField(Position, positions_visible_to, lookup="pk")
    category = serializers.ChoiceField(
        choices=StaffCategory.choices,
        required=False,
        allow_blank=True,
        help_text=_("Empty: the category of the position."),
    )
    rate = serializers.DecimalField(max_digits=4, decimal_places=2)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    end_reason = serializers.ChoiceField(choices=EmploymentEndReason.choices, required=False, allow_blank=True)
    is_primary = serializers.BooleanField(required=False)
    competition_term_years = serializers.IntegerField(min_value=1, max_value=50, required=False, allow_null=True)
    competition_date = serializers.DateField(required=False, allow_null=True)


class EmploymentCreateInputSerializer(EmploymentUpdateInputSerializer):
    person = ScopedRelatedField(Person, persons_hireable_by)
    organisation = ScopedRelatedField(Organisation, organisations_visible_to)
    rate = serializers.DecimalField(max_digits=4, decimal_places=2, required=False)


class EmploymentEndInputSerializer(serializers.Serializer):
    end_date = serializers.DateField()
    end_reason = serializers.ChoiceField(choices=EmploymentEndReason.choices)


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


# --- views: positions ----------------------------------------------------------------------


class PositionListApi(generics.ListAPIView):
    """Positions of the shared catalogue and of the organisations the user sees."""

    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    ordering_fields = ["code", "sort_order", "name_kk"]

    def get_queryset(self) -> QuerySet[Position]:
        return positions_for_api(self.request.user)


class PositionDetailApi(generics.RetrieveAPIView):
    serializer_class = PositionSerializer

    def get_queryset(self) -> QuerySet[Position]:
        return positions_for_api(self.request.user)


# --- views: people -------------------------------------------------------------------------


class PersonListApi(generics.ListAPIView):
    """People the user may see; HR officers and administrators may add a person."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    permission_classes = [StaffEditorOrReadOnly]
    ordering_fields = ["last_name", "first_name", "birth_date"]

    def get_queryset(self) -> QuerySet[Person]:
        return persons_for_api(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        persons = list(page if page is not None else queryset)
        _log_full_reads(request, persons)
        data = self.get_serializer(persons, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        request=PersonCreateInputSerializer,
        responses={status.HTTP_201_CREATED: PersonSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        serializer = PersonCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = person_create(actor=request.user, organisation=data.pop("organisation"), **data)
        person.iin_open = True  # type: ignore[attr-defined]  # the actor has just typed it in
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailApi(generics.RetrieveAPIView):
    serializer_class = PersonSerializer
    permission_classes = [StaffEditorOrReadOnly]
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Person]:
        return persons_for_api(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        _log_full_reads(request, [person])
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request=PersonUpdateInputSerializer,
        responses={status.HTTP_200_OK: PersonSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, public_id: Any) -> Response:
        person = self.get_object()
        if person_edit_organisation_id(request.user, person) is None:  # before the input is read
            raise ApplicationError(_("You may not change this person's record."), code=ErrorCode.PERMISSION_DENIED)
        serializer = PersonUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        person_update(actor=request.user, person=person, **serializer.validated_data)
        updated = self.get_queryset().get(pk=person.pk)
        _log_full_reads(request, [updated])
        return Response(PersonSerializer(updated).data)


# --- views: employments --------------------------------------------------------------------


def _require_staff_editor(request: Request, employment: Employment) -> None:
    """Refuse a user who may not change the employment before the input is read (the service checks again)."""
    if not can_edit_staff(request.user, employment.organisation_id):
        raise ApplicationError(
            _("You may not change the staff records of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )


class EmploymentListApi(generics.ListAPIView):
    """Employments the user may see; HR officers and administrators may add one."""

    serializer_class = EmploymentSerializer
    filterset_class = EmploymentFilter
    permission_classes = [StaffEditorOrReadOnly]
    ordering_fields = ["start_date", "end_date", "person__last_name"]

    def get_queryset(self) -> QuerySet[Employment]:
        return employments_for_api(self.request.user)

    @extend_schema(
        request=EmploymentCreateInputSerializer,
        responses={status.HTTP_201_CREATED: EmploymentSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        serializer = EmploymentCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        employment = employment_create(actor=request.user, **serializer.validated_data)
        return Response(EmploymentSerializer(employment).data, status=status.HTTP_201_CREATED)


class EmploymentDetailApi(generics.RetrieveAPIView):
    serializer_class = EmploymentSerializer
    permission_classes = [StaffEditorOrReadOnly]
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Employment]:
        return employments_for_api(self.request.user)

    @extend_schema(
        request=EmploymentUpdateInputSerializer,
        responses={status.HTTP_200_OK: EmploymentSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, public_id: Any) -> Response:
        employment = self.get_object()
        _require_staff_editor(request, employment)
        serializer = EmploymentUpdateInputSerializer(data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        employment_update(actor=request.user, employment=employment, **serializer.validated_data)
        return Response(EmploymentSerializer(self.get_queryset().get(pk=employment.pk)).data)


class EmploymentEndApi(generics.GenericAPIView):
    """End an employment: the last day and the reason."""

    serializer_class = EmploymentSerializer
    permission_classes = [StaffEditorOrReadOnly]
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Employment]:
        return employments_for_api(self.request.user)

    @extend_schema(
        request=EmploymentEndInputSerializer,
        responses={status.HTTP_200_OK: EmploymentSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        employment = self.get_object()
        _require_staff_editor(request, employment)
        serializer = EmploymentEndInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employment_end(actor=request.user, employment=employment, **serializer.validated_data)
        return Response(EmploymentSerializer(self.get_queryset().get(pk=employment.pk)).data)
