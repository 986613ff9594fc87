"""The one writer of the blank files to fill in (.xlsx and .csv) that every import offers.

The .xlsx template has the data sheet (the header row of column codes, required ones
underlined, and one example row) and a "Columns" sheet describing each column in Kazakh,
Russian and English; more sheets (lists of codes) may follow. The .csv template is UTF-8 with
a byte-order mark and ``;`` between cells, as Excel in Kazakh and Russian expects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .cells import DATE_FORMATS, LANGUAGES
from .reader import Column


def _cell_value(value: Any, *, is_date: bool) -> Any:
    if is_date and isinstance(value, str) and value:
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
            except ValueError:
                continue
    return value


def template_xlsx(
    columns: Sequence[Column],
    example: Mapping[str, Any],
    *,
    sheet_title: str,
    date_columns: Iterable[str] = (),
    text_columns: Iterable[str] = (),
    extra_sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]] = (),
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    dates, texts = frozenset(date_columns), frozenset(text_columns)
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = sheet_title[:31]
    data.append([column.code for column in columns])
    data.append([_cell_value(example.get(column.code, ""), is_date=column.code in dates) for column in columns])
    for index, column in enumerate(columns, start=1):
        data.column_dimensions[get_column_letter(index)].width = max(14, len(column.code) + 4)
        data.cell(row=1, column=index).font = Font(bold=True, underline="single" if column.required else None)
        cell = data.cell(row=2, column=index)
        if column.code in dates:
            cell.number_format = "DD.MM.YYYY"
        elif column.code in texts:
            cell.number_format = "@"
    data.freeze_panes = "A2"

    described = workbook.create_sheet("Columns")
    described.append(["code", "required", *LANGUAGES])
    for column in columns:
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

    for title, rows in extra_sheets:
        sheet = workbook.create_sheet(title[:31])
        for values in rows:
            sheet.append(list(values))
        for cell in sheet[1]:
            cell.font = Font(bold=True)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(columns: Sequence[Column], example: Mapping[str, Any]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.code for column in columns])
    writer.writerow([example.get(column.code, "") for column in columns])
    return buffer.getvalue().encode("utf-8-sig")
