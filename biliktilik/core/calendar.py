"""The working-day calendar of the Republic of Kazakhstan.

Public holidays come from the ``holidays`` package; the days the government moves every year
are kept as data (``CalendarOverride``) and win over both the weekly pattern and the package.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from .models import CalendarDayKind, CalendarOverride


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KZ", years=year).keys())


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    rows = CalendarOverride.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    return dict(rows)


def _is_working(day: dt.date, overrides: dict[dt.date, str]) -> bool:
    kind = overrides.get(day)
    if kind == CalendarDayKind.WORKING_DAY:
        return True
    if kind == CalendarDayKind.HOLIDAY:
        return False
    if day.weekday() >= 5:
        return False
    return day not in _public_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return _is_working(day, _overrides(day, day))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    ``add_working_days(friday, 1)`` is the next Monday when that Monday is a working day.
    A negative ``days`` counts backwards.
    """
    if days == 0:
        return start
    step = 1 if days > 0 else -1
    # Holidays never cover more than a few weeks in a row; fetch overrides in one query.
    span = dt.timedelta(days=abs(days) * 3 + 30)
    low, high = (start, start + span) if step > 0 else (start - span, start)
    overrides = _overrides(low, high)
    remaining = abs(days)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if not (low <= day <= high):
            overrides.update(_overrides(day, day + span) if step > 0 else _overrides(day - span, day))
            low, high = min(low, day - span), max(high, day + span)
        if _is_working(day, overrides):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if _is_working(day, overrides):
            count += 1
    return count
