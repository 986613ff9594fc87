"""The export half of the table kit: declare the columns of a list once, then write any iterator
of rows to a streamed CSV or to a write-only .xlsx (memory stays flat whatever the length).

Formula injection (SEC-01): every text cell goes through :func:`safe_cell`. A text that starts
like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``.

* CSV: the prefix is the only defence a CSV has.
* .xlsx: the cell is written as a string cell (never a formula) **and** keeps the same prefix,
  so the text stays inert when the sheet is saved again as CSV, pasted elsewhere, or when a user
  edits the cell (Excel turns an edited string cell that starts with ``=`` into a formula).

Numbers, dates and booleans typed as such are not text: a negative amount stays a number.

CSV dialect per language (:meth:`Style.for_language`): UTF-8 with a byte-order mark (so Excel
reads Kazakh and Russian letters), and for ``kk`` / ``ru`` the ``;`` delimiter with a decimal
comma, because Excel takes the list separator of the Windows locale and the Kazakh and Russian
locales use ``;`` (their decimal separator is the comma); ``,`` and a decimal point for ``en``.
Dates are dd.mm.yyyy; money has two decimals and no thousands separator in CSV (so Excel still
reads it as a number), and ``#,##0.00`` in .xlsx, which Excel shows with the reader's separators.
:data:`MACHINE` is the dialect for programs: column keys as headers, codes for choices, ISO
dates, ``,`` and ``.``, no byte-order mark.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import IO, TYPE_CHECKING, Any, Generic, Literal, TypeVar
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

T = TypeVar("T")
ColumnType = Literal["text", "int", "decimal", "money", "date", "bool", "choice"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
DATE_FORMAT = "DD.MM.YYYY"
MONEY_FORMAT = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SPOOL_SIZE = 8 * 1024 * 1024  # an .xlsx bigger than this goes to a temporary file on disk


def safe_cell(value: str) -> str:
    """The text, with a leading ``'`` when a spreadsheet would take it for a formula."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: ``value`` takes a row and returns the raw value (a code for a ``choice``)."""

    key: str
    title: str | Promise
    value: Callable[[T], Any]
    type: ColumnType = "text"
    choices: Iterable[tuple[Any, Any]] | None = None
    width: int | None = None


@dataclass(frozen=True)
class Style:
    """How values are spelled: the CSV dialect and whether the reader is a person or a program."""

    delimiter: str = ","
    decimal_separator: str = "."
    bom: bool = True
    machine: bool = False

    @classmethod
    def for_language(cls, language: str | None = None) -> Style:
        language = (language or get_language() or "kk").split("-")[0]
        if language == "en":
            return cls(delimiter=",", decimal_separator=".")
        return cls(delimiter=";", decimal_separator=",")


MACHINE = Style(delimiter=",", decimal_separator=".", bom=False, machine=True)


@dataclass
class Bound(Generic[T]):
    """A table with its titles and choice labels resolved once, in the active language, and one
    converter per column chosen once, so a row costs a getter and a converter per cell."""

    columns: Sequence[Column[T]]
    style: Style
    head: list[str] = field(init=False)
    labels: list[dict[Any, str]] = field(init=False)

    def __post_init__(self) -> None:
        machine = self.style.machine
        self.head = [safe_cell(c.key if machine else str(c.title)) for c in self.columns]
        yes_no = {True: "true", False: "false"} if machine else {True: _("yes"), False: _("no")}
        self.labels = []
        for column in self.columns:
            if column.type == "bool":
                self.labels.append({k: safe_cell(str(v)) for k, v in yes_no.items()})
            elif column.type == "choice" and not machine:
                self.labels.append({value: safe_cell(str(label)) for value, label in column.choices or ()})
            else:
                self.labels.append({})
        self._plan = [
            (c.value, _typer(c, labels), partial(self.text, c))
            for c, labels in zip(self.columns, self.labels, strict=True)
        ]

    def values(self, item: T) -> list[Any]:
        """Typed values of one row: safe ``str``, ``int``, ``Decimal``, ``date`` or ``None``."""
        return [typed(get(item)) for get, typed, _spell in self._plan]

    def texts(self, item: T) -> list[str]:
        """The row as CSV text in this style."""
        return [spell(typed(get(item))) for get, typed, spell in self._plan]

    def text(self, column: Column[Any], value: Any) -> str:
        if value is None:
            return ""
        if value.__class__ is str:
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat() if self.style.machine else f"{value:%d.%m.%Y}"
        if isinstance(value, Decimal):
            spelled = f"{value:.2f}" if column.type == "money" else f"{value:f}"
            return spelled.replace(".", self.style.decimal_separator)
        return str(value)


