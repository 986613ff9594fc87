"""Import of PD history from .xlsx or .csv files (see docs/import-pd-records.md).

The whole file is read and checked first; each problem is reported with its row and column.
Only a file without a single problem is written, in one transaction, through
``services.records_import``: all rows or none. A row that matches a record already in the
ledger updates it instead of adding a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import JobProgress
from biliktilik.core.models import ImportJob
from biliktilik.core.tables import cells
from biliktilik.core.tables import template as tables_template
from biliktilik.core.tables.reader import Column, Table, read_table
from biliktilik.core.tables.report import RowProblem, required_cell, sort_problems
from biliktilik.org.models import Organisation
from biliktilik.people.iin import is_valid_iin
from biliktilik.people.models import Person

from .enums import DeliveryMode, FundingSource, Initiative, PDForm, RecordStatus
from .models import PDRecord
from .permissions import can_manage_records
from .services import RECORD_DEFAULTS, RECORD_FIELDS, ImportRow, ImportSummary, clean_record_values, records_import


def _column(
    code: str, description: Any, required: bool = False, example: str = "", *, kk: str = "", ru: str = ""
) -> Column:
    return Column(code, code, description, example, required, kk=(kk,) if kk else (), ru=(ru,) if ru else ())


COLUMNS: list[Column] = [
    _column(
        "person_iin",
        gettext_lazy("IIN of the person (12 digits); or give person_external_id"),
        kk="ЖСН",
        ru="ИИН",
    ),
    _column(
        "person_external_id",
        gettext_lazy("External id of the person in the staff register; or give person_iin"),
        kk="Қызметкердің сыртқы идентификаторы",
        ru="Внешний идентификатор сотрудника",
    ),
    _column(
        "form",
        gettext_lazy("Form of PD: its code or its Kazakh or Russian title"),
        True,
        "course_short",
        kk="БАК нысаны",
        ru="Форма ПК",
    ),
    _column("title", gettext_lazy("Title or topic"), True, "Digital tools in teaching", kk="Тақырыбы", ru="Тема"),
    _column(
        "provider_name",
        gettext_lazy("Provider, as written in the certificate"),
        example="Orleu",
        kk="Ұйымдастырушы",
        ru="Организатор",
    ),
    _column("is_foreign", gettext_lazy("Foreign provider: yes or no"), example="no"),
    _column(
        "country", gettext_lazy("Country, two-letter ISO 3166 code; KZ when empty"), example="KZ", kk="Ел", ru="Страна"
    ),
    _column("city", gettext_lazy("City"), example="Almaty", kk="Қала", ru="Город"),
    _column(
        "start_date",
        gettext_lazy("Start date, YYYY-MM-DD or DD.MM.YYYY"),
        True,
        "2024-02-05",
        kk="Басталу күні",
        ru="Дата начала",
    ),
    _column(
        "end_date",
        gettext_lazy("Completion date, YYYY-MM-DD or DD.MM.YYYY"),
        True,
        "2024-02-16",
        kk="Аяқталу күні",
        ru="Дата окончания",
    ),
    _column(
        "hours", gettext_lazy("Academic hours, at most one digit after the point"), True, "72", kk="Сағат", ru="Часы"
    ),
    _column("delivery_mode", gettext_lazy("Delivery mode: its code or title"), example="without_leave"),
    _column("is_distance", gettext_lazy("Distance learning: yes or no"), example="no"),
    _column("funding_source", gettext_lazy("Funding source: its code or title"), example="organisation"),
    _column("cost", gettext_lazy("Cost in tenge"), example="45000", kk="Құны", ru="Стоимость"),
    _column("in_profile", gettext_lazy("In the profile of the disciplines taught: yes or no"), example="yes"),
    _column("management_topic", gettext_lazy("Management topic: yes or no"), example="no"),
    _column("initiative", gettext_lazy("Initiative: planned, management or employee"), example="planned"),
    _column("justification", gettext_lazy("Justification (needed for the form “other”)")),
    _column("status", gettext_lazy("verified or pending; verified when empty"), example="verified"),
    _column(
        "external_id", gettext_lazy("Id of the record in the source system; a re-import updates it"), example="HR-1"
    ),
]
COLUMN_NAMES = [c.code for c in COLUMNS]
REQUIRED_COLUMNS = [c.code for c in COLUMNS if c.required]

# The one report format of the table kit.
ImportProblem = RowProblem


@dataclass
class ImportReport:
    problems: list[RowProblem] = field(default_factory=list)
    summary: ImportSummary | None = None
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.summary is not None

    def as_json(self) -> dict[str, Any]:
        summary = self.summary
        return {
            "problems": [p.as_json() for p in self.problems],
            "rows_read": self.rows_read,
            "summary": None
            if summary is None
            else {
                "dry_run": summary.dry_run,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        summary = None
        if data.get("summary") is not None:
            counts = data["summary"]
            summary = ImportSummary(
                created=int(counts["created"]),
                updated=int(counts["updated"]),
                unchanged=int(counts["unchanged"]),
                dry_run=bool(counts["dry_run"]),
            )
        return cls(
            problems=[RowProblem.from_json(p) for p in data.get("problems", [])],
            summary=summary,
            rows_read=int(data.get("rows_read", 0)),
        )


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "form": cells.choice_parser(PDForm),
    "delivery_mode": cells.choice_parser(DeliveryMode),
    "funding_source": cells.choice_parser(FundingSource),
    "initiative": cells.choice_parser(Initiative),
    "status": cells.choice_parser(RecordStatus),
    "is_foreign": cells.boolean,
    "is_distance": cells.boolean,
    "in_profile": cells.boolean,
    "management_topic": cells.boolean,
    "start_date": cells.date,
    "end_date": cells.date,
    "hours": cells.decimal,
    "cost": cells.decimal,
    "person_iin": partial(cells.iin, is_valid=is_valid_iin),
}


# --- checking -----------------------------------------------------------------------------------


@dataclass
class _Parsed:
    row: int
    iin: str
    person_external_id: str
    values: dict[str, Any]
    status: str


def _parse_rows(body: Iterable[tuple[int, dict[str, Any]]], report: ImportReport) -> list[_Parsed]:
    """Each cell on its own, then the row's required cells: every problem of a row in one pass."""
    parsed: list[_Parsed] = []
    for row_number, raw in body:
        values: dict[str, Any] = {}
        row_ok = True
        for name, cell in raw.items():
            if cells.is_empty(cell):
                continue  # an empty cell leaves the stored value (a new record takes the default)
            try:
                values[name] = _PARSERS.get(name, cells.as_text)(cell)
            except cells.CellError as exc:
                report.problems.append(RowProblem(row_number, name, exc.message))
                values[name] = None  # present but unusable
                row_ok = False
        iin = values.pop("person_iin", "") or ""
        person_external_id = values.pop("person_external_id", "") or ""
        if all(cells.is_empty(raw.get(name)) for name in ("person_iin", "person_external_id")):
            report.problems.append(
                RowProblem(row_number, "person_iin", _("Give the IIN or the external id of the person."))
            )
            row_ok = False
        status = values.pop("status", "") or RecordStatus.VERIFIED
        if status not in (RecordStatus.VERIFIED, RecordStatus.PENDING):
            report.problems.append(RowProblem(row_number, "status", _("The status must be verified or pending.")))
            row_ok = False
        for name in REQUIRED_COLUMNS:
            if name not in values:
                report.problems.append(required_cell(row_number, name))
                row_ok = False
        if not row_ok:
            continue
        parsed.append(
            _Parsed(
                row=row_number,
                iin=iin,
                person_external_id=person_external_id,
                values=values,
                status=status,
            )
        )
    return parsed


