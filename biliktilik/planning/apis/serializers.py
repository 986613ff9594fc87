"""Serializers of the planning API: references, plans, schedules, budget and input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from biliktilik.core.api.fields import ScopedRelatedField
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.selectors import organisations_visible_to, units_visible_to
from biliktilik.people.models import Person
from biliktilik.people.selectors import persons_visible_to
from biliktilik.workflows.enums import STEP_ACTIONS
from biliktilik.workflows.selectors import allowed_actions

from .. import selectors
from ..models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule

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
