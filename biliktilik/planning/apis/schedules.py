"""API of unit schedules, form 602-01 (PLN-02)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.access import scope_of
from biliktilik.core.api.pagination import StandardPagination
from biliktilik.core.api.schema import error_responses
from biliktilik.core.roles import Role

from .. import services
from ..models import UnitSchedule
from .lookups import (
    DOCUMENT_ERRORS,
    LIST_PARAMETERS,
    UNIT_PARAMETER,
    _by_unit,
    _filter_common,
    _require,
    _unit_schedule_or_404,
    _unit_schedule_out,
    _unit_schedules,
    _valid,
)
from .serializers import (
    MinutesInputSerializer,
    UnitScheduleCreateInputSerializer,
    UnitScheduleDetailSerializer,
    UnitScheduleSerializer,
)

# --- views: unit schedules (PLN-02) --------------------------------------------------------------


@extend_schema(parameters=[*LIST_PARAMETERS, UNIT_PARAMETER])
class UnitScheduleListApi(generics.ListAPIView):
    """Unit schedules (form 602-01) the user may see; POST opens one (the head of the unit, or an
    HR / PD-centre officer)."""

    serializer_class = UnitScheduleSerializer
    pagination_class = StandardPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[UnitSchedule]:
        qs = _by_unit(_filter_common(_unit_schedules(self.request.user), self.request), self.request)
        return qs.order_by("-year", "unit__path", "-version", "pk")

    @extend_schema(
        request=UnitScheduleCreateInputSerializer,
        responses={status.HTTP_201_CREATED: UnitScheduleDetailSerializer, **DOCUMENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        _require(
            scope_of(request.user).has_role(Role.UNIT_HEAD, *services.OFFICER_ROLES),
            _("Only the head of the unit or the HR service may draw up the unit's schedule."),
        )
        values = _valid(UnitScheduleCreateInputSerializer, request)
        schedule = services.unit_schedule_create(actor=request.user, unit=values["unit"], year=values["year"])
        return Response(_unit_schedule_out(request, schedule), status=status.HTTP_201_CREATED)


class UnitScheduleDetailApi(APIView):
    @extend_schema(responses={status.HTTP_200_OK: UnitScheduleDetailSerializer, **error_responses(401, 403, 404)})
    def get(self, request: Request, public_id: Any) -> Response:
        return Response(_unit_schedule_out(request, _unit_schedule_or_404(request, public_id)))


class UnitScheduleAssembleApi(APIView):
    """Take in the newest submitted or approved plan of each member of staff of the unit."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: UnitScheduleDetailSerializer, **DOCUMENT_ERRORS})
    def post(self, request: Request, public_id: Any) -> Response:
        schedule = services.unit_schedule_assemble(
            actor=request.user, schedule=_unit_schedule_or_404(request, public_id)
        )
        return Response(_unit_schedule_out(request, schedule))


class UnitScheduleMinutesApi(APIView):
    """Record the minutes of the unit meeting that discussed the schedule (KazNRTU-602 7.4)."""

    @extend_schema(
        request=MinutesInputSerializer, responses={status.HTTP_200_OK: UnitScheduleDetailSerializer, **DOCUMENT_ERRORS}
    )
    def post(self, request: Request, public_id: Any) -> Response:
        schedule = _unit_schedule_or_404(request, public_id)
        _require(
            services.may_manage_unit_schedule(request.user, schedule.unit),
            _("Only the head of the unit or the HR service may draw up the unit's schedule."),
        )
        values = _valid(MinutesInputSerializer, request)
        schedule = services.unit_schedule_set_minutes(actor=request.user, schedule=schedule, **values)
        return Response(_unit_schedule_out(request, schedule))


class UnitScheduleSubmitApi(APIView):
    """Send the schedule through the organisation's route for unit schedules."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: UnitScheduleDetailSerializer, **DOCUMENT_ERRORS})
    def post(self, request: Request, public_id: Any) -> Response:
        schedule = services.unit_schedule_submit(actor=request.user, schedule=_unit_schedule_or_404(request, public_id))
        return Response(_unit_schedule_out(request, schedule))
