"""Blank staff import files to fill in: an .xlsx workbook and a .csv file, each with one example row."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from biliktilik.org.models import Organisation, Unit

from ..models import Position
from .cells import DATE_FORMATS
from .columns import COLUMNS

DATE_COLUMNS = frozenset({"birth_date", "start_date", "end_date", "competition_date"})
TEXT_COLUMNS = frozenset({"iin", "external_id", "phone", "unit_code", "position_code", "organisation_code"})
LANGUAGES = ("kk", "ru", "en")


def example_row(organisation: Organisation | None = None) -> dict[str, str]:
    """The example values; with an organisation, its own codes, so the example row can be imported."""
    example = {column.code: column.example for column in COLUMNS}
    if organisation is not None:
        example["organisation_code"] = organisation.code
        unit = Unit.objects.filter(organisation=organisation).exclude(code="").order_by("path").first()
        if unit is not None:
            example["unit_code"] = unit.code
        position = (
            Position.objects.filter(organisation__isnull=True).order_by("sort_order", "code").first()
            or Position.objects.filter(organisation=organisation).order_by("sort_order", "code").first()
        )
        if position is not None:
            example["position_code"] = position.code
            example["category"] = position.category
    return example


def _as_date(text: str) -> dt.date | str:
    if not text:
        return ""
    return dt.datetime.strptime(text, DATE_FORMATS[0]).date()  # noqa: DTZ007 - a calendar date


def template_xlsx(organisation: Organisation | None = None) -> bytes:
    example = example_row(organisation)
    workbook = Workbook()
    staff = workbook.active
    assert staff is not None
    staff.title = "Staff"
    staff.append([column.code for column in COLUMNS])
    values: list[Any] = []
    for column in COLUMNS:
        value = example[column.code]
        values.append(_as_date(value) if column.code in DATE_COLUMNS else value)
    staff.append(values)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        staff.column_dimensions[letter].width = max(14, len(column.code) + 4)
        header = staff.cell(row=1, column=index)
        header.font = Font(bold=True)
        if column.required:
            header.font = Font(bold=True, underline="single")
        cell = staff.cell(row=2, column=index)
        if column.code in DATE_COLUMNS:
            cell.number_format = "DD.MM.YYYY"
        elif column.code in TEXT_COLUMNS:
            cell.number_format = "@"
    staff.freeze_panes = "A2"

    described = workbook.create_sheet("Columns")
    described.append(["code", "required", *LANGUAGES])
    for column in COLUMNS:
        described.append(
            [
                column.code,
                "✓" if column.required else "",
                *(f"{column.title_in(lang)}: {column.description_in(lang)}" for lang in LANGUAGES),
            ]
        )
    for cell in described[1]:
        cell.font = Font(bold=True)
    described.column_dimensions["A"].width = 26
    described.column_dimensions["B"].width = 10
    for letter in ("C", "D", "E"):
        described.column_dimensions[letter].width = 60
    for row in described.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(organisation: Organisation | None = None) -> bytes:
    """UTF-8 with a byte-order mark and ``;`` between cells, as Excel in Kazakh and Russian expects."""
    example = example_row(organisation)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.code for column in COLUMNS])
    writer.writerow([example[column.code] for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
