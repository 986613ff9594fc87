"""Reading staff import files: file types, headers in three languages, cells. Also the helpers the
other import tests build their files with."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.people.iin import make_iin
from biliktilik.people.importing import cells
from biliktilik.people.importing.columns import COLUMNS, column_for_header
from biliktilik.people.importing.reading import RowError, read_limited, read_table

HEADER = [
    "iin",
    "last_name",
    "first_name",
    "middle_name",
    "unit_code",
    "position_code",
    "rate",
    "start_date",
]


def iin_for(serial: int, *, born: dt.date = dt.date(1980, 5, 17), female: bool = False) -> str:
    return make_iin(born, serial, female=female)


def staff_row(serial: int, *, unit: str = "D1", position: str = "lecturer", **overrides: Any) -> dict[str, Any]:
    """A valid row for the world fixture's university (HR officer's organisation)."""
    row: dict[str, Any] = {
        "iin": iin_for(serial),
        "last_name": f"Тестов{serial}",
        "first_name": "Асқар",
        "middle_name": "Бекұлы",
        "unit_code": unit,
        "position_code": position,
        "rate": "1",
        "start_date": "01.09.2021",
    }
    row.update(overrides)
    return row


def as_table(rows: Sequence[dict[str, Any]], header: Sequence[str] | None = None) -> list[list[Any]]:
    columns = list(header or dict.fromkeys(key for row in rows for key in row))
    return [columns, *[[row.get(c, "") for c in columns] for row in rows]]


def xlsx_bytes(table: list[list[Any]], *, sheet: str = "Staff") -> bytes:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    for values in table:
        ws.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(table: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for values in table:
        writer.writerow(values)
    return buffer.getvalue().encode(encoding)


def file_of(rows: Sequence[dict[str, Any]], kind: str = "xlsx", header: Sequence[str] | None = None) -> bytes:
    table = as_table(rows, header)
    return xlsx_bytes(table) if kind == "xlsx" else csv_bytes(table)


# --- file types and sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename", ["staff.xls", "staff.ods", "staff.txt", "staff"], ids=["xls", "ods", "txt", "none"]
)
def test_unknown_file_type_is_refused_with_a_clear_message(filename: str) -> None:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_table(b"anything", filename)

    assert caught.value.code == ErrorCode.IMPORT_FAILED
    assert "import an Excel workbook (.xlsx) or a CSV file (.csv)" in str(caught.value.message)


def test_a_file_larger_than_the_setting_is_refused(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_BYTES = 100

    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_limited(io.BytesIO(b"x" * 101))

    assert caught.value.code == ErrorCode.IMPORT_FAILED
    assert str(caught.value.message) == "The file is too large: at most 100\xa0bytes may be imported at once."


def test_a_file_of_exactly_the_limit_is_read(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_BYTES = 100

    assert read_limited(io.BytesIO(b"x" * 100)) == b"x" * 100


def test_an_xlsx_name_on_something_that_is_not_a_workbook_is_refused() -> None:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_table(b"iin;last_name\r\n", "staff.xlsx")

    assert str(caught.value.message).startswith("The file is not an Excel workbook (.xlsx).")


def test_a_csv_in_windows_1251_is_read() -> None:
    data = csv_bytes([["last_name"], ["Иванов"]], encoding="cp1251")

    table = read_table(data, "staff.csv")

    assert table.rows == [(2, {"last_name": "Иванов"})]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_csv_delimiter_is_found_from_the_header(delimiter: str) -> None:
    data = csv_bytes(as_table([staff_row(1, last_name="Әлиев, мл.")]), delimiter=delimiter)

    table = read_table(data, "staff.csv")

    assert table.problems == []
    assert table.columns == HEADER
    assert table.rows == [(2, {**staff_row(1, last_name="Әлиев, мл.")})]


def test_xlsx_rows_keep_their_spreadsheet_numbers_and_empty_rows_are_skipped() -> None:
    data = xlsx_bytes([HEADER, [], list(staff_row(1).values()), [None] * 8, list(staff_row(2).values())])

    table = read_table(data, "STAFF.XLSX")

    assert [number for number, _cells in table.rows] == [3, 5]


def test_an_empty_file_is_refused() -> None:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_table(csv_bytes([["", ""], ["", ""]]), "staff.csv")

    assert str(caught.value.message) == "The file is empty."


def test_a_header_without_rows_is_refused() -> None:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        read_table(csv_bytes([HEADER]), "staff.csv")

    assert str(caught.value.message) == "The file has no rows below the header."


# --- headers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("last_name", "last_name"),
        ("Last name", "last_name"),
        ("Тегі", "last_name"),
        ("Фамилия", "last_name"),
        ("ФАМИЛИЯ *", "last_name"),
        ("ЖСН", "iin"),
        ("ИИН", "iin"),
        ("Бөлімше коды", "unit_code"),
        ("Код подразделения", "unit_code"),
        ("Лауазым коды", "position_code"),
        ("Код должности", "position_code"),
        ("Дата приёма", "start_date"),
        ("Дата приема", "start_date"),
        ("Срок конкурса, лет", "competition_term_years"),
        ("position-code", "position_code"),
    ],
    ids=lambda value: str(value),
)
def test_headers_are_accepted_in_english_kazakh_and_russian(title: str, code: str) -> None:
    assert column_for_header(title) == code


def test_every_column_has_a_kazakh_and_a_russian_title() -> None:
    assert all(column.kk and column.ru for column in COLUMNS)
    assert {column_for_header(column.title_kk) for column in COLUMNS} == {column.code for column in COLUMNS}
    assert {column_for_header(column.title_ru) for column in COLUMNS} == {column.code for column in COLUMNS}


def test_a_russian_header_row_is_read() -> None:
    header = ["ИИН", "Фамилия", "Имя", "Код подразделения", "Код должности", "Дата начала"]
    data = csv_bytes([header, [iin_for(1), "Иванов", "Сергей", "D1", "lecturer", "01.09.2021"]])

    table = read_table(data, "staff.csv")

    assert table.problems == []
    assert table.columns == ["iin", "last_name", "first_name", "unit_code", "position_code", "start_date"]


def test_unknown_duplicate_and_missing_columns_are_reported_on_the_header_row() -> None:
    header = ["", "Salary", "last_name", "Фамилия", "unit_code", "position_code", "start_date"]
    data = csv_bytes([[""], header, ["", "1", "A", "A", "D1", "lecturer", "01.09.2021"]])

    with translation.override("en"):
        table = read_table(data, "staff.csv")

    assert table.header_row == 2
    assert table.problems == [
        RowError(2, "Salary", "Unknown column."),
        RowError(2, "last_name", "The column appears more than once."),
        RowError(2, "first_name", "The column is missing."),
    ]


# --- cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14.03.1985", dt.date(1985, 3, 14)),
        ("4.3.1985", dt.date(1985, 3, 4)),
        ("1985-03-14", dt.date(1985, 3, 14)),
        (dt.datetime(1985, 3, 14), dt.date(1985, 3, 14)),  # noqa: DTZ001 - what openpyxl returns
        (dt.date(1985, 3, 14), dt.date(1985, 3, 14)),
    ],
    ids=["dd.mm.yyyy", "d.m.yyyy", "iso", "excel-datetime", "date"],
)
def test_dates_are_read(value: Any, expected: dt.date) -> None:
    assert cells.date(value) == expected


@pytest.mark.parametrize(
    "value", ["14/03/1985", "31.02.2020", "1985", 31120.5], ids=["slashes", "no-such-day", "year", "fraction"]
)
def test_other_date_forms_are_refused(value: Any) -> None:
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.date(value)

    assert caught.value.message == "Enter a valid date."


def test_an_iin_typed_as_a_number_gets_its_leading_zero_back() -> None:
    iin = make_iin(dt.date(2003, 5, 7), 77)
    assert iin.startswith("0")

    assert cells.iin(int(iin)) == iin
    assert cells.iin(float(int(iin))) == iin


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", "1.00"), ("0,5", "0.50"), (0.25, "0.25"), ("2", "2.00")],
    ids=["one", "comma", "float", "two"],
)
def test_rates_are_read(value: Any, expected: str) -> None:
    assert str(cells.rate(value)) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "The rate must be more than 0 and at most 2."),
        ("2.5", "The rate must be more than 0 and at most 2."),
        ("0.333", "The rate may have at most two decimal places."),
        ("full", "Enter a number."),
    ],
    ids=["zero", "too-much", "three-places", "word"],
)
def test_bad_rates_are_refused(value: Any, message: str) -> None:
    with translation.override("en"), pytest.raises(cells.CellError) as caught:
        cells.rate(value)

    assert caught.value.message == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("f", "f"), ("M", "m"), ("әйел", "f"), ("ер", "m"), ("Ж", "f"), ("мужской", "m"), ("Female", "f")],
    ids=["f", "M", "kk-female", "kk-male", "ru-f", "ru-male", "en-female"],
)
def test_sex_is_read_in_three_languages(value: str, expected: str) -> None:
    assert cells.sex(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("faculty", "faculty"), ("FACULTY", "faculty"), ("Faculty", "faculty"), ("research", "research")],
    ids=["code", "upper", "english-name", "research"],
)
def test_categories_are_read_by_code_or_name(value: str, expected: str) -> None:
    assert cells.category(value) == expected


def test_the_documentation_lists_every_column_with_its_titles() -> None:
    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "import-staff.md").read_text(encoding="utf-8")

    for column in COLUMNS:
        required = "yes " if column.required else ""
        assert f"| `{column.code}` | {column.title_kk} / {column.title_ru} | {required}|" in text
