"""Serializers of the ledger API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from biliktilik.core.api.fields import ScopedRelatedField
from biliktilik.org.enums import OrganisationKind
from biliktilik.org.models import Organisation
from biliktilik.org.selectors import organisations_visible_to
from biliktilik.people.models import Person
from biliktilik.people.selectors import persons_visible_to

from .. import selectors
from ..enums import DeliveryMode, EvidenceKind, FundingSource, Initiative, PDForm, RecordStatus, TrainerCategory
from ..models import Evidence, PDRecord


def providers_visible_to(user: Any) -> QuerySet[Organisation]:
    """Providers a record may name: the organisations the user sees, and every PD provider
    (the providers' register is public)."""
    return Organisation.objects.filter(
        Q(pk__in=organisations_visible_to(user).values("pk")) | Q(kind=OrganisationKind.PROVIDER)
    )


class _PersonRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class _OrganisationRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class TrainerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=TrainerCategory.choices)


class RecordSerializer(serializers.ModelSerializer):
    person = _PersonRefSerializer(read_only=True)
    organisation = _OrganisationRefSerializer(read_only=True)
    provider = _OrganisationRefSerializer(read_only=True, allow_null=True)
    trainers = TrainerSerializer(many=True, read_only=True)
    evidence_count = serializers.IntegerField(read_only=True, default=None)
    justification_approved = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField(
        help_text=_(
            "Whether the record counts toward PD requirements (verified; another form needs an approved justification)."
        )
    )

    class Meta:
        model = PDRecord
        fields = [
            "public_id",
            "person",
            "organisation",
            "form",
            "title",
            "provider",
            "provider_name",
            "is_foreign",
            "country",
            "city",
            "start_date",
            "end_date",
            "hours",
            "delivery_mode",
            "is_distance",
            "funding_source",
            "cost",
            "in_profile",
            "management_topic",
            "initiative",
            "justification",
            "justification_approved",
            "status",
            "status_reason",
            "verified_at",
            "origin",
            "external_id",
            "trainers",
            "evidence_count",
            "counts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_justification_approved(self, record: PDRecord) -> bool:
        return record.justification_approved_by_id is not None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_counts(self, record: PDRecord) -> bool:
        # One rule context per organisation for the whole list (the child serializer is shared).
        cache: dict[int, Any] = self.__dict__.setdefault("_rule_contexts", {})
        return selectors.record_counts(record, cache=cache)


class RecordUpdateInputSerializer(serializers.Serializer):
    form = serializers.ChoiceField(choices=PDForm.choices, required=False)
    title = serializers.CharField(max_length=500, required=False)
    provider = ScopedRelatedField(
        Organisation,
        providers_visible_to,
        required=False,
        allow_null=True,
        help_text=_("Public id of the provider organisation, when it is in the system."),
    )
    provider_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    is_foreign = serializers.BooleanField(required=False)
    country = serializers.CharField(max_length=2, required=False, help_text=_("ISO 3166 code"))
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    # Checked by the service, which names the field in its error (e.g. negative hours).
    hours = serializers.DecimalField(max_digits=8, decimal_places=2, required=False)
    delivery_mode = serializers.ChoiceField(choices=DeliveryMode.choices, required=False)
    is_distance = serializers.BooleanField(required=False)
    funding_source = serializers.ChoiceField(choices=FundingSource.choices, required=False)
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    in_profile = serializers.BooleanField(required=False)
    management_topic = serializers.BooleanField(required=False)
    initiative = serializers.ChoiceField(choices=Initiative.choices, required=False)
    justification = serializers.CharField(required=False, allow_blank=True)
    external_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    trainers = TrainerSerializer(many=True, required=False, help_text=_("Trainers of an internal course (LED-06)."))


class RecordCreateInputSerializer(RecordUpdateInputSerializer):
    person = ScopedRelatedField(Person, persons_visible_to)
    organisation = ScopedRelatedField(
        Organisation,
        organisations_visible_to,
        required=False,
        help_text=_("Organisation keeping the record; by default the person's (main) employer."),
    )
    form = serializers.ChoiceField(choices=PDForm.choices)
    title = serializers.CharField(max_length=500)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=8, decimal_places=2)
    status = serializers.ChoiceField(
        choices=[RecordStatus.PENDING, RecordStatus.VERIFIED],
        required=False,
        help_text=_("HR may enter a record verified at once; an employee's own record always waits."),
    )


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text=_("Why it is returned (required)."))


class EvidenceSerializer(serializers.ModelSerializer):
    record = serializers.UUIDField(source="record.public_id", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "public_id",
            "record",
            "kind",
            "original_name",
            "content_type",
            "size",
            "number",
            "issued_on",
            "issuer",
            "status",
            "status_reason",
            "verified_at",
            "created_at",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, evidence: Evidence) -> str:
        from django.urls import reverse

        path = reverse("ledger_api:evidence-download", args=[evidence.public_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class EvidenceUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("PDF, JPG, PNG or DOCX; the content is checked, not only the name."))
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    issued_on = serializers.DateField(required=False, allow_null=True)
    issuer = serializers.CharField(max_length=300, required=False, allow_blank=True)
