"""Forms 602-01 (unit schedule) and 602-05 (consolidated schedule) as .xlsx and PDF, in Kazakh
and Russian (I18N-01). The .xlsx is written with the table kit (``core.tables.export``) in
write-only mode; the PDF is printed by the document kit (``documents.printing``) from the
organisation's print template or the default one, with the context built here.

The wording of the forms (title block, column heads, signature lines, the form's code) is the
template's ``texts`` (``documents/print_defaults/<type>/texts.json``, overridable per
organisation); the names of choices (forms of PD, funding sources) come from the catalogs under
``translation.override``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from biliktilik.core.i18n import in_language
from biliktilik.core.roles import Role
from biliktilik.core.tables.export import Column, Style, Styled, new_book
from biliktilik.core.tables.export import Sheet as XlsxSheet
from biliktilik.documents import printing
from biliktilik.people.models import Employment
from biliktilik.workflows.enums import DecisionAction, RunStatus
from biliktilik.workflows.models import Decision
from biliktilik.workflows.selectors import runs_of

from . import selectors
from .models import ConsolidatedSchedule, UnitSchedule


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


def doc_type_of(document: Any) -> str:
    return "consolidated_schedule" if isinstance(document, ConsolidatedSchedule) else "unit_schedule"


def approver(document: Any, language: str) -> selectors.Approval | None:
    """Who approved the document last, with their position as printed on the stamp: the position
    of their current employment in the organisation, else the role they hold there, else the
    title of the route's step."""
    approval = selectors.final_approval(document)
    if approval is None:
        return None
    run = runs_of(document).filter(status=RunStatus.APPROVED).first()
    decision = (
        Decision.objects.filter(run=run, action=DecisionAction.APPROVE)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    user = decision.actor if decision is not None else None
    position = ""
    if user is not None and user.person_id:
        on = approval.at.date()
        employment = (
            Employment.objects.filter(person_id=user.person_id, organisation_id=document.organisation_id)
            .filter(start_date__lte=on)
            .exclude(end_date__lt=on)
            .select_related("position")
            .first()
        )
        if employment is not None:
            position = employment.position.name_in(language)
    if not position and user is not None:
        grant = user.grants.filter(organisation_id=document.organisation_id).order_by("id").first()
        if grant is not None:
            with translation.override(language):
                position = str(Role(grant.role).label)
    return selectors.Approval(name=approval.name, position=position or approval.position, at=approval.at)


def build_sheet(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> Sheet:
    text = printing.texts_for(document.organisation, doc_type_of(document), language)
    consolidated = isinstance(document, ConsolidatedSchedule)
    with translation.override(language):
        approval = approver(document, language)
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
        form_code=text["form_code"],
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


def print_context(document: Any, language: str, texts: Any = None) -> dict[str, Any]:
    """The context of the printed 602-01 / 602-05 (the placeholders listed in ``PLACEHOLDERS``)."""
    return sheet_context(build_sheet(document, language=language), language)


def sheet_context(sheet: Sheet, language: str) -> dict[str, Any]:
    approval = (
        {
            "position": sheet.approval.position,
            "name": sheet.approval.name,
            "date": printing.formal_date(sheet.approval.at, language),
        }
        if sheet.approval
        else None
    )
    return {
        "language": language,
        "t": sheet.text,
        "form_code": sheet.form_code,
        "title": sheet.title,
        "version": sheet.version,
        "approval": approval,
        "rows": sheet.rows,
        "hours": sum(r[6] for r in sheet.rows),
        "cost": sum(r[9] for r in sheet.rows),
        "budget": sheet.budget,
        "total": sheet.total,
        "minutes": sheet.minutes,
        "printed": f"{sheet.printed:%d.%m.%Y}",
        "consolidated": sheet.consolidated,
    }


def sample_context(consolidated: bool) -> Any:
    def sample(language: str, texts: Any) -> dict[str, Any]:
        sheet = Sheet(
            language=language,
            text=dict(texts),
            form_code=texts["form_code"],
            title="—",
            approval=selectors.Approval(name="А.Б. Сапаров", position="Ректор", at=timezone.now()),
            rows=[[1, "Сапаров А.Б.", "—", "—", "—", "01.03.2026–10.03.2026", 72, "—", "—", 150000]],
            budget=[["—", 1, 1, 72, 150000]] if consolidated else [],
            total=[texts.get("total", ""), 1, 1, 72, 150000],
            minutes="—",
            version="1",
            printed=timezone.localdate(),
            consolidated=consolidated,
        )
        return sheet_context(sheet, language)

    return sample


PLACEHOLDERS: list[tuple[str, Any]] = [
    ("language", _("The language of the form: kk or ru.")),
    ("t", _("The texts of the form: t.approve, t.total and the other keys listed below.")),
    ("form_code", _("The organisation's code of the form.")),
    ("title", _("The title of the schedule.")),
    ("version", _("The version of the document.")),
    ("approval", _("approval.position, approval.name, approval.date; empty before approval.")),
    (
        "rows",
        _(
            "The lines: r.0 number, r.1 name, r.2 unit, r.3 topic, r.4 form, r.5 dates, r.6 hours, "
            "r.7 provider, r.8 funding source, r.9 cost."
        ),
    ),
    ("hours", _("The total of hours.")),
    ("cost", _("The total cost.")),
    ("budget", _("602-05: per funding source b.0 source, b.1 people, b.2 activities, b.3 hours, b.4 cost.")),
    ("total", _("602-05: the total line of the budget.")),
    ("minutes", _("602-01: the meeting of the unit that discussed the schedule.")),
    ("printed", _("The date of printing.")),
    ("consolidated", _("Whether it is the consolidated schedule.")),
]


def filename(document: Any, language: str, ext: str) -> str:
    return _filename(document, language, ext)


def schedule_html(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> str:
    return printing.render_document(document, language=language, format="html").content.decode()


def schedule_pdf(document: UnitSchedule | ConsolidatedSchedule, *, language: str) -> tuple[bytes, str]:
    printed = printing.render_document(document, language=language, format="pdf")
    return printed.content, printed.filename
