"""API of the PD ledger: records, their evidence, verification (LED-01..06).

Reads go through ``ledger.selectors`` (a record is visible when its person is); writes go
through ``ledger.services`` only, which check the actor's rights and write the audit log.
A record or document the user may not see answers 404; one they see but may not change, 403.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.api.fields import ScopedRelatedField
from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.enums import OrganisationKind
from biliktilik.org.models import Organisation
from biliktilik.org.selectors import organisations_visible_to
from biliktilik.people.models import Person
from biliktilik.people.selectors import persons_visible_to

from . import selectors, services
from .enums import (
    DeliveryMode,
    EvidenceKind,
    FundingSource,
    Initiative,
    PDForm,
    RecordStatus,
    TrainerCategory,
)
from .models import Evidence, PDRecord, RecordTrainer
from .permissions import (
    can_add_evidence,
    can_manage_records,
    can_verify_evidence,
    can_verify_record,
    is_own,
    managed_organisation_ids,
)

# --- serializers ------------------------------------------------------------------------------


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


# --- filters ----------------------------------------------------------------------------------


class RecordFilter(django_filters.FilterSet):
    person = django_filters.UUIDFilter(field_name="person__public_id", label=_("Public id of the person"))
    organisation = django_filters.UUIDFilter(
        field_name="organisation__public_id", label=_("Public id of the organisation keeping the record")
    )
    status = django_filters.ChoiceFilter(choices=RecordStatus.choices, label=_("Status"))
    form = django_filters.ChoiceFilter(choices=PDForm.choices, label=_("Form of PD"))
    date_from = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", label=_("Completed on or after this date")
    )
    date_to = django_filters.DateFilter(field_name="end_date", lookup_expr="lte", label=_("Completed on or before"))

    class Meta:
        model = PDRecord
        fields = ["person", "organisation", "status", "form", "date_from", "date_to"]


def _trainers_in(data: dict[str, Any]) -> list[services.TrainerInput] | None:
    rows = data.pop("trainers", None)
    if rows is None:
        return None
    return [services.TrainerInput(name=row["name"], category=row["category"]) for row in rows]


def _records_for_api(user: Any) -> QuerySet[PDRecord]:
    return selectors.record_list(user).prefetch_related(
        Prefetch("trainers", queryset=RecordTrainer.objects.order_by("id"))
    )


def _record_out(request: Request, record: PDRecord) -> dict[str, Any]:
    fresh = _records_for_api(request.user).get(pk=record.pk)
    return RecordSerializer(fresh, context={"request": request}).data  # type: ignore[no-any-return]


def _visible_record(request: Request, public_id: Any) -> PDRecord:
    record = selectors.records_visible_to(request.user).filter(public_id=public_id).first()
    if record is None:
        raise Http404
    return record


def _visible_evidence(request: Request, public_id: Any) -> Evidence:
    evidence = selectors.evidence_get(request.user, public_id=public_id)
    if evidence is None:
        raise Http404
    return evidence


# --- views: records ---------------------------------------------------------------------------


def _require(allowed: bool, message: Any) -> None:
    """Refuse a user who may not make the change before the input is read (the service checks again)."""
    if not allowed:
        raise ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


class RecordListApi(generics.ListAPIView):
    """PD records the user may see; create one (an employee for themself, HR for its staff)."""

    serializer_class = RecordSerializer
    filterset_class = RecordFilter
    search_fields = ["title", "provider_name", "person__search_name"]
    ordering_fields = ["end_date", "start_date", "hours", "created_at"]

    def get_queryset(self) -> QuerySet[PDRecord]:
        return _records_for_api(self.request.user)

    @extend_schema(
        request=RecordCreateInputSerializer,
        responses={status.HTTP_201_CREATED: RecordSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        # One's own records (a user with a person), or those of the organisations one keeps.
        _require(
            bool(getattr(request.user, "person_id", None)) or managed_organisation_ids(request.user) != frozenset(),
            _("You may not enter PD records for this person."),
        )
        serializer = RecordCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        trainers = _trainers_in(data) or []
        record = services.record_create(
            actor=request.user,
            person=data.pop("person"),
            organisation=data.pop("organisation", None),
            status=data.pop("status", RecordStatus.PENDING),
            trainers=trainers,
            **data,
        )
        return Response(_record_out(request, record), status=status.HTTP_201_CREATED)


class RecordDetailApi(generics.RetrieveAPIView):
    serializer_class = RecordSerializer
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[PDRecord]:
        return _records_for_api(self.request.user)

    @extend_schema(
        request=RecordUpdateInputSerializer,
        responses={status.HTTP_200_OK: RecordSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, public_id: Any) -> Response:
        record = _visible_record(request, public_id)
        _require(
            is_own(request.user, record.person_id) or can_manage_records(request.user, record.organisation_id),
            _("You may not change this record."),
        )
        serializer = RecordUpdateInputSerializer(data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        trainers = _trainers_in(data)
        if data:
            record = services.record_update(actor=request.user, record=record, **data)
        if trainers is not None:
            record = services.record_set_trainers(actor=request.user, record=record, trainers=trainers)
        return Response(_record_out(request, record))


class RecordVerifyApi(APIView):
    @extend_schema(
        request=None,
        responses={status.HTTP_200_OK: RecordSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        record = services.record_verify(actor=request.user, record=_visible_record(request, public_id))
        return Response(_record_out(request, record))


class RecordReturnApi(APIView):
    @extend_schema(
        request=ReasonInputSerializer,
        responses={status.HTTP_200_OK: RecordSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        record = _visible_record(request, public_id)
        _require(
            can_verify_record(request.user, record),
            _("Only HR or the PD centre of the organisation may verify its records."),
        )
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.record_return(actor=request.user, record=record, reason=serializer.validated_data["reason"])
        return Response(_record_out(request, record))


class RecordApproveJustificationApi(APIView):
    @extend_schema(
        request=None,
        responses={status.HTTP_200_OK: RecordSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        record = services.record_approve_justification(actor=request.user, record=_visible_record(request, public_id))
        return Response(_record_out(request, record))


# --- views: evidence --------------------------------------------------------------------------


class RecordEvidenceApi(generics.ListAPIView):
    """The documents of a record; upload one (multipart/form-data)."""

    serializer_class = EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Evidence]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema
            return Evidence.objects.none()
        record = _visible_record(self.request, self.kwargs["public_id"])
        return Evidence.objects.filter(record=record).select_related("record").order_by("created_at", "id")

    @extend_schema(
        request={"multipart/form-data": EvidenceUploadInputSerializer},
        responses={status.HTTP_201_CREATED: EvidenceSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        record = _visible_record(request, public_id)
        _require(can_add_evidence(request.user, record), _("You may not add documents to this record."))
        serializer = EvidenceUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evidence = services.evidence_add(
            actor=request.user,
            record=record,
            file=data["file"],
            kind=data["kind"],
            number=data.get("number", ""),
            issued_on=data.get("issued_on"),
            issuer=data.get("issuer", ""),
        )
        return Response(EvidenceSerializer(evidence, context={"request": request}).data, status=status.HTTP_201_CREATED)


class EvidenceDetailApi(generics.RetrieveAPIView):
    serializer_class = EvidenceSerializer

    def get_object(self) -> Evidence:
        return _visible_evidence(self.request, self.kwargs["public_id"])


class EvidenceDownloadApi(APIView):
    """The file of a document, to those who may see its record; 404 to everyone else."""

    @extend_schema(
        responses={
            (status.HTTP_200_OK, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The file, as an attachment with its original name.")
            ),
            **error_responses(401, 403, 404),
        }
    )
    def get(self, request: Request, public_id: Any) -> FileResponse:
        evidence = _visible_evidence(request, public_id)
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404 from exc
        return FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name or (evidence.file.name or "").rsplit("/", 1)[-1],
            content_type=evidence.content_type or "application/octet-stream",
        )


class EvidenceAcceptApi(APIView):
    @extend_schema(
        request=None,
        responses={status.HTTP_200_OK: EvidenceSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        evidence = services.evidence_accept(actor=request.user, evidence=_visible_evidence(request, public_id))
        return Response(EvidenceSerializer(evidence, context={"request": request}).data)


class EvidenceReturnApi(APIView):
    @extend_schema(
        request=ReasonInputSerializer,
        responses={status.HTTP_200_OK: EvidenceSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, public_id: Any) -> Response:
        evidence = _visible_evidence(request, public_id)
        _require(
            can_verify_evidence(request.user, evidence),
            _("Only HR or the PD centre of the organisation may verify its documents."),
        )
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evidence = services.evidence_return(
            actor=request.user, evidence=evidence, reason=serializer.validated_data["reason"]
        )
        return Response(EvidenceSerializer(evidence, context={"request": request}).data)