def _typer(column: Column[Any], labels: dict[Any, str]) -> Callable[[Any], Any]:
    """The converter of one column, with a fast path for its usual value."""
    if column.type == "text":

        def text(value: Any) -> Any:
            if value.__class__ is str:
                return safe_cell(value) if value else None
            return _typed(column, labels, value)

        return text
    if column.type in ("bool", "choice"):

        def label(value: Any) -> Any:
            try:
                return labels[value]
            except (KeyError, TypeError):  # an unknown code, or a value that is not a code
                return _typed(column, labels, value)

        return label
    return partial(_typed, column, labels)


def _typed(column: Column[Any], labels: dict[Any, str], value: Any) -> Any:
    if value is None or value == "":
        return None
    kind = column.type
    number = isinstance(value, (int, Decimal, float)) and not isinstance(value, bool)
    if kind in ("bool", "choice") and isinstance(value, Hashable):
        value = labels.get(value, value)
    elif kind == "date" and isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    elif kind == "date" and isinstance(value, dt.date):
        return value
    elif kind == "int" and number:
        return int(value)
    elif kind == "decimal" and number:
        return Decimal(str(value)) if isinstance(value, float) else value
    elif kind == "money" and number:
        return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return safe_cell(str(value))


# --- CSV ---------------------------------------------------------------------------------------


class _Echo:
    """A file whose ``write`` returns the line, so ``csv.writer`` can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: Sequence[Column[T]], items: Iterable[T], *, style: Style | None = None) -> Iterator[str]:
    """The byte-order mark and the header first (before ``items`` is touched), then one line a row."""
    bound = Bound(columns, style or Style.for_language())
    writer = csv.writer(_Echo(), delimiter=bound.style.delimiter)
    yield ("\ufeff" if bound.style.bom else "") + writer.writerow(bound.head)
    for item in items:
        yield writer.writerow(bound.texts(item))


def csv_response(
    columns: Sequence[Column[T]], items: Iterable[T], filename: str, *, style: Style | None = None
) -> StreamingHttpResponse:
    lines = csv_lines(columns, items, style=style or Style.for_language())
    return attachment(StreamingHttpResponse(lines, content_type=CSV_TYPE), filename)


# --- .xlsx -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """A free cell with its own font, for a title block (``Sheet.line``)."""

    value: Any
    bold: bool = False
    size: float | None = None


class Sheet:
    """One write-only worksheet: free lines (a title block, signatures) and tables, in order."""

    def __init__(self, book: Workbook, title: str, widths: Sequence[int | None] = ()) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet: WriteOnlyWorksheet = book.create_sheet(title=_sheet_title(title))
        self.row = 0
        self._fonts: dict[tuple[bool, float | None], Any] = {}
        self._box: tuple[Any, Any] | None = None
        for n, width in enumerate(widths, start=1):
            if width:
                self.sheet.column_dimensions[get_column_letter(n)].width = width

    def line(
        self,
        values: Sequence[Any] = (),
        *,
        kinds: Sequence[str] = (),
        bold: bool = False,
        size: float | None = None,
        border: bool = False,
    ) -> None:
        """A row of free cells (or :class:`Styled` ones); text is made safe like any table cell,
        numbers stay numbers; ``kinds`` gives column types (``money``) for number formats."""
        self.cells([_free(v) for v in values], kinds=kinds, bold=bold, size=size, border=border)

    def merge(self, first_column: int, last_column: int) -> None:
        """Merge cells of the last written row (write-only sheets keep merges for the end)."""
        from openpyxl.utils import get_column_letter

        ref = f"{get_column_letter(first_column)}{self.row}:{get_column_letter(last_column)}{self.row}"
        self.sheet.merged_cells.add(ref)

    def table(
        self, columns: Sequence[Column[T]], items: Iterable[T], *, style: Style | None = None, border: bool = False
    ) -> None:
        """The bold header, then one row per item, typed by the columns."""
        bound = Bound(columns, style or Style.for_language())
        self.cells(bound.head, bold=True, border=border)
        kinds = [c.type for c in columns]
        for item in items:
            self.cells(bound.values(item), kinds=kinds, border=border)

    def cells(
        self,
        values: Sequence[Any],
        *,
        kinds: Sequence[str] = (),
        bold: bool = False,
        size: float | None = None,
        border: bool = False,
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        font = self._font(bold, size) if bold or size else None
        row = []
        for n, given in enumerate(values):
            value, cell_font = given, font
            if isinstance(given, Styled):
                value, cell_font = given.value, self._font(given.bold, given.size)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters .xlsx cannot hold
            money = isinstance(value, Decimal) and n < len(kinds) and kinds[n] == "money"
            if not (cell_font or border or money or isinstance(value, dt.date)):
                # A plain value costs openpyxl far less than a cell of its own. Text here has
                # been through ``safe_cell``: it never starts with "=", so it is a string cell.
                row.append(value)
                continue
            cell = WriteOnlyCell(self.sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif money:
                cell.number_format = MONEY_FORMAT
            if cell_font:
                cell.font = cell_font
            if border:
                cell.border, cell.alignment = self._boxed()
            row.append(cell)
        self.sheet.append(row)
        self.row += 1

    def _font(self, bold: bool, size: float | None) -> Any:
        """Fonts and borders are made once per sheet, not once per cell."""
        from openpyxl.styles import Font

        key = (bold, size)
        if key not in self._fonts:
            self._fonts[key] = Font(bold=bold, size=size)
        return self._fonts[key]

    def _boxed(self) -> tuple[Any, Any]:
        if self._box is None:
            from openpyxl.styles import Alignment, Border, Side

            thin = Side(style="thin")
            box = Border(left=thin, right=thin, top=thin, bottom=thin)
            self._box = (box, Alignment(wrap_text=True, vertical="top"))
        return self._box


def _free(value: Any) -> Any:
    if isinstance(value, Styled):
        return Styled(_free(value.value), bold=value.bold, size=value.size)
    if value is None or isinstance(value, (int, float, Decimal, dt.date)):
        return value
    return safe_cell(str(value))


def _sheet_title(title: str) -> str:
    return re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "Sheet"


def new_book() -> Workbook:
    from openpyxl import Workbook

    return Workbook(write_only=True)


def table_book(
    columns: Sequence[Column[T]], items: Iterable[T], *, sheet_title: str, style: Style | None = None
) -> Workbook:
    """A one-sheet workbook: a bold, frozen header with the columns' widths, then the rows.
    Rows go to openpyxl's own temporary file as they come; save the book once, at the end."""
    book = new_book()
    sheet = Sheet(book, sheet_title, [c.width or _default_width(c) for c in columns])
    sheet.sheet.freeze_panes = "A2"
    sheet.table(columns, items, style=style)
    return book


