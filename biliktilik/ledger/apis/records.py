"""API of PD records: list, create, change, verify, return, approve the justification."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.api.schema import error_responses

from .. import services
from ..enums import RecordStatus
from ..models import PDRecord
from ..permissions import can_manage_records, can_verify_record, is_own, managed_organisation_ids
from ._common import RecordFilter, _record_out, _records_for_api, _require, _trainers_in, _visible_record
from .serializers import (
    ReasonInputSerializer,
    RecordCreateInputSerializer,
    RecordSerializer,
    RecordUpdateInputSerializer,
)


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