def _resolve_people(organisation: Organisation, parsed: list[_Parsed], report: ImportReport) -> dict[int, Person]:
    """Row number -> person; a person must have worked in the organisation."""
    iins = {p.iin for p in parsed if p.iin}
    external_ids = {p.person_external_id for p in parsed if p.person_external_id}
    people = list(
        Person.objects.filter(Q(iin__in=sorted(iins)) | Q(external_id__in=sorted(external_ids)))
        .filter(employments__organisation=organisation)
        .distinct()
    )
    by_iin = {p.iin: p for p in people if p.iin}
    by_external = {p.external_id: p for p in people if p.external_id}
    found: dict[int, Person] = {}
    for item in parsed:
        person_by_iin = by_iin.get(item.iin) if item.iin else None
        person_by_external = by_external.get(item.person_external_id) if item.person_external_id else None
        if item.iin and person_by_iin is None:
            report.problems.append(
                RowProblem(item.row, "person_iin", _("No person with this IIN works in the organisation."))
            )
        elif item.person_external_id and person_by_external is None:
            report.problems.append(
                RowProblem(
                    item.row, "person_external_id", _("No person with this external id works in the organisation.")
                )
            )
        elif person_by_iin and person_by_external and person_by_iin.pk != person_by_external.pk:
            report.problems.append(
                RowProblem(item.row, "person_external_id", _("The IIN and the external id name different people."))
            )
        else:
            person = person_by_iin or person_by_external
            assert person is not None  # one of the two was given and found
            found[item.row] = person
    return found


