"""The demo people, planned in memory before anything is written.

Everything comes from one ``random.Random(SEED)`` and is drawn against the fixed base day
``REFERENCE_DATE`` (``reference.BASE_DATE``), and nothing iterates over a set; ``build_plan`` then
moves every date to the reference day it is given (see ``reference``). So the same ``staff`` and
the same reference day give the same people, IINs and dates on every machine, and another
reference day gives the same people at the same distance from that day.

Sizes: the posts of ``structure`` (heads and the people behind the demo logins) are always
filled; the rest of ``staff`` is spread over the organisations by their weights, then over the
units and positions of each organisation by the weights of its shares. On top of the staff come
former staff (only an ended employment) and alumni who are not staff.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from biliktilik.people.enums import (
    AcademicTitle,
    DegreeKind,
    EmploymentEndReason,
    PedagogueCategory,
    StaffCategory,
)
from biliktilik.people.iin import make_iin

from .catalogue import POSITIONS, PROFILES
from .names import latin, person_name
from .people_plans import EmploymentPlan, PersonPlan
from .reference import BASE_DATE, ReferenceDay, move_people
from .structure import BY_KEY, ORGANISATIONS, OrganisationSpec, walk_units
from .tables import (
    AGES,
    COMPETITION_CATEGORIES,
    DEFAULT_AGES,
    DEGREE_PREFIX,
    DEGREES,
    FEMALE_SHARE,
    FORMER_END_REASONS,
    ORG_FIELD,
    PAST_END_REASONS,
    PEDAGOGUE_CATEGORIES,
    PEDAGOGUE_WEIGHTS,
    TEACHING_POSITIONS,
    UNIVERSITY_KINDS,
)

SEED = 2025
# Every date of the demo is drawn against this day, never against "today", then moved to the
# reference day (``reference.ReferenceDay``).
REFERENCE_DATE = BASE_DATE
DEFAULT_STAFF = 400
# Competitions of the last three years (re-elections fall in this window).
COMPETITION_WINDOW = (dt.date(2022, 6, 1), dt.date(2025, 6, 30))

POSITION_CATEGORY = {spec.code: str(spec.category) for spec in POSITIONS}
HEAD_POSITIONS = frozenset(spec.code for spec in POSITIONS if spec.is_head or spec.is_deputy)
PROFILE_DISCIPLINES = {profile.code: profile.discipline_codes() for profile in PROFILES}
PROFILE_NAME_KK = {profile.code: profile.name_kk for profile in PROFILES}


@dataclass(frozen=True)
class Slot:
    """One staff place: an organisation, a unit and a position."""

    org: str
    unit: str
    position: str
    category: str
    profile: str = ""
    login: str = ""


@dataclass
class DemoPlan:
    people: list[PersonPlan]
    staff: int
    former: int
    alumni: int
    day: ReferenceDay = field(default_factory=ReferenceDay)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (Hamilton's method)."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _category(position: str, override: str = "") -> str:
    return override or POSITION_CATEGORY[position]


def fixed_slots() -> list[Slot]:
    slots: list[Slot] = []
    for org in ORGANISATIONS:
        for unit, _parent in walk_units(org.units):
            for post in unit.posts:
                slots.append(
                    Slot(org.key, unit.code, post.position, _category(post.position, post.category), unit.profile,
                         post.login)
                )  # fmt: skip
    return slots


def staff_slots(staff: int) -> list[Slot]:
    """The places to fill: every post, then ``staff`` minus the posts spread by weight."""
    fixed = fixed_slots()
    remaining = max(0, staff - len(fixed))
    per_org = _largest_remainder(remaining, [org.weight for org in ORGANISATIONS])
    slots: list[Slot] = []
    for org, count in zip(ORGANISATIONS, per_org, strict=True):
        slots.extend(s for s in fixed if s.org == org.key)
        places = [(unit, share) for unit, _parent in walk_units(org.units) for share in unit.shares]
        counts = _largest_remainder(count, [share.weight for _unit, share in places])
        for (unit, share), n in zip(places, counts, strict=True):
            category = _category(share.position)
            slots.extend(Slot(org.key, unit.code, share.position, category, unit.profile) for _ in range(n))
    return slots


class Planner:
    def __init__(self, *, seed: int = SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.iins: set[str] = set()
        self.emails: dict[str, int] = {}
        self.external: dict[str, int] = {}
        self.departments: dict[str, list[tuple[str, str]]] = {}
        # (unit, position, category) of every share, per organisation.
        self.places: dict[str, list[tuple[str, str, str]]] = {}
        for org in ORGANISATIONS:
            self.places[org.key] = [
                (unit.code, share.position, POSITION_CATEGORY[share.position])
                for unit, _p in walk_units(org.units)
                for share in unit.shares
            ]
            self.departments[org.key] = [
                (unit.code, unit.profile) for unit, _p in walk_units(org.units) if unit.profile and unit.shares
            ]

    # --- small helpers ---------------------------------------------------------------------------
    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def weighted(self, options: Sequence[tuple[str, float]]) -> str:
        return self.rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]

    def iin(self, born: dt.date, female: bool) -> str:
        serial = self.rng.randrange(10000)
        while True:
            value = make_iin(born, serial, female=female)
            if value not in self.iins:
                self.iins.add(value)
                return value
            serial += 7

    def email(self, first: str, last: str, domain: str) -> str:
        local = f"{latin(first)[:1]}.{latin(last)}"
        key = f"{local}@{domain}"
        seen = self.emails.get(key, 0)
        self.emails[key] = seen + 1
        return key if seen == 0 else f"{local}{seen + 1}@{domain}"

    def phone(self) -> str:
        n = self.rng.randrange(10**9)
        digits = f"{n:09d}"
        return f"+7 7{digits[0:2]} {digits[2:5]} {digits[5:7]} {digits[7:9]}"

    def external_id(self, org: OrganisationSpec) -> str:
        n = self.external.get(org.key, 0) + 1
        self.external[org.key] = n
        return f"{org.code}-{n:06d}"

    def new_person(self, *, female: bool, ages: tuple[int, int], domain: str) -> PersonPlan:
        last, first, middle = person_name(self.rng, female=female)
        age = self.rng.randint(*ages)
        born = REFERENCE_DATE - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return PersonPlan(
            last_name=last,
            first_name=first,
            middle_name=middle,
            sex="f" if female else "m",
            birth_date=born,
            iin=self.iin(born, female),
            email=self.email(first, last, domain),
            phone=self.phone(),
        )

    # --- staff -------------------------------------------------------------------------------------
    def staff_member(self, slot: Slot) -> PersonPlan:
        org = BY_KEY[slot.org]
        female = self.rng.random() < FEMALE_SHARE.get(slot.category, 0.6)
        person = self.new_person(female=female, ages=AGES.get(slot.position, DEFAULT_AGES), domain=org.email_domain)
        person.login = slot.login
        person.external_id = self.external_id(org)
        earliest = max(add_years(person.birth_date, 22), dt.date(1995, 9, 1))
        if slot.position in HEAD_POSITIONS:
            earliest = max(earliest, add_years(person.birth_date, 30))
        start = self.date_between(earliest, REFERENCE_DATE - dt.timedelta(days=30))
        employment = EmploymentPlan(slot.org, slot.unit, slot.position, slot.category, start, rate=self.rate())
        if org.kind in UNIVERSITY_KINDS and slot.category in COMPETITION_CATEGORIES:
            # A faculty or research contract follows a competition, for a term (PEO-05): the
            # newly hired at their start, the others at their latest re-election.
            if start >= COMPETITION_WINDOW[0]:
                employment.competition_date = start
            else:
                employment.competition_date = self.date_between(*COMPETITION_WINDOW)
            employment.competition_term = int(self.weighted((("3", 7), ("1", 1), ("5", 2))))
        person.employments.append(employment)
        self.add_degrees(person, slot)
        self.add_pedagogue_categories(person, slot)
        self.add_teaching(person, slot, employment.start)
        return person

    def rate(self) -> Decimal:
        return Decimal(self.weighted((("1.00", 85), ("0.50", 6), ("0.75", 5), ("1.25", 3), ("1.50", 1))))

    def add_degrees(self, person: PersonPlan, slot: Slot) -> None:
        options = DEGREES.get(slot.position)
        if not options:
            return
        kind = self.weighted(options)
        if not kind:
            return
        years: dict[str, int] = {
            DegreeKind.MASTER: 24,
            DegreeKind.PHD: 29,
            DegreeKind.CANDIDATE: 30,
            DegreeKind.DOCTOR: 40,
        }
        earliest = add_years(person.birth_date, years.get(kind, 30))
        awarded = self.date_between(earliest, REFERENCE_DATE - dt.timedelta(days=200))
        field_name = PROFILE_NAME_KK.get(slot.profile) or ORG_FIELD.get(slot.org, "")
        if kind == DegreeKind.DOCTOR and self.rng.random() < 0.7:
            # Most doctors of sciences were candidates first.
            candidate = self.date_between(add_years(earliest, -10), awarded - dt.timedelta(days=900))
            person.degrees.append((DegreeKind.CANDIDATE, field_name, candidate, self.diploma(DegreeKind.CANDIDATE)))
        person.degrees.append((kind, field_name, awarded, self.diploma(kind)))
        if slot.position == "professor" and kind in (DegreeKind.DOCTOR, DegreeKind.PHD) and self.rng.random() < 0.6:
            person.academic_title = AcademicTitle.PROFESSOR
        elif slot.position in ("associate_professor", "head_of_department", "dean", "institute_director") and (
            kind != DegreeKind.MASTER and self.rng.random() < 0.6
        ):
            person.academic_title = AcademicTitle.ASSOCIATE_PROFESSOR

    def diploma(self, kind: str) -> str:
        return f"{DEGREE_PREFIX[kind]} №{self.rng.randint(1, 9999999):07d}"

    def add_pedagogue_categories(self, person: PersonPlan, slot: Slot) -> None:
        if slot.category not in PEDAGOGUE_CATEGORIES and slot.position != "trainer":
            return
        category = self.weighted(PEDAGOGUE_WEIGHTS)
        awarded = self.date_between(REFERENCE_DATE.replace(year=2020), REFERENCE_DATE - dt.timedelta(days=60))
        if self.rng.random() < 0.25:
            earlier = add_years(awarded, -5)
            previous = PedagogueCategory.PEDAGOGUE if category != PedagogueCategory.PEDAGOGUE else category
            person.categories.append(
                (previous, earlier, awarded - dt.timedelta(days=1), f"№ {self.rng.randint(10, 999)}-ж")
            )
        person.categories.append((category, awarded, add_years(awarded, 5), f"№ {self.rng.randint(10, 999)}-ж"))

    def add_teaching(self, person: PersonPlan, slot: Slot, start: dt.date, org: str = "", most: int = 3) -> None:
        if slot.position not in TEACHING_POSITIONS:
            return
        profile = slot.profile or self.profile_of_unit(slot)
        codes = PROFILE_DISCIPLINES.get(profile, [])
        if not codes:
            return
        chosen = self.rng.sample(codes, self.rng.randint(1, min(most, len(codes))))
        valid_from = max(start, REFERENCE_DATE.replace(year=2018))
        for code in chosen:
            person.teaching.append((code, org or slot.org, valid_from, None))
        left = [c for c in codes if c not in chosen]
        if left and valid_from.year < 2023 and self.rng.random() < 0.15:
            # A discipline taught in the past and no longer.
            person.teaching.append((self.rng.choice(left), org or slot.org, valid_from, REFERENCE_DATE.replace(
                year=2023, month=6, day=30)))  # fmt: skip

    def profile_of_unit(self, slot: Slot) -> str:
        """Heads of institutes and faculties teach in the profile of one of their departments."""
        org = BY_KEY[slot.org]
        for unit, _parent in walk_units(org.units):
            if unit.code == slot.unit and unit.children:
                profiles = [child.profile for child in unit.children if child.profile]
                return profiles[0] if profiles else ""
        return ""

    # --- several employments (PEO-01) --------------------------------------------------------------
    def second_job(self, person: PersonPlan) -> None:
        """A part-time job at another university's department."""
        main = person.employments[0]
        others = [o for o in ORGANISATIONS if o.kind in UNIVERSITY_KINDS and o.key != main.org]
        org = self.rng.choice(others)
        unit, profile = self.rng.choice(self.departments[org.key])
        position = self.rng.choice(("senior_lecturer", "lecturer", "associate_professor"))
        start = self.date_between(max(main.start, REFERENCE_DATE.replace(year=2021)), REFERENCE_DATE)
        person.employments.append(
            EmploymentPlan(
                org.key, unit, position, POSITION_CATEGORY[position], start,
                rate=Decimal(self.rng.choice(("0.25", "0.50"))), primary=False,
            )
        )  # fmt: skip
        self.add_teaching(person, Slot(org.key, unit, position, POSITION_CATEGORY[position], profile), start,
                          most=1)  # fmt: skip

    def past_job(self, person: PersonPlan) -> None:
        """An ended employment before the current one: a transfer from another unit of the same
        organisation, or a job at another organisation of the same kind, left for a reason."""
        main = person.employments[0]
        end = main.start - dt.timedelta(days=self.rng.randint(1, 90))
        start = self.date_between(add_years(end, -8), add_years(end, -1))
        if start < add_years(person.birth_date, 21):
            return
        kind = BY_KEY[main.org].kind
        others = [o.key for o in ORGANISATIONS if o.kind == kind and o.key != main.org]
        if not others or self.rng.random() < 0.3:
            org = main.org
            reasons: tuple[str, ...] = (EmploymentEndReason.TRANSFER,)
        else:
            org = self.rng.choice(others)
            reasons = PAST_END_REASONS + (
                (EmploymentEndReason.TERM_ENDED,) if main.category in COMPETITION_CATEGORIES else ()
            )
        places = [p for p in self.places[org] if p[2] == main.category and p[0] != main.unit]
        if not places:
            return
        unit, position, category = self.rng.choice(places)
        person.employments.append(
            EmploymentPlan(org, unit, position, category, start, end=end, end_reason=self.rng.choice(reasons))
        )

    # --- people who are not (or no longer) staff ----------------------------------------------------
    def former_member(self) -> PersonPlan:
        org = BY_KEY[self.rng.choice(("tech", "medical", "free"))]
        unit, _profile = self.rng.choice(self.departments[org.key])
        position = self.rng.choice(("senior_lecturer", "lecturer", "associate_professor", "assistant"))
        person = self.new_person(female=self.rng.random() < 0.6, ages=(30, 70), domain="mail.example")
        end = self.date_between(REFERENCE_DATE.replace(year=2019), REFERENCE_DATE - dt.timedelta(days=90))
        start = self.date_between(add_years(end, -12), add_years(end, -1))
        start = max(start, add_years(person.birth_date, 22))
        person.employments.append(
            EmploymentPlan(org.key, unit, position, POSITION_CATEGORY[position], start, end=end,
                           end_reason=self.rng.choice(FORMER_END_REASONS))
        )  # fmt: skip
        return person

    def graduation(self, person: PersonPlan, org: OrganisationSpec) -> None:
        code, name = self.rng.choice(org.alumni_programmes)
        year = min(person.birth_date.year + 22 + self.rng.randint(0, 1), REFERENCE_DATE.year)
        person.graduations.append((org.key, year, f"{code} {name}", "бакалавр"))
        if self.rng.random() < 0.25 and year + 2 <= REFERENCE_DATE.year:
            person.graduations.append((org.key, year + 2, f"7M{code[2:]} {name}", "магистр"))

    def alumnus(self) -> PersonPlan:
        """A graduate who is not on the staff (KAFU-2025 1: post-graduation support)."""
        org = BY_KEY["free"] if self.rng.random() < 0.8 else BY_KEY["tech"]
        person = self.new_person(female=self.rng.random() < 0.55, ages=(22, 40), domain="mail.example")
        self.graduation(person, org)
        return person


