"""The descriptive values of a PD record and its trainers, validated and normalised."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation
from biliktilik.people.models import Person

from ..enums import (
    DeliveryMode,
    FundingSource,
    Initiative,
    PDForm,
    TrainerCategory,
)
from ..justification import forms_needing_justification
from ..models import PDRecord, RecordTrainer

# The fields of a record that describe the activity (everything but its status and history).
RECORD_FIELDS = [
    "form",
    "title",
    "provider",
    "provider_name",
    "is_foreign",
    "country",
    "city",
    "start_date",
    "end_date",
    "hours",
    "delivery_mode",
    "is_distance",
    "funding_source",
    "cost",
    "in_profile",
    "management_topic",
    "initiative",
    "justification",
    "external_id",
]
RECORD_DEFAULTS: dict[str, Any] = {
    "provider": None,
    "provider_name": "",
    "is_foreign": False,
    "country": "KZ",
    "city": "",
    "delivery_mode": DeliveryMode.WITHOUT_LEAVE,
    "is_distance": False,
    "funding_source": FundingSource.ORGANISATION,
    "cost": Decimal("0"),
    "in_profile": False,
    "management_topic": False,
    "initiative": Initiative.PLANNED,
    "justification": "",
    "external_id": "",
}
_AUDITED_STATUS_FIELDS = ["person", "organisation", "status", "origin", "verified_by"]
_MAX_HOURS = Decimal("99999.9")
_MAX_COST = Decimal("9999999999.99")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


# --- validation ---------------------------------------------------------------------------------


def _decimal(value: Any, *, field: str, places: str, maximum: Decimal, negative_message: str) -> Decimal:
    if value is None or value == "":
        raise ApplicationError(_("This field is required."), field=field)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ApplicationError(_("Enter a number."), field=field) from exc
    if not number.is_finite():
        raise ApplicationError(_("Enter a number."), field=field)
    if number < 0:
        raise ApplicationError(negative_message, field=field)
    if number > maximum:
        raise ApplicationError(_("The number is too large."), field=field)
    quantum = Decimal(places)
    if number != number.quantize(quantum):
        raise ApplicationError(
            _("Use at most %(places)s digits after the decimal point.") % {"places": len(places.split(".")[1])},
            field=field,
        )
    return number.quantize(quantum)


def clean_record_values(
    values: Mapping[str, Any], *, organisation_id: int, instance: PDRecord | None = None
) -> dict[str, Any]:
    """Validate the descriptive fields of a record and return them normalised.

    ``values`` holds every field of ``RECORD_FIELDS`` (an update merges the new values into the
    old ones first, so that rules over two fields see both). Each error names its field.
    """
    cleaned: dict[str, Any] = {}
    _clean_description(values, cleaned)
    _clean_dates(values, cleaned)
    _clean_measures(values, cleaned)
    _clean_justification(values, cleaned, organisation_id=organisation_id)
    _clean_external_id(values, cleaned, organisation_id=organisation_id, instance=instance)
    return cleaned


def _clean_description(values: Mapping[str, Any], cleaned: dict[str, Any]) -> None:
    """The form, the title, the provider and the place."""
    form = values.get("form") or ""
    if form not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    cleaned["form"] = form
    title = str(values.get("title") or "").strip()
    if not title:
        raise ApplicationError(_("Give the title or topic."), field="title")
    if len(title) > 500:
        raise ApplicationError(_("The title is too long (at most 500 characters)."), field="title")
    cleaned["title"] = title

    provider = values.get("provider")
    if provider is not None and not isinstance(provider, Organisation):
        raise ApplicationError(_("Choose the provider from the list of organisations."), field="provider")
    cleaned["provider"] = provider
    cleaned["provider_name"] = str(values.get("provider_name") or "").strip()[:300]
    cleaned["is_foreign"] = bool(values.get("is_foreign"))
    country = str(values.get("country") or "KZ").strip().upper()
    if not _COUNTRY.match(country):
        raise ApplicationError(_("Give the country as a two-letter ISO 3166 code, e.g. KZ."), field="country")
    cleaned["country"] = country
    cleaned["city"] = str(values.get("city") or "").strip()[:100]


def _clean_dates(values: Mapping[str, Any], cleaned: dict[str, Any]) -> None:
    """The start and completion dates: in order, and not in the future."""
    start_date, end_date = values.get("start_date"), values.get("end_date")
    if not isinstance(start_date, dt.date):
        raise ApplicationError(_("Give the start date."), field="start_date")
    if not isinstance(end_date, dt.date):
        raise ApplicationError(_("Give the completion date."), field="end_date")
    if end_date < start_date:
        raise ApplicationError(_("The completion date cannot be before the start date."), field="end_date")
    if end_date > timezone.localdate():
        # A record is a PD activity already completed; planned PD lives in the plans.
        raise ApplicationError(
            _("The completion date cannot be in the future: enter the record once the PD is completed."),
            field="end_date",
        )
    cleaned["start_date"], cleaned["end_date"] = start_date, end_date


def _clean_measures(values: Mapping[str, Any], cleaned: dict[str, Any]) -> None:
    """The hours, the cost, the delivery mode, the funding, the initiative and the flags."""
    cleaned["hours"] = _decimal(
        values.get("hours"),
        field="hours",
        places="0.1",
        maximum=_MAX_HOURS,
        negative_message=_("Hours cannot be negative."),
    )
    cleaned["cost"] = _decimal(
        values.get("cost", 0),
        field="cost",
        places="0.01",
        maximum=_MAX_COST,
        negative_message=_("The cost cannot be negative."),
    )
    for name, choices, message in (
        ("delivery_mode", DeliveryMode, _("Choose a delivery mode.")),
        ("funding_source", FundingSource, _("Choose a funding source.")),
        ("initiative", Initiative, _("Choose whose initiative it was.")),
    ):
        value = values.get(name) or ""
        if value not in choices.values:
            raise ApplicationError(message, field=name)
        cleaned[name] = value
    for name in ("is_distance", "in_profile", "management_topic"):
        cleaned[name] = bool(values.get(name))


def _clean_justification(values: Mapping[str, Any], cleaned: dict[str, Any], *, organisation_id: int) -> None:
    """The justification that a record of another form needs."""
    justification = str(values.get("justification") or "").strip()
    if not justification and cleaned["form"] in forms_needing_justification(organisation_id, cleaned["end_date"]):
        raise ApplicationError(
            _("A record of another form needs a justification for the unit head to approve."), field="justification"
        )
    cleaned["justification"] = justification


def _clean_external_id(
    values: Mapping[str, Any], cleaned: dict[str, Any], *, organisation_id: int, instance: PDRecord | None
) -> None:
    """The id of the record in another system, unique in the organisation."""
    external_id = str(values.get("external_id") or "").strip()
    if len(external_id) > 64:
        raise ApplicationError(_("The external id is too long (at most 64 characters)."), field="external_id")
    if external_id:
        clash = PDRecord.objects.filter(organisation_id=organisation_id, external_id=external_id)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise ApplicationError(
                _("Another record of this organisation has this external id."),
                code=ErrorCode.DUPLICATE,
                field="external_id",
            )
    cleaned["external_id"] = external_id


@dataclass(frozen=True)
class TrainerInput:
    """A lecturer or trainer of an internal course (LED-06)."""

    name: str
    category: str
    person: Person | None = None


def _clean_trainers(trainers: Sequence[TrainerInput]) -> list[TrainerInput]:
    cleaned: list[TrainerInput] = []
    for trainer in trainers:
        name = trainer.name.strip()
        if not name:
            raise ApplicationError(_("Give the name of each trainer."), field="trainers")
        if trainer.category not in TrainerCategory.values:
            raise ApplicationError(_("Choose the category of each trainer."), field="trainers")
        cleaned.append(TrainerInput(name=name[:300], category=trainer.category, person=trainer.person))
    return cleaned


def is_internal_course(*, form: str, provider_id: int | None, organisation_id: int) -> bool:
    """An internal course: corporate training, or a course the organisation itself provides."""
    return form == PDForm.CORPORATE or (provider_id is not None and provider_id == organisation_id)


def _trainer_rows(record: PDRecord) -> list[list[Any]]:
    return [[t.name, t.category, t.person_id] for t in record.trainers.order_by("id")]


def _replace_trainers(record: PDRecord, trainers: Sequence[TrainerInput]) -> None:
    record.trainers.all().delete()
    RecordTrainer.objects.bulk_create(
        [RecordTrainer(record=record, name=t.name, category=t.category, person=t.person) for t in trainers]
    )
