"""The table kit's export writer: formula-safe cells, types, dialects per language, streaming."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl import load_workbook

from biliktilik.core.tables.export import (
    MACHINE,
    Column,
    Style,
    content_disposition,
    csv_lines,
    csv_response,
    export_response,
    safe_cell,
    write_xlsx,
    xlsx_response,
)

DANGEROUS = ['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\rCR"]


@dataclass
class Thing:
    name: str
    count: int
    amount: Decimal
    cost: Decimal
    day: dt.date | None
    done: bool
    kind: str


class CountingLabel:
    """A label that counts how often it is turned into text."""

    calls = 0

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        CountingLabel.calls += 1
        return self.text


COLUMNS: list[Column[Thing]] = [
    Column("name", "Name", lambda t: t.name),
    Column("count", "Count", lambda t: t.count, type="int"),
    Column("amount", "Amount", lambda t: t.amount, type="decimal"),
    Column("cost", "Cost", lambda t: t.cost, type="money", width=20),
    Column("day", "Day", lambda t: t.day, type="date"),
    Column("done", "Done", lambda t: t.done, type="bool"),
    Column("kind", "Kind", lambda t: t.kind, type="choice", choices=[("a", "Alpha"), ("b", "=Beta")]),
]


def thing(name: str = "Plain", **extra: Any) -> Thing:
    values: dict[str, Any] = {
        "count": -7,
        "amount": Decimal("-72.5"),
        "cost": Decimal("1234567.5"),
        "day": dt.date(2025, 3, 9),
        "done": True,
        "kind": "a",
    }
    values.update(extra)
    return Thing(name=name, **values)


def read_csv(lines: Iterator[str], delimiter: str) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def xlsx_rows(items: list[Thing], **kwargs: Any) -> Any:
    out = io.BytesIO()
    write_xlsx(out, COLUMNS, items, sheet_title="Things", **kwargs)
    out.seek(0)
    return out


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("text", DANGEROUS)
def test_safe_cell_prefixes_what_a_spreadsheet_would_run(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("Plain " + text) == "Plain " + text
    assert safe_cell("") == ""


@pytest.mark.req("SEC-01")
def test_csv_neutralises_every_formula_text_but_keeps_negative_numbers() -> None:
    with translation.override("en"):
        rows = read_csv(csv_lines(COLUMNS, [thing(t) for t in DANGEROUS]), ",")
    assert [r[0] for r in rows[1:]] == ["'" + t for t in DANGEROUS]
    assert {r[1] for r in rows[1:]} == {"-7"}
    assert {r[2] for r in rows[1:]} == {"-72.5"}
    rows = read_csv(csv_lines(COLUMNS, [thing(kind="b")], style=Style.for_language("en")), ",")
    assert rows[1][6] == "'=Beta"  # a label from data or a catalog is text like any other


@pytest.mark.req("SEC-01")
def test_xlsx_writes_formula_text_as_prefixed_string_cells_and_numbers_as_numbers() -> None:
    out = xlsx_rows([thing(t) for t in DANGEROUS])
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # not one formula in the file
    out.seek(0)
    sheet = load_workbook(out).active
    for n, text in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row=n, column=1)
        assert (cell.value, cell.data_type) == ("'" + text, "s")
        assert sheet.cell(row=n, column=2).value == -7
        assert sheet.cell(row=n, column=3).value == -72.5


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_csv_in_kazakh_and_russian_uses_semicolons_decimal_commas_and_day_month_year(language: str) -> None:
    with translation.override(language):
        rows = read_csv(csv_lines(COLUMNS, [thing(), thing(day=None, done=False, kind="zz")]), ";")
        yes, no = translation.gettext("yes"), translation.gettext("no")
    assert rows[0] == ["Name", "Count", "Amount", "Cost", "Day", "Done", "Kind"]
    assert rows[1] == ["Plain", "-7", "-72,5", "1234567,50", "09.03.2025", yes, "Alpha"]
    assert rows[2][4:] == ["", no, "zz"]  # an unknown code stays the code


@pytest.mark.req("I18N-01")
def test_csv_in_english_uses_commas_and_a_decimal_point() -> None:
    with translation.override("en"):
        rows = read_csv(csv_lines(COLUMNS, [thing()]), ",")
    assert rows[1] == ["Plain", "-7", "-72.5", "1234567.50", "09.03.2025", "yes", "Alpha"]


def test_machine_style_has_keys_codes_iso_dates_and_no_bom() -> None:
    text = "".join(csv_lines(COLUMNS, [thing()], style=MACHINE))
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [c.key for c in COLUMNS]
    assert rows[1] == ["Plain", "-7", "-72.5", "1234567.50", "2025-03-09", "true", "a"]


def test_choice_labels_are_resolved_once_per_export_not_per_cell() -> None:
    CountingLabel.calls = 0
    columns: list[Column[Thing]] = [
        Column("kind", "Kind", lambda t: t.kind, type="choice", choices=[("a", CountingLabel("Alpha"))])
    ]
    lines = list(csv_lines(columns, [thing() for _ in range(50)], style=Style.for_language("en")))
    assert lines[1] == "Alpha\r\n"
    assert CountingLabel.calls == 1


def test_xlsx_types_formats_bold_header_and_widths() -> None:
    sheet = load_workbook(xlsx_rows([thing()])).active
    head = sheet[1]
    assert [c.value for c in head] == ["Name", "Count", "Amount", "Cost", "Day", "Done", "Kind"]
    assert all(c.font.bold for c in head)
    row = sheet[2]
    assert row[1].value == -7
    assert row[3].value == 1234567.5
    assert row[3].number_format == "#,##0.00"
    assert row[4].value == dt.datetime(2025, 3, 9)
    assert row[4].number_format == "DD.MM.YYYY"
    assert sheet.column_dimensions["D"].width == 20
    assert sheet.freeze_panes == "A2"


def test_csv_response_streams_the_header_before_reading_any_row() -> None:
    pulled: list[int] = []

    def rows() -> Iterator[Thing]:
        for n in range(3):
            pulled.append(n)
            yield thing(f"Row {n}")

    response = csv_response(COLUMNS, rows(), "things.csv", style=Style.for_language("en"))
    assert isinstance(response, StreamingHttpResponse)
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.startswith("\ufeff".encode())
    assert b"Name,Count" in first
    assert pulled == []
    next(chunks)
    assert pulled == [0]
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_xlsx_response_is_a_file_streamed_in_chunks() -> None:
    response = xlsx_response(COLUMNS, iter([thing()]), "things.xlsx", sheet_title="Things")
    assert isinstance(response, FileResponse)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK"
    assert int(response["Content-Length"]) == len(content)


def test_export_response_picks_the_format_or_none() -> None:
    assert export_response(COLUMNS, [], "pdf", "x", sheet_title="X") is None
    response = export_response(COLUMNS, [], "csv", "things", sheet_title="X")
    assert response is not None
    assert "things.csv" in response["Content-Disposition"]


def test_content_disposition_has_an_ascii_name_and_the_real_one() -> None:
    assert content_disposition("pd-records.csv") == (
        "attachment; filename=\"pd-records.csv\"; filename*=UTF-8''pd-records.csv"
    )
    header = content_disposition('Есеп "2025".xlsx')
    assert header.startswith('attachment; filename="2025_.xlsx"; ')
    assert header.endswith("filename*=UTF-8''%D0%95%D1%81%D0%B5%D0%BF%20%222025%22.xlsx")
    assert content_disposition("Қазақ.csv").startswith('attachment; filename="export.csv"')
    assert "\n" not in content_disposition("a\r\nSet-Cookie: x.csv")


def test_xlsx_drops_control_characters_it_cannot_hold() -> None:
    sheet = load_workbook(xlsx_rows([thing("Bad\x01name\x1f")])).active
    assert sheet["A2"].value == "Badname"


def test_plain_text_cells_are_string_cells_too() -> None:
    sheet = load_workbook(xlsx_rows([thing("Plain"), thing("'quoted")])).active
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [("Plain", "s"), ("'quoted", "s")]
