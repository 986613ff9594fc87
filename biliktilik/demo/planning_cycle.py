"""A full year of PD planning at the demo's technical university (PLN-01..03).

``planning_cycle_load(year=...)`` runs after ``load_demo`` and goes through the same services the
planning pages use, acting as the users the approval routes name:

1. the KazNRTU routes are given to the university (``workflows.seeding.seed_routes`` with
   ``kaznrtu_602_7_4`` for unit schedules, ``planning.seeding.seed_consolidated_route`` for form
   602-05);
2. every current member of staff of four departments of two institutes gets an individual plan
   with one to three activities (courses, internships, conferences, academic mobility; funded by
   the university, by the person or by a grant; some in the profile of the disciplines taught,
   management topics for the heads), written by the person when they have a login, otherwise by
   the HR service, and submitted;
3. each department's head assembles the unit schedule (form 602-01), records the minutes of the
   department meeting and submits it; each step of the route is approved by the user the
   workflows resolver names for it (the unit head, the institute director, HR, finance, the head
   of the management office, or the rector when that office has no head);
4. the HR service builds the consolidated schedule (form 602-05) from the approved unit schedules
   and submits it; HR checks it, finance agrees the budget and the last step approves it.

A department head or institute director with no login gets one (username ``head-<unit code>`` or
``director-<unit code>``, the password of the other demo logins), so every step has someone to
decide it. Deterministic: the same year gives the same plans, items, minutes and decisions (the
meeting dates also depend on the reference day: never later than it). By default the year planned
is the one after the reference day (plans for year Y are drawn up and approved in the autumn of
Y - 1), the reference day being the local date unless ``today`` says otherwise.
Refused when the demo is not loaded, and when the university already has a plan or schedule for
the year (nothing is changed then).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.accounts.models import RoleGrant, User
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q
from biliktilik.planning import selectors as planning_selectors
from biliktilik.planning import services as planning
from biliktilik.planning.enums import PlanStatus
from biliktilik.planning.models import ConsolidatedSchedule, IndividualPlan, PlanItem, UnitSchedule
from biliktilik.planning.seeding import seed_consolidated_route
from biliktilik.workflows.enums import Decider, RunStatus
from biliktilik.workflows.resolvers import DeciderBook, Place, step_holders
from biliktilik.workflows.seeding import seed_routes

from .selectors import demo_is_loaded
from .structure import TECH

# (institute code, department code): four departments (кафедра) of two institutes.
DEPARTMENTS: tuple[tuple[str, str], ...] = (("IAIT", "SE"), ("IAIT", "CYB"), ("IAIT", "AUT"), ("IGN", "GEO"))
UNIT_ROUTE_TEMPLATE = "kaznrtu_602_7_4"
# The login whose password hash new demo logins share (the demo was loaded with one password).
LOGIN_SHARING_HASH = "unit_head"
DECISION_COMMENT = "Согласовано."


@dataclass(frozen=True)
class Activity:
    """A kind of planned activity: the demo's items are drawn from these."""

    topic: str
    form: str
    days: int
    hours: int
    funding: str
    cost: int
    provider: str
    in_profile: bool = False
    management: bool = False


