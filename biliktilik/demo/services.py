"""Loading the demo data.

Organisations, units and offices are built through the org services, the people behind the
demo logins through the people services, the rule sets each organisation adopts through the
policy services and the PD records of the login people through the ledger services, so they
carry audit events like any other row. The generated staff (up to tens of thousands) and their
PD history are written with ``bulk_create`` in batches: the same rows the services would write,
checked the same way (valid IINs, units of the employer, dates in order), but without one audit
event per generated row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils.translation import gettext as _

from biliktilik.accounts.models import RoleGrant, User
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation, Unit
from biliktilik.org.services import office_set, organisation_create, unit_create
from biliktilik.people.iin import birth_date as iin_birth_date
from biliktilik.people.iin import is_valid_iin
from biliktilik.people.models import (
    AcademicDegree,
    Discipline,
    Employment,
    Graduation,
    Person,
    Position,
    QualificationCategory,
    TeachingAssignment,
)
from biliktilik.people.services import employment_create, person_create

from .catalogue import seed_disciplines, seed_positions
from .logins import ADMIN_USERNAME, DEFAULT_PASSWORD, LOGINS
from .pd_history import HistorySummary, adopt_rule_sets, plan_histories
from .pd_writer import HistoryWriter
from .planner import DEFAULT_STAFF, DemoPlan, EmploymentPlan, PersonPlan, build_plan
from .reference import ReferenceDay, reference_day
from .selectors import demo_counts, existing_demo_usernames, organisations_exist
from .structure import ORGANISATIONS, walk_units

BATCH_SIZE = 2000
# The most staff load_demo makes; the bench uses 50,000.
MAX_STAFF = 200_000

T = TypeVar("T")


@dataclass
class DemoSummary:
    staff: int
    former: int
    alumni: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    pd: HistorySummary = field(default_factory=HistorySummary)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check_person(plan: PersonPlan) -> None:
    """The checks the people services make, for rows written in bulk."""
    if not is_valid_iin(plan.iin) or iin_birth_date(plan.iin) != plan.birth_date:
        raise ApplicationError(
            _("IIN must be 12 digits with a correct check digit."), code=ErrorCode.INVALID_IIN, field="iin"
        )
    for job in plan.employments:
        if job.end is not None and job.end < job.start:
            raise ApplicationError(_("The end date cannot be before the start date."), field="end_date")


class _Writer:
    """Turns the plan into rows, keeping the maps from demo codes to database ids."""

    def __init__(self, *, actor: Any, progress: Callable[[str], None]) -> None:
        self.actor = actor
        self.progress = progress
        self.orgs: dict[str, Organisation] = {}
        self.units: dict[tuple[str, str], Unit] = {}
        self.positions = {p.code: p for p in Position.objects.filter(organisation__isnull=True)}
        self.disciplines = dict(Discipline.objects.values_list("code", "id"))
        # The main employment of the person behind each login.
        self.login_jobs: dict[str, Employment] = {}
        # Every planned person with their database id, in the order of the plan.
        self.person_ids: list[tuple[PersonPlan, int]] = []

    # --- structure, through the org services ----------------------------------------------------
    def structure(self) -> None:
        for spec in ORGANISATIONS:
            org = organisation_create(
                actor=self.actor,
                kind=spec.kind,
                code=spec.code,
                name_kk=spec.name_kk,
                name_ru=spec.name_ru,
                name_en=spec.name_en,
                short_name=spec.short_name,
                parent=self.orgs[spec.parent] if spec.parent else None,
                city=spec.city,
            )
            self.orgs[spec.key] = org
            for unit_spec, parent_code in walk_units(spec.units):
                self.units[(spec.key, unit_spec.code)] = unit_create(
                    actor=self.actor,
                    organisation=org,
                    kind=unit_spec.kind,
                    name_kk=unit_spec.name_kk,
                    name_ru=unit_spec.name_ru,
                    name_en=unit_spec.name_en,
                    code=unit_spec.code,
                    parent=self.units[(spec.key, parent_code)] if parent_code else None,
                )
            for office in spec.offices:
                office_set(
                    actor=self.actor,
                    organisation=org,
                    kind=office.kind,
                    unit=self.units[(spec.key, office.unit)],
                    title_kk=office.title_kk,
                    title_ru=office.title_ru,
                    title_en=office.title_en,
                )
        self.progress(
            _("Organisations: %(orgs)d, units: %(units)d.") % {"orgs": len(self.orgs), "units": len(self.units)}
        )

    # --- people -------------------------------------------------------------------------------------
    def _person_values(self, plan: PersonPlan) -> dict[str, Any]:
        return {
            "last_name": plan.last_name,
            "first_name": plan.first_name,
            "middle_name": plan.middle_name,
            "iin": plan.iin,
            "external_id": plan.external_id,
            "birth_date": plan.birth_date,
            "sex": plan.sex,
            "email": plan.email,
            "phone": plan.phone,
            "academic_title": plan.academic_title,
        }

    def _employment_values(self, job: EmploymentPlan) -> dict[str, Any]:
        return {
            "organisation": self.orgs[job.org],
            "unit": self.units[(job.org, job.unit)],
            "position": self.positions[job.position],
            "category": job.category,
            "rate": job.rate,
            "start_date": job.start,
            "end_date": job.end,
            "end_reason": job.end_reason,
            "is_primary": job.primary,
            "competition_term_years": job.competition_term,
            "competition_date": job.competition_date,
        }

    def login_person(self, plan: PersonPlan) -> Person:
        """A person behind a demo login, written through the people services (audited)."""
        main = plan.employments[0]
        person = person_create(actor=self.actor, organisation=self.orgs[main.org], **self._person_values(plan))
        jobs = [
            employment_create(actor=self.actor, person=person, **self._employment_values(j)) for j in plan.employments
        ]
        self.login_jobs[plan.login] = jobs[0]
        return person

    def related(self, plan: PersonPlan, person_id: int, *, employments: bool) -> dict[type[models.Model], list[Any]]:
        rows: dict[type[models.Model], list[Any]] = {
            Employment: [],
            TeachingAssignment: [],
            AcademicDegree: [],
            QualificationCategory: [],
            Graduation: [],
        }
        if employments:
            rows[Employment] = [Employment(person_id=person_id, **self._employment_values(j)) for j in plan.employments]
        rows[TeachingAssignment] = [
            TeachingAssignment(
                person_id=person_id,
                discipline_id=self.disciplines[code],
                organisation=self.orgs[org],
                valid_from=valid_from,
                valid_to=valid_to,
            )
            for code, org, valid_from, valid_to in plan.teaching
        ]
        rows[AcademicDegree] = [
            AcademicDegree(person_id=person_id, kind=kind, field=field_name, awarded_on=on, document_number=number)
            for kind, field_name, on, number in plan.degrees
        ]
        rows[QualificationCategory] = [
            QualificationCategory(
                person_id=person_id, category=category, awarded_on=on, valid_until=until, order_number=number
            )
            for category, on, until, number in plan.categories
        ]
        rows[Graduation] = [
            Graduation(person_id=person_id, organisation=self.orgs[org], year=year, programme=programme, level=level)
            for org, year, programme, level in plan.graduations
        ]
        return rows

    def people(self, plan: DemoPlan) -> None:
        for person_plan in plan.people:
            _check_person(person_plan)
        total = len(plan.people)
        done = 0
        for chunk in _chunks(plan.people, BATCH_SIZE):
            pending: dict[type[models.Model], list[Any]] = {}
            bulk = [p for p in chunk if not p.login]
            persons = []
            for person_plan in bulk:
                person = Person(**self._person_values(person_plan))
                person.search_name = person.full_name.lower()  # what Person.save() would set
                persons.append(person)
            Person.objects.bulk_create(persons, batch_size=BATCH_SIZE)
            pairs = [(p, person.pk, True) for p, person in zip(bulk, persons, strict=True)]
            pairs += [(p, self.login_person(p).pk, False) for p in chunk if p.login]
            self.person_ids.extend((p, person_id) for p, person_id, _jobs in pairs)
            for person_plan, person_id, with_employments in pairs:
                for model, rows in self.related(person_plan, person_id, employments=with_employments).items():
                    pending.setdefault(model, []).extend(rows)
            for model, rows in pending.items():
                model.objects.bulk_create(rows, batch_size=BATCH_SIZE)  # type: ignore[attr-defined]
            done += len(chunk)
            self.progress(_("People: %(done)d of %(total)d.") % {"done": done, "total": total})

    # --- logins -------------------------------------------------------------------------------------
    def logins(self, *, admin: User, password_hash: str) -> None:
        for spec in LOGINS:
            if spec.username == ADMIN_USERNAME:
                RoleGrant.objects.create(user=admin, role=spec.role, organisation=self.orgs[spec.organisation])
                continue
            main = self.login_jobs[spec.username]
            person = main.person
            user = User.objects.create(
                username=spec.username,
                password=password_hash,
                person=person,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
            )
            RoleGrant.objects.create(
                user=user,
                role=spec.role,
                organisation_id=main.organisation_id,
                unit_id=main.unit_id if spec.unit_scoped else None,
            )


def _missing_logins(plan: DemoPlan) -> list[str]:
    planned = {p.login for p in plan.people if p.login}
    return [spec.username for spec in LOGINS if spec.username != ADMIN_USERNAME and spec.username not in planned]


@transaction.atomic
def demo_load(
    *,
    staff: int = DEFAULT_STAFF,
    password: str = DEFAULT_PASSWORD,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo organisations, staff, alumni and logins, current on
    the reference day ``today`` (default: the local date; see ``reference``).

    The same ``staff`` and ``today`` always give the same data. Refuses when the database already
    has organisations or when a demo username is taken.
    """
    started = time.monotonic()
    report = progress or (lambda message: None)
    if staff < 1 or staff > MAX_STAFF:
        raise ApplicationError(
            _("The number of staff must be between 1 and %(most)d.") % {"most": MAX_STAFF}, field="staff"
        )
    if not password:
        raise ApplicationError(_("The password of the demo logins cannot be empty."), field="password")
    day = reference_day(today)
    if organisations_exist():
        raise ApplicationError(
            _("The database already has organisations; the demo data are loaded only into an empty database."),
            code=ErrorCode.CONFLICT,
        )
    taken = existing_demo_usernames()
    if taken:
        raise ApplicationError(
            _("These usernames are already taken: %(names)s.") % {"names": ", ".join(taken)},
            code=ErrorCode.CONFLICT,
        )
    seed_positions()
    seed_disciplines()
    plan = build_plan(staff, day=day)
    missing = _missing_logins(plan)
    if missing:  # pragma: no cover - a broken structure module, caught by the tests
        raise ApplicationError(_("No person for the logins: %(names)s.") % {"names": ", ".join(missing)})
    # One hash for every demo login: hashing is slow on purpose, and the password is the same.
    password_hash = make_password(password)
    admin = User.objects.create(username=ADMIN_USERNAME, password=password_hash, is_staff=True, is_superuser=True)
    writer = _Writer(actor=admin, progress=report)
    writer.structure()
    writer.people(plan)
    writer.logins(admin=admin, password_hash=password_hash)
    pd = pd_history(writer, admin=admin, progress=report, day=day)
    return DemoSummary(
        staff=plan.staff,
        former=plan.former,
        alumni=plan.alumni,
        seconds=time.monotonic() - started,
        counts=demo_counts(),
        pd=pd,
    )


def pd_history(writer: _Writer, *, admin: User, progress: Callable[[str], None], day: ReferenceDay) -> HistorySummary:
    """The rule sets of the organisations, then six years of PD records of the staff up to the
    reference day."""
    adopted = adopt_rule_sets(actor=admin, orgs=writer.orgs)
    history = HistoryWriter(orgs=writer.orgs, admin=admin, progress=progress, day=day)
    history.write(plan_histories(writer.person_ids, day))
    summary = history.summary
    summary.rule_sets = len(adopted)
    progress(
        _(
            "Rule sets adopted: %(rule_sets)d. PD records: %(records)d, waiting for verification: %(pending)d, "
            "returned: %(returned)d, with a document file: %(evidence)d."
        )
        % {
            "rule_sets": summary.rule_sets,
            "records": summary.records,
            "pending": summary.pending,
            "returned": summary.returned,
            "evidence": summary.evidence,
        }
    )
    return summary
