"""API of the documents of a record: list, upload, download, accept, return."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.api.schema import error_responses

from .. import services
from ..models import Evidence
from ..permissions import can_add_evidence, can_verify_evidence
from ._common import _require, _visible_evidence, _visible_record
from .serializers import EvidenceSerializer, EvidenceUploadInputSerializer, ReasonInputSerializer


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
