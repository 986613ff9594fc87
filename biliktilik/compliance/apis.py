"""Compliance API (CMP-01, CMP-02): one person with explanations; the rows of a unit or of a
whole organisation. One view per operation; the views call one selector each."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from biliktilik.core.query import query_choice, query_day
from biliktilik.org.selectors import units_visible_to
from biliktilik.people.enums import StaffCategory

from . import selectors
from .enums import ComplianceStatus

ON = OpenApiParameter("on", OpenApiTypes.DATE, description=_("The day evaluated (default: today)."))
STATUS = OpenApiParameter("status", OpenApiTypes.STR, enum=ComplianceStatus.values)
REQUIREMENT = OpenApiParameter("requirement", OpenApiTypes.STR, description=_("rule set code / rule code"))
CATEGORY = OpenApiParameter("category", OpenApiTypes.STR, enum=StaffCategory.values)


class RuleRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    rule_set = serializers.CharField(source="rule_set.code")
    code = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    citation = serializers.CharField()


class RecordLineSerializer(serializers.Serializer):
    record = serializers.UUIDField(source="record.public_id")
    title = serializers.CharField(source="record.title")
    end_date = serializers.DateField(source="record.end_date")
    hours = serializers.DecimalField(source="record.hours", max_digits=7, decimal_places=1)
    status = serializers.CharField(source="record.status")
    amount = serializers.DecimalField(max_digits=9, decimal_places=1)
    reason = serializers.CharField()
    reason_label = serializers.CharField(source="reason.label")
    judged_by = RuleRefSerializer()
    forms_rule = RuleRefSerializer(allow_null=True)


class RequirementResultSerializer(serializers.Serializer):
    rule = RuleRefSerializer()
    applicable = serializers.BooleanField()
    status = serializers.CharField()
    measure = serializers.SerializerMethodField()
    window_start = serializers.DateField(help_text=_("The window is after this day, up to the day evaluated."))
    amount_counted = serializers.DecimalField(max_digits=9, decimal_places=1)
    amount_required = serializers.DecimalField(max_digits=9, decimal_places=1)
    amount_missing = serializers.DecimalField(max_digits=9, decimal_places=1)
    due_date = serializers.DateField(allow_null=True)
    due_basis = serializers.CharField(allow_null=True)
    threshold = serializers.DateField(allow_null=True)
    hired = serializers.DateField(allow_null=True)
    counted_records = RecordLineSerializer(source="counted", many=True)
    not_counted_records = RecordLineSerializer(source="not_counted", many=True)

    def get_measure(self, obj: Any) -> str:
        return "hours" if obj.counts_hours else "activities"


class OrganisationResultsSerializer(serializers.Serializer):
    organisation = serializers.UUIDField(source="organisation.public_id")
    organisation_name = serializers.CharField(source="organisation.name")
    hired = serializers.DateField(allow_null=True)
    horizon_months = serializers.IntegerField()
    requirements = RequirementResultSerializer(source="results", many=True)


class PersonComplianceSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person.public_id")
    name = serializers.CharField(source="person.full_name")
    on = serializers.DateField()
    organisations = OrganisationResultsSerializer(many=True)


class RowSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person.public_id")
    name = serializers.CharField(source="person.full_name")
    category = serializers.CharField()
    unit = serializers.UUIDField(source="unit.public_id", allow_null=True, default=None)
    requirement = serializers.CharField(source="row.requirement.key")
    citation = serializers.CharField(source="row.requirement.rule.citation")
    applicable = serializers.BooleanField(source="row.applicable")
    status = serializers.CharField(source="row.status")
    measure = serializers.SerializerMethodField()
    amount_counted = serializers.DecimalField(source="row.amount_counted", max_digits=9, decimal_places=1)
    amount_required = serializers.DecimalField(source="row.amount_required", max_digits=9, decimal_places=1)
    amount_missing = serializers.DecimalField(source="row.amount_missing", max_digits=9, decimal_places=1)
    due_date = serializers.DateField(source="row.due_date", allow_null=True)
    due_basis = serializers.CharField(source="row.due_basis", allow_null=True)

    def get_measure(self, obj: Any) -> str:
        return "hours" if obj.row.requirement.params.counts_hours else "activities"


class PersonComplianceApi(GenericAPIView):
    """Every requirement that applies to the person on a day, with the records counted and not
    counted and why (POL-08)."""

    serializer_class = PersonComplianceSerializer
    pagination_class = None

    @extend_schema(parameters=[ON])
    def get(self, request: Request, public_id: Any) -> Response:
        compliance = selectors.person_compliance(
            request.user, public_id=public_id, on=query_day(request.query_params, "on")
        )
        if compliance is None:
            raise Http404
        return Response(self.get_serializer(compliance).data)


class _RowsApi(GenericAPIView):
    serializer_class = RowSerializer

    def area(self, public_id: Any) -> tuple[Any, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    @extend_schema(parameters=[ON, STATUS, REQUIREMENT, CATEGORY])
    def get(self, request: Request, public_id: Any) -> Response:
        organisation, unit = self.area(public_id)
        on = query_day(request.query_params, "on")
        report = selectors.organisation_compliance(organisation, on, unit)
        filters = selectors.RowFilters(
            status=query_choice(request.query_params, "status", ComplianceStatus.values),
            category=query_choice(request.query_params, "category", StaffCategory.values),
            requirement=request.query_params.get("requirement", "").strip(),
        )
        rows = selectors.filter_rows(report, filters)
        position = {pid: n for n, pid in enumerate(selectors.ordered_person_ids(report))}
        rows = sorted(rows, key=lambda r: (position.get(r.person_id, len(position)), r.requirement.key))
        page = self.paginate_queryset(rows)  # type: ignore[arg-type]
        items = selectors.staff_rows(report, page if page is not None else rows)
        order = {id(r): n for n, r in enumerate(page if page is not None else rows)}
        items.sort(key=lambda s: order[id(s.row)])
        data = self.get_serializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


class UnitComplianceApi(_RowsApi):
    """One row per person and requirement for the staff of a unit and the units below it."""

    def area(self, public_id: Any) -> tuple[Any, Any]:
        unit = units_visible_to(self.request.user).filter(public_id=public_id).first()
        if unit is None:
            raise Http404
        return selectors.compliance_area(
            self.request.user, organisation=unit.organisation.public_id, unit=unit.public_id
        )


class OrganisationComplianceApi(_RowsApi):
    """One row per person and requirement for the whole staff of an organisation (a unit head
    gets their unit)."""

    def area(self, public_id: Any) -> tuple[Any, Any]:
        return selectors.compliance_area(self.request.user, organisation=public_id)
