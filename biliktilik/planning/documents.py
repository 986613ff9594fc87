"""Forms KazNRTU 602-01 (unit schedule) and 602-05 (consolidated schedule) as .xlsx and PDF, in
Kazakh and Russian (I18N-01). The .xlsx is written with the table kit (``core.tables.export``)
in write-only mode; the PDF is the printed HTML.

The wording of the printed forms (title block, column heads, signature lines) is the official
text of the forms in each language, kept here like the route templates keep their step titles;
the names of choices (forms of PD, funding sources) come from the catalogs under
``translation.override``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from biliktilik.core.i18n import in_language
from biliktilik.core.tables.export import Column, Style, Styled, new_book
from biliktilik.core.tables.export import Sheet as XlsxSheet

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
    return in_language(obj, "name", language)


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


# The table of both forms and the budget table of 602-05: (key of TEXT, type, width). The values
# are the lists of ``Sheet.rows`` / ``Sheet.budget``, already in the form's language.
TABLE = [
    ("n", "int", 5),
    ("person", "text", 28),
    ("unit", "text", 22),
    ("topic", "text", 36),
    ("form", "text", 18),
    ("dates", "text", 22),
    ("hours", "decimal", 8),
    ("provider", "text", 22),
    ("funding", "text", 20),
    ("cost", "money", 14),
]
BUDGET = [
    ("funding", "text", None),
    ("people", "int", None),
    ("activities", "int", None),
    ("hours", "decimal", None),
    ("cost", "money", None),
]


def columns(text: dict[str, str], spec: Sequence[tuple[str, Any, int | None]]) -> list[Column[list[Any]]]:
    """The kit's columns over the rows of a sheet, titled in the form's language."""
    return [Column(key, text[key], itemgetter(n), type=kind, width=width) for n, (key, kind, width) in enumerate(spec)]


def schedule_xlsx(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> tuple[bytes, str]:
    """The form as a write-only workbook: title block, table with a total, (budget,) signatures.
    Every text cell goes through the kit's ``safe_cell`` (SEC-01): topics and names are typed by people."""
    sheet = build_sheet(document, language=language)
    t = sheet.text
    table = columns(t, TABLE)
    kinds = [c.type for c in table]
    style = Style.for_language(language)
    book = new_book()
    out = XlsxSheet(book, sheet.form_code, [c.width for c in table])
    approval = (
        [sheet.approval.position, f"________ {sheet.approval.name}", f"{sheet.approval.at:%d.%m.%Y}"]
        if sheet.approval
        else [t["not_approved"]]
    )
    right = len(table) - 3  # the approval block starts in column H
    out.line([sheet.form_code, *[None] * (right - 1), Styled(t["approve"], bold=True)])
    for text in approval:
        out.line([*[None] * right, text])
    out.line()
    out.line()
    out.line([Styled(sheet.title, bold=True, size=12)])
    out.merge(1, len(table))
    out.line([sheet.version])
    out.table(table, sheet.rows, style=style, border=True)
    hours = sum(r[6] for r in sheet.rows)
    cost = sum(r[9] for r in sheet.rows)
    out.line([t["total"], *[None] * 5, hours, None, None, cost], kinds=kinds, border=True)
    if sheet.consolidated:
        budget = columns(t, BUDGET)
        out.line()
        out.line([Styled(t["budget"], bold=True)])
        out.table(budget, sheet.budget, style=style)
        out.line(sheet.total, kinds=[c.type for c in budget], bold=True)
    out.line()
    if sheet.minutes:
        out.line([sheet.minutes])
    out.line([f"{t['head_sign' if not sheet.consolidated else 'compiled_sign']}: ________________"])
    out.line([f"{t['date']}: {sheet.printed:%d.%m.%Y}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), _filename(document, language, "xlsx")


def schedule_html(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> str:
    sheet = build_sheet(document, language=language)
    with translation.override(language):
        return render_to_string("planning/print/schedule.html", {"sheet": sheet, "t": sheet.text})


def schedule_pdf(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> tuple[bytes, str]:
    from weasyprint import HTML

    pdf = HTML(string=schedule_html(document, language=language)).write_pdf()
    return bytes(pdf or b""), _filename(document, language, "pdf")
