"""Import of PD history from .xlsx or .csv files (see docs/import-pd-records.md).

The whole file is read and checked first; each problem is reported with its row and column.
Only a file without a single problem is written, in one transaction, through
``services.records_import``: all rows or none. A row that matches a record already in the
ledger updates it instead of adding a duplicate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation
from biliktilik.people.iin import is_valid_iin
from biliktilik.people.models import Person

from .enums import DeliveryMode, FundingSource, Initiative, PDForm, RecordStatus
from .models import PDRecord
from .permissions import can_manage_records
from .services import RECORD_DEFAULTS, RECORD_FIELDS, ImportRow, ImportSummary, clean_record_values, records_import


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise
    required: bool = False
    example: str = ""


COLUMNS: list[Column] = [
    Column("person_iin", gettext_lazy("IIN of the person (12 digits); or give person_external_id"), example=""),
    Column("person_external_id", gettext_lazy("External id of the person in the staff register; or give person_iin")),
    Column("form", gettext_lazy("Form of PD: its code or its Kazakh or Russian title"), True, "course_short"),
    Column("title", gettext_lazy("Title or topic"), True, "Digital tools in teaching"),
    Column("provider_name", gettext_lazy("Provider, as written in the certificate"), example="Orleu"),
    Column("is_foreign", gettext_lazy("Foreign provider: yes or no"), example="no"),
    Column("country", gettext_lazy("Country, two-letter ISO 3166 code; KZ when empty"), example="KZ"),
    Column("city", gettext_lazy("City"), example="Almaty"),
    Column("start_date", gettext_lazy("Start date, YYYY-MM-DD or DD.MM.YYYY"), True, "2024-02-05"),
    Column("end_date", gettext_lazy("Completion date, YYYY-MM-DD or DD.MM.YYYY"), True, "2024-02-16"),
    Column("hours", gettext_lazy("Academic hours, at most one digit after the point"), True, "72"),
    Column("delivery_mode", gettext_lazy("Delivery mode: its code or title"), example="without_leave"),
    Column("is_distance", gettext_lazy("Distance learning: yes or no"), example="no"),
    Column("funding_source", gettext_lazy("Funding source: its code or title"), example="organisation"),
    Column("cost", gettext_lazy("Cost in tenge"), example="45000"),
    Column("in_profile", gettext_lazy("In the profile of the disciplines taught: yes or no"), example="yes"),
    Column("management_topic", gettext_lazy("Management topic: yes or no"), example="no"),
    Column("initiative", gettext_lazy("Initiative: planned, management or employee"), example="planned"),
    Column("justification", gettext_lazy("Justification (needed for the form “other”)")),
    Column("status", gettext_lazy("verified or pending; verified when empty"), example="verified"),
    Column(
        "external_id", gettext_lazy("Id of the record in the source system; a re-import updates it"), example="HR-1"
    ),
]
COLUMN_NAMES = [c.name for c in COLUMNS]
REQUIRED_COLUMNS = [c.name for c in COLUMNS if c.required]

_TRUE = {"1", "yes", "y", "true", "x", "+", "иә", "ия", "да", "д"}
_FALSE = {"0", "no", "n", "false", "-", "жоқ", "нет", "н", ""}


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    summary: ImportSummary | None = None
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.summary is not None


class _CellError(Exception):
    pass


# --- reading files ------------------------------------------------------------------------------


def _read_xlsx(content: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a broken file
        raise ApplicationError(
            _("The file cannot be read as an Excel workbook."), code=ErrorCode.IMPORT_FAILED, field="file"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _read_csv(content: bytes) -> Iterator[list[Any]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes any byte string
        raise ApplicationError(_("The file cannot be read as text."), code=ErrorCode.IMPORT_FAILED, field="file")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def read_table(content: bytes, filename: str) -> list[list[Any]]:
    extension = PurePath(filename).suffix.lower()
    if extension == ".xlsx":
        rows = list(_read_xlsx(content))
    elif extension == ".csv":
        rows = list(_read_csv(content))
    else:
        raise ApplicationError(_("Upload an .xlsx or .csv file."), code=ErrorCode.IMPORT_FAILED, field="file")
    return rows


# --- cells --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _CellError(_("Write yes or no."))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise _CellError(_("Write the date as YYYY-MM-DD or DD.MM.YYYY."))


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        raise _CellError(_("Enter a number."))
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = _text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise _CellError(_("Enter a number.")) from exc
    if not number.is_finite():
        raise _CellError(_("Enter a number."))
    return number


def _iin(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value)).zfill(12)  # a spreadsheet drops the leading zero of a number
    else:
        text = _text(value).replace(" ", "")
    if text and not is_valid_iin(text):
        raise _CellError(_("IIN must be 12 digits with a correct check digit."))
    return text


def _choice_lookup(choices: Any) -> Callable[[Any], str]:
    """A parser that accepts a choice's code or its title in Kazakh, Russian or English."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[str(value).lower()] = str(value)
        for language in ("en", "ru", "kk"):
            with translation.override(language):
                lookup.setdefault(str(label).strip().lower(), str(value))

    def parse(cell: Any) -> str:
        text = _text(cell).lower()
        if not text:
            return ""
        if text not in lookup:
            raise _CellError(_("Unknown value “%(value)s”; use a code from the template.") % {"value": _text(cell)})
        return lookup[text]

    return parse


