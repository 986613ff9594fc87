"""The PD history of the demo staff and the rule sets their organisations adopt (POL-01, POL-02,
LED-01, CMP-01).

Each demo organisation adopts the rule set of its source document through
``policy.services.rule_set_adopt``. KazNRTU-602 and KAFU-2025 set no hours of their own
(KazNRTU-602 7.3 refers to the ministry's requirements, KAFU-2025 1 to "the terms of the
normative acts and internal regulations"), so the technical and the free university also adopt
SKMA-464, whose periodic requirements (3.4, 4.3, 4.4, 4.5) are the only ones the sources give;
the college adopts SKMA-464 for its college-faculty rule 4.4. The kindergarten and the provider
adopt PRESCHOOL-RULES (durations, pass thresholds, deadlines; no periodic requirement).

The history covers the six years before ``REFERENCE_DATE`` (the base day) and is drawn from its
own ``random.Random(PD_SEED)``, so the people of the demo stay the same whatever this module
draws. It is shaped against the three-year window of SKMA-464 on the base day: most people meet
their requirements, some are due within six months, some are overdue, about a tenth have nothing
in the window; heads and deputies with and without management training. Then every record is
moved to the reference day like the people (``reference``), and a few people who already meet
their requirements get a short activity completed in the last three weeks before the reference
day, always in its calendar year (from ``random.Random(RECENT_SEED)``, the same whatever the
day): this year's participation is never empty, even on a reference day in January.

``pd_writer`` writes it: the records of the people behind the demo logins go through the ledger
services (audited, a few with a generated PDF certificate through the default storage); the rest
are written in batches, without evidence files and without audit events, like the other
generated rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from biliktilik.ledger.enums import (
    DeliveryMode,
    EvidenceKind,
    FundingSource,
    Initiative,
    PDForm,
    RecordOrigin,
    RecordStatus,
)
from biliktilik.org.models import Organisation
from biliktilik.people.enums import DegreeKind, StaffCategory
from biliktilik.policy.models import RuleSet
from biliktilik.policy.seed import seed_rule_sets
from biliktilik.policy.services import rule_set_adopt

from .catalogue import PROFILES
from .planner import HEAD_POSITIONS, REFERENCE_DATE, PersonPlan, add_years
from .reference import ReferenceDay
from .structure import BY_KEY
from .tables import (
    CONFERENCES,
    GENERAL_ACTIVITIES,
    GENERAL_PROVIDERS,
    IAAR,
    INTERNSHIP_HOSTS,
    MANAGEMENT_PROVIDERS,
    MANAGEMENT_TITLES,
    ONLINE_ACTIVITIES,
    ONLINE_PROVIDERS,
    ORLEU,
    PRESCHOOL_MANAGEMENT_TITLES,
    PRESCHOOL_TITLES,
    PROFILE_PROVIDERS,
    PROFILE_TITLES_KK,
    PROFILE_TITLES_RU,
    PROFILE_TOPICS,
    RETURN_REASONS,
    Provider,
)

# Its own seed: drawing the history never changes the people drawn with planner.SEED.
PD_SEED = 4643
# The short activities of the last weeks before the reference day.
RECENT_SEED = 4644
RECENT_SHARE = 0.2
RECENT_DAYS = 21

# The rule sets each demo organisation adopts, in this order (templates of policy.seed).
ADOPTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tech", ("kaznrtu-602", "skma-464")),
    ("medical", ("skma-464",)),
    ("free", ("kafu-2025", "skma-464")),
    ("college", ("skma-464",)),
    ("kindergarten", ("preschool-rules",)),
    ("provider", ("preschool-rules",)),
)

# The periods the history is drawn in, against the window (REFERENCE_DATE - 3 years, REFERENCE_DATE].
HISTORY_START = add_years(REFERENCE_DATE, -6)
WINDOW_START = add_years(REFERENCE_DATE, -3)
# Reached here: due more than six months after the reference date (compliant).
RECENT = (WINDOW_START + dt.timedelta(days=212), REFERENCE_DATE - dt.timedelta(days=38))
# Reached here: due within six months after the reference date (due soon).
EDGE = (WINDOW_START + dt.timedelta(days=4), WINDOW_START + dt.timedelta(days=177))
# Before the window: history that no longer counts.
OLD = (HISTORY_START, WINDOW_START - dt.timedelta(days=7))
# Records completed since then may still wait for verification.
PENDING_FROM = REFERENCE_DATE - dt.timedelta(days=120)
# Long-serving staff may have a course of the MOES-1211 years (judged by the repealed rules).
MOES_YEARS = (dt.date(2006, 1, 15), dt.date(2012, 12, 15))

# How a person's history is shaped against their requirement.
ACTIVE, DUE_SOON, PARTIAL, LAPSED = "active", "due_soon", "partial", "lapsed"
SHAPES = ((ACTIVE, 0.64), (DUE_SOON, 0.14), (PARTIAL, 0.12), (LAPSED, 0.10))
# Minimum hours in the profile by staff category (SKMA-464 4.3, 4.4); others count activities.
PROFILE_HOURS: dict[str, int] = {StaffCategory.FACULTY: 72, StaffCategory.COLLEGE_FACULTY: 36}
PRESCHOOL_CATEGORIES = frozenset(
    {StaffCategory.PRESCHOOL_HEAD, StaffCategory.PRESCHOOL_METHODOLOGIST, StaffCategory.PRESCHOOL_TEACHER}
)
ACADEMIC_DEGREES = frozenset({DegreeKind.PHD, DegreeKind.CANDIDATE, DegreeKind.DOCTOR, DegreeKind.DOCTOR_PROFILE})
DISCIPLINES = {
    code: names
    for profile in PROFILES
    for code, names in zip(profile.discipline_codes(), profile.disciplines, strict=True)
}
PROFILE_NAMES = {profile.code: (profile.name_kk, profile.name_ru) for profile in PROFILES}
# The provider organisation of the demo, for pre-school courses (a foreign key, not free text).
DEMO_PROVIDER = "provider"


@dataclass(slots=True)
class RecordPlan:
    """One PD record, planned in memory. ``provider_org`` is a demo organisation key (or "")."""

    form: str
    title: str
    start: dt.date
    end: dt.date
    hours: int
    provider_org: str = ""
    provider_name: str = ""
    is_foreign: bool = False
    country: str = "KZ"
    city: str = ""
    delivery_mode: str = DeliveryMode.WITHOUT_LEAVE
    is_distance: bool = False
    funding_source: str = FundingSource.ORGANISATION
    cost: Decimal = Decimal("0")
    in_profile: bool = False
    management_topic: bool = False
    initiative: str = Initiative.PLANNED
    status: str = RecordStatus.VERIFIED
    status_reason: str = ""
    origin: str = RecordOrigin.HR
    # A certificate to generate and attach (only for a few records of the login people).
    evidence: str = ""
    # Dated by a regulation (the MOES-1211 years): moved only within those years.
    dated: bool = False


@dataclass
class PersonHistory:
    plan: PersonPlan
    person_id: int
    org: str
    records: list[RecordPlan] = field(default_factory=list)


@dataclass
class HistorySummary:
    rule_sets: int = 0
    records: int = 0
    pending: int = 0
    returned: int = 0
    evidence: int = 0


# --- rule sets ----------------------------------------------------------------------------------


def adopt_rule_sets(*, actor: Any, orgs: Mapping[str, Organisation]) -> list[RuleSet]:
    """Each demo organisation adopts the templates of ``ADOPTIONS`` (audited, one event each).

    The templates come with the data migration; after ``manage.py flush`` they are seeded again
    first (``seed_rule_sets`` creates only what is missing)."""
    seed_rule_sets()
    adopted = []
    for key, codes in ADOPTIONS:
        for code in codes:
            adopted.append(rule_set_adopt(actor=actor, organisation=orgs[key], template_code=code))
    return adopted


# --- drawing the history ------------------------------------------------------------------------


def _clip(span: tuple[dt.date, dt.date], earliest: dt.date) -> tuple[dt.date, dt.date] | None:
    start = max(span[0], earliest)
    return (start, span[1]) if start <= span[1] else None


class HistoryPlanner:
    def __init__(self, *, seed: int = PD_SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets

    # --- small helpers ---------------------------------------------------------------------------
    def day(self, span: tuple[dt.date, dt.date]) -> dt.date:
        return span[0] + dt.timedelta(days=self.rng.randint(0, (span[1] - span[0]).days))

    def weighted(self, options: Sequence[tuple[str, float]]) -> str:
        return self.rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]

    def place(self, record: RecordPlan, provider: Provider) -> None:
        record.provider_name, record.country, record.city, record.is_foreign = provider

    def finish(self, record: RecordPlan) -> RecordPlan:
        """Start date, delivery mode, funding and cost from the form, the hours and the place."""
        hours = record.hours
        online = record.form in (PDForm.MOOC, PDForm.DISTANCE)
        days = hours // 3 if online else hours // 7
        record.start = record.end - dt.timedelta(days=days + self.rng.randint(0, 2))
        if online:
            record.is_distance = True
            record.delivery_mode = DeliveryMode.WITHOUT_LEAVE
        elif record.is_foreign and record.form in (PDForm.INTERNSHIP, PDForm.COURSE_LONG, PDForm.INTERNATIONAL):
            record.delivery_mode = DeliveryMode.ABROAD_WITH_LEAVE
        elif record.form in (PDForm.COURSE_LONG, PDForm.INTERNSHIP) or hours >= 108:
            record.delivery_mode = self.weighted(((DeliveryMode.WITH_LEAVE, 6), (DeliveryMode.BLENDED, 2),
                                                  (DeliveryMode.WITHOUT_LEAVE, 2)))  # fmt: skip
        else:
            record.delivery_mode = self.weighted(((DeliveryMode.WITHOUT_LEAVE, 7), (DeliveryMode.BLENDED, 2),
                                                  (DeliveryMode.WITH_LEAVE, 1)))  # fmt: skip
        if record.funding_source == FundingSource.ORGANISATION and not record.provider_org:
            if record.is_foreign:
                record.funding_source = self.weighted(((FundingSource.GRANT, 4), (FundingSource.ORGANISATION, 4),
                                                       (FundingSource.SPONSOR, 1), (FundingSource.OWN, 1)))  # fmt: skip
            elif record.form == PDForm.MOOC:
                record.funding_source = self.weighted(((FundingSource.FREE, 7), (FundingSource.OWN, 3)))
            else:
                record.funding_source = self.weighted(((FundingSource.ORGANISATION, 7), (FundingSource.OWN, 2),
                                                       (FundingSource.TARGET_PROGRAMME, 1)))  # fmt: skip
        if record.funding_source == FundingSource.FREE:
            record.cost = Decimal("0")
        elif record.form == PDForm.CONFERENCE:
            record.cost = Decimal(self.rng.choice((15000, 20000, 25000, 40000)))
        elif online:
            record.cost = Decimal(self.rng.choice((15000, 25000, 45000)) * (2 if hours > 36 else 1))
        else:
            per_hour = self.rng.choice((9000, 12000, 15000)) if record.is_foreign else self.rng.choice(
                (1500, 2000, 2500, 3000))  # fmt: skip
            record.cost = Decimal(hours * per_hour)
        if self.rng.random() < 0.04:
            # Extraordinary PD (CMP-04).
            record.initiative = self.rng.choice((Initiative.MANAGEMENT, Initiative.EMPLOYEE))
        record.origin = RecordOrigin.IMPORT if record.end < WINDOW_START else RecordOrigin.HR
        return record

    # --- kinds of record -------------------------------------------------------------------------
    def profile_course(self, ctx: _Person, end: dt.date, hours: int) -> RecordPlan:
        """A course (or internship) in the profile of the disciplines taught."""
        if ctx.org in INTERNSHIP_HOSTS and hours >= 72 and self.rng.random() < 0.2:
            record = RecordPlan(PDForm.INTERNSHIP, "", end, end, hours, in_profile=True)
            self.place(record, self.rng.choice(INTERNSHIP_HOSTS[ctx.org]))
            record.title = (
                f"Кәсіптік тағылымдама: {PROFILE_NAMES[ctx.profile][0]}"
                if self.rng.random() < 0.5
                else f"Профессиональная стажировка: {PROFILE_NAMES[ctx.profile][1]}"
            )
            return self.finish(record)
        form = PDForm.COURSE_LONG if hours > 108 else PDForm.COURSE_SHORT
        record = RecordPlan(form, self.profile_title(ctx), end, end, hours, in_profile=True)
        providers = PROFILE_PROVIDERS.get(ctx.org, GENERAL_PROVIDERS)
        roll = self.rng.random()
        if roll < 0.15 and ctx.org != DEMO_PROVIDER:
            # An internal course of the organisation's own PD centre.
            record.provider_org = ctx.org
            record.funding_source = FundingSource.ORGANISATION
            record.city = BY_KEY[ctx.org].city
        else:
            self.place(record, self.rng.choice(providers))
        return self.finish(record)

    def profile_title(self, ctx: _Person) -> str:
        topics = PROFILE_TOPICS.get(ctx.profile, ())
        if topics and self.rng.random() < 0.35:
            return self.rng.choice(topics)
        kk, ru, _en = DISCIPLINES[self.rng.choice(ctx.disciplines)]
        profile_kk, profile_ru = PROFILE_NAMES[ctx.profile]
        if self.rng.random() < 0.55:
            return self.rng.choice(PROFILE_TITLES_KK).format(d=kk, p=profile_kk)
        return self.rng.choice(PROFILE_TITLES_RU).format(d=ru, p=profile_ru)

    def activity(self, ctx: _Person, end: dt.date) -> RecordPlan:
        """A seminar, training, online course or conference outside the profile."""
        if ctx.category in PRESCHOOL_CATEGORIES:
            return self.preschool_course(end)
        roll = self.rng.random()
        if roll < 0.22 and ctx.category in (StaffCategory.FACULTY, StaffCategory.RESEARCH):
            title, organiser, country, city, foreign = self.rng.choice(CONFERENCES)
            record = RecordPlan(PDForm.CONFERENCE, title, end, end, self.rng.choice((8, 12, 16)))
            self.place(record, (organiser, country, city, foreign))
            return self.finish(record)
        if roll < 0.45:
            title, form, hours = self.rng.choice(ONLINE_ACTIVITIES)
            record = RecordPlan(form, title, end, end, hours)
            self.place(record, self.rng.choice(ONLINE_PROVIDERS))
            return self.finish(record)
        title, form, hours, provider = self.rng.choice(GENERAL_ACTIVITIES)
        record = RecordPlan(form, title, end, end, hours)
        if provider is None:
            record.provider_org = ctx.org
            record.city = BY_KEY[ctx.org].city
            record.funding_source = FundingSource.FREE
        else:
            self.place(record, provider)
        return self.finish(record)

    def preschool_course(self, end: dt.date, *, management: bool = False) -> RecordPlan:
        title, hours = self.rng.choice(PRESCHOOL_MANAGEMENT_TITLES if management else PRESCHOOL_TITLES)
        record = RecordPlan(PDForm.COURSE_SHORT, title, end, end, hours, management_topic=management)
        if self.rng.random() < 0.75:
            # A course of the demo PD provider, paid by the state order of the local budget.
            record.provider_org = DEMO_PROVIDER
            record.city = BY_KEY[DEMO_PROVIDER].city
            record.funding_source = self.weighted(((FundingSource.STATE_LOCAL, 8), (FundingSource.OWN, 2)))
        else:
            self.place(record, PROFILE_PROVIDERS["provider"][0])
            record.funding_source = FundingSource.STATE_REPUBLICAN
        return self.finish(record)

    def management_course(self, ctx: _Person, end: dt.date) -> RecordPlan:
        if ctx.category in PRESCHOOL_CATEGORIES:
            return self.preschool_course(end, management=True)
        title, hours = self.rng.choice(MANAGEMENT_TITLES)
        record = RecordPlan(PDForm.COURSE_SHORT, title, end, end, hours, management_topic=True)
        self.place(record, self.rng.choice(MANAGEMENT_PROVIDERS))
        return self.finish(record)

    def dissertation(self, ctx: _Person, kind: str, awarded: dt.date) -> RecordPlan | None:
        end = awarded - dt.timedelta(days=self.rng.randint(60, 150))
        if end < HISTORY_START or not ctx.profile:
            return None
        label = "PhD" if kind in (DegreeKind.PHD, DegreeKind.DOCTOR_PROFILE) else "Ғылым кандидаты"
        if kind == DegreeKind.DOCTOR:
            label = "Ғылым докторы"
        title = f"{label} диссертациясын қорғау: {PROFILE_NAMES[ctx.profile][0]}"
        record = RecordPlan(PDForm.DISSERTATION, title, end, end, 0, in_profile=True)
        record.provider_name = ctx.org_name
        record.city = BY_KEY[ctx.org].city
        record.funding_source = FundingSource.FREE
        return self.finish(record)

    def moes_course(self, ctx: _Person, earliest: dt.date) -> RecordPlan | None:
        span = _clip(MOES_YEARS, earliest)
        if span is None:
            return None
        end = self.day(span)
        hours = self.rng.choice((72, 108, 144))
        form = PDForm.COURSE_LONG if hours > 108 else PDForm.COURSE_SHORT
        title = (
            f"Біліктілікті арттыру курсы: {PROFILE_NAMES[ctx.profile][0]}" if ctx.profile else
            "Біліктілікті арттыру курсы: білім беруді басқарудың өзекті мәселелері"
        )  # fmt: skip
        record = RecordPlan(form, title, end, end, hours, in_profile=bool(ctx.profile), dated=True)
        self.place(record, ORLEU)
        record.funding_source = FundingSource.STATE_REPUBLICAN
        self.finish(record)
        record.delivery_mode = DeliveryMode.WITH_LEAVE
        record.is_distance = False
        return record

    # --- one person ------------------------------------------------------------------------------
    def history(self, ctx: _Person, *, shape: str = "", management: str = "") -> list[RecordPlan]:
        """The records of one member of staff, shaped against their requirements."""
        rng = self.rng
        shape = shape or self.weighted(SHAPES)
        earliest = max(ctx.hired + dt.timedelta(days=30), HISTORY_START)
        recent, edge, old = _clip(RECENT, earliest), _clip(EDGE, earliest), _clip(OLD, earliest)
        needed = PROFILE_HOURS.get(ctx.category) if ctx.profile else None
        records: list[RecordPlan] = []

        def main(end_span: tuple[dt.date, dt.date] | None, hours: int) -> None:
            if end_span is None:
                return
            end = self.day(end_span)
            records.append(self.profile_course(ctx, end, hours) if needed else self.activity(ctx, end))

        if needed:
            if shape == ACTIVE:
                if rng.random() < 0.45:
                    main(recent, needed // 2)
                    main(recent, needed // 2)
                else:
                    main(recent, rng.choice((needed, needed, needed * 3 // 2, needed * 2)))
            elif shape == DUE_SOON:
                main(edge, needed)
                if recent and rng.random() < 0.7:
                    records.append(self.activity(ctx, self.day(recent)))
            elif shape == PARTIAL:
                main(recent, needed // 2)
                main(old, needed)
        elif shape == ACTIVE:
            main(recent, 0)
            if rng.random() < 0.4:
                main(recent, 0)
        elif shape == DUE_SOON:
            main(edge, 0)
        elif shape == PARTIAL:
            # Something recent that does not count yet (waiting, or returned), and older history.
            if recent:
                record = self.activity(ctx, self.day((max(recent[0], PENDING_FROM - dt.timedelta(days=200)),
                                                      recent[1])))  # fmt: skip
                self.hold(record, returned=rng.random() < 0.3)
                records.append(record)
            main(old, 0)
        if shape != LAPSED or rng.random() < 0.7:
            # Older history, before the window.
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                main(old, needed or 0)
        if shape == ACTIVE and recent and rng.random() < 0.35:
            records.append(self.activity(ctx, self.day(recent)))
        if ctx.manages:
            management = management or self.weighted((("recent", 0.55), ("edge", 0.12), ("none", 0.33)))
            span = {"recent": recent, "edge": edge}.get(management)
            if span:
                records.append(self.management_course(ctx, self.day(span)))
            elif old and rng.random() < 0.5:
                records.append(self.management_course(ctx, self.day(old)))
        for kind, awarded in ctx.degrees:
            if kind in ACADEMIC_DEGREES and awarded >= HISTORY_START and rng.random() < 0.5:
                defence = self.dissertation(ctx, kind, awarded)
                if defence is not None and defence.end >= earliest:
                    records.append(defence)
        if ctx.hired <= MOES_YEARS[0] and rng.random() < 0.15:
            old_course = self.moes_course(ctx, ctx.hired)
            if old_course is not None:
                records.append(old_course)
        for record in records:
            if record.status != RecordStatus.VERIFIED:
                continue
            if record.end >= PENDING_FROM and rng.random() < 0.2:
                self.hold(record, returned=False)
            elif record.end >= WINDOW_START and rng.random() < 0.012:
                self.hold(record, returned=True)
        return records

    def hold(self, record: RecordPlan, *, returned: bool) -> None:
        """Not verified (yet): waiting for HR, or returned with a reason; entered by the employee."""
        record.status = RecordStatus.RETURNED if returned else RecordStatus.PENDING
        record.status_reason = self.rng.choice(RETURN_REASONS) if returned else ""
        record.origin = RecordOrigin.EMPLOYEE


@dataclass
class _Person:
    """What the history of one member of staff depends on."""

    org: str
    org_name: str
    category: str
    hired: dt.date
    manages: bool
    profile: str
    disciplines: list[str]
    degrees: list[tuple[str, dt.date]]


def person_context(plan: PersonPlan, day: ReferenceDay | None = None) -> _Person | None:
    """The context of a current member of staff (their main job), or None for anyone else; its
    dates are those of the base day (``plan`` is moved to ``day``), which the history is drawn
    against."""
    if not plan.employments or plan.employments[0].end is not None:
        return None
    day = day or ReferenceDay()
    main = plan.employments[0]
    hired = day.back(min(job.start for job in plan.employments if job.org == main.org))
    current = [code for code, org, _from, until in plan.teaching if org == main.org and until is None]
    profile = current[0].rsplit("-", 1)[0] if current else ""
    return _Person(
        org=main.org,
        org_name=BY_KEY[main.org].name_kk,
        category=main.category,
        hired=hired,
        manages=main.position in HEAD_POSITIONS,
        profile=profile,
        disciplines=[code for code in current if code.startswith(profile + "-")],
        degrees=[(kind, day.back(on)) for kind, _field, on, _number in plan.degrees],
    )


# --- the story of the people behind the logins --------------------------------------------------


def employee_story(planner: HistoryPlanner, ctx: _Person) -> list[RecordPlan]:
    """The ``employee`` login: on the reference date SKMA-464 3.4 is met and 4.3 (72 h in the
    profile) is due soon; verifying the waiting online course makes 4.3 compliant too."""
    d = dt.date
    course = RecordPlan(
        PDForm.COURSE_SHORT,
        "Машиналық оқыту және деректерді талдау",
        d(2022, 11, 14),
        d(2022, 11, 25),
        72,
        in_profile=True,
        cost=Decimal("180000"),
        evidence=EvidenceKind.CERTIFICATE,
    )
    planner.place(course, ("Astana IT University", "KZ", "Астана", False))
    cloud = RecordPlan(
        PDForm.DISTANCE,
        "Cloud Computing Foundations",
        d(2024, 1, 29),
        d(2024, 2, 16),
        36,
        in_profile=True,
        is_distance=True,
        funding_source=FundingSource.FREE,
    )
    planner.place(cloud, ("AWS Academy", "US", "", True))
    seminar = RecordPlan(
        PDForm.SEMINAR,
        "Академиялық адалдық және плагиатқа қарсы саясат",
        d(2025, 3, 12),
        d(2025, 3, 14),
        18,
        cost=Decimal("0"),
        funding_source=FundingSource.FREE,
    )
    planner.place(seminar, IAAR)
    testing = RecordPlan(
        PDForm.DISTANCE,
        "Бағдарламалық жасақтаманы тестілеуді автоматтандыру",
        d(2025, 5, 26),
        d(2025, 6, 20),
        36,
        in_profile=True,
        is_distance=True,
        funding_source=FundingSource.OWN,
        cost=Decimal("45000"),
        status=RecordStatus.PENDING,
        origin=RecordOrigin.EMPLOYEE,
        evidence=EvidenceKind.CERTIFICATE,
    )
    planner.place(testing, ("OpenU.kz", "KZ", "", False))
    conference = RecordPlan(
        PDForm.CONFERENCE,
        CONFERENCES[0][0],
        d(2025, 4, 24),
        d(2025, 4, 25),
        12,
        cost=Decimal("20000"),
        status=RecordStatus.RETURNED,
        origin=RecordOrigin.EMPLOYEE,
        status_reason=RETURN_REASONS[2],
    )
    planner.place(conference, ("Satbayev University", "KZ", "Алматы", False))
    older = RecordPlan(
        PDForm.COURSE_SHORT,
        "Современные методы преподавания дисциплины «Базы данных»",
        d(2020, 1, 20),
        d(2020, 1, 31),
        72,
        in_profile=True,
        cost=Decimal("144000"),
        origin=RecordOrigin.IMPORT,
    )
    planner.place(older, PROFILE_PROVIDERS["tech"][1])
    return [older, course, cloud, seminar, conference, testing]  # fmt: skip


def move_record(record: RecordPlan, day: ReferenceDay) -> None:
    """Move a record drawn against the base day to the reference day ``day``; one dated by a
    regulation stays within its years."""
    end = day.shift(record.end)
    if record.dated:
        end = min(max(end, MOES_YEARS[0]), MOES_YEARS[1])
    record.start += end - record.end
    record.end = end


def recent_end(rng: random.Random, day: ReferenceDay) -> dt.date:
    """One of the last ``RECENT_DAYS`` days before the reference day, within its calendar year
    (the reference day itself on 1 January). One draw of the same range whatever the day."""
    back = rng.randint(1, RECENT_DAYS)
    span = min(RECENT_DAYS, (day.today - day.year_start).days)
    return day.today - dt.timedelta(days=1 + (back - 1) % span) if span else day.today


def recent_activities(planner: HistoryPlanner, ctx: _Person, records: Sequence[RecordPlan],
                      day: ReferenceDay) -> list[RecordPlan]:  # fmt: skip
    """Now and then a short activity just before the reference day, verified, for a person who
    already has a verified record in ``RECENT``: outside the profile and not about management, so
    it changes no status (SKMA-464 3.4 is met already; 4.3-4.5 do not count it)."""
    if planner.rng.random() >= RECENT_SHARE:
        return []
    if not any(r.status == RecordStatus.VERIFIED and RECENT[0] <= r.end <= RECENT[1] for r in records):
        return []
    record = planner.activity(ctx, recent_end(planner.rng, day))
    record.in_profile = record.management_topic = False
    record.status, record.status_reason, record.origin = RecordStatus.VERIFIED, "", RecordOrigin.HR
    return [record]


def plan_histories(people: Sequence[tuple[PersonPlan, int]], day: ReferenceDay | None = None) -> list[PersonHistory]:
    """The records of every current member of staff, in the order of the plan, moved to ``day``
    (default: the base day) with the short activities of the weeks before it."""
    day = day or ReferenceDay()
    planner = HistoryPlanner()
    recent = HistoryPlanner(seed=RECENT_SEED)
    out: list[PersonHistory] = []
    for plan, person_id in people:
        ctx = person_context(plan, day)
        if ctx is None:
            continue
        if plan.login == "employee":
            records = employee_story(planner, ctx)
        elif plan.login == "rector":
            # A head with management training in the window, verified (SKMA-464 4.5 met).
            records = planner.history(ctx, shape=ACTIVE, management="recent")
            for record in records:
                if record.management_topic:
                    record.status, record.status_reason, record.origin = RecordStatus.VERIFIED, "", RecordOrigin.HR
        elif plan.login == "auditor":
            # A head without management training in the window (SKMA-464 4.5 overdue).
            records = planner.history(ctx, shape=ACTIVE, management="none")
        elif plan.login == "unit_head":
            records = planner.history(ctx, shape=ACTIVE, management="recent")
            if records:
                records[-1].evidence = EvidenceKind.CERTIFICATE
        else:
            records = planner.history(ctx)
        extra = recent_activities(recent, ctx, records, day) if not plan.login else []
        for record in records:
            move_record(record, day)
        records += extra
        out.append(PersonHistory(plan, person_id, ctx.org, sorted(records, key=lambda r: (r.end, r.title))))
    return out
