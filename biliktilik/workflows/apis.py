"""API of approval routes and runs. One view per operation; the views pick a selector or call one
service, and every list runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.api.fields import ScopedRelatedField
from biliktilik.core.query import query_bool, query_choice, query_uuid
from biliktilik.org.enums import AUTHORITY_KINDS, OrganisationKind
from biliktilik.org.models import Organisation
from biliktilik.org.selectors import organisations_visible_to

from .enums import OFFICE_DECIDERS, STEP_ACTIONS, Decider, DecisionAction, RunStatus
from .models import Decision, Route, Run, Step
from .permissions import can_cancel, can_manage_routes, may_manage_some_routes
from .registry import purpose_choices
from .selectors import (
    allowed_actions,
    current_routes_visible_to,
    decides_in,
    route_get,
    run_get,
    runs_visible_to,
    runs_waiting_for,
)
from .services import StepSpec, route_create, route_update, run_cancel, run_decide

# --- serializers ---------------------------------------------------------------------------

STEP_ACTION_CHOICES = [(a.value, a.label) for a in STEP_ACTIONS]


class StepOutputSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text=_("Title in the language of the request."))
    actions = serializers.ListField(child=serializers.ChoiceField(choices=STEP_ACTION_CHOICES), read_only=True)
    condition = serializers.SerializerMethodField(
        help_text=_("The code of a condition registered by the app that uses the route; null: always.")
    )

    class Meta:
        model = Step
        fields = [
            "id",
            "order",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "notes",
            "decider",
            "decider_office",
            "authority_kind",
            "condition",
            "actions",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_condition(self, step: Step) -> str | None:
        return step.condition or None


class RouteOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)
    title = serializers.CharField(read_only=True, help_text=_("Title in the language of the request."))
    steps = StepOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Route
        fields = [
            "public_id",
            "organisation",
            "code",
            "version",
            "is_current",
            "is_active",
            "purpose",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "notes",
            "steps",
        ]


class StepInputSerializer(serializers.Serializer):
    title_kk = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    decider = serializers.ChoiceField(choices=Decider.choices)
    condition = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A condition registered by the app that uses the route; empty: always."),
    )
    decider_organisation = ScopedRelatedField(
        Organisation,
        organisations_visible_to,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For an office of another organisation: the public id of that organisation."),
    )
    decider_office = serializers.ChoiceField(
        choices=[(d.value, d.label) for d in OFFICE_DECIDERS], required=False, allow_blank=True, default=""
    )
    authority_kind = serializers.ChoiceField(
        choices=[(k, OrganisationKind(k).label) for k in sorted(AUTHORITY_KINDS)],
        required=False,
        allow_blank=True,
        default="",
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=STEP_ACTION_CHOICES),
        required=False,
        default=[a.value for a in STEP_ACTIONS],
    )


class RouteInputSerializer(serializers.Serializer):
    title_kk = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=40, help_text=_("A purpose registered by the app that uses the route."))
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    is_active = serializers.BooleanField(required=False, default=True)
    steps = StepInputSerializer(many=True)


class RouteCreateInputSerializer(RouteInputSerializer):
    organisation = ScopedRelatedField(
        Organisation, organisations_visible_to, help_text=_("Public id of the organisation that owns the route.")
    )
    code = serializers.SlugField(max_length=60)


def _specs(steps: list[dict[str, Any]]) -> list[StepSpec]:
    return [
        StepSpec(
            title_kk=s["title_kk"],
            title_ru=s.get("title_ru", ""),
            title_en=s.get("title_en", ""),
            notes=s.get("notes", ""),
            decider=s["decider"],
            condition=s.get("condition", ""),
            actions=tuple(s.get("actions", ())),
            decider_organisation_id=s["decider_organisation"].pk if s.get("decider_organisation") else None,
            decider_office=s.get("decider_office", ""),
            authority_kind=s.get("authority_kind", ""),
        )
        for s in steps
    ]


class CurrentStepSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Step
        fields = ["id", "order", "title", "decider"]


class RouteRefSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Route
        fields = ["public_id", "code", "version", "title"]


def _user_name(user: Any) -> str | None:
    if user is None:
        return None
    person = getattr(user, "person", None)
    return person.short_name if person is not None else str(user.get_username())


class DecisionOutputSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = ["step", "action", "actor", "comment", "created_at"]

    def get_actor(self, obj: Decision) -> str | None:
        return _user_name(obj.actor)


class RunOutputSerializer(serializers.ModelSerializer):
    route = RouteRefSerializer(read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)
    unit = serializers.SerializerMethodField()
    object = serializers.SerializerMethodField()
    current_step = CurrentStepSerializer(read_only=True, allow_null=True)
    started_by = serializers.SerializerMethodField()
    decisions = DecisionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Run
        fields = [
            "public_id",
            "route",
            "organisation",
            "unit",
            "object",
            "status",
            "current_step",
            "started_by",
            "started_at",
            "finished_at",
            "decisions",
        ]

    def get_unit(self, obj: Run) -> str | None:
        return str(obj.unit.public_id) if obj.unit is not None else None

    def get_object(self, obj: Run) -> dict[str, str]:
        return {
            "type": f"{obj.content_type.app_label}.{obj.content_type.model}",
            "id": obj.object_id,
            "repr": obj.object_repr,
        }

    def get_started_by(self, obj: Run) -> str | None:
        return _user_name(obj.started_by)


class RunDetailOutputSerializer(RunOutputSerializer):
    allowed_actions = serializers.SerializerMethodField(
        help_text=_("The decisions the requesting user may take now (empty when not entitled).")
    )

    class Meta(RunOutputSerializer.Meta):
        fields = [*RunOutputSerializer.Meta.fields, "allowed_actions"]

    def get_allowed_actions(self, obj: Run) -> list[str]:
        return allowed_actions(self.context["request"].user, obj)


class DecideInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=DecisionAction.choices,
        help_text=_("approve, return or reject the current step; cancel withdraws the object (its author)."),
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    expected_step = serializers.IntegerField(help_text=_("The id of the step the user saw."))


# --- views ----------------------------------------------------------------------------------


def _with_steps(qs: QuerySet[Route]) -> QuerySet[Route]:
    return qs.prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("order")))


def _with_decisions(qs: QuerySet[Run]) -> QuerySet[Run]:
    decisions = Decision.objects.select_related("actor", "actor__person").order_by("created_at", "id")
    return qs.prefetch_related(Prefetch("decisions", queryset=decisions))


class RouteListApi(generics.ListAPIView):
    """Current routes the user may see (``?organisation=<public id>``, ``?purpose=``); POST creates
    one (HR and PD-centre officers of the organisation, system administrators)."""

    serializer_class = RouteOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Route]:
        qs = current_routes_visible_to(self.request.user)
        organisation = query_uuid(self.request.query_params, "organisation")
        if organisation is not None:
            qs = qs.filter(organisation__public_id=organisation)
        purpose = query_choice(self.request.query_params, "purpose", [code for code, _label in purpose_choices()])
        if purpose:
            qs = qs.filter(purpose=purpose)
        return _with_steps(qs)

    @extend_schema(request=RouteCreateInputSerializer, responses={201: RouteOutputSerializer})
    def post(self, request: Request) -> Response:
        if not may_manage_some_routes(request.user):
            raise PermissionDenied(_("You may not change approval routes."))
        data = RouteCreateInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = values.pop("organisation")
        route = route_create(actor=request.user, organisation=organisation, steps=_specs(values.pop("steps")), **values)
        route = _with_steps(Route.objects.select_related("organisation")).get(pk=route.pk)
        return Response(RouteOutputSerializer(route, context={"request": request}).data, status=status.HTTP_201_CREATED)


class RouteDetailApi(APIView):
    """One route (any version the user may see); PUT changes it, which makes a new version when
    its steps change and it already has runs (the response is the route as it now stands)."""

    def _route(self, request: Request, public_id: Any) -> Route:
        route = route_get(request.user, public_id=public_id)
        if route is None:
            raise Http404
        return route

    @extend_schema(responses=RouteOutputSerializer)
    def get(self, request: Request, public_id: Any) -> Response:
        route = self._route(request, public_id)
        route = _with_steps(Route.objects.select_related("organisation")).get(pk=route.pk)
        return Response(RouteOutputSerializer(route, context={"request": request}).data)

    @extend_schema(request=RouteInputSerializer, responses=RouteOutputSerializer)
    def put(self, request: Request, public_id: Any) -> Response:
        route = self._route(request, public_id)
        if not can_manage_routes(request.user, route.organisation_id):
            raise PermissionDenied(_("You may not change the approval routes of this organisation."))
        data = RouteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        saved = route_update(actor=request.user, route=route, steps=_specs(values.pop("steps")), **values)
        saved = _with_steps(Route.objects.select_related("organisation")).get(pk=saved.pk)
        return Response(RouteOutputSerializer(saved, context={"request": request}).data)


class RunListApi(generics.ListAPIView):
    """Runs the user may see (``?status=``), or with ``?waiting=1`` only those waiting for the
    user's decision."""

    serializer_class = RunOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        user = self.request.user
        if query_bool(self.request.query_params, "waiting"):
            waiting = runs_waiting_for(user)
            return _with_decisions(runs_visible_to(user).filter(pk__in=[r.pk for r in waiting])).order_by("started_at")
        qs = runs_visible_to(user)
        run_status = query_choice(self.request.query_params, "status", RunStatus.values)
        if run_status:
            qs = qs.filter(status=run_status)
        return _with_decisions(qs)


