"""Reading a staff import file (.xlsx or .csv) into numbered rows of cells keyed by column code."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode

from .columns import COLUMNS, column_for_header

FILE_KINDS = (".xlsx", ".csv")


@dataclass(frozen=True)
class RowError:
    """One problem of the file: the row as numbered in the spreadsheet, the column code, the message."""

    row: int
    column: str
    message: str


@dataclass
class Table:
    header_row: int = 0
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.IMPORT_FAILED, field="file")


def read_limited(file: IO[bytes]) -> bytes:
    """The file's bytes, refusing a file larger than ``BILIKTILIK_IMPORT_MAX_BYTES``."""
    limit = int(settings.BILIKTILIK_IMPORT_MAX_BYTES)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("The file is too large: at most %(size)s may be imported at once.") % {"size": filesizeformat(limit)}
        )
    return data


def file_kind(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in FILE_KINDS:
        raise _refuse(
            _("Unknown file type “%(suffix)s”: import an Excel workbook (.xlsx) or a CSV file (.csv).")
            % {"suffix": suffix or filename}
        )
    return suffix


def read_table(data: bytes, filename: str) -> Table:
    kind = file_kind(filename)
    if not data.strip():
        raise _refuse(_("The file is empty."))
    raw_rows = _xlsx_rows(data) if kind == ".xlsx" else _csv_rows(data)
    return _tabulate(raw_rows)


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(_("The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook”."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged workbook
        raise _refuse(_("The workbook could not be read. Save it again in Excel and retry.")) from exc
    try:
        if not workbook.worksheets:
            raise _refuse(_("The workbook has no sheets."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # type: ignore[union-attr]
        return [(number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(_("The CSV file must be in UTF-8 encoding. In Excel, save it as “CSV UTF-8”.")) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, list(cells)) for number, cells in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise _refuse(_("The CSV file could not be read: %(error)s") % {"error": exc}) from exc


def _clean_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def _tabulate(raw_rows: list[tuple[int, list[Any]]]) -> Table:
    table = Table()
    rows = [(number, [_clean_cell(v) for v in values]) for number, values in raw_rows]
    rows = [(number, values) for number, values in rows if any(v != "" for v in values)]
    if not rows:
        raise _refuse(_("The file is empty."))
    header_number, header = rows[0]
    table.header_row = header_number
    positions: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, title in enumerate(header):
        if title == "":
            continue
        code = column_for_header(str(title))
        if code is None:
            table.errors.append(RowError(header_number, str(title), _("Unknown column.")))
            continue
        if code in seen:
            table.errors.append(RowError(header_number, code, _("The column appears more than once.")))
            continue
        seen.add(code)
        positions.append((index, code))
    for column in COLUMNS:
        if column.required and column.code not in seen:
            table.errors.append(RowError(header_number, column.code, _("The column is missing.")))
    table.columns = [code for _index, code in positions]
    for number, values in rows[1:]:
        cells = {code: (values[index] if index < len(values) else "") for index, code in positions}
        if any(v != "" for v in cells.values()):
            table.rows.append((number, cells))
    if not table.rows and not table.errors:
        raise _refuse(_("The file has no rows below the header."))
    return table
