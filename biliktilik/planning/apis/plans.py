"""API of individual plans (PLN-01)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.access import scope_of
from biliktilik.core.api.pagination import StandardPagination
from biliktilik.core.api.schema import error_responses
from biliktilik.core.query import query_uuid

from .. import selectors, services
from ..enums import ItemOrigin
from ..models import IndividualPlan, PlanItem
from .lookups import (
    DOCUMENT_ERRORS,
    LIST_PARAMETERS,
    UNIT_PARAMETER,
    _by_unit,
    _filter_common,
    _plan_or_404,
    _plan_out,
    _plans,
    _require,
    _valid,
)
from .serializers import (
    PlanCreateInputSerializer,
    PlanDetailSerializer,
    PlanItemInputSerializer,
    PlanItemUpdateInputSerializer,
    PlanReasonInputSerializer,
    PlanSerializer,
)

# --- views: individual plans (PLN-01) ------------------------------------------------------------


@extend_schema(parameters=[*LIST_PARAMETERS, UNIT_PARAMETER])
class PlanListApi(generics.ListAPIView):
    """Individual plans the user may see (their own, their units', their organisation's); POST opens
    a plan (the person themselves, or an HR / PD-centre officer of the organisation)."""

    serializer_class = PlanSerializer
    pagination_class = StandardPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[IndividualPlan]:
        qs = _by_unit(_filter_common(_plans(self.request.user), self.request), self.request)
        person = query_uuid(self.request.query_params, "person")
        if person is not None:
            qs = qs.filter(person__public_id=person)
        return qs.order_by("-year", "person__last_name", "person__first_name", "-version", "pk")

    @extend_schema(
        request=PlanCreateInputSerializer,
        responses={status.HTTP_201_CREATED: PlanDetailSerializer, **DOCUMENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        # One's own plan (a user with a person), or anyone's for an HR / PD-centre officer.
        _require(
            getattr(request.user, "person_id", None) is not None
            or scope_of(request.user).has_role(*services.OFFICER_ROLES),
            _("You may open only your own plan."),
        )
        values = _valid(PlanCreateInputSerializer, request)
        plan = services.plan_create(
            actor=request.user, person=values["person"], organisation=values["organisation"], year=values["year"]
        )
        return Response(_plan_out(request, plan), status=status.HTTP_201_CREATED)


class PlanDetailApi(APIView):
    @extend_schema(responses={status.HTTP_200_OK: PlanDetailSerializer, **error_responses(401, 403, 404)})
    def get(self, request: Request, public_id: Any) -> Response:
        return Response(_plan_out(request, _plan_or_404(request, public_id)))


class PlanItemsApi(APIView):
    """Add an activity to a draft or returned plan."""

    @extend_schema(
        request=PlanItemInputSerializer, responses={status.HTTP_201_CREATED: PlanDetailSerializer, **DOCUMENT_ERRORS}
    )
    def post(self, request: Request, public_id: Any) -> Response:
        plan = _plan_or_404(request, public_id)
        _require(services.may_edit_plan(request.user, plan), _("You may change only your own plan."))
        values = _valid(PlanItemInputSerializer, request)
        services.plan_item_add(actor=request.user, plan=plan, origin=ItemOrigin.MANUAL, **values)
        return Response(_plan_out(request, plan), status=status.HTTP_201_CREATED)


class PlanItemDetailApi(APIView):
    """Change (PATCH) or remove (DELETE) an activity of a draft or returned plan."""

    def _item(self, request: Request, public_id: Any, item_id: int) -> PlanItem:
        plan = _plan_or_404(request, public_id)
        item = next((i for i in selectors.plan_items(plan) if i.pk == item_id), None)
        if item is None:
            raise Http404
        return item

    @extend_schema(
        request=PlanItemUpdateInputSerializer, responses={status.HTTP_200_OK: PlanDetailSerializer, **DOCUMENT_ERRORS}
    )
    def patch(self, request: Request, public_id: Any, item_id: int) -> Response:
        item = self._item(request, public_id, item_id)
        _require(services.may_edit_plan(request.user, item.plan), _("You may change only your own plan."))
        values = _valid(PlanItemUpdateInputSerializer, request, partial=True)
        services.plan_item_update(actor=request.user, item=item, **values)
        return Response(_plan_out(request, item.plan))

    @extend_schema(request=None, responses={status.HTTP_200_OK: PlanDetailSerializer, **DOCUMENT_ERRORS})
    def delete(self, request: Request, public_id: Any, item_id: int) -> Response:
        item = self._item(request, public_id, item_id)
        plan = item.plan
        services.plan_item_remove(actor=request.user, item=item)
        return Response(_plan_out(request, plan))


class PlanSubmitApi(APIView):
    """Send the plan up (through the organisation's route for plans, or to wait for its unit's schedule)."""

    @extend_schema(request=None, responses={status.HTTP_200_OK: PlanDetailSerializer, **DOCUMENT_ERRORS})
    def post(self, request: Request, public_id: Any) -> Response:
        plan = services.plan_submit(actor=request.user, plan=_plan_or_404(request, public_id))
        return Response(_plan_out(request, plan))


class PlanAmendApi(APIView):
    """Start an amendment to an approved plan (PLN-06): the new draft version is returned."""

    @extend_schema(
        request=PlanReasonInputSerializer, responses={status.HTTP_201_CREATED: PlanDetailSerializer, **DOCUMENT_ERRORS}
    )
    def post(self, request: Request, public_id: Any) -> Response:
        plan = _plan_or_404(request, public_id)
        _require(services.may_edit_plan(request.user, plan), _("You may amend only your own plan."))
        values = _valid(PlanReasonInputSerializer, request)
        new = services.plan_amend(actor=request.user, plan=plan, reason=values["reason"])
        return Response(_plan_out(request, new), status=status.HTTP_201_CREATED)
