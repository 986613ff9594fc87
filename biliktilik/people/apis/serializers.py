"""Serializers of the people API: positions, people, employments and their input."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from biliktilik.core.api.fields import OptionalChoiceField, ScopedRelatedField
from biliktilik.org.apis import OrganisationRefSerializer, UnitRefSerializer
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to, units_visible_to

from .. import privacy
from ..enums import AcademicTitle, EmploymentEndReason, Sex, StaffCategory
from ..models import Employment, Person, Position
from ..selectors import (
    persons_hireable_by,
    positions_visible_to,
)

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
