"""Checking every row of a PD history file, then writing all rows or none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import JobProgress
from biliktilik.core.models import ImportJob
from biliktilik.core.tables import cells
from biliktilik.core.tables.reader import Table, read_table
from biliktilik.core.tables.report import RowProblem, required_cell, sort_problems
from biliktilik.org.models import Organisation
from biliktilik.people import privacy
from biliktilik.people.models import Person

from ..enums import RecordStatus
from ..models import PDRecord
from ..permissions import can_manage_records
from ..services import RECORD_DEFAULTS, RECORD_FIELDS, ImportRow, clean_record_values, records_import
from .columns import COLUMN_NAMES, COLUMNS, PARSERS, REQUIRED_COLUMNS, ImportReport

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
                values[name] = PARSERS.get(name, cells.as_text)(cell)
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


def _resolve_people(
    actor: Any, organisation: Organisation, parsed: list[_Parsed], report: ImportReport
) -> dict[int, Person]:
    """Row number -> person; a person must have worked in the organisation.

    A row finds a person by IIN only when the actor sees that IIN in full (``people.privacy``):
    otherwise a file of guessed IINs would tell a PD-centre officer, who sees IINs masked, which
    guess is right. Such a row gets the same answer whether or not the IIN exists, and is asked
    for the external id instead.
    """
    iins = {p.iin for p in parsed if p.iin}
    external_ids = {p.person_external_id for p in parsed if p.person_external_id}
    people = list(
        Person.objects.filter(Q(iin__in=sorted(iins)) | Q(external_id__in=sorted(external_ids)))
        .filter(employments__organisation=organisation)
        .distinct()
    )
    open_ids = privacy.open_person_ids(actor, [p.pk for p in people if p.iin])
    by_iin = {p.iin: p for p in people if p.iin and p.pk in open_ids}
    by_external = {p.external_id: p for p in people if p.external_id}
    sees_all_iins = privacy.sees_every_iin_of(actor, organisation.pk)
    unknown_iin = (
        _("No person with this IIN works in the organisation.")
        if sees_all_iins
        else _("You see IINs masked, so a person is not looked up by IIN: give their external id instead.")
    )
    found: dict[int, Person] = {}
    for item in parsed:
        person_by_iin = by_iin.get(item.iin) if item.iin else None
        person_by_external = by_external.get(item.person_external_id) if item.person_external_id else None
        if item.iin and person_by_iin is None and not (person_by_external and not sees_all_iins):
            report.problems.append(RowProblem(item.row, "person_iin", unknown_iin))
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
    actor: Any,
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
    people = _resolve_people(actor, organisation, parsed, report)
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
    rows = check_rows(actor, organisation, content, filename, report, progress)
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
    organisation = Organisation.objects.filter(pk=job.organisation_id or 0).first()
    if organisation is None:
        raise ApplicationError(_("No such organisation."), code=ErrorCode.NOT_FOUND, field="organisation")
    report = import_pd_records(
        actor=job.owner,
        organisation=organisation,
        content=bytes(job.content or b""),
        filename=job.filename,
        dry_run=bool(job.options.get("dry_run")),
        progress=progress,
    )
    return report.as_json()
