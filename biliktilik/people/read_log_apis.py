"""API of the log of full IIN reads (SEC-03): read-only, for auditors and system administrators,
scoped like the auditor's page (``people.selectors.personal_data_reads_visible_to``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from biliktilik.core.errors import ApplicationError, ErrorCode

from . import selectors
from .apis import PersonRefSerializer
from .enums import ReadChannel
from .models import PersonalDataRead


class MayReadPersonalDataLog(BasePermission):
    message = _("You may not read the log of personal data reads.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and selectors.may_read_personal_data_log(user))


class PersonalDataReadSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    read_by = serializers.CharField(source="actor_repr", read_only=True, help_text=_("Login of the reader."))

    class Meta:
        model = PersonalDataRead
        fields = ["id", "created_at", "read_by", "person", "channel", "source"]
        read_only_fields = fields


class PersonalDataReadFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(method="filter_nothing", label=_("Person (name or IIN)"))
    actor = django_filters.CharFilter(method="filter_nothing", label=_("Read by"))
    date_from = django_filters.DateFilter(method="filter_nothing", label=_("From"))
    date_to = django_filters.DateFilter(method="filter_nothing", label=_("To"))
    channel = django_filters.ChoiceFilter(choices=ReadChannel.choices, label=_("Where"))

    class Meta:
        model = PersonalDataRead
        fields = ["person", "actor", "date_from", "date_to", "channel"]

    def filter_nothing(self, queryset: QuerySet[PersonalDataRead], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # applied together in filter_queryset, by the selector

    def filter_queryset(self, queryset: QuerySet[PersonalDataRead]) -> QuerySet[PersonalDataRead]:
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ApplicationError(
                _("The last day must not be before the first day."), code=ErrorCode.VALIDATION, field="date_to"
            )
        user = self.request.user if self.request is not None else None
        filters = selectors.ReadLogFilters(
            person=data.get("person") or "", actor=data.get("actor") or "", date_from=start, date_to=end
        )
        result = selectors.personal_data_reads(user, filters)
        if data.get("channel"):
            result = result.filter(channel=data["channel"])
        return result


class PersonalDataReadListApi(generics.ListAPIView):
    """Who was shown whose full IIN, where and when, newest first."""

    serializer_class = PersonalDataReadSerializer
    filterset_class = PersonalDataReadFilter
    permission_classes = [MayReadPersonalDataLog]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[PersonalDataRead]:
        return selectors.personal_data_reads_visible_to(self.request.user).order_by("-created_at", "-id")