def write_xlsx(
    target: IO[bytes], columns: Sequence[Column[T]], items: Iterable[T], *, sheet_title: str, style: Style | None = None
) -> None:
    table_book(columns, items, sheet_title=sheet_title, style=style).save(target)


def _default_width(column: Column[Any]) -> int:
    return {"date": 12, "int": 10, "bool": 8, "money": 14, "decimal": 12}.get(column.type, max(14, len(column.key)))


def book_response(book: Workbook, filename: str) -> FileResponse:
    """Save a write-only workbook to a spooled temporary file and stream it in chunks."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)  # noqa: SIM115 - the response closes it
    book.save(spool)
    spool.seek(0)
    return attachment(FileResponse(spool, content_type=XLSX_TYPE), filename)


def xlsx_response(
    columns: Sequence[Column[T]], items: Iterable[T], filename: str, *, sheet_title: str, style: Style | None = None
) -> FileResponse:
    return book_response(table_book(columns, items, sheet_title=sheet_title, style=style), filename)


def export_response(
    columns: Sequence[Column[T]], items: Iterable[T], fmt: str, filename: str, *, sheet_title: str
) -> StreamingHttpResponse | None:
    """``fmt`` is ``csv`` or ``xlsx`` (the file name gets the extension); ``None`` for anything else."""
    if fmt == "csv":
        return csv_response(columns, items, f"{filename}.csv")
    if fmt == "xlsx":
        return xlsx_response(columns, items, f"{filename}.xlsx", sheet_title=sheet_title)
    return None


# --- HTTP --------------------------------------------------------------------------------------


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII-only ``filename`` and the real name per RFC 5987 (``filename*``)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("_") or "export"
    if ascii_name.startswith("."):
        ascii_name = "export" + ascii_name
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(response: Any, filename: str) -> Any:
    """Mark a response as a download that no cache keeps (exports carry personal data)."""
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