# --- checking -----------------------------------------------------------------------------------


@dataclass
class _Parsed:
    row: int
    iin: str
    person_external_id: str
    values: dict[str, Any]
    status: str


def _parse_rows(header: list[str], body: Iterable[tuple[int, list[Any]]], report: ImportReport) -> list[_Parsed]:
    parsers: dict[str, Callable[[Any], Any]] = {
        "form": _choice_lookup(PDForm),
        "delivery_mode": _choice_lookup(DeliveryMode),
        "funding_source": _choice_lookup(FundingSource),
        "initiative": _choice_lookup(Initiative),
        "status": _choice_lookup(RecordStatus),
        "is_foreign": _bool,
        "is_distance": _bool,
        "in_profile": _bool,
        "management_topic": _bool,
        "start_date": _date,
        "end_date": _date,
        "hours": _number,
        "cost": _number,
        "person_iin": _iin,
    }
    parsed: list[_Parsed] = []
    for row_number, cells in body:
        raw = {name: (cells[i] if i < len(cells) else None) for i, name in enumerate(header) if name}
        values: dict[str, Any] = {}
        row_ok = True
        for name, cell in raw.items():
            try:
                values[name] = parsers.get(name, _text)(cell)
            except _CellError as exc:
                report.problems.append(ImportProblem(row_number, name, str(exc)))
                row_ok = False
        if not row_ok:
            continue
        iin = values.pop("person_iin", "") or ""
        person_external_id = values.pop("person_external_id", "") or ""
        if not iin and not person_external_id:
            report.problems.append(
                ImportProblem(row_number, "person_iin", _("Give the IIN or the external id of the person."))
            )
            continue
        status = values.pop("status", "") or RecordStatus.VERIFIED
        if status not in (RecordStatus.VERIFIED, RecordStatus.PENDING):
            report.problems.append(ImportProblem(row_number, "status", _("The status must be verified or pending.")))
            continue
        missing = [name for name in REQUIRED_COLUMNS if values.get(name) in ("", None)]
        for name in missing:
            report.problems.append(ImportProblem(row_number, name, _("This cell must be filled in.")))
        if missing:
            continue
        # An empty cell leaves the stored value as it is (a new record takes the default), so a
        # re-import never erases data.
        values = {name: value for name, value in values.items() if value not in ("", None)}
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
                ImportProblem(item.row, "person_iin", _("No person with this IIN works in the organisation."))
            )
        elif item.person_external_id and person_by_external is None:
            report.problems.append(
                ImportProblem(
                    item.row, "person_external_id", _("No person with this external id works in the organisation.")
                )
            )
        elif person_by_iin and person_by_external and person_by_iin.pk != person_by_external.pk:
            report.problems.append(
                ImportProblem(item.row, "person_external_id", _("The IIN and the external id name different people."))
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
                    ImportProblem(
                        item.row,
                        "external_id",
                        _("Several records of this person have this title, date and hours; give external ids."),
                    )
                )
                continue
            record = candidates[0] if candidates else None
        if record is not None and record.person_id != person.pk:
            report.problems.append(
                ImportProblem(item.row, "external_id", _("This external id belongs to a record of another person."))
            )
            continue
        identity: Any = ("record", record.pk) if record is not None else ("new", external_id or key)
        if identity in seen:
            report.problems.append(
                ImportProblem(item.row, "title", _("This row repeats row %(row)s.") % {"row": seen[identity]})
            )
            continue
        seen[identity] = item.row
        matched[item.row] = record
    return matched


