"""``manage.py compliance_report`` in its three formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def setup_two(campus: Any) -> tuple[Any, Any]:
    lecturer = campus.hire()
    campus.record(lecturer, dt.date(2024, 3, 1), 72)
    clerk = campus.hire(position="specialist", start=dt.date(2024, 9, 1))
    return lecturer, clerk


def test_csv_to_standard_output(campus: Any) -> None:
    lecturer, clerk = setup_two(campus)
    out = io.StringIO()
    call_command("compliance_report", organisation="skma", on="2025-06-01", format="csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2 * 4
    mine = {(r["person_id"], r["requirement"]): r for r in rows}
    row = mine[(str(lecturer.public_id), "skma-464/skma-464-faculty-72h")]
    assert (row["iin"], row["status"], row["counted"], row["required"], row["due_date"]) == (
        lecturer.iin,
        "compliant",
        "72",
        "72",
        "2027-03-01",
    )
    row = mine[(str(clerk.public_id), "skma-464/skma-464-every-employee")]
    assert (row["status"], row["measure"], row["counted"], row["required"], row["due_date"], row["due_basis"]) == (
        "compliant",
        "activities",
        "0",
        "1",
        "2027-09-01",
        "hiring",
    )
    assert mine[(str(clerk.public_id), "skma-464/skma-464-faculty-72h")]["status"] == "not_applicable"


def test_json_and_xlsx_files(campus: Any, tmp_path: Path) -> None:
    setup_two(campus)
    target = tmp_path / "r.json"
    call_command("compliance_report", organisation="skma", on="2025-06-01", format="json", output=str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data) == 8
    assert set(data[0]) >= {"person_id", "iin", "requirement", "status", "counted", "required", "due_date"}
    book_path = tmp_path / "r.xlsx"
    call_command("compliance_report", organisation="skma", on="2025-06-01", format="xlsx", output=str(book_path))
    rows = list(load_workbook(book_path, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("person_id", "iin")
    assert len(rows) == 9


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_report_neutralises_formulas(campus: Any, tmp_path: Path, fmt: str) -> None:
    lecturer, clerk = setup_two(campus)
    type(lecturer).objects.filter(pk=lecturer.pk).update(last_name="=HYPERLINK(1)", first_name="@x")
    type(clerk).objects.filter(pk=clerk.pk).update(last_name="+1", first_name="-2")
    target = tmp_path / f"r.{fmt}"
    call_command("compliance_report", organisation="skma", on="2025-06-01", format=fmt, output=str(target))
    if fmt == "csv":
        rows = [list(r.values()) for r in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))]
    else:
        rows = [list(r) for r in load_workbook(target).active.iter_rows(min_row=2, values_only=True)]
    names = {(r[2], r[3]) for r in rows}
    assert names == {("'=HYPERLINK(1)", "'@x"), ("'+1", "'-2")}
    counted = {r[11] for r in rows}
    assert counted >= ({"72", "0"} if fmt == "csv" else {72, 0})  # numbers are not prefixed


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param({"organisation": "nope"}, "Unknown organisation code", id="unknown-organisation"),
        pytest.param({"organisation": "skma", "on": "01.06.2025"}, "--on must be a day as YYYY-MM-DD", id="bad-date"),
        pytest.param({"organisation": "skma", "on": "2025-13-01"}, "--on must be a day as", id="bad-month"),
        pytest.param({"organisation": "skma", "on": "abc"}, "--on must be a day as", id="not-a-date"),
        pytest.param({"organisation": "skma", "on": "9999-07-01"}, "--on must be a day from 1990-01-01", id="too-late"),
        pytest.param({"organisation": "skma", "on": "1900-01-01"}, "--on must be a day from", id="too-early"),
        pytest.param({"organisation": "skma", "unit": "nope"}, "No unit “nope”", id="unknown-unit"),
        pytest.param({"organisation": "skma", "format": "xlsx"}, "--output", id="xlsx-needs-output"),
    ],
)
def test_bad_arguments(campus: Any, options: dict, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("compliance_report", **options)


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize(
    ("language", "message"),
    [("ru", "должен быть днём"), ("kk", "күн болуы керек"), ("en", "must be a day")],
)
def test_errors_come_in_the_language_asked_for(campus: Any, language: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("compliance_report", organisation="skma", on="abc", language=language)


def test_an_unknown_language_is_refused(campus: Any) -> None:
    with pytest.raises(CommandError, match="--language"):
        call_command("compliance_report", "--language", "de", organisation="skma")