# Topics in Russian, as in the university's own forms; "{profile}" is the department's profile.
IN_PROFILE = (
    Activity(
        "Современные методы преподавания дисциплин профиля «{profile}»",
        PDForm.COURSE_SHORT,
        12,
        72,
        FundingSource.ORGANISATION,
        120_000,
        "Центр повышения квалификации и дополнительного образования",
        in_profile=True,
    ),
    Activity(
        "Стажировка на производстве по профилю «{profile}»",
        PDForm.PROFESSIONAL_INTERNSHIP,
        14,
        72,
        FundingSource.ORGANISATION,
        180_000,
        "АО «Казахстан инжиниринг»",
        in_profile=True,
    ),
    Activity(
        "Программа академической мобильности по профилю «{profile}»",
        PDForm.INTERNATIONAL,
        21,
        108,
        FundingSource.GRANT,
        950_000,
        "Erasmus+ (Technische Universität Dresden)",
        in_profile=True,
    ),
    Activity(
        "Онлайн-курс по профилю «{profile}»",
        PDForm.MOOC,
        30,
        36,
        FundingSource.OWN,
        25_000,
        "Coursera",
        in_profile=True,
    ),
)
GENERAL = (
    Activity(
        "Международная научно-практическая конференция «Сатпаевские чтения»",
        PDForm.CONFERENCE,
        2,
        16,
        FundingSource.OWN,
        30_000,
        "Алатауский национальный исследовательский технический университет",
    ),
    Activity(
        "Цифровые инструменты в обучении: LMS и смешанное обучение",
        PDForm.COURSE_SHORT,
        10,
        36,
        FundingSource.ORGANISATION,
        60_000,
        "Центр повышения квалификации и дополнительного образования",
    ),
    Activity(
        "Академическое письмо и публикации в рейтинговых журналах",
        PDForm.SEMINAR,
        3,
        18,
        FundingSource.GRANT,
        0,
        "Elsevier Researcher Academy",
    ),
)
MANAGEMENT = Activity(
    "Менеджмент в высшем образовании: управление кафедрой",
    PDForm.COURSE_SHORT,
    10,
    72,
    FundingSource.ORGANISATION,
    150_000,
    "Назарбаев Университет, Высшая школа образования",
    management=True,
)


@dataclass
class ScheduleResult:
    unit: str
    plans: int
    status: str
    decisions: int


@dataclass
class CycleSummary:
    year: int
    organisation: str
    plans: int = 0
    items: int = 0
    unit_schedules: list[ScheduleResult] = field(default_factory=list)
    consolidated_status: str = ""
    consolidated_decisions: int = 0
    budget: list[planning_selectors.BudgetLine] = field(default_factory=list)
    total: planning_selectors.BudgetLine | None = None
    new_logins: list[str] = field(default_factory=list)


# --- who acts ------------------------------------------------------------------------------------


def _first_user(ids: frozenset[int]) -> User | None:
    """Of several users who may act, the one with the first username (the same on every run)."""
    return User.objects.filter(pk__in=sorted(ids)).order_by("username").first() if ids else None


def _decider(decider: str, organisation: Organisation, unit: Unit | None) -> User:
    user = _first_user(step_holders(decider, Place.of(organisation.pk, unit)))
    if user is None:
        raise ApplicationError(
            _("No one may decide the step “%(decider)s” for %(place)s.")
            % {"decider": Decider(decider).label, "place": unit or organisation},
            code=ErrorCode.INVALID_STATE,
        )
    return user


def _head_of(unit: Unit) -> Employment | None:
    return (
        Employment.objects.filter(current_q(), unit=unit, position__is_head=True)
        .select_related("person")
        .order_by("start_date", "pk")
        .first()
    )