_FIELD_COLUMN = {"person": "person_iin", "provider": "provider_name"}


def check_rows(organisation: Organisation, table: list[list[Any]], report: ImportReport) -> list[ImportRow]:
    """Check every row of the table; problems go to ``report``; returns the rows to write."""
    if not table:
        report.problems.append(ImportProblem(1, "", _("The file is empty.")))
        return []
    header = [_text(cell).lower() for cell in table[0]]
    unknown = [name for name in header if name and name not in COLUMN_NAMES]
    for name in unknown:
        report.problems.append(ImportProblem(1, name, _("Unknown column “%(name)s”.") % {"name": name}))
    for name in REQUIRED_COLUMNS:
        if name not in header:
            report.problems.append(ImportProblem(1, name, _("The column “%(name)s” is missing.") % {"name": name}))
    if "person_iin" not in header and "person_external_id" not in header:
        report.problems.append(ImportProblem(1, "person_iin", _("Give a column person_iin or person_external_id.")))
    duplicates = {name for name in header if name and header.count(name) > 1}
    for name in sorted(duplicates):
        report.problems.append(ImportProblem(1, name, _("The column “%(name)s” appears twice.") % {"name": name}))
    if report.problems:
        return []

    body = [(index, row) for index, row in enumerate(table[1:], start=2) if any(_text(cell) for cell in row)]
    report.rows_read = len(body)
    if not body:
        report.problems.append(ImportProblem(2, "", _("The file has no rows to import.")))
        return []
    parsed = _parse_rows(header, body, report)
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
            report.problems.append(ImportProblem(item.row, column, str(exc.message)))
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
) -> ImportReport:
    """Read, check and (unless ``dry_run`` or a problem is found) write a PD history file.

    The caller's right to import is checked before the file is read, so that nobody learns
    from the error messages who works where.
    """
    if not can_manage_records(actor, organisation.pk):
        raise ApplicationError(
            _("Only HR or the PD centre of the organisation may import its records."),
            code=ErrorCode.PERMISSION_DENIED,
        )
    limit = int(getattr(settings, "BILIKTILIK_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
    if len(content) > limit:
        raise ApplicationError(
            _("The file is too large: at most %(megabytes)s MB.") % {"megabytes": round(limit / (1024 * 1024), 1)},
            code=ErrorCode.IMPORT_FAILED,
            field="file",
        )
    report = ImportReport()
    table = read_table(content, filename)
    rows = check_rows(organisation, table, report)
    if report.problems:
        report.problems.sort(key=lambda p: (p.row, COLUMN_NAMES.index(p.column) if p.column in COLUMN_NAMES else -1))
        return report
    try:
        report.summary = records_import(actor=actor, organisation=organisation, rows=rows, dry_run=dry_run)
    except ApplicationError as exc:
        column = _FIELD_COLUMN.get(exc.field or "", exc.field or "")
        report.problems.append(ImportProblem(int(exc.extra.get("row", 0)), column, str(exc.message)))
    return report


# --- the template -------------------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    return [COLUMN_NAMES, [c.example for c in COLUMNS]]


def template_xlsx() -> bytes:
    """A workbook with the columns and one example row, and a sheet that explains each column
    and lists the codes of the forms, delivery modes, funding sources and initiatives."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    records = workbook.create_sheet(_("PD records"))
    for row in template_rows():
        records.append(row)
    columns = workbook.create_sheet(_("Columns"))
    columns.append([_("Column"), _("Required"), _("Meaning")])
    for column in COLUMNS:
        columns.append([column.name, _("yes") if column.required else "", str(column.description)])
    codes = workbook.create_sheet(_("Codes"))
    codes.append([_("Column"), _("Code"), _("Title")])
    for name, choices in (
        ("form", PDForm),
        ("delivery_mode", DeliveryMode),
        ("funding_source", FundingSource),
        ("initiative", Initiative),
    ):
        for value, label in choices.choices:
            codes.append([name, value, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(template_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
