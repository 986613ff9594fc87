"""The table kit's reader, cell parsers and row report: headers in three languages, encodings,
delimiters, the row cap and the guards against workbooks built to exhaust a worker."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.tables import cells
from biliktilik.core.tables.reader import Column, Headers, detect_encoding, estimate_rows, read_table, sniff_delimiter
from biliktilik.core.tables.report import RowProblem, format_problem, sort_problems
from biliktilik.people.enums import Sex
from biliktilik.people.iin import is_valid_iin, make_iin

COLUMNS = (
    Column("last_name", gettext_lazy("Last name"), required=True, kk=("Тегі",), ru=("Фамилия",)),
    Column("start_date", gettext_lazy("Start date"), kk=("Басталу күні",), ru=("Дата начала",)),
    Column("hours", "hours", kk=("Сағат",), ru=("Часы",)),
)


def csv_data(rows: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_data(rows: int, *, header: tuple[str, ...] = ("last_name", "hours")) -> bytes:
    """A workbook written in openpyxl's streaming mode, so that big test files stay cheap."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(list(header))
    for number in range(rows):
        sheet.append([f"Name{number}", number])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(data: bytes, change: Any) -> bytes:
    """The workbook with its first sheet's XML replaced by ``change(xml)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(item.filename, content)
    return buffer.getvalue()


def refusal(data: bytes, filename: str) -> str:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_table(data, filename, COLUMNS)
    assert (caught.value.code, caught.value.field) == (ErrorCode.IMPORT_FAILED, "file")
    return str(caught.value.message)


# --- headers, encodings, delimiters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("last_name", "last_name"),
        ("Last name", "last_name"),
        ("LAST-NAME *", "last_name"),
        ("Тегі", "last_name"),
        ("Фамилия", "last_name"),
        ("Басталу күні", "start_date"),
        ("Дата начала", "start_date"),
        ("Start date", "start_date"),
        ("Сағат", "hours"),
        ("Salary", None),
        ("", None),
    ],
)
def test_headers_in_kazakh_russian_and_english(title: str, code: str | None) -> None:
    assert Headers(COLUMNS).code_for(title) == code


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1251"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_every_encoding_and_delimiter_reads_the_same(encoding: str, delimiter: str) -> None:
    data = csv_data([["Фамилия", "Часы"], ["Иванов, мл.", "72"]], delimiter=delimiter, encoding=encoding)

    table = read_table(data, "data.csv", COLUMNS)

    assert detect_encoding(data) == ("cp1251" if encoding == "cp1251" else "utf-8-sig")
    assert table.columns == ["last_name", "hours"]
    assert table.rows == [(2, {"last_name": "Иванов, мл.", "hours": "72"})]
    assert table.problems == []


def test_a_kazakh_csv_in_utf8_is_read() -> None:
    table = read_table(csv_data([["Тегі"], ["Әбілқасымов"]]), "data.csv", COLUMNS)
    assert table.rows == [(2, {"last_name": "Әбілқасымов"})]


def test_a_csv_in_neither_encoding_is_refused() -> None:
    assert refusal("Тегі\r\n".encode() + b"\x98\xff\r\n", "data.csv").startswith(
        "The CSV file must be in UTF-8 or Windows-1251 encoding."
    )


def test_the_delimiter_is_the_commonest_of_the_header() -> None:
    assert sniff_delimiter("a;b;c,d") == ";"
    assert sniff_delimiter("a,b,c") == ","
    assert sniff_delimiter("a\tb") == "\t"


def test_header_problems_are_reported_on_the_header_row() -> None:
    with translation.override("en"):
        table = read_table(csv_data([[], ["hours", "Salary", "Часы"], ["1", "2", "3"]]), "data.csv", COLUMNS)
    assert table.header_row == 2
    assert table.problems == [
        RowProblem(2, "Salary", "Unknown column."),
        RowProblem(2, "hours", "The column appears more than once."),
        RowProblem(2, "last_name", "The column is missing."),
    ]


# --- the row cap and the guards --------------------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_row_cap_is_a_setting_and_names_itself(settings: Any, kind: str) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 50
    rows = [["last_name", "hours"], *[[f"N{n}", n] for n in range(51)]]
    data = xlsx_data(51) if kind == "xlsx" else csv_data(rows)

    message = refusal(data, f"data.{kind}")

    assert message == "The file has more than 50 rows: split it into files of at most 50 rows each."
    exactly = xlsx_data(50) if kind == "xlsx" else csv_data(rows[:51])
    assert len(read_table(exactly, f"data.{kind}", COLUMNS).rows) == 50


@pytest.mark.req("SEC-01")
def test_a_sheet_that_claims_more_rows_than_the_cap_is_refused_before_it_is_read(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 1000
    claims = with_sheet(
        xlsx_data(2), lambda xml: xml.replace(b"<sheetViews>", b'<dimension ref="A1:B1048576"/><sheetViews>', 1)
    )

    started = time.monotonic()
    assert refusal(claims, "data.xlsx").startswith("The file has more than 1000 rows")
    assert time.monotonic() - started < 2


@pytest.mark.req("SEC-01")
def test_a_sheet_with_far_more_rows_than_the_cap_stops_at_the_cap_in_bounded_memory(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 200
    big = xlsx_data(5_000)  # no declared dimension: only reading can tell

    tracemalloc.start()
    started = time.monotonic()
    try:
        message = refusal(big, "data.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message.startswith("The file has more than 200 rows")
    assert time.monotonic() - started < 3
    assert peak < 30 * 1024 * 1024


@pytest.mark.req("SEC-01")
def test_a_compression_bomb_is_refused_before_parsing() -> None:
    bomb = with_sheet(
        xlsx_data(1), lambda xml: xml.replace(b"</sheetData>", b" " * (20 * 1024 * 1024) + b"</sheetData>")
    )
    assert len(bomb) < 1024 * 1024

    assert refusal(bomb, "data.xlsx").startswith("The workbook unpacks to more than")


def test_the_unpacked_size_is_a_setting(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_UNCOMPRESSED_BYTES = 1000
    assert refusal(xlsx_data(5), "data.xlsx").startswith("The workbook unpacks to more than")


def test_a_flood_of_blank_rows_is_refused(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 10
    data = csv_data([["last_name"], *[[""]] * 30, ["A"]])
    assert refusal(data, "data.csv").startswith("The file has more than 10 rows")


# --- cells ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14.03.1985", dt.date(1985, 3, 14)),
        ("1985-03-14", dt.date(1985, 3, 14)),
        (31120, dt.date(1985, 3, 14)),  # an Excel serial in a number cell
        (31120.0, dt.date(1985, 3, 14)),
        (dt.datetime(1985, 3, 14, 0, 0), dt.date(1985, 3, 14)),  # noqa: DTZ001 - what openpyxl returns
    ],
)
def test_dates(value: Any, expected: dt.date) -> None:
    assert cells.date(value) == expected


@pytest.mark.parametrize("value", ["14/03/1985", "31.02.2020", "1985", 1.5, True])
def test_bad_dates(value: Any) -> None:
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.date(value)
    assert caught.value.message == "Enter a valid date."


@pytest.mark.parametrize(
    ("value", "expected"),
    [("иә", True), ("Жоқ", False), ("да", True), ("нет", False), ("yes", True), ("NO", False), (1, True), ("+", True)],
)
def test_booleans_in_three_languages(value: Any, expected: bool) -> None:
    assert cells.boolean(value) is expected


def test_a_bad_boolean() -> None:
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.boolean("maybe")
    assert caught.value.message == "Write yes or no."


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_choice_by_code_or_by_its_label_in_any_language(language: str) -> None:
    table = cells.choice_table(Sex)
    with translation.override(language):
        label = str(Sex.FEMALE.label)
    assert cells.choice(label.upper(), table) == Sex.FEMALE
    assert cells.choice("m", table) == Sex.MALE
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.choice("x", table)
    assert caught.value.message == "Unknown value “x”; use a code from the template."


def test_numbers() -> None:
    assert cells.decimal("1 234,5") == Decimal("1234.5")
    assert cells.decimal(72) == Decimal("72")
    assert cells.integer(3.0) == 3
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.integer("11", minimum=1, maximum=10)
    assert caught.value.message == "Enter a whole number from 1 to 10."
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.decimal("1.25", places=1)
    assert caught.value.message == "At most 1 digits after the decimal mark are allowed."
    with pytest.raises(cells.CellError):
        cells.decimal("NaN")


def test_iin_and_text() -> None:
    iin = make_iin(dt.date(2003, 1, 2), 17)
    assert iin.startswith("0")
    assert cells.iin(int(iin), is_valid=is_valid_iin) == iin
    assert cells.iin(f" {iin[:6]} {iin[6:]} ", is_valid=is_valid_iin) == iin
    with pytest.raises(cells.CellError):
        cells.iin("123", is_valid=is_valid_iin)
    assert cells.text(12.0, max_length=5) == "12"
    with pytest.raises(cells.CellError):
        cells.text("abcdef", max_length=5)


# --- the report ------------------------------------------------------------------------------------


def test_one_report_line_format_translated() -> None:
    problem = RowProblem(7, "hours", "Enter a number.")
    with translation.override("en"):
        assert format_problem(problem) == "row 7, column hours: Enter a number."
        assert format_problem(RowProblem(2, "", "Bad.")) == "row 2: Bad."
    with translation.override("ru"):
        assert format_problem(problem) != "row 7, column hours: Enter a number."
    assert RowProblem.from_json(problem.as_json()) == problem


def test_problems_sort_by_row_then_declared_column_without_repeats() -> None:
    problems = [RowProblem(3, "a", "x"), RowProblem(2, "b", "y"), RowProblem(2, "a", "z"), RowProblem(2, "b", "y")]
    assert sort_problems(problems, ["a", "b"]) == [
        RowProblem(2, "a", "z"),
        RowProblem(2, "b", "y"),
        RowProblem(3, "a", "x"),
    ]


def test_the_estimate_that_sends_an_import_to_the_background(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 500
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number in range(10):
        sheet.append([number])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert estimate_rows(buffer.getvalue(), "data.xlsx") == 10  # the declared size
    assert estimate_rows(xlsx_data(10), "data.xlsx") == 500  # none declared: the cap
    assert estimate_rows(csv_data([["a"], ["1"], ["2"]]), "data.csv") == 4  # lines, an upper bound


def test_a_file_plainly_over_the_cap_is_refused_by_the_estimate(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 10
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        estimate_rows(csv_data([["a"], *[[str(n)] for n in range(30)]]), "data.csv")
    assert str(caught.value.message).startswith("The file has more than 10 rows")
