"""What the planning API views share: visible documents or 404, their bodies, input checks and parameters."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request

from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.query import query_choice, query_int, query_uuid

from .. import selectors
from ..enums import PlanStatus
from ..models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from .serializers import (
    ConsolidatedDetailSerializer,
    PlanDetailSerializer,
    UnitScheduleDetailSerializer,
)

# --- lookups ----------------------------------------------------------------------------------------


def _filter_common(qs: QuerySet[Any], request: Request) -> QuerySet[Any]:
    """``?year=``, ``?status=`` and ``?organisation=<public id>``; a malformed value is a 400
    naming the parameter (``core.query``)."""
    params = request.query_params
    year = query_int(params, "year", default=None, minimum=2000, maximum=2100)
    if year is not None:
        qs = qs.filter(year=year)
    wanted = query_choice(params, "status", PlanStatus.values)
    if wanted:
        qs = qs.filter(status=wanted)
    organisation = query_uuid(params, "organisation")
    if organisation is not None:
        qs = qs.filter(organisation__public_id=organisation)
    return qs


def _by_unit(qs: QuerySet[Any], request: Request) -> QuerySet[Any]:
    unit = query_uuid(request.query_params, "unit")
    return qs.filter(unit__public_id=unit) if unit is not None else qs


def _plans(user: Any) -> QuerySet[IndividualPlan]:
    return (
        selectors.plans_visible_to(user)
        .select_related("previous")
        .annotate(item_count=Count("items"), total_hours=Sum("items__hours"), total_cost=Sum("items__cost"))
    )


def _plan_or_404(request: Request, public_id: Any) -> IndividualPlan:
    plan = selectors.plan_get(request.user, public_id=public_id)
    if plan is None:
        raise Http404
    return plan


def _plan_out(request: Request, plan: IndividualPlan) -> dict[str, Any]:
    fresh = (
        _plans(request.user)
        .prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by("start_date", "id")))
        .get(pk=plan.pk)
    )
    return PlanDetailSerializer(fresh, context={"request": request}).data  # type: ignore[no-any-return]


def _unit_schedules(user: Any) -> QuerySet[UnitSchedule]:
    return (
        selectors.unit_schedules_visible_to(user)
        .select_related("previous")
        .prefetch_related(Prefetch("plans", queryset=IndividualPlan.objects.only("pk", "public_id")))
    )


def _unit_schedule_or_404(request: Request, public_id: Any) -> UnitSchedule:
    schedule = selectors.unit_schedule_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404
    return schedule


def _unit_schedule_out(request: Request, schedule: UnitSchedule) -> dict[str, Any]:
    fresh = _unit_schedules(request.user).get(pk=schedule.pk)
    return UnitScheduleDetailSerializer(fresh, context={"request": request}).data  # type: ignore[no-any-return]


def _consolidated(user: Any) -> QuerySet[ConsolidatedSchedule]:
    return (
        selectors.consolidated_visible_to(user)
        .select_related("previous")
        .prefetch_related(Prefetch("unit_schedules", queryset=UnitSchedule.objects.only("pk", "public_id")))
    )


def _consolidated_or_404(request: Request, public_id: Any) -> ConsolidatedSchedule:
    schedule = selectors.consolidated_get(request.user, public_id=public_id)
    if schedule is None:
        raise Http404
    return schedule


def _consolidated_out(request: Request, schedule: ConsolidatedSchedule) -> dict[str, Any]:
    fresh = _consolidated(request.user).get(pk=schedule.pk)
    return ConsolidatedDetailSerializer(fresh, context={"request": request}).data  # type: ignore[no-any-return]


def _require(allowed: bool, message: Any) -> None:
    """Refuse a user who may not make the change before the input is read (the service checks again)."""
    if not allowed:
        raise ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


def _valid(serializer_class: type[serializers.Serializer], request: Request, **kwargs: Any) -> dict[str, Any]:
    data = serializer_class(data=request.data, context={"request": request}, **kwargs)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


LIST_PARAMETERS = [
    OpenApiParameter("year", int, description=_("Only this year.")),
    OpenApiParameter("status", str, enum=PlanStatus.values, description=_("Only this status.")),
    OpenApiParameter("organisation", OpenApiTypes.UUID, description=_("Public id of the organisation.")),
]
UNIT_PARAMETER = OpenApiParameter("unit", OpenApiTypes.UUID, description=_("Public id of the unit."))
DOCUMENT_ERRORS = error_responses(400, 401, 403, 404, 409)
