"""Checking every row of a staff import file before anything is written.

Each cell is parsed on its own, then codes are resolved with a fixed number of queries for the
whole file, then each row is checked as a whole, then the rows of one person are checked
against each other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from biliktilik.core.access import Scope
from biliktilik.org.models import Organisation, Unit

from .. import iin as iin_digits
from ..models import Employment, Person, Position
from ..services import STAFF_EDITOR_ROLES
from . import cells
from .columns import COLUMNS
from .reading import RowError, Table

PERSON_COLUMNS = (
    "iin",
    "external_id",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "sex",
    "email",
    "phone",
)
EMPLOYMENT_COLUMNS = (
    "category",
    "rate",
    "start_date",
    "end_date",
    "end_reason",
    "competition_date",
    "competition_term_years",
)
_CHUNK = 500


def _max_length(model: type[models.Model], name: str) -> int:
    return int(model._meta.get_field(name).max_length or 0)  # type: ignore[union-attr]


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "organisation_code": partial(cells.text, max_length=_max_length(Organisation, "code")),
    "external_id": partial(cells.text, max_length=_max_length(Person, "external_id")),
    "iin": cells.iin,
    "last_name": partial(cells.text, max_length=_max_length(Person, "last_name")),
    "first_name": partial(cells.text, max_length=_max_length(Person, "first_name")),
    "middle_name": partial(cells.text, max_length=_max_length(Person, "middle_name")),
    "birth_date": cells.date,
    "sex": cells.sex,
    "email": cells.email,
    "phone": partial(cells.text, max_length=_max_length(Person, "phone")),
    "unit_code": partial(cells.text, max_length=_max_length(Unit, "code")),
    "position_code": partial(cells.text, max_length=_max_length(Position, "code")),
    "category": cells.category,
    "rate": cells.rate,
    "start_date": cells.date,
    "end_date": cells.date,
    "end_reason": cells.end_reason,
    "competition_date": cells.date,
    "competition_term_years": cells.whole_years,
}


@dataclass
class ImportRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    organisation: Organisation | None = None
    unit: Unit | None = None
    position: Position | None = None
    existing: Person | None = None
    # A person found by IIN whom the importer may not see: the row attaches its employment to
    # them and leaves their personal data alone, and the report counts them as created.
    hidden: Person | None = None
    group: int = 0

    @property
    def person(self) -> dict[str, Any]:
        return {k: self.values[k] for k in PERSON_COLUMNS if k in self.values}

    @property
    def employment(self) -> dict[str, Any]:
        return {k: self.values[k] for k in EMPLOYMENT_COLUMNS if k in self.values}


def may_edit(scope: Scope, organisation_id: int) -> bool:
    return scope.everything or scope.has_role(*STAFF_EDITOR_ROLES, organisation_id=organisation_id)


_T = TypeVar("_T")


def _chunks(values: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class Validator:
    """Checks every row; fills ``errors``; resolves codes and existing rows for the writer."""

    def __init__(self, *, scope: Scope, organisation: Organisation | None) -> None:
        self.scope = scope
        self.default_organisation = organisation
        self.errors: list[RowError] = []
        self.organisations: dict[str, Organisation] = {}
        self.units: dict[tuple[int, str], Unit] = {}
        self.positions: dict[tuple[int | None, str], Position] = {}
        self.persons_by_iin: dict[str, Person] = {}
        self.persons_by_external_id: dict[str, Person] = {}
        self.employments: dict[tuple[int, int, int, int, dt.date], Employment] = {}
        self.employment_orgs: dict[int, set[int]] = defaultdict(set)
        self.open_primary: set[int] = set()

    def error(self, row: ImportRow, column: str, message: str) -> None:
        self.errors.append(RowError(row.number, column, message))

    # --- first pass: each cell on its own -----------------------------------------------------
    def _parse(self, number: int, cells_in: dict[str, Any]) -> ImportRow:
        row = ImportRow(number)
        for code, raw in cells_in.items():
            if cells.is_empty(raw):
                continue
            try:
                row.values[code] = _PARSERS[code](raw)
            except cells.CellError as exc:
                self.error(row, code, exc.message)
                row.values[code] = None  # present but unusable
        for column in COLUMNS:
            if column.required and column.code not in row.values:
                self.error(row, column.code, _("This field is required."))
        return row

    # --- lookups, a fixed number of queries for the whole file ----------------------------------
    def _load(self, rows: list[ImportRow]) -> None:
        typed = {str(r.values["organisation_code"]) for r in rows if r.values.get("organisation_code")}
        codes = typed | {code.casefold() for code in typed}
        organisations = list(Organisation.objects.filter(code__in=sorted(codes))) if codes else []
        self.organisations = {o.code.casefold(): o for o in organisations}
        org_ids = {o.pk for o in organisations}
        if self.default_organisation is not None:
            org_ids.add(self.default_organisation.pk)
        for unit in Unit.objects.filter(organisation_id__in=sorted(org_ids)).exclude(code=""):
            self.units[(unit.organisation_id, unit.code.casefold())] = unit
        for position in Position.objects.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation_id__in=sorted(org_ids))
        ):
            self.positions[(position.organisation_id, position.code.casefold())] = position

        iins = sorted({r.values["iin"] for r in rows if r.values.get("iin")})
        external_ids = sorted({r.values["external_id"] for r in rows if r.values.get("external_id")})
        found: dict[int, Person] = {}
        for chunk in _chunks(iins):
            for person in Person.objects.filter(iin__in=chunk):
                self.persons_by_iin[person.iin] = found.setdefault(person.pk, person)
        for chunk in _chunks(external_ids):
            for person in Person.objects.filter(external_id__in=chunk):
                self.persons_by_external_id[person.external_id] = found.setdefault(person.pk, person)
        for chunk in _chunks(sorted(found)):
            for employment in Employment.objects.filter(person_id__in=chunk).order_by("id"):
                key = (
                    employment.person_id,
                    employment.organisation_id,
                    employment.unit_id,
                    employment.position_id,
                    employment.start_date,
                )
                self.employments.setdefault(key, employment)
                self.employment_orgs[employment.person_id].add(employment.organisation_id)
                if employment.is_primary and employment.end_date is None:
                    self.open_primary.add(employment.person_id)

    # --- second pass: codes, the row as a whole, the file as a whole ----------------------------
    def validate(self, table: Table) -> list[ImportRow]:
        rows = [self._parse(number, values) for number, values in table.rows]
        self._load(rows)
        for row in rows:
            self._resolve(row)
            self._check_row(row)
        self._group(rows)
        return rows

    def _resolve(self, row: ImportRow) -> None:
        code = row.values.get("organisation_code")
        if code:
            row.organisation = self.organisations.get(str(code).casefold())
            if row.organisation is None:
                self.error(row, "organisation_code", _("Unknown organisation code “%(code)s”.") % {"code": code})
        elif "organisation_code" in row.values:
            return  # the cell could not be read; already reported
        elif self.default_organisation is not None:
            row.organisation = self.default_organisation
        else:
            self.error(row, "organisation_code", _("This field is required."))
        organisation = row.organisation
        if organisation is None:
            return
        if not may_edit(self.scope, organisation.pk):
            self.error(row, "organisation_code", _("You may not change the staff records of this organisation."))
            row.organisation = None
            return
        unit_code = row.values.get("unit_code")
        if unit_code:
            row.unit = self.units.get((organisation.pk, str(unit_code).casefold()))
            if row.unit is None:
                self.error(
                    row,
                    "unit_code",
                    _("No unit with the code “%(code)s” in “%(organisation)s”.")
                    % {"code": unit_code, "organisation": organisation},
                )
        position_code = row.values.get("position_code")
        if position_code:
            key = str(position_code).casefold()
            row.position = self.positions.get((organisation.pk, key)) or self.positions.get((None, key))
            if row.position is None:
                self.error(
                    row,
                    "position_code",
                    _("No position with the code “%(code)s” in the shared catalogue or in that of “%(organisation)s”.")
                    % {"code": position_code, "organisation": organisation},
                )

    def _check_row(self, row: ImportRow) -> None:
        values = row.values
        iin = values.get("iin")
        if "iin" not in values and "external_id" not in values:
            self.error(row, "iin", _("Give the IIN or the external id, so that the person can be found again."))
        if iin:
            born = values.get("birth_date")
            if born and born != iin_digits.birth_date(iin):
                self.error(row, "birth_date", _("The birth date does not agree with the IIN."))
            sex = values.get("sex")
            if sex and sex != ("m" if int(iin[6]) % 2 else "f"):
                self.error(row, "sex", _("The sex does not agree with the IIN."))
        born = values.get("birth_date")
        if born and born > dt.date.today():
            self.error(row, "birth_date", _("The birth date cannot be in the future."))
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            self.error(row, "end_date", _("The end date cannot be before the start date."))
        if values.get("end_reason") and "end_date" not in values:
            self.error(row, "end_date", _("An end reason needs an end date."))
        self._match_person(row)

    def in_scope(self, person: Person) -> bool:
        """Whether the importer may see and change ``person``: they work, or worked, in an
        organisation whose staff records the importer keeps."""
        return self.scope.everything or any(
            may_edit(self.scope, organisation_id) for organisation_id in self.employment_orgs[person.pk]
        )

    def _match_person(self, row: ImportRow) -> None:
        """Find the row's person. A person outside the importer's scope is matched as if their
        IIN were unknown, so that no message or count tells whether the IIN exists; when the row
        would create a new person, it attaches to them instead (see docs/import-staff.md)."""
        iin, external_id = row.values.get("iin"), row.values.get("external_id")
        by_iin = self.persons_by_iin.get(iin) if iin else None
        hidden = None
        if by_iin is not None and not self.in_scope(by_iin):
            hidden, by_iin = by_iin, None
        by_external_id = self.persons_by_external_id.get(external_id) if external_id else None
        if by_iin is not None:
            if by_external_id is not None and by_external_id.pk != by_iin.pk:
                self.error(row, "external_id", _("This external id belongs to another person."))
                return
            row.existing = by_iin
        elif by_external_id is not None:
            if iin and by_external_id.iin and by_external_id.iin != iin:
                self.error(row, "iin", _("The person with this external id has another IIN."))
                return
            if row.organisation is not None and row.organisation.pk not in self.employment_orgs[by_external_id.pk]:
                # External ids come from each organisation's own HR system and may coincide.
                self.error(row, "external_id", _("This external id belongs to a person of another organisation."))
                return
            row.existing = by_external_id
        else:
            row.hidden = hidden

    def _group(self, rows: list[ImportRow]) -> None:
        """Rows of one person share a group; their personal data must agree, their employments
        must differ."""
        group_of: dict[tuple[str, Any], int] = {}
        group_data: dict[int, dict[str, tuple[Any, int]]] = defaultdict(dict)
        employment_rows: dict[tuple[Any, ...], int] = {}
        for row in rows:
            keys: list[tuple[str, Any]] = []
            found = row.existing or row.hidden
            if found is not None:
                keys.append(("db", found.pk))
            for name in ("iin", "external_id"):
                if row.values.get(name):
                    keys.append((name, row.values[name]))
            groups = sorted({group_of[k] for k in keys if k in group_of})
            if len(groups) > 1:
                self.error(
                    row,
                    "external_id",
                    _("The IIN and the external id name different people: those of rows %(rows)s.")
                    % {"rows": ", ".join(str(g) for g in groups)},
                )
                continue
            row.group = groups[0] if groups else row.number
            for key in keys:
                group_of.setdefault(key, row.group)
            data = group_data[row.group]
            for name, value in row.person.items():
                if value is None:
                    continue
                if name in data and data[name][0] != value:
                    self.error(
                        row,
                        name,
                        _("This person is also in row %(row)s, with another value in this column.")
                        % {"row": data[name][1]},
                    )
                else:
                    data.setdefault(name, (value, row.number))
            if row.organisation and row.unit and row.position and row.values.get("start_date"):
                employment_key = (
                    row.group,
                    row.organisation.pk,
                    row.unit.pk,
                    row.position.pk,
                    row.values["start_date"],
                )
                if employment_key in employment_rows:
                    self.error(
                        row,
                        "start_date",
                        _(
                            "This employment is also in row %(row)s: the same person, organisation, unit, "
                            "position and start date."
                        )
                        % {"row": employment_rows[employment_key]},
                    )
                else:
                    employment_rows[employment_key] = row.number
