"""Record lists as .csv (streamed) and .xlsx (openpyxl in write-only mode)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from .models import PDRecord

Getter = Callable[[PDRecord], Any]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def columns() -> list[tuple[str, Getter]]:
    """Header and value of each exported column, in the active language."""
    return [
        (_("Person"), lambda r: r.person.full_name),
        (_("Organisation"), lambda r: str(r.organisation)),
        (_("Form of PD"), lambda r: r.get_form_display()),
        (_("Title / topic"), lambda r: r.title),
        (_("Provider"), lambda r: r.provider_label),
        (_("Foreign provider"), lambda r: _yes_no(r.is_foreign)),
        (_("Country"), lambda r: r.country),
        (_("City"), lambda r: r.city),
        (_("Start"), lambda r: r.start_date),
        (_("Completion"), lambda r: r.end_date),
        (_("Academic hours"), lambda r: r.hours),
        (_("Delivery mode"), lambda r: r.get_delivery_mode_display()),
        (_("Funding source"), lambda r: r.get_funding_source_display()),
        (_("Cost, KZT"), lambda r: r.cost),
        (_("In the profile of the disciplines taught"), lambda r: _yes_no(r.in_profile)),
        (_("Management topic"), lambda r: _yes_no(r.management_topic)),
        (_("Initiative"), lambda r: r.get_initiative_display()),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Documents"), lambda r: getattr(r, "evidence_count", None)),
        (_("External id"), lambda r: r.external_id),
    ]


def _safe_text(value: str) -> str:
    """Keep a spreadsheet from running text that starts like a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dt.date, Decimal, int, float)):
        return value
    return _safe_text(str(value))


def _rows(records: QuerySet[PDRecord]) -> Iterator[list[Any]]:
    spec = columns()
    yield [header for header, _getter in spec]
    for record in records.iterator(chunk_size=500):
        yield [_cell(getter(record)) for _header, getter in spec]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(records: QuerySet[PDRecord], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so that Excel opens UTF-8 (Kazakh letters) correctly
        for row in _rows(records):
            yield writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(records: QuerySet[PDRecord], filename: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("PD records"))
    for row in _rows(records):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(
    records: QuerySet[PDRecord], fmt: str, filename: str
) -> HttpResponse | StreamingHttpResponse | None:
    if fmt == "csv":
        return csv_response(records, filename)
    if fmt == "xlsx":
        return xlsx_response(records, filename)
    return None