def _natural_key(person_id: int, values: dict[str, Any]) -> tuple[Any, ...]:
    hours = values.get("hours")
    return (person_id, str(values.get("title") or "").strip(), values.get("end_date"), hours)


def _match_existing(
    organisation: Organisation, parsed: list[_Parsed], people: dict[int, Person], report: ImportReport
) -> dict[int, PDRecord | None]:
    """Row number -> the record it updates (by external id, else by person, title, completion date
    and hours), or None for a new record; rows with a problem are left out."""
    external_ids = {str(p.values.get("external_id") or "") for p in parsed} - {""}
    by_external = {
        r.external_id: r
        for r in PDRecord.objects.filter(
            organisation=organisation, external_id__in=sorted(external_ids)
        ).select_related("provider")
    }
    person_ids = sorted({person.pk for person in people.values()})
    by_key: dict[tuple[Any, ...], list[PDRecord]] = {}
    existing = PDRecord.objects.filter(organisation=organisation, person_id__in=person_ids).select_related("provider")
    for row in existing.order_by("id"):
        by_key.setdefault((row.person_id, row.title, row.end_date, row.hours), []).append(row)

    matched: dict[int, PDRecord | None] = {}
    seen: dict[Any, int] = {}
    for item in parsed:
        person = people.get(item.row)
        if person is None:
            continue
        external_id = str(item.values.get("external_id") or "")
        key = _natural_key(person.pk, item.values)
        record: PDRecord | None = by_external.get(external_id) if external_id else None
        if record is None:
            candidates = [r for r in by_key.get(key, []) if r.external_id in ("", external_id)]
            if len(candidates) > 1:
                report.problems.append(
                    RowProblem(
                        item.row,
                        "external_id",
                        _("Several records of this person have this title, date and hours; give external ids."),
                    )
                )
                continue
            record = candidates[0] if candidates else None
        if record is not None and record.person_id != person.pk:
            report.problems.append(
                RowProblem(item.row, "external_id", _("This external id belongs to a record of another person."))
            )
            continue
        identity: Any = ("record", record.pk) if record is not None else ("new", external_id or key)
        if identity in seen:
            report.problems.append(
                RowProblem(item.row, "title", _("This row repeats row %(row)s.") % {"row": seen[identity]})
            )
            continue
        seen[identity] = item.row
        matched[item.row] = record
    return matched


_FIELD_COLUMN = {"person": "person_iin", "provider": "provider_name"}


def _person_column(table: Table) -> list[RowProblem]:
    if "person_iin" in table.columns or "person_external_id" in table.columns:
        return []
    return [RowProblem(table.header_row, "person_iin", _("Give a column person_iin or person_external_id."))]