class RunDetailApi(APIView):
    @extend_schema(responses=RunDetailOutputSerializer)
    def get(self, request: Request, public_id: Any) -> Response:
        run = run_get(request.user, public_id=public_id)
        if run is None:
            raise Http404
        run = _with_decisions(runs_visible_to(request.user)).get(pk=run.pk)
        return Response(RunDetailOutputSerializer(run, context={"request": request}).data)


class RunDecideApi(APIView):
    """Decide the current step of a run: approve, return or reject (the last two need a comment);
    or cancel it (its author, HR/PD officers; needs a comment). Refused with ``invalid_state``
    when the run has moved on past ``expected_step``."""

    @extend_schema(request=DecideInputSerializer, responses=RunDetailOutputSerializer)
    def post(self, request: Request, public_id: Any) -> Response:
        run = run_get(request.user, public_id=public_id)
        if run is None:
            raise Http404
        if not (decides_in(request.user, run) or can_cancel(request.user, run)):
            raise PermissionDenied(_("You may not decide this step."))
        data = DecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["action"] == DecisionAction.CANCEL:
            run_cancel(actor=request.user, run=run, comment=values["comment"], expected_step_id=values["expected_step"])
        else:
            run_decide(
                actor=request.user,
                run=run,
                action=values["action"],
                comment=values["comment"],
                expected_step_id=values["expected_step"],
            )
        run = _with_decisions(runs_visible_to(request.user)).get(pk=run.pk)
        return Response(RunDetailOutputSerializer(run, context={"request": request}).data)