def _give_logins(organisation: Organisation, units: list[tuple[Unit, str]]) -> list[str]:
    """A login for the head of each unit whose step would find no one: ``units`` pairs a unit with
    the decider (unit head or institute director) its steps ask for."""
    book = DeciderBook([Place.of(organisation.pk, unit) for unit, _decider in units])
    source = User.objects.filter(username=LOGIN_SHARING_HASH).first()
    if source is None:
        raise ApplicationError(_("The demo login “%(name)s” is missing.") % {"name": LOGIN_SHARING_HASH})
    made = []
    for unit, decider in units:
        if book.holders(decider, Place.of(organisation.pk, unit)):
            continue
        head = _head_of(unit)
        if head is None:
            raise ApplicationError(_("The unit %(unit)s has no head.") % {"unit": unit})
        prefix = "head" if decider == Decider.UNIT_HEAD else "director"
        username = f"{prefix}-{unit.code.lower()}"
        if User.objects.filter(username=username).exists():
            raise ApplicationError(
                _("These usernames are already taken: %(names)s.") % {"names": username}, code=ErrorCode.CONFLICT
            )
        person = head.person
        user = User.objects.create(
            username=username,
            password=source.password,
            person=person,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        role = Role.UNIT_HEAD if decider == Decider.UNIT_HEAD else Role.INSTITUTE_DIRECTOR
        RoleGrant.objects.create(user=user, role=role, organisation=organisation, unit=unit)
        made.append(username)
    return made


# --- the steps of the year -----------------------------------------------------------------------


def _staff(unit: Unit) -> list[Employment]:
    """The current staff of ``unit``, one employment per person, in the order of the directory."""
    seen: set[int] = set()
    out = []
    for employment in (
        Employment.objects.filter(current_q(), unit=unit)
        .select_related("person", "position")
        .order_by("person__last_name", "person__first_name", "person_id", "-is_primary", "pk")
    ):
        if employment.person_id not in seen:
            seen.add(employment.person_id)
            out.append(employment)
    return out


def _activities(rng: random.Random, number: int, employment: Employment) -> list[Activity]:
    """One to three activities for the ``number``-th person of the cycle: the kinds in profile and
    the general ones taken in turn (so even a small demo has each), a management course for heads."""
    chosen = [IN_PROFILE[number % len(IN_PROFILE)]]
    if employment.position.is_head:
        chosen.append(MANAGEMENT)
    if number % 2 == 0 or rng.random() < 0.5:
        chosen.append(GENERAL[(number // 2) % len(GENERAL)])
    return chosen


def _write_plan(
    *,
    rng: random.Random,
    number: int,
    year: int,
    employment: Employment,
    organisation: Organisation,
    officer: User,
    profile: str,
) -> IndividualPlan:
    """The person's plan, by the person when they have a login, else by the HR service; submitted."""
    own = User.objects.filter(person_id=employment.person_id, is_active=True).order_by("username").first()
    actor = own if own is not None else officer
    plan = planning.plan_create(actor=actor, person=employment.person, organisation=organisation, year=year)
    for activity in _activities(rng, number, employment):
        start = dt.date(year, rng.randint(2, 11), rng.randint(1, 28))
        planning.plan_item_add(
            actor=actor,
            plan=plan,
            topic=activity.topic.format(profile=profile),
            form=activity.form,
            start_date=start,
            end_date=start + dt.timedelta(days=activity.days - 1),
            hours=activity.hours,
            funding_source=activity.funding,
            provider_name=activity.provider,
            cost=activity.cost,
            in_profile=activity.in_profile,
            management_topic=activity.management,
        )
    return planning.plan_submit(actor=actor, plan=plan)


def _approve_through(document: Any, *, organisation: Organisation, unit: Unit | None) -> int:
    """Approve each step of the document's run by the user the resolver names; the decisions taken."""
    taken = 0
    while True:
        run = planning_selectors.run_of(document)
        if run is None or run.status != RunStatus.IN_PROGRESS or run.current_step is None:
            return taken
        actor = _decider(run.current_step.decider, organisation, unit)
        document = planning.document_decide(
            actor=actor,
            document=document,
            action="approve",
            expected_step_id=run.current_step_id,
            comment=DECISION_COMMENT,
        )
        taken += 1


def default_year(today: dt.date | None = None) -> int:
    """The year planned by default: the one after the reference day (default: the local date)."""
    return (today or timezone.localdate()).year + 1


def _meeting_date(year: int, index: int, today: dt.date) -> dt.date:
    """Department meetings in November of the year before; never after the reference day."""
    return min(dt.date(year - 1, 11, 10 + 2 * index), today)


def _unit_schedule(
    *, year: int, index: int, organisation: Organisation, unit: Unit, present: int, today: dt.date
) -> ScheduleResult:
    head = _decider(Decider.UNIT_HEAD, organisation, unit)
    schedule = planning.unit_schedule_create(actor=head, unit=unit, year=year)
    schedule = planning.unit_schedule_assemble(actor=head, schedule=schedule)
    schedule = planning.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=_meeting_date(year, index, today),
        meeting_number=str(4 + index),
        meeting_present=max(present, 1),
        meeting_decision=f"Утвердить график повышения квалификации кафедры на {year} год (форма 602-01).",
    )
    schedule = planning.unit_schedule_submit(actor=head, schedule=schedule)
    decisions = _approve_through(schedule, organisation=organisation, unit=unit)
    schedule.refresh_from_db()
    return ScheduleResult(
        unit=unit.name, plans=schedule.plans.count(), status=schedule.get_status_display(), decisions=decisions
    )


def _already_planned(organisation: Organisation, year: int) -> bool:
    return (
        IndividualPlan.objects.filter(organisation=organisation, year=year).exists()
        or UnitSchedule.objects.filter(organisation=organisation, year=year).exists()
        or ConsolidatedSchedule.objects.filter(organisation=organisation, year=year).exists()
    )


@transaction.atomic
def planning_cycle_load(
    *,
    year: int | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> CycleSummary:
    """Run the year's planning at the technical university (default: the year after the reference
    day ``today``, itself by default the local date). One transaction: it either finishes or
    leaves the database as it was."""
    report = progress or (lambda message: None)
    today = today or timezone.localdate()
    year = default_year(today) if year is None else year
    if not 2001 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2001 and 2100."), field="year")
    organisation = Organisation.objects.filter(code=TECH.code).first()
    if not demo_is_loaded() or organisation is None:
        raise ApplicationError(
            _("The demo data are not loaded; run “manage.py load_demo” first."), code=ErrorCode.INVALID_STATE
        )
    if _already_planned(organisation, year):
        raise ApplicationError(
            _("%(organisation)s already has PD plans or schedules for %(year)s; nothing changed.")
            % {"organisation": organisation.name, "year": year},
            code=ErrorCode.CONFLICT,
        )
    seed_routes(organisation=organisation, template=UNIT_ROUTE_TEMPLATE)
    seed_consolidated_route(organisation=organisation)
    units = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    departments = [(units[institute], units[code]) for institute, code in DEPARTMENTS]
    summary = CycleSummary(year=year, organisation=organisation.name)
    needs = [(department, str(Decider.UNIT_HEAD)) for _institute, department in departments]
    needs += [(institute, str(Decider.INSTITUTE_DIRECTOR)) for institute in dict.fromkeys(i for i, _d in departments)]
    summary.new_logins = _give_logins(organisation, needs)
    officer = _decider(Decider.HR, organisation, None)
    rng = random.Random(year)  # noqa: S311 - demo data, the same on every run
    for index, (_institute, department) in enumerate(departments):
        staff = _staff(department)
        profile = department.name_ru.removeprefix("Кафедра ")
        for employment in staff:
            _write_plan(
                rng=rng,
                number=summary.plans,
                year=year,
                employment=employment,
                organisation=organisation,
                officer=officer,
                profile=profile,
            )
            summary.plans += 1
        result = _unit_schedule(
            year=year, index=index, organisation=organisation, unit=department, present=len(staff), today=today
        )
        summary.unit_schedules.append(result)
        report(
            _("%(unit)s: %(plans)d plans, %(status)s after %(decisions)d decisions.")
            % {"unit": result.unit, "plans": result.plans, "status": result.status, "decisions": result.decisions}
        )
    consolidated = planning.consolidated_create(actor=officer, organisation=organisation, year=year)
    consolidated = planning.consolidated_assemble(actor=officer, schedule=consolidated)
    consolidated = planning.consolidated_submit(actor=officer, schedule=consolidated)
    summary.consolidated_decisions = _approve_through(consolidated, organisation=organisation, unit=None)
    consolidated.refresh_from_db()
    if consolidated.status != PlanStatus.APPROVED:  # pragma: no cover - every step above approves
        raise ApplicationError(_("The consolidated schedule was not approved."), code=ErrorCode.INVALID_STATE)
    summary.consolidated_status = consolidated.get_status_display()
    summary.budget, summary.total = planning_selectors.budget_lines(consolidated)
    summary.plans = IndividualPlan.objects.filter(organisation=organisation, year=year).count()
    summary.items = PlanItem.objects.filter(plan__organisation=organisation, plan__year=year).count()
    return summary
