"""The one reader of import files (.xlsx and .csv): streaming, bounded, with headers in kk/ru/en.

``read_table`` turns the uploaded bytes into numbered rows of cells keyed by column code. It
never holds more than the row cap in memory and refuses, before parsing, what would keep a
worker busy for minutes: a file over ``BILIKTILIK_IMPORT_MAX_BYTES``, a workbook whose zip
would unpack to more than ``BILIKTILIK_IMPORT_MAX_UNCOMPRESSED_BYTES`` or with a suspicious
compression ratio, a sheet that declares more rows than the cap allows, and, while reading,
more than ``BILIKTILIK_IMPORT_MAX_ROWS`` rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import override

from biliktilik.core.errors import ApplicationError, ErrorCode

from . import report as problems
from .report import RowProblem

FILE_KINDS = (".xlsx", ".csv")
# Cells to the right of this column are not read.
MAX_COLUMNS = 200
# A workbook part bigger than this must not unpack more than ``max_ratio`` times its packed size.
_RATIO_FLOOR = 1024 * 1024
_MAX_ZIP_ENTRIES = 1000
CSV_ENCODINGS = ("utf-8-sig", "cp1251")
_PROGRESS_EVERY = 500

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Column:
    """A column of an import file: its code (the header of the template), what the page shows,
    and the header titles also accepted in Kazakh and Russian (data, not interface text: they
    must be recognised whatever the catalogs hold)."""

    code: str
    title: Promise | str
    description: Promise | str = ""
    example: str = ""
    required: bool = False
    kk: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()

    @property
    def title_kk(self) -> str:
        return self.title_in("kk")

    @property
    def title_ru(self) -> str:
        return self.title_in("ru")

    def title_in(self, language: str) -> str:
        """The header title in ``language``: the Kazakh or Russian title of the table, else English."""
        if language.startswith("kk") and self.kk:
            return self.kk[0]
        if language.startswith("ru") and self.ru:
            return self.ru[0]
        with override("en"):
            return str(self.title)

    def description_in(self, language: str) -> str:
        with override(language):
            return str(self.description)


def normalise_header(value: str) -> str:
    """Lower case, no surrounding spaces, runs of spaces, dashes and underscores as one space,
    a trailing ``*`` (a "required" mark) dropped, Russian ``ё`` as ``е``."""
    text = value.strip().rstrip("*").strip().casefold().replace("ё", "е")
    return re.sub(r"[\s_\-]+", " ", text)


class Headers:
    """Which column a header cell names: its code, its English title, a listed Kazakh or Russian
    title, or the title as the catalogs translate it."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self._aliases: dict[str, str] = {}
        for column in self.columns:
            names = [column.code, *column.kk, *column.ru]
            with override("en"):
                names.append(str(column.title))
            for name in names:
                self._aliases.setdefault(normalise_header(name), column.code)
        self._translated: dict[str, str] | None = None

    def code_for(self, value: str) -> str | None:
        key = normalise_header(value)
        if not key:
            return None
        code = self._aliases.get(key)
        if code is not None:
            return code
        if self._translated is None:
            self._translated = {}
            for column in self.columns:
                for language in ("kk", "ru"):
                    with override(language):
                        self._translated.setdefault(normalise_header(str(column.title)), column.code)
        return self._translated.get(key)