def check_rows(
    organisation: Organisation,
    data: bytes,
    filename: str,
    report: ImportReport,
    progress: JobProgress | None = None,
) -> list[ImportRow]:
    """Read and check every row of the file; problems go to ``report``; returns the rows to write."""
    table = read_table(
        data,
        filename,
        COLUMNS,
        progress=progress.rows_read if progress else None,
        check_header=_person_column,
    )
    if progress is not None:
        progress.phase("checking")
    report.problems.extend(table.problems)
    if report.problems:
        return []
    body = table.rows
    report.rows_read = len(body)
    parsed = _parse_rows(body, report)
    people = _resolve_people(organisation, parsed, report)
    matched = _match_existing(organisation, parsed, people, report)

    rows: list[ImportRow] = []
    for item in parsed:
        person = people.get(item.row)
        if person is None or item.row not in matched:
            continue
        instance = matched[item.row]
        if instance is not None:
            base = {name: getattr(instance, name) for name in RECORD_FIELDS}
        else:
            base = dict(RECORD_DEFAULTS)
        values = {**base, **item.values}
        try:
            cleaned = clean_record_values(values, organisation_id=organisation.pk, instance=instance)
        except ApplicationError as exc:
            column = _FIELD_COLUMN.get(exc.field or "", exc.field or "")
            report.problems.append(RowProblem(item.row, column, str(exc.message)))
            continue
        rows.append(ImportRow(row=item.row, person=person, values=cleaned, status=item.status, instance=instance))
    return rows


def import_pd_records(
    *,
    actor: Any,
    organisation: Organisation,
    content: bytes,
    filename: str,
    dry_run: bool = False,
    progress: JobProgress | None = None,
) -> ImportReport:
    """Read, check and (unless ``dry_run`` or a problem is found) write a PD history file.

    The caller's right to import is checked before the file is read, so that nobody learns
    from the error messages who works where. ``progress`` (a background job's) is told the rows
    read and the phase.
    """
    if not can_manage_records(actor, organisation.pk):
        raise ApplicationError(
            _("Only HR or the PD centre of the organisation may import its records."),
            code=ErrorCode.PERMISSION_DENIED,
        )
    report = ImportReport()
    rows = check_rows(organisation, content, filename, report, progress)
    if report.problems:
        report.problems = sort_problems(report.problems, COLUMN_NAMES)
        return report
    if progress is not None:
        progress.phase("saving")
    try:
        report.summary = records_import(actor=actor, organisation=organisation, rows=rows, dry_run=dry_run)
    except ApplicationError as exc:
        column = _FIELD_COLUMN.get(exc.field or "", exc.field or "")
        report.problems.append(RowProblem(int(exc.extra.get("row", 0)), column, str(exc.message)))
    return report


# --- in the background -------------------------------------------------------------------------

JOB_KIND = "pd_records"


def run_job(job: ImportJob, progress: JobProgress) -> dict[str, Any]:
    """The import of a large file, run by the task worker as the job's owner."""
    report = import_pd_records(
        actor=job.owner,
        organisation=Organisation.objects.get(pk=job.organisation_id),
        content=bytes(job.content or b""),
        filename=job.filename,
        dry_run=bool(job.options.get("dry_run")),
        progress=progress,
    )
    return report.as_json()


# --- the template -------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """A workbook with the columns and one example row, a sheet that explains each column and one
    that lists the codes of the forms, delivery modes, funding sources and initiatives."""
    codes: list[list[Any]] = [[_("Column"), _("Code"), _("Title")]]
    for name, choices in (
        ("form", PDForm),
        ("delivery_mode", DeliveryMode),
        ("funding_source", FundingSource),
        ("initiative", Initiative),
    ):
        codes.extend([name, value, str(label)] for value, label in choices.choices)
    return tables_template.template_xlsx(
        COLUMNS,
        _example(),
        sheet_title=_("PD records"),
        date_columns=("start_date", "end_date"),
        text_columns=("person_iin", "person_external_id", "external_id"),
        extra_sheets=[(_("Codes"), codes)],
    )


def template_csv() -> bytes:
    return tables_template.template_csv(COLUMNS, _example())


def _example() -> dict[str, str]:
    return {column.code: column.example for column in COLUMNS}
