"""Compliance rows as CSV (streamed) and .xlsx (write-only, then streamed) through the table kit
(``core.tables.export``); the ``compliance_report`` command writes the same columns for programs
(column keys, codes, ISO dates) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from biliktilik.core.tables.export import Column
from biliktilik.people.enums import StaffCategory
from biliktilik.people.privacy import mask_iin

from .enums import ComplianceStatus, DueBasis
from .selectors import StaffRow

MEASURES = [("hours", _("hours")), ("activities", _("activities"))]


def _plain(value: Decimal | int) -> Decimal | int:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _measure(item: StaffRow) -> str:
    return "hours" if item.row.requirement.params.counts_hours else "activities"


def columns(*, open_ids: Collection[int]) -> list[Column[StaffRow]]:
    """The columns of every compliance export; the keys are the machine-readable header.
    ``open_ids``: the persons whose IIN is open to the reader (``people.privacy.open_person_ids``);
    every other IIN gets the one mask of ``people.privacy``."""

    def iin(item: StaffRow) -> str:
        person = item.person
        return person.iin if person.pk in open_ids else mask_iin(person.iin)

    return [
        Column("person_id", _("Person id"), lambda s: str(s.person.public_id), width=38),
        Column("iin", _("IIN"), iin),
        Column("last_name", _("Last name"), lambda s: s.person.last_name, width=20),
        Column("first_name", _("First name"), lambda s: s.person.first_name, width=20),
        Column("middle_name", _("Patronymic"), lambda s: s.person.middle_name, width=20),
        Column("category", _("Staff category"), lambda s: s.category, type="choice", choices=StaffCategory.choices),
        Column("unit", _("Unit"), lambda s: str(s.unit) if s.unit else "", width=30),
        Column("requirement", _("Requirement"), lambda s: s.row.requirement.key, width=36),
        Column("citation", _("Citation"), lambda s: s.row.requirement.rule.citation, width=20),
        Column("status", _("Status"), lambda s: s.row.status, type="choice", choices=ComplianceStatus.choices),
        Column("measure", _("Unit of measure"), _measure, type="choice", choices=MEASURES),
        Column("counted", _("Counted"), lambda s: _plain(s.row.amount_counted), type="decimal"),
        Column("required", _("Required"), lambda s: _plain(s.row.amount_required), type="decimal"),
        Column("missing", _("Missing"), lambda s: _plain(s.row.amount_missing), type="decimal"),
        Column("due_date", _("Due date"), lambda s: s.row.due_date, type="date"),
        Column("due_basis", _("Due date from"), lambda s: s.row.due_basis, type="choice", choices=DueBasis.choices),
    ]


def json_dump(target: IO[str], items: Iterable[StaffRow], *, open_ids: Collection[int]) -> None:
    """The rows for programs: column keys, codes, ISO dates, numbers as numbers or strings."""
    spec = columns(open_ids=open_ids)
    data = [{c.key: _json_value(c.value(item)) for c in spec} for item in items]
    json.dump(data, target, ensure_ascii=False, indent=2, default=str)
    target.write("\n")


def _json_value(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
