"""Participation in PD by staff category (CMP-05)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q

# --- participation by category (CMP-05) --------------------------------------------------------


@dataclass(frozen=True)
class ParticipationRow:
    category: str
    label: str
    staff: int
    participants: int
    records: int
    hours: Decimal

    @property
    def share(self) -> Decimal:
        if not self.staff:
            return Decimal(0)
        return (Decimal(self.participants) * 100 / self.staff).quantize(Decimal("0.1"))

    @property
    def hours_per_person(self) -> Decimal:
        if not self.staff:
            return Decimal(0)
        return (self.hours / self.staff).quantize(Decimal("0.1"))


def participation_by_category(
    organisation: Organisation, *, start: dt.date, end: dt.date, unit: Unit | None = None
) -> list[ParticipationRow]:
    """For each staff category of the current staff on ``end``: how many people, how many took
    part in verified PD completed in [start, end], with how many records and hours (CMP-05;
    KAFU-2025 3 equal access). One aggregate query."""
    staff = Employment.objects.filter(current_q(on=end), organisation=organisation, is_primary=True)
    if unit is not None:
        staff = staff.filter(unit__path__startswith=unit.path)
    counted = PDRecord.objects.filter(
        person_id=OuterRef("person_id"), status=RecordStatus.VERIFIED, end_date__gte=start, end_date__lte=end
    )
    per_person = counted.order_by().values("person_id")
    record_count = per_person.annotate(n=Count("id")).values("n")[:1]
    hour_sum = per_person.annotate(h=Sum("hours")).values("h")[:1]
    heads = (
        staff.annotate(
            took_part=Exists(counted),
            n_records=Coalesce(Subquery(record_count), 0),
            n_hours=Coalesce(Subquery(hour_sum), Value(Decimal(0)), output_field=DecimalField()),
        )
        .values("category")
        .annotate(
            staff=Count("person_id", distinct=True),
            participants=Count("person_id", distinct=True, filter=Q(took_part=True)),
            records=Sum("n_records"),
            hours=Sum("n_hours"),
        )
        .order_by("category")
    )
    labels = dict(StaffCategory.choices)
    return [
        ParticipationRow(
            category=h["category"],
            label=str(labels.get(h["category"], h["category"])),
            staff=h["staff"],
            participants=h["participants"],
            records=int(h["records"] or 0),
            hours=Decimal(str(h["hours"] or 0)).quantize(Decimal("0.1")),
        )
        for h in heads
    ]
