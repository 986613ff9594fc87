"""The reference day of the demo: the day ``load_demo`` runs (or ``--today``).

The demo is drawn once against a fixed base day, 1 September 2025, and every date is then moved
by the whole number of days between the base day and the reference day. So on any reference day
the demo holds the same people and the same shape of history, at the same distance from that day:
ages, years of service, records in the three-year window and the statuses they give stay the same.
Moving by days (not by months or years) never meets a 29 February or a short month; the only
dates that stay where they are belong to dated regulations (the MOES-1211 years).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.people.iin import make_iin

from .people_plans import PersonPlan

# The day the demo is drawn against; every date is counted back from it, then moved.
BASE_DATE = dt.date(2025, 9, 1)


@dataclass(frozen=True)
class ReferenceDay:
    """The day the demo is current on, and how to move a date drawn against ``BASE_DATE``."""

    today: dt.date = BASE_DATE

    @property
    def offset(self) -> dt.timedelta:
        return self.today - BASE_DATE

    def shift(self, day: dt.date) -> dt.date:
        return day + self.offset

    def back(self, day: dt.date) -> dt.date:
        """The base-day date that ``shift`` moves to ``day``."""
        return day - self.offset

    def shift_year(self, year: int) -> int:
        """A year drawn against the base day (a graduation in the summer), moved."""
        return self.shift(dt.date(year, 6, 30)).year

    @property
    def year_start(self) -> dt.date:
        return self.today.replace(month=1, day=1)


def reference_day(today: dt.date | None = None) -> ReferenceDay:
    """The reference day ``today`` (by default the local date), checked: not before the base day
    (the rules the demo organisations adopt are in force from 2025) and not in the future (the
    demo records what has happened, and documents cannot be issued later than today)."""
    now = timezone.localdate()
    day = now if today is None else today
    if day < BASE_DATE or day > now:
        raise ApplicationError(
            _("The reference day must be between %(first)s and today (%(today)s).")
            % {"first": BASE_DATE.isoformat(), "today": now.isoformat()},
            field="today",
        )
    return ReferenceDay(day)


def move_people(people: Sequence[PersonPlan], day: ReferenceDay) -> None:
    """Move every date of ``people`` (drawn against the base day) to the reference day ``day``:
    by the same number of days, so ages, years of service and terms stay the same. The IINs follow
    the birth dates (same serial, bumped past a clash as the planner does)."""
    if not day.offset:
        return
    taken: set[str] = set()
    for person in people:
        person.birth_date = day.shift(person.birth_date)
        serial = int(person.iin[7:11])
        female = person.sex == "f"
        while (iin := make_iin(person.birth_date, serial, female=female)) in taken:
            serial += 7
        taken.add(iin)
        person.iin = iin
        for job in person.employments:
            job.start = day.shift(job.start)
            job.end = day.shift(job.end) if job.end else None
            job.competition_date = day.shift(job.competition_date) if job.competition_date else None
        person.degrees = [(kind, name, day.shift(on), number) for kind, name, on, number in person.degrees]
        person.categories = [
            (category, day.shift(on), day.shift(until), number) for category, on, until, number in person.categories
        ]
        person.teaching = [
            (code, org, day.shift(since), day.shift(until) if until else None)
            for code, org, since, until in person.teaching
        ]
        person.graduations = [
            (org, day.shift_year(year), programme, level) for org, year, programme, level in person.graduations
        ]