@dataclass
class Table:
    header_row: int = 0
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_uncompressed: int
    max_ratio: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=int(getattr(settings, "BILIKTILIK_IMPORT_MAX_BYTES", 10 * 1024 * 1024)),
            max_rows=int(getattr(settings, "BILIKTILIK_IMPORT_MAX_ROWS", 20_000)),
            max_uncompressed=int(getattr(settings, "BILIKTILIK_IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)),
            max_ratio=int(getattr(settings, "BILIKTILIK_IMPORT_MAX_COMPRESSION_RATIO", 100)),
        )

    @property
    def max_physical_rows(self) -> int:
        """Rows counted with the blank ones: twice the cap, then the file is refused."""
        return 2 * self.max_rows + 1


def refuse(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.IMPORT_FAILED, field="file")


def _too_many_rows(limits: Limits) -> ApplicationError:
    return refuse(
        _("The file has more than %(limit)d rows: split it into files of at most %(limit)d rows each.")
        % {"limit": limits.max_rows}
    )


def read_limited(file: IO[bytes], limits: Limits | None = None) -> bytes:
    """The file's bytes, refusing a file larger than ``BILIKTILIK_IMPORT_MAX_BYTES``."""
    limits = limits or Limits.from_settings()
    data = file.read(limits.max_bytes + 1)
    check_size(data, limits)
    return data


def check_size(data: bytes, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if len(data) > limits.max_bytes:
        raise refuse(
            _("The file is too large: at most %(size)s may be imported at once.")
            % {"size": filesizeformat(limits.max_bytes)}
        )


def file_kind(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in FILE_KINDS:
        raise refuse(
            _("Unknown file type “%(suffix)s”: import an Excel workbook (.xlsx) or a CSV file (.csv).")
            % {"suffix": suffix or filename}
        )
    return suffix


def estimate_rows(data: bytes, filename: str, limits: Limits | None = None) -> int:
    """A cheap upper estimate of the rows of a file, after the size and zip checks: the lines of
    a CSV file, the declared dimension of a sheet (a sheet that declares none counts as the cap).
    Used to decide whether an import runs in the background; a file that is plainly over the row
    cap (more than twice as many lines or declared rows) is refused here."""
    limits = limits or Limits.from_settings()
    check_size(data, limits)
    if file_kind(filename) == ".csv":
        estimate = data.count(b"\n") + 1
    else:
        workbook = _open_workbook(data, limits)
        try:
            declared = _declared_rows(workbook, limits)
        finally:
            workbook.close()
        estimate = declared if declared is not None else limits.max_rows
    if estimate > limits.max_physical_rows:
        # Refused at once, on the page, rather than by a background job later.
        raise _too_many_rows(limits)
    return estimate


def read_table(
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    *,
    progress: Progress | None = None,
    limits: Limits | None = None,
    check_header: Callable[[Table], Iterable[RowProblem]] | None = None,
) -> Table:
    """The rows of the first sheet (or of the CSV file) below the first non-empty row, which
    names the columns. Problems of the header row go to ``Table.problems``; a file that cannot be
    read at all raises ``ApplicationError`` (code ``import_failed``, field ``file``).
    ``check_header`` adds the import's own problems of the header row (e.g. "one of two columns")."""
    limits = limits or Limits.from_settings()
    check_size(data, limits)
    kind = file_kind(filename)
    if not data.strip():
        raise refuse(_("The file is empty."))
    if kind == ".xlsx":
        workbook = _open_workbook(data, limits)
        try:
            declared = _declared_rows(workbook, limits)
            if declared is not None and declared > limits.max_physical_rows:
                raise _too_many_rows(limits)
            sheet: Any = workbook.worksheets[0]
            sheet.reset_dimensions()  # the declared size may be wrong; read what is there
            raw = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            return _tabulate(enumerate(raw, start=1), Headers(columns), limits, progress, check_header)
        finally:
            workbook.close()
    return _tabulate(_csv_rows(data), Headers(columns), limits, progress, check_header)


# --- xlsx ---------------------------------------------------------------------------------------


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise refuse(_("The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook”.")) from exc
    with archive:
        entries = archive.infolist()
    unpacked = sum(entry.file_size for entry in entries)
    suspicious = any(
        entry.file_size > _RATIO_FLOOR and entry.file_size > limits.max_ratio * max(entry.compress_size, 1)
        for entry in entries
    )
    if len(entries) > _MAX_ZIP_ENTRIES or unpacked > limits.max_uncompressed or suspicious:
        raise refuse(
            _(
                "The workbook unpacks to more than %(size)s or is packed suspiciously tightly: "
                "save only the data in a new workbook and retry."
            )
            % {"size": filesizeformat(limits.max_uncompressed)}
        )


def _open_workbook(data: bytes, limits: Limits) -> Any:
    from openpyxl import load_workbook

    _check_zip(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged workbook
        raise refuse(_("The workbook could not be read. Save it again in Excel and retry.")) from exc
    if not workbook.worksheets:
        workbook.close()
        raise refuse(_("The workbook has no sheets."))
    return workbook


def _declared_rows(workbook: Any, limits: Limits) -> int | None:
    """The number of rows the first sheet says it has (its ``dimension``), if it says."""
    sheet = workbook.worksheets[0]
    try:
        declared = sheet.max_row
    except Exception:  # a damaged dimension is the same as none  # noqa: BLE001
        return None
    return int(declared) if declared else None


# --- csv ----------------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without the byte-order mark Excel writes), else Windows-1251, which
    Excel in Russian and Kazakh writes for "CSV (comma delimited)"."""
    for encoding in CSV_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise refuse(_("The CSV file must be in UTF-8 or Windows-1251 encoding. In Excel, save it as “CSV UTF-8”."))


def sniff_delimiter(first_line: str) -> str:
    """``;`` (Excel in Kazakh and Russian), ``,`` or a tab: whichever the header row has most of."""
    return max((";", ",", "\t"), key=first_line.count)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    encoding = detect_encoding(data)
    head = io.TextIOWrapper(io.BytesIO(data[: 64 * 1024]), encoding=encoding, errors="ignore", newline="")
    first_line = next((line for line in head if line.strip()), "")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(stream, delimiter=sniff_delimiter(first_line))
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells[:MAX_COLUMNS]
    except csv.Error as exc:
        raise refuse(_("The CSV file could not be read: %(error)s") % {"error": exc}) from exc


# --- rows ---------------------------------------------------------------------------------------


def _clean_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def _tabulate(
    raw_rows: Iterator[tuple[int, Sequence[Any]]],
    headers: Headers,
    limits: Limits,
    progress: Progress | None,
    check_header: Callable[[Table], Iterable[RowProblem]] | None,
) -> Table:
    table = Table()
    positions: list[tuple[int, str]] | None = None
    for number, values in raw_rows:
        if number > limits.max_physical_rows:
            raise _too_many_rows(limits)
        cleaned = [_clean_cell(v) for v in values]
        if not any(v != "" for v in cleaned):
            continue
        if positions is None:
            positions = _read_header(table, number, cleaned, headers)
            if check_header is not None:
                table.problems.extend(check_header(table))
            continue
        cells = {code: (cleaned[index] if index < len(cleaned) else "") for index, code in positions}
        if not any(v != "" for v in cells.values()):
            continue
        table.rows.append((number, cells))
        if len(table.rows) > limits.max_rows:
            raise _too_many_rows(limits)
        if progress is not None and len(table.rows) % _PROGRESS_EVERY == 0:
            progress(len(table.rows))
    if positions is None:
        raise refuse(_("The file is empty."))
    if not table.rows and not table.problems:
        raise refuse(_("The file has no rows below the header."))
    return table


def _read_header(table: Table, number: int, header: list[Any], headers: Headers) -> list[tuple[int, str]]:
    table.header_row = number
    positions: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, title in enumerate(header):
        if title == "":
            continue
        code = headers.code_for(str(title))
        if code is None:
            table.problems.append(problems.unknown_column(number, str(title)))
            continue
        if code in seen:
            table.problems.append(problems.duplicate_column(number, code))
            continue
        seen.add(code)
        positions.append((index, code))
    for column in headers.columns:
        if column.required and column.code not in seen:
            table.problems.append(problems.missing_column(number, column.code))
    table.columns = [code for _index, code in positions]
    return positions
