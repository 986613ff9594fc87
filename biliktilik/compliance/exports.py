"""Compliance rows as CSV (streamed) and .xlsx (written in constant memory, then streamed)."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from biliktilik.people.privacy import mask_iin

from .enums import ComplianceStatus, DueBasis
from .selectors import StaffRow


def header() -> list[str]:
    return [
        _("Person id"),
        _("IIN"),
        _("Last name"),
        _("First name"),
        _("Patronymic"),
        _("Staff category"),
        _("Unit"),
        _("Requirement"),
        _("Citation"),
        _("Status"),
        _("Unit of measure"),
        _("Counted"),
        _("Required"),
        _("Missing"),
        _("Due date"),
        _("Due date from"),
    ]


MACHINE_HEADER = [
    "person_id",
    "iin",
    "last_name",
    "first_name",
    "middle_name",
    "category",
    "unit",
    "requirement",
    "citation",
    "status",
    "measure",
    "counted",
    "required",
    "missing",
    "due_date",
    "due_basis",
]


def _plain(value: Decimal | int) -> Decimal | int:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def row_values(item: StaffRow, *, show_iin: bool, labels: bool = True) -> list[Any]:
    """``show_iin``: whether this row's person's IIN is open to the reader
    (``people.privacy.open_person_ids``); otherwise the one mask of ``people.privacy``."""
    row = item.row
    person = item.person
    measure = "hours" if row.requirement.params.counts_hours else "activities"
    status: str = str(ComplianceStatus(row.status).label) if labels else row.status
    basis = ""
    if row.due_basis:
        basis = str(DueBasis(row.due_basis).label) if labels else row.due_basis
    return [
        str(person.public_id),
        person.iin if show_iin else mask_iin(person.iin),
        person.last_name,
        person.first_name,
        person.middle_name,
        item.category_label if labels else item.category,
        str(item.unit) if item.unit else "",
        row.requirement.key,
        row.requirement.rule.citation,
        status,
        (_("hours") if measure == "hours" else _("activities")) if labels else measure,
        _plain(row.amount_counted),
        _plain(row.amount_required),
        _plain(row.amount_missing),
        row.due_date.isoformat() if row.due_date else "",
        basis,
    ]


class _Echo:
    """A file-like object whose ``write`` returns what it is given, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the Cyrillic letters right
    yield writer.writerow(head)
    for row in rows:
        yield writer.writerow(row)


def csv_response(filename: str, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(head, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_xlsx(target: IO[bytes], head: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(head))
    for row in rows:
        sheet.append(list(row))
    workbook.save(target)


def xlsx_response(filename: str, head: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> FileResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    write_xlsx(spool, head, rows, title)  # type: ignore[arg-type]
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def json_dump(target: IO[str], rows: Iterable[Sequence[Any]]) -> None:
    items = [dict(zip(MACHINE_HEADER, row, strict=True)) for row in rows]
    json.dump(items, target, ensure_ascii=False, indent=2, default=str)
    target.write("\n")
