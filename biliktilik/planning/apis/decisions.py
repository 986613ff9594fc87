"""Deciding the current step of a plan's or a schedule's run (any of the three)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.workflows.selectors import active_run_of, decides_in

from .. import services
from .lookups import (
    DOCUMENT_ERRORS,
    _consolidated_or_404,
    _consolidated_out,
    _plan_or_404,
    _plan_out,
    _require,
    _unit_schedule_or_404,
    _unit_schedule_out,
    _valid,
)
from .serializers import (
    ConsolidatedDetailSerializer,
    PlanDecideInputSerializer,
    PlanDetailSerializer,
    UnitScheduleDetailSerializer,
)

# --- deciding (any of the three) -----------------------------------------------------------------


class _DecideApi(APIView):
    """Decide the current step of the document's run (approve / return / reject) and move the
    document on in the same transaction. Refused with ``invalid_state`` when the run has moved on
    past ``expected_step``, ``permission_denied`` when the user does not decide that step."""

    # The visible document of the URL (or 404), and its body in the response.
    find: Callable[[Request, Any], Any]
    render: Callable[[Request, Any], dict[str, Any]]

    def post(self, request: Request, public_id: Any) -> Response:
        document = self.find(request, public_id)
        # Before the input is read: something waits for a decision, and the user decides in its route.
        run = active_run_of(document)
        if run is None:
            raise ApplicationError(_("Nothing waits for a decision here."), code=ErrorCode.INVALID_STATE)
        _require(decides_in(request.user, run), _("You may not decide this step."))
        values = _valid(PlanDecideInputSerializer, request)
        document = services.document_decide(
            actor=request.user,
            document=document,
            action=values["action"],
            expected_step_id=values["expected_step"],
            comment=values["comment"],
        )
        return Response(self.render(request, document))


@extend_schema(
    request=PlanDecideInputSerializer, responses={status.HTTP_200_OK: PlanDetailSerializer, **DOCUMENT_ERRORS}
)
class PlanDecideApi(_DecideApi):
    find = staticmethod(_plan_or_404)
    render = staticmethod(_plan_out)


@extend_schema(
    request=PlanDecideInputSerializer, responses={status.HTTP_200_OK: UnitScheduleDetailSerializer, **DOCUMENT_ERRORS}
)
class UnitScheduleDecideApi(_DecideApi):
    find = staticmethod(_unit_schedule_or_404)
    render = staticmethod(_unit_schedule_out)


@extend_schema(
    request=PlanDecideInputSerializer, responses={status.HTTP_200_OK: ConsolidatedDetailSerializer, **DOCUMENT_ERRORS}
)
class ConsolidatedDecideApi(_DecideApi):
    find = staticmethod(_consolidated_or_404)
    render = staticmethod(_consolidated_out)
