"""The working-day calendar: weekends, Kazakhstan's public holidays and the overrides kept as data."""

from __future__ import annotations

import datetime as dt

import pytest

from biliktilik.core.calendar import add_working_days, is_working_day, working_days_between
from biliktilik.core.models import CalendarDayKind, CalendarOverride

D = dt.date


def override(day: dt.date, kind: str) -> CalendarOverride:
    return CalendarOverride.objects.create(date=day, kind=kind, note="test")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(D(2025, 11, 14), True, id="ordinary-friday"),
        pytest.param(D(2025, 11, 15), False, id="saturday"),
        pytest.param(D(2025, 11, 16), False, id="sunday"),
        pytest.param(D(2025, 3, 21), False, id="nauryz-21-march"),
        pytest.param(D(2025, 3, 24), False, id="nauryz-moved-from-the-weekend"),
        pytest.param(D(2025, 3, 26), True, id="day-after-nauryz"),
        pytest.param(D(2025, 12, 16), False, id="independence-day-16-december"),
        pytest.param(D(2025, 12, 17), True, id="day-after-independence-day"),
        pytest.param(D(2026, 1, 1), False, id="new-year"),
    ],
)
def test_is_working_day_follows_weekends_and_public_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(D(2025, 11, 12), 1, D(2025, 11, 13), id="wednesday-plus-1"),
        pytest.param(D(2025, 11, 14), 1, D(2025, 11, 17), id="friday-plus-1-is-monday"),
        pytest.param(D(2025, 11, 15), 1, D(2025, 11, 17), id="from-a-saturday"),
        pytest.param(D(2025, 3, 20), 1, D(2025, 3, 26), id="over-nauryz"),
        pytest.param(D(2025, 12, 15), 1, D(2025, 12, 17), id="over-16-december"),
        pytest.param(D(2025, 12, 12), 2, D(2025, 12, 17), id="friday-plus-2-over-16-december"),
        pytest.param(D(2025, 11, 3), 5, D(2025, 11, 10), id="five-days-is-a-week"),
        pytest.param(D(2025, 12, 31), 1, D(2026, 1, 5), id="over-the-new-year"),
        pytest.param(D(2025, 3, 21), 0, D(2025, 3, 21), id="zero-is-the-start-even-on-a-holiday"),
        pytest.param(D(2025, 3, 26), -1, D(2025, 3, 20), id="backwards-over-nauryz"),
        pytest.param(D(2025, 11, 17), -1, D(2025, 11, 14), id="monday-minus-1-is-friday"),
        pytest.param(D(2025, 12, 17), -2, D(2025, 12, 12), id="backwards-over-16-december"),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.django_db
def test_a_transferred_working_saturday_counts_as_a_working_day():
    # given: Saturday 5 July 2025 made a working day (Monday 7 July is the Capital Day day off)
    friday, saturday = D(2025, 7, 4), D(2025, 7, 5)
    assert add_working_days(friday, 1) == D(2025, 7, 8)
    override(saturday, CalendarDayKind.WORKING_DAY)
    # then
    assert is_working_day(saturday) is True
    assert add_working_days(friday, 1) == saturday
    assert add_working_days(friday, 2) == D(2025, 7, 8)
    assert add_working_days(D(2025, 7, 8), -1) == saturday
    assert working_days_between(friday, D(2025, 7, 8)) == 2


@pytest.mark.django_db
def test_an_extra_day_off_is_skipped():
    # given: Monday 17 November 2025 declared a day off
    override(D(2025, 11, 17), CalendarDayKind.HOLIDAY)
    # then
    assert is_working_day(D(2025, 11, 17)) is False
    assert add_working_days(D(2025, 11, 14), 1) == D(2025, 11, 18)
    assert add_working_days(D(2025, 11, 18), -1) == D(2025, 11, 14)
    assert working_days_between(D(2025, 11, 14), D(2025, 11, 18)) == 1


@pytest.mark.django_db
def test_an_override_wins_over_the_public_holiday_list():
    # given: 24 March 2025 (Nauryz moved from the weekend) made a working day
    override(D(2025, 3, 24), CalendarDayKind.WORKING_DAY)
    # then
    assert is_working_day(D(2025, 3, 24)) is True
    assert add_working_days(D(2025, 3, 20), 1) == D(2025, 3, 24)
    assert add_working_days(D(2025, 3, 20), 2) == D(2025, 3, 26)


@pytest.mark.django_db
def test_an_override_far_ahead_is_taken_into_account():
    # given: a day off half a year after the start
    start = D(2025, 1, 6)
    without = add_working_days(start, 130)
    override(without, CalendarDayKind.HOLIDAY)
    # then the 130th working day moves to the next working day
    assert add_working_days(start, 130) == add_working_days(without, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2025, 11, 14), D(2025, 11, 17), 1, id="friday-to-monday"),
        pytest.param(D(2025, 11, 10), D(2025, 11, 14), 4, id="start-not-counted-end-counted"),
        pytest.param(D(2025, 3, 20), D(2025, 3, 26), 1, id="over-nauryz"),
        pytest.param(D(2025, 12, 15), D(2025, 12, 17), 1, id="over-16-december"),
        pytest.param(D(2025, 11, 14), D(2025, 11, 14), 0, id="same-day"),
        pytest.param(D(2025, 11, 17), D(2025, 11, 14), 0, id="end-before-start"),
        # 261 weekdays in 2025 less 16 public holidays (or days moved) falling on weekdays
        pytest.param(D(2025, 1, 1), D(2025, 12, 31), 245, id="whole-year-2025"),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("days", [1, 7, 20, 61, 250], ids=lambda n: f"{n}-days")
def test_add_working_days_and_working_days_between_agree(days):
    # given a transferred working Saturday and an extra day off inside the span
    override(D(2025, 7, 5), CalendarDayKind.WORKING_DAY)
    override(D(2025, 2, 3), CalendarDayKind.HOLIDAY)
    start = D(2025, 1, 31)
    # when
    end = add_working_days(start, days)
    # then
    assert working_days_between(start, end) == days
    assert add_working_days(end, -days) == start
