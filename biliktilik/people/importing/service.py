"""Staff import: every row is checked first; then all rows are written in one transaction, or none.

Persons are found by IIN, else by external id; employments by (person, organisation, unit,
position, start date), so importing the same file again updates instead of duplicating. The
writes go through the people services, which check the actor's rights and write their own
audit events; the import as a whole adds one ``staff.import`` event per organisation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import IO, Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from biliktilik.core.access import SYSTEM, scope_of
from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import JobProgress
from biliktilik.core.tables.report import sort_problems
from biliktilik.org.models import Organisation

from ..models import Employment, Person
from ..services import STAFF_EDITOR_ROLES, employment_create, employment_update, person_create, person_update
from .columns import COLUMNS, FIELD_COLUMN
from .reading import RowError, read_limited, read_table
from .validation import EMPLOYMENT_COLUMNS, ImportRow, Validator, may_edit

# Employment columns a re-import may change on an employment it finds.
_EMPLOYMENT_UPDATABLE = tuple(c for c in EMPLOYMENT_COLUMNS if c != "start_date")
_COLUMN_ORDER = [column.code for column in COLUMNS]


@dataclass
class ImportReport:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    filename: str
    dry_run: bool = False
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    persons_created: int = 0
    persons_updated: int = 0
    persons_unchanged: int = 0
    employments_created: int = 0
    employments_updated: int = 0
    employments_unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "errors": [error.as_json() for error in self.errors],
            **self.counts(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        counts = {name: int(data.get(name, 0)) for name in cls("").counts()}
        return cls(
            filename=str(data.get("filename", "")),
            dry_run=bool(data.get("dry_run")),
            rows=int(data.get("rows", 0)),
            errors=[RowError.from_json(error) for error in data.get("errors", [])],
            **counts,
        )

    def counts(self) -> dict[str, int]:
        return {
            "persons_created": self.persons_created,
            "persons_updated": self.persons_updated,
            "persons_unchanged": self.persons_unchanged,
            "employments_created": self.employments_created,
            "employments_updated": self.employments_updated,
            "employments_unchanged": self.employments_unchanged,
        }


class _Abort(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def may_import_staff(user: Any) -> bool:
    """Whether ``user`` may open the staff import: an HR officer of some organisation, or a system
    administrator."""
    scope = scope_of(user)
    return scope.everything or bool(scope.organisations_with_role(*STAFF_EDITOR_ROLES))


def organisations_for_import(user: Any) -> models.QuerySet[Organisation]:
    """Organisations whose staff ``user`` may import."""
    scope = scope_of(user)
    if scope.everything:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(id__in=sorted(scope.organisations_with_role(*STAFF_EDITOR_ROLES))).order_by(
        "path"
    )


def staff_import(
    *,
    actor: Any,
    file: IO[bytes],
    filename: str,
    organisation: Organisation | None = None,
    dry_run: bool = False,
    as_system: bool = False,
    progress: JobProgress | None = None,
) -> ImportReport:
    """Import staff from an .xlsx or .csv file.

    ``organisation`` is used for rows without an organisation code. ``dry_run`` checks and
    counts everything, writes included, and then rolls back. ``as_system`` acts as the system
    itself (``biliktilik.core.access.SYSTEM``, the management command without ``--as-user``):
    every right, and audit events that name no user. ``progress`` (a background job's) is told
    the rows read and the phase.
    """
    if as_system:
        actor = SYSTEM
    scope = scope_of(actor)
    if not (scope.everything or scope.organisations_with_role(*STAFF_EDITOR_ROLES)):
        raise ApplicationError(_("You may not import staff records."), code=ErrorCode.PERMISSION_DENIED)
    if organisation is not None and not may_edit(scope, organisation.pk):
        raise ApplicationError(
            _("You may not change the staff records of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )

    table = read_table(read_limited(file), filename, progress=progress.rows_read if progress else None)
    report = ImportReport(filename=PurePath(filename).name, dry_run=dry_run, rows=len(table.rows))
    errors = list(table.problems)
    if organisation is None and "organisation_code" not in table.columns:
        errors.append(
            RowError(
                table.header_row,
                "organisation_code",
                _("The column is missing: add it, or choose the organisation of the import."),
            )
        )
    if errors:
        report.errors = _sorted(errors)
        return report

    if progress is not None:
        progress.phase("checking")
    validator = Validator(scope=scope, organisation=organisation)
    rows = validator.validate(table)
    if validator.errors:
        report.errors = _sorted(validator.errors)
        return report

    if progress is not None:
        progress.phase("saving")
    try:
        with transaction.atomic():
            _Writer(actor=actor, report=report, validator=validator).write(rows, dry_run=dry_run)
            if dry_run:
                transaction.set_rollback(True)
    except _Abort as abort:
        failed = ImportReport(filename=report.filename, dry_run=dry_run, rows=report.rows, errors=[abort.error])
        return failed
    return report


def _sorted(errors: Iterable[RowError]) -> list[RowError]:
    return sort_problems(errors, _COLUMN_ORDER)


_RANK = {"unchanged": 0, "updated": 1, "created": 2}


class _Writer:
    def __init__(self, *, actor: Any, report: ImportReport, validator: Validator) -> None:
        self.actor = actor
        self.report = report
        self.validator = validator
        self.persons: dict[int, Person] = {}
        self.person_status: dict[int, str] = {}
        self.person_organisation: dict[int, Organisation] = {}
        self.created: dict[tuple[int, int, int, int, dt.date], Employment] = {}
        self.by_organisation: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.organisations: dict[int, Organisation] = {}
        self.hidden_groups: set[int] = set()

    def write(self, rows: list[ImportRow], *, dry_run: bool) -> None:
        for row in rows:
            try:
                self._write_row(row)
            except ApplicationError as exc:
                column = FIELD_COLUMN.get(exc.field or "", exc.field or "")
                raise _Abort(RowError(row.number, column, str(exc.message))) from exc
        for group, status in self.person_status.items():
            setattr(self.report, f"persons_{status}", getattr(self.report, f"persons_{status}") + 1)
            self.by_organisation[self.person_organisation[group].pk][f"persons_{status}"] += 1
        if not dry_run:
            for organisation_id, counts in sorted(self.by_organisation.items()):
                organisation = self.organisations[organisation_id]
                changes: dict[str, tuple[Any, Any]] = {"file": (None, self.report.filename)}
                changes["rows"] = (None, counts.get("rows", 0))
                for name in self.report.counts():
                    changes[name] = (None, counts.get(name, 0))
                audit_record(
                    actor=self.actor,
                    action="staff.import",
                    obj=organisation,
                    changes=changes,
                    organisation_id=organisation.pk,
                )

    def _mark(self, group: int, status: str) -> None:
        current = self.person_status.get(group)
        if current is None or _RANK[status] > _RANK[current]:
            self.person_status[group] = status

    def _write_row(self, row: ImportRow) -> None:
        organisation, unit, position = row.organisation, row.unit, row.position
        if organisation is None or unit is None or position is None:  # pragma: no cover - validated
            raise ApplicationError(_("The row could not be read."), code=ErrorCode.IMPORT_FAILED)
        self.organisations[organisation.pk] = organisation
        counts = self.by_organisation[organisation.pk]
        counts["rows"] += 1
        person = self.persons.get(row.group) or row.existing
        person_data = {k: v for k, v in row.person.items() if v is not None}
        if person is None and row.hidden is not None:
            # Outside the importer's scope: only the employment is added, and the person is
            # counted as created, exactly as an unknown IIN would be.
            person = row.hidden
            self.hidden_groups.add(row.group)
        elif person is None:
            person = person_create(actor=self.actor, organisation=organisation, **person_data)
            self._mark(row.group, "created")
            person_data = {}
        if row.group in self.hidden_groups:
            self._mark(row.group, "created")
            person_data = {}
        self.persons[row.group] = person
        self.person_organisation.setdefault(row.group, organisation)

        values = row.employment
        start: dt.date = values["start_date"]
        key = (person.pk, organisation.pk, unit.pk, position.pk, start)
        employment = self.created.get(key) or self.validator.employments.get(key)
        if employment is None:
            is_primary = person.pk not in self.validator.open_primary
            employment = employment_create(
                actor=self.actor,
                person=person,
                organisation=organisation,
                unit=unit,
                position=position,
                start_date=start,
                rate=values.get("rate", Decimal("1")),
                category=values.get("category", ""),
                end_date=values.get("end_date"),
                end_reason=values.get("end_reason", ""),
                is_primary=is_primary,
                competition_term_years=values.get("competition_term_years"),
                competition_date=values.get("competition_date"),
                # A person found in the register by the IIN of the row may move in from elsewhere.
                # (row.hidden: a person outside the importer's scope, attached without their data).
                identified_by_iin=(person is row.existing or person is row.hidden) and bool(row.values.get("iin")),
            )
            if is_primary and employment.end_date is None:
                self.validator.open_primary.add(person.pk)
            self.created[key] = employment
            self.report.employments_created += 1
            counts["employments_created"] += 1
        else:
            changes = {
                name: values[name]
                for name in _EMPLOYMENT_UPDATABLE
                if name in values and getattr(employment, name) != values[name]
            }
            if changes:
                employment = employment_update(actor=self.actor, employment=employment, **changes)
                self.report.employments_updated += 1
                counts["employments_updated"] += 1
            else:
                self.report.employments_unchanged += 1
                counts["employments_unchanged"] += 1

        # Personal data after the employment: the services let HR edit a person through an
        # employment in their organisation, which now exists.
        changed = {name: value for name, value in person_data.items() if getattr(person, name) != value}
        if changed:
            self.persons[row.group] = person_update(actor=self.actor, person=person, **changed)
            self._mark(row.group, "updated")
        else:
            self._mark(row.group, "unchanged")
