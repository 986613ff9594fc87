"""Filters and lookups shared by the ledger API views."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request

from biliktilik.core.errors import ApplicationError, ErrorCode

from .. import selectors, services
from ..enums import PDForm, RecordStatus
from ..models import Evidence, PDRecord, RecordTrainer
from .serializers import RecordSerializer


class RecordFilter(django_filters.FilterSet):
    person = django_filters.UUIDFilter(field_name="person__public_id", label=_("Public id of the person"))
    organisation = django_filters.UUIDFilter(
        field_name="organisation__public_id", label=_("Public id of the organisation keeping the record")
    )
    status = django_filters.ChoiceFilter(choices=RecordStatus.choices, label=_("Status"))
    form = django_filters.ChoiceFilter(choices=PDForm.choices, label=_("Form of PD"))
    date_from = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", label=_("Completed on or after this date")
    )
    date_to = django_filters.DateFilter(field_name="end_date", lookup_expr="lte", label=_("Completed on or before"))

    class Meta:
        model = PDRecord
        fields = ["person", "organisation", "status", "form", "date_from", "date_to"]


def _trainers_in(data: dict[str, Any]) -> list[services.TrainerInput] | None:
    rows = data.pop("trainers", None)
    if rows is None:
        return None
    return [services.TrainerInput(name=row["name"], category=row["category"]) for row in rows]


def _records_for_api(user: Any) -> QuerySet[PDRecord]:
    return selectors.record_list(user).prefetch_related(
        Prefetch("trainers", queryset=RecordTrainer.objects.order_by("id"))
    )


def _record_out(request: Request, record: PDRecord) -> dict[str, Any]:
    fresh = _records_for_api(request.user).get(pk=record.pk)
    return RecordSerializer(fresh, context={"request": request}).data  # type: ignore[no-any-return]


def _visible_record(request: Request, public_id: Any) -> PDRecord:
    record = selectors.records_visible_to(request.user).filter(public_id=public_id).first()
    if record is None:
        raise Http404
    return record


def _visible_evidence(request: Request, public_id: Any) -> Evidence:
    evidence = selectors.evidence_get(request.user, public_id=public_id)
    if evidence is None:
        raise Http404
    return evidence


def _require(allowed: bool, message: Any) -> None:
    """Refuse a user who may not make the change before the input is read (the service checks again)."""
    if not allowed:
        raise ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)
