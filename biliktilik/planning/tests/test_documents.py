"""The .xlsx of forms 602-01 and 602-05: layout, types, languages, formula-safe cells (SEC-01)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from biliktilik.org.models import Unit
from biliktilik.people.models import Person
from biliktilik.planning import documents
from biliktilik.planning.models import PlanItem

from .conftest import YEAR, approved_consolidated, approved_unit_schedule

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]


def _book(content: bytes) -> Any:
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    return load_workbook(io.BytesIO(content)).active


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _poison(world: Any) -> None:
    PlanItem.objects.update(topic=FORMULAS[0], provider_name=FORMULAS[1])
    Person.objects.filter(pk=world.people["d1_1"].pk).update(last_name=FORMULAS[2])
    Unit.objects.filter(pk=world.units["d1"].pk).update(name_kk=FORMULAS[3], name_ru=FORMULAS[3])


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize(
    ("language", "approve", "head"), [("kk", "БЕКІТЕМІН", "Тақырыбы"), ("ru", "УТВЕРЖДАЮ", "Тема")]
)
def test_unit_schedule_xlsx_in_kazakh_and_russian(routed: Any, language: str, approve: str, head: str) -> None:
    schedule = approved_unit_schedule(routed)
    content, name = documents.schedule_xlsx(schedule, language=language)
    assert name == f"602-01-{YEAR}-v{schedule.version}-{language}.xlsx"
    sheet = _book(content)
    rows = _rows(sheet)
    assert "602-01" in rows[0][0]
    assert rows[0][7] == approve
    assert sheet["H1"].font.bold
    title_row = next(n for n, r in enumerate(rows, start=1) if r[0] and str(YEAR) in str(r[0]))
    assert sheet.cell(row=title_row, column=1).font.bold
    assert f"A{title_row}:J{title_row}" in {str(r) for r in sheet.merged_cells.ranges}
    head_row = next(n for n, r in enumerate(rows) if r[3] == head)
    assert sheet.cell(row=head_row + 1, column=4).font.bold
    lines = rows[head_row + 1 : head_row + 3]
    assert [r[0] for r in lines] == [1, 2]
    assert {r[6] for r in lines} == {72}
    assert {r[9] for r in lines} == {150000}
    assert sheet.cell(row=head_row + 2, column=10).number_format == "#,##0.00"
    total = rows[head_row + 3]
    assert (total[6], total[9]) == (144, 300000)
    assert sheet.column_dimensions["D"].width == 36


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_schedule_xlsx_neutralises_formulas(routed: Any, language: str) -> None:
    consolidated = approved_consolidated(routed)
    _poison(routed)
    unit_schedule = consolidated.unit_schedules.first()
    for document in (unit_schedule, consolidated):
        rows = _rows(_book(documents.schedule_xlsx(document, language=language)[0]))
        texts = {v for r in rows for v in r if isinstance(v, str)}
        assert {"'" + FORMULAS[0], "'" + FORMULAS[1], "'" + FORMULAS[3]} <= texts
        assert [v for v in texts if v.startswith("'" + FORMULAS[2] + " ")]  # the full name
        assert not [v for v in texts if v and v[0] in "=+-@"]


@pytest.mark.req("PLN-03")
def test_consolidated_xlsx_has_the_budget_by_funding_source(routed: Any) -> None:
    consolidated = approved_consolidated(routed)
    rows = _rows(_book(documents.schedule_xlsx(consolidated, language="ru")[0]))
    assert rows[0][0] == "Форма 602-05"  # the default; an organisation prints its own code
    start = next(n for n, r in enumerate(rows) if r[0] == "Бюджет по источникам финансирования")
    assert rows[start + 1][:5] == ["Источник финансирования", "Чел.", "Мероприятий", "Часы", "Стоимость, тенге"]
    budget = rows[start + 2]
    assert budget[1:5] == [2, 2, 144, 300000]
    assert rows[start + 3][0] == "Итого"
    assert Decimal(str(rows[start + 3][4])) == Decimal(300000)
