"""API of planning (PLN-01..03): individual plans, unit schedules (form 602-01), consolidated
schedules (form 602-05) and their budget; decisions on any of them.

Thin: each view picks a selector of ``planning.selectors`` or calls one service of
``planning.services``, which check the actor's rights and write the audit log. A document the user
may not see answers 404; one they see but may not change, 403 (``ApplicationError``). Every list
runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.access import scope_of
from biliktilik.core.api.fields import ScopedRelatedField
from biliktilik.core.api.pagination import StandardPagination
from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.query import query_choice, query_int, query_uuid
from biliktilik.core.roles import Role
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to, units_visible_to
from biliktilik.people.models import Person
from biliktilik.people.selectors import persons_visible_to
from biliktilik.workflows.enums import STEP_ACTIONS
from biliktilik.workflows.selectors import active_run_of, allowed_actions, decides_in

from . import selectors, services
from .enums import ItemOrigin, PlanStatus
from .models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule

# --- serializers: references ---------------------------------------------------------------------


class _RefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True, help_text=_("Name in the language of the request."))


class _PlanPersonRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class _StepRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    decider = serializers.CharField(read_only=True)


class RunStateSerializer(serializers.Serializer):
    """The document's newest approval run, as the requesting user sees it."""

    public_id = serializers.UUIDField(read_only=True)
    status = serializers.CharField(read_only=True)
    current_step = _StepRefSerializer(read_only=True, allow_null=True)
    allowed_actions = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_(
            "The decisions the requesting user may take now: approve, return, reject (empty when not entitled)."
        ),
    )


def _run_state(request: Request, document: Any) -> dict[str, Any] | None:
    run = selectors.run_of(document)
    if run is None:
        return None
    step = run.current_step
    return {
        "public_id": run.public_id,
        "status": run.status,
        "current_step": (
            {"id": step.pk, "order": step.order, "title": step.title, "decider": step.decider} if step else None
        ),
        "allowed_actions": allowed_actions(request.user, run),
    }


# --- serializers: individual plans -----------------------------------------------------------------


class PlanItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanItem
        fields = [
            "id",
            "topic",
            "form",
            "start_date",
            "end_date",
            "hours",
            "provider_name",
            "funding_source",
            "cost",
            "in_profile",
            "management_topic",
            "origin",
            "requirement",
        ]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    person = _PlanPersonRefSerializer(read_only=True)
    organisation = _RefSerializer(read_only=True)
    unit = _RefSerializer(read_only=True)
    previous = serializers.UUIDField(source="previous.public_id", read_only=True, allow_null=True, default=None)
    item_count = serializers.IntegerField(read_only=True)
    total_hours = serializers.DecimalField(max_digits=9, decimal_places=1, read_only=True, allow_null=True)
    total_cost = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = IndividualPlan
        fields = [
            "public_id",
            "person",
            "organisation",
            "unit",
            "year",
            "version",
            "status",
            "amendment_reason",
            "previous",
            "submitted_at",
            "approved_at",
            "item_count",
            "total_hours",
            "total_cost",
            "created_at",
        ]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    items = PlanItemSerializer(many=True, read_only=True)
    run = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "items", "run"]
        read_only_fields = fields

    @extend_schema_field(RunStateSerializer(allow_null=True))
    def get_run(self, plan: IndividualPlan) -> dict[str, Any] | None:
        return _run_state(self.context["request"], plan)


class PlanCreateInputSerializer(serializers.Serializer):
    person = ScopedRelatedField(Person, persons_visible_to, help_text=_("Public id of the person whose plan it is."))
    organisation = ScopedRelatedField(
        Organisation, organisations_visible_to, help_text=_("Public id of the organisation the person works in.")
    )
    year = serializers.IntegerField()


class PlanItemInputSerializer(serializers.Serializer):
    topic = serializers.CharField()
    form = serializers.ChoiceField(choices=PDForm.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    # Checked by the service, which names the field in its error (e.g. hours of zero).
    hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    funding_source = serializers.ChoiceField(choices=FundingSource.choices)
    provider_name = serializers.CharField(required=False, allow_blank=True, default="")
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, default=Decimal(0))
    in_profile = serializers.BooleanField(required=False, default=False)
    management_topic = serializers.BooleanField(required=False, default=False)


class PlanItemUpdateInputSerializer(serializers.Serializer):
    topic = serializers.CharField(required=False)
    form = serializers.ChoiceField(choices=PDForm.choices, required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    hours = serializers.DecimalField(max_digits=9, decimal_places=1, required=False)
    funding_source = serializers.ChoiceField(choices=FundingSource.choices, required=False)
    provider_name = serializers.CharField(required=False, allow_blank=True)
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    in_profile = serializers.BooleanField(required=False)
    management_topic = serializers.BooleanField(required=False)


class PlanReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text=_("Why the approved version must change (required)."))


class PlanDecideInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in STEP_ACTIONS],
        help_text=_("approve, return or reject the current step (return and reject need a comment)."),
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    expected_step = serializers.IntegerField(help_text=_("The id of the step the user saw."))


# --- serializers: schedules -----------------------------------------------------------------------


class LineSerializer(serializers.Serializer):
    """One line of form 602-01 / 602-05: an item with its person and unit."""

    person = _PlanPersonRefSerializer(read_only=True)
    unit = _RefSerializer(read_only=True)
    plan = serializers.UUIDField(source="plan.public_id", read_only=True)
    item = PlanItemSerializer(read_only=True)


class UnitScheduleSerializer(serializers.ModelSerializer):
    organisation = _RefSerializer(read_only=True)
    unit = _RefSerializer(read_only=True)
    previous = serializers.UUIDField(source="previous.public_id", read_only=True, allow_null=True, default=None)
    plans = serializers.SerializerMethodField(help_text=_("Public ids of the plan versions the schedule includes."))

    class Meta:
        model = UnitSchedule
        fields = [
            "public_id",
            "organisation",
            "unit",
            "year",
            "version",
            "status",
            "amendment_reason",
            "previous",
            "meeting_date",
            "meeting_number",
            "meeting_present",
            "meeting_decision",
            "plans",
            "submitted_at",
            "approved_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_plans(self, schedule: UnitSchedule) -> list[str]:
        return sorted(str(p.public_id) for p in schedule.plans.all())


class UnitScheduleDetailSerializer(UnitScheduleSerializer):
    lines = serializers.SerializerMethodField()
    run = serializers.SerializerMethodField()

    class Meta(UnitScheduleSerializer.Meta):
        fields = [*UnitScheduleSerializer.Meta.fields, "lines", "run"]
        read_only_fields = fields

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, schedule: UnitSchedule) -> Any:
        return LineSerializer(selectors.unit_schedule_lines(schedule), many=True).data

    @extend_schema_field(RunStateSerializer(allow_null=True))
    def get_run(self, schedule: UnitSchedule) -> dict[str, Any] | None:
        return _run_state(self.context["request"], schedule)


class UnitScheduleCreateInputSerializer(serializers.Serializer):
    unit = ScopedRelatedField(Unit, units_visible_to, help_text=_("Public id of the unit."))
    year = serializers.IntegerField()


class MinutesInputSerializer(serializers.Serializer):
    meeting_date = serializers.DateField()
    meeting_number = serializers.CharField(allow_blank=True)
    meeting_present = serializers.IntegerField(help_text=_("How many were present."))
    meeting_decision = serializers.CharField(allow_blank=True)


class ConsolidatedSerializer(serializers.ModelSerializer):
    organisation = _RefSerializer(read_only=True)
    previous = serializers.UUIDField(source="previous.public_id", read_only=True, allow_null=True, default=None)
    unit_schedules = serializers.SerializerMethodField(
        help_text=_("Public ids of the approved unit schedules the schedule includes.")
    )

    class Meta:
        model = ConsolidatedSchedule
        fields = [
            "public_id",
            "organisation",
            "year",
            "version",
            "status",
            "amendment_reason",
            "previous",
            "unit_schedules",
            "submitted_at",
            "approved_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_unit_schedules(self, schedule: ConsolidatedSchedule) -> list[str]:
        return sorted(str(s.public_id) for s in schedule.unit_schedules.all())


class ConsolidatedDetailSerializer(ConsolidatedSerializer):
    run = serializers.SerializerMethodField()

    class Meta(ConsolidatedSerializer.Meta):
        fields = [*ConsolidatedSerializer.Meta.fields, "run"]
        read_only_fields = fields

    @extend_schema_field(RunStateSerializer(allow_null=True))
    def get_run(self, schedule: ConsolidatedSchedule) -> dict[str, Any] | None:
        return _run_state(self.context["request"], schedule)


class ConsolidatedCreateInputSerializer(serializers.Serializer):
    organisation = ScopedRelatedField(
        Organisation, organisations_visible_to, help_text=_("Public id of the organisation.")
    )
    year = serializers.IntegerField()


class BudgetLineSerializer(serializers.Serializer):
    funding_source = serializers.CharField(read_only=True, help_text=_("Empty on the total line."))
    funding_source_label = serializers.SerializerMethodField()
    items = serializers.IntegerField(read_only=True)
    people = serializers.IntegerField(read_only=True)
    hours = serializers.DecimalField(max_digits=12, decimal_places=1, read_only=True)
    cost = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    @extend_schema_field(OpenApiTypes.STR)
    def get_funding_source_label(self, line: selectors.BudgetLine) -> str:
        return line.label if line.funding_source else str(_("Total"))


class BudgetSerializer(serializers.Serializer):
    schedule = serializers.UUIDField(read_only=True)
    status = serializers.CharField(read_only=True)
    lines = BudgetLineSerializer(many=True, read_only=True)
    total = BudgetLineSerializer(read_only=True)


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