def build_plan(staff: int = DEFAULT_STAFF, *, seed: int = SEED, day: ReferenceDay | None = None) -> DemoPlan:
    """The demo people, drawn against the base day and moved to ``day`` (default: the base day)."""
    planner = Planner(seed=seed)
    people: list[PersonPlan] = []
    for slot in staff_slots(staff):
        people.append(planner.staff_member(slot))
    staff_count = len(people)
    rng = planner.rng
    for person in people[:staff_count]:
        main = person.employments[0]
        org = BY_KEY[main.org]
        age = REFERENCE_DATE.year - person.birth_date.year
        if org.kind in UNIVERSITY_KINDS and main.category == StaffCategory.FACULTY and rng.random() < 0.07:
            planner.second_job(person)
        if age > 30 and rng.random() < 0.09:
            planner.past_job(person)
        if main.org == "free" and age < 50 and rng.random() < 0.2:
            planner.graduation(person, BY_KEY["free"])
        elif main.org in ("college", "kindergarten") and rng.random() < 0.1:
            planner.graduation(person, BY_KEY["free"])
    former = max(3, round(staff_count * 0.02))
    for _ in range(former):
        people.append(planner.former_member())
    alumni = max(12, round(staff_count * 0.1))
    for _ in range(alumni):
        people.append(planner.alumnus())
    day = day or ReferenceDay()
    move_people(people, day)
    return DemoPlan(people=people, staff=staff_count, former=former, alumni=alumni, day=day)
