"""API of employments (PEO-03)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..models import Employment
from ..permissions import StaffEditorOrReadOnly
from ..services import (
    can_edit_staff,
    employment_create,
    employment_end,
    employment_update,
)
from .common import employments_for_api
from .filters import EmploymentFilter
from .serializers import (
    EmploymentCreateInputSerializer,
    EmploymentEndInputSerializer,
    EmploymentSerializer,
    EmploymentUpdateInputSerializer,
)

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
