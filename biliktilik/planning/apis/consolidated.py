"""API of consolidated schedules, form 602-05, and their budget (PLN-03)."""

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

from .. import selectors, services
from ..models import ConsolidatedSchedule
from .lookups import (
    DOCUMENT_ERRORS,
    LIST_PARAMETERS,
    _consolidated,
    _consolidated_or_404,
    _consolidated_out,
    _filter_common,
    _require,
    _valid,
)
from .serializers import (
    BudgetSerializer,
    ConsolidatedCreateInputSerializer,
    ConsolidatedDetailSerializer,
    ConsolidatedSerializer,
)

# --- views: consolidated schedules (PLN-03) ------------------------------------------------------


@extend_schema(parameters=LIST_PARAMETERS)
class ConsolidatedListApi(generics.ListAPIView):
    """Consolidated schedules (form 602-05) of the organisations the user sees whole; POST opens one
    (HR / PD-centre officers)."""

    serializer_class = ConsolidatedSerializer
    pagination_class = StandardPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ConsolidatedSchedule]:
        qs = _filter_common(_consolidated(self.request.user), self.request)
        return qs.order_by("-year", "organisation__path", "-version", "pk")

    @extend_schema(
        request=ConsolidatedCreateInputSerializer,
        responses={status.HTTP_201_CREATED: ConsolidatedDetailSerializer, **DOCUMENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        _require(
            scope_of(request.user).has_role(*services.OFFICER_ROLES),
            _("Only the HR service or the PD centre draws up the consolidated schedule."),
        )
        values = _valid(ConsolidatedCreateInputSerializer, request)
        schedule = services.consolidated_create(
            actor=request.user, organisation=values["organisation"], year=values["year"]
        )
        return Response(_consolidated_out(request, schedule), status=status.HTTP_201_CREATED)


class ConsolidatedDetailApi(APIView):
    @extend_schema(responses={status.HTTP_200_OK: ConsolidatedDetailSerializer, **error_responses(401, 403, 404)})
    def get(self, request: Request, public_id: Any) -> Response:
        return Response(_consolidated_out(request, _consolidated_or_404(request, public_id)))


class ConsolidatedBuildApi(APIView):
    """Take in the approved schedule of every unit (its newest approved version)."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: ConsolidatedDetailSerializer, **DOCUMENT_ERRORS})
    def post(self, request: Request, public_id: Any) -> Response:
        schedule = services.consolidated_assemble(actor=request.user, schedule=_consolidated_or_404(request, public_id))
        return Response(_consolidated_out(request, schedule))


class ConsolidatedSubmitApi(APIView):
    """Send the consolidated schedule through the organisation's route (HR, finance, management office)."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: ConsolidatedDetailSerializer, **DOCUMENT_ERRORS})
    def post(self, request: Request, public_id: Any) -> Response:
        schedule = services.consolidated_submit(actor=request.user, schedule=_consolidated_or_404(request, public_id))
        return Response(_consolidated_out(request, schedule))


class ConsolidatedBudgetApi(APIView):
    """The schedule's cost by funding source and the total (PLN-03)."""

    @extend_schema(responses={status.HTTP_200_OK: BudgetSerializer, **error_responses(401, 403, 404)})
    def get(self, request: Request, public_id: Any) -> Response:
        schedule = _consolidated_or_404(request, public_id)
        lines, total = selectors.budget_lines(schedule)
        body = {"schedule": schedule.public_id, "status": schedule.status, "lines": lines, "total": total}
        return Response(BudgetSerializer(body).data)
