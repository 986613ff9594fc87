"""Forms KazNRTU 602-01 (unit schedule) and 602-05 (consolidated schedule) as .xlsx and PDF, in
Kazakh and Russian (I18N-01).

The wording of the printed forms (title block, column heads, signature lines) is the official
text of the forms in each language, kept here like the route templates keep their step titles;
the names of choices (forms of PD, funding sources) come from the catalogs under
``translation.override``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .models import ConsolidatedSchedule, UnitSchedule

TEXT: dict[str, dict[str, str]] = {
    "kk": {
        "approve": "БЕКІТЕМІН",
        "not_approved": "Бекітілмеген",
        "unit_title": "{unit} біліктілікті арттыру кестесі, {year} жыл",
        "consolidated_title": "{organisation} қызметкерлерінің біліктілігін арттырудың жиынтық кестесі, {year} жыл",
        "form_unit": "ҚазҰТЗУ 602-01 нысаны",
        "form_consolidated": "ҚазҰТЗУ 602-05 нысаны",
        "n": "№",
        "person": "Т.А.Ә.",
        "unit": "Бөлімше",
        "topic": "Тақырыбы",
        "form": "Нысаны",
        "dates": "Мерзімі",
        "hours": "Сағат",
        "provider": "Ұйымдастырушы",
        "funding": "Қаржыландыру көзі",
        "cost": "Құны, теңге",
        "total": "Барлығы",
        "budget": "Қаржыландыру көздері бойынша бюджет",
        "people": "Адам",
        "activities": "Іс-шара",
        "minutes": "Бөлімше отырысында талқыланды: {date}, хаттама № {number}, қатысқандар {present}",
        "head_sign": "Бөлімше басшысы",
        "compiled_sign": "Құрастырған",
        "date": "Күні",
        "version": "нұсқа {version}",
    },
    "ru": {
        "approve": "УТВЕРЖДАЮ",
        "not_approved": "Не утверждён",
        "unit_title": "График повышения квалификации: {unit}, {year} год",
        "consolidated_title": "Сводный график повышения квалификации работников: {organisation}, {year} год",
        "form_unit": "Форма КазНИТУ 602-01",
        "form_consolidated": "Форма КазНИТУ 602-05",
        "n": "№",
        "person": "Ф.И.О.",
        "unit": "Подразделение",
        "topic": "Тема",
        "form": "Форма",
        "dates": "Сроки",
        "hours": "Часы",
        "provider": "Организатор",
        "funding": "Источник финансирования",
        "cost": "Стоимость, тенге",
        "total": "Итого",
        "budget": "Бюджет по источникам финансирования",
        "people": "Чел.",
        "activities": "Мероприятий",
        "minutes": "Обсуждён на заседании подразделения: {date}, протокол № {number}, присутствовали {present}",
        "head_sign": "Руководитель подразделения",
        "compiled_sign": "Составил",
        "date": "Дата",
        "version": "версия {version}",
    },
}


@dataclass
class Sheet:
    """Everything a printed schedule shows, in one language."""

    language: str
    text: dict[str, str]
    form_code: str
    title: str
    approval: selectors.Approval | None
    rows: list[list[Any]]
    budget: list[list[Any]]
    total: list[Any]
    minutes: str
    version: str
    printed: dt.date
    consolidated: bool


def _name(obj: Any, language: str) -> str:
    return str(getattr(obj, f"name_{language}", "") or obj.name_kk)


def build_sheet(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> Sheet:
    text = TEXT[language]
    consolidated = isinstance(document, ConsolidatedSchedule)
    with translation.override(language):
        approval = selectors.final_approval(document)
        lines = (
            selectors.consolidated_lines(document)
            if isinstance(document, ConsolidatedSchedule)
            else selectors.unit_schedule_lines(document)
        )
        rows = []
        for n, line in enumerate(lines, start=1):
            item = line.item
            rows.append(
                [
                    n,
                    line.person.full_name,
                    _name(line.unit, language),
                    item.topic,
                    str(item.get_form_display()),
                    f"{item.start_date:%d.%m.%Y}–{item.end_date:%d.%m.%Y}",
                    item.hours,
                    item.provider_name,
                    str(item.get_funding_source_display()),
                    item.cost,
                ]
            )
        budget: list[list[Any]] = []
        total: list[Any] = []
        if consolidated:
            lines_b, sum_b = selectors.budget_lines(document)  # type: ignore[arg-type]
            budget = [[b.label, b.people, b.items, b.hours, b.cost] for b in lines_b]
            total = [text["total"], sum_b.people, sum_b.items, sum_b.hours, sum_b.cost]
        else:
            total = [text["total"], "", "", "", "", "", sum(r[6] for r in rows), "", "", sum(r[9] for r in rows)]
    if consolidated:
        title = text["consolidated_title"].format(
            organisation=_name(document.organisation, language), year=document.year
        )
        minutes = ""
    else:
        schedule: UnitSchedule = document  # type: ignore[assignment]
        title = text["unit_title"].format(unit=_name(schedule.unit, language), year=schedule.year)
        minutes = (
            text["minutes"].format(
                date=f"{schedule.meeting_date:%d.%m.%Y}",
                number=schedule.meeting_number,
                present=schedule.meeting_present,
            )
            if schedule.meeting_date
            else ""
        )
    return Sheet(
        language=language,
        text=text,
        form_code=text["form_consolidated" if consolidated else "form_unit"],
        title=title,
        approval=approval,
        rows=rows,
        budget=budget,
        total=total,
        minutes=minutes,
        version=text["version"].format(version=document.version),
        printed=timezone.localdate(),
        consolidated=consolidated,
    )


def _filename(document: Any, language: str, ext: str) -> str:
    kind = "602-05" if isinstance(document, ConsolidatedSchedule) else "602-01"
    return f"{kind}-{document.year}-v{document.version}-{language}.{ext}"


def schedule_xlsx(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> tuple[bytes, str]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    sheet = build_sheet(document, language=language)
    t = sheet.text
    book = Workbook()
    ws = book.active
    ws.title = sheet.form_code[:31]
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([sheet.form_code])
    ws.append([])
    ws["H1"] = t["approve"]
    ws["H1"].font = Font(bold=True)
    if sheet.approval:
        ws["H2"] = sheet.approval.position
        ws["H3"] = f"________ {sheet.approval.name}"
        ws["H4"] = f"{sheet.approval.at:%d.%m.%Y}"
    else:
        ws["H2"] = t["not_approved"]
    ws.append([])
    ws.append([])
    ws.append([sheet.title])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12)
    ws.append([sheet.version])
    heads = [t[k] for k in ("n", "person", "unit", "topic", "form", "dates", "hours", "provider", "funding", "cost")]
    ws.append(heads)
    head_row = ws.max_row
    for row in sheet.rows:
        ws.append(row)
    ws.append(
        sheet.total
        if not sheet.consolidated
        else [t["total"], "", "", "", "", "", sum(r[6] for r in sheet.rows), "", "", sum(r[9] for r in sheet.rows)]
    )
    for r in ws.iter_rows(min_row=head_row, max_row=ws.max_row, max_col=len(heads)):
        for cell in r:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[head_row]:
        cell.font = Font(bold=True)
    if sheet.consolidated:
        ws.append([])
        ws.append([t["budget"]])
        ws.append([t["funding"], t["people"], t["activities"], t["hours"], t["cost"]])
        for row in [*sheet.budget, sheet.total]:
            ws.append(row)
    ws.append([])
    if sheet.minutes:
        ws.append([sheet.minutes])
    ws.append([f"{t['head_sign' if not sheet.consolidated else 'compiled_sign']}: ________________"])
    ws.append([f"{t['date']}: {sheet.printed:%d.%m.%Y}"])
    for letter, width in zip("ABCDEFGHIJ", (5, 28, 22, 36, 18, 22, 8, 22, 20, 14), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), _filename(document, language, "xlsx")


def schedule_html(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> str:
    sheet = build_sheet(document, language=language)
    with translation.override(language):
        return render_to_string("planning/print/schedule.html", {"sheet": sheet, "t": sheet.text})


def schedule_pdf(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> tuple[bytes, str]:
    from weasyprint import HTML

    pdf = HTML(string=schedule_html(document, language=language)).write_pdf()
    return bytes(pdf or b""), _filename(document, language, "pdf")
