"""core.query and the command options: bad input is an error naming the parameter (I18N-01)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.test import override_settings
from django.utils import timezone, translation

from biliktilik.core.errors import ErrorCode
from biliktilik.core.management.options import date_option, int_option
from biliktilik.core.query import (
    QueryError,
    date_bounds,
    query_bool,
    query_choice,
    query_date,
    query_day,
    query_int,
    query_page,
    query_uuid,
)


def q(**values: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-06-01", dt.date(2025, 6, 1)),
        ("01.06.2025", dt.date(2025, 6, 1)),  # the interface's dd.mm.yyyy
        (" 2025-06-01 ", dt.date(2025, 6, 1)),
        ("1990-01-01", dt.date(1990, 1, 1)),
    ],
)
def test_good_days(raw: str, expected: dt.date) -> None:
    assert query_date(q(on=raw), "on", default=None) == expected


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2025-13-01", "must be a date"),
        ("31.02.2025", "must be a date"),
        ("abc", "must be a date"),
        ("20250601", "must be a date"),
        ("2025-06-01T10:00", "must be a date"),
        ("9999-07-01", "must be a day from"),
        ("1989-12-31", "must be a day from"),
    ],
)
def test_bad_days(raw: str, message: str) -> None:
    with translation.override("en"), pytest.raises(QueryError, match=message) as caught:
        query_date(q(on=raw), "on", default=None)
    error = caught.value
    assert (error.code, error.field, error.status) == (ErrorCode.VALIDATION, "on", 400)
    assert error.as_dict()["extra"] == {"field": "on"}
    assert "“on”" in str(error.message)


def test_an_absent_or_empty_day_is_the_default() -> None:
    assert query_day(q()) == timezone.localdate()
    assert query_day(q(on="")) == timezone.localdate()
    assert query_date(q(on=" "), "on", default=None) is None


def test_the_bounds_come_from_the_settings() -> None:
    with override_settings(BILIKTILIK_QUERY_DATE_MIN="2000-01-01", BILIKTILIK_QUERY_YEARS_AHEAD=1):
        first, last = date_bounds()
        assert first == dt.date(2000, 1, 1)
        assert last.year == timezone.localdate().year + 1
        with pytest.raises(QueryError):
            query_date(q(on="1999-12-31"), "on", default=None)


def test_the_last_day_leaves_room_for_date_arithmetic() -> None:
    _first, last = date_bounds()
    assert last + dt.timedelta(days=366 * 100) < dt.date.max


def test_the_message_is_translated() -> None:
    with translation.override("ru"), pytest.raises(QueryError, match="Параметр «on»"):
        query_date(q(on="abc"), "on", default=None)
    with translation.override("kk"), pytest.raises(QueryError, match="«on» параметрі"):
        query_date(q(on="abc"), "on", default=None)


@pytest.mark.parametrize(
    ("raw", "ok"), [("5", True), ("", True), ("0", False), ("11", False), ("x", False), ("9" * 40, False)]
)
def test_query_int(raw: str, ok: bool) -> None:
    if ok:
        assert query_int(q(n=raw), "n", default=None, minimum=1, maximum=10) == (int(raw) if raw else None)
    else:
        with pytest.raises(QueryError, match="“n”"):
            query_int(q(n=raw), "n", default=None, minimum=1, maximum=10)


def test_query_choice() -> None:
    assert query_choice(q(s="a"), "s", ["a", "b"]) == "a"
    assert query_choice(q(), "s", ["a", "b"], default="b") == "b"
    with translation.override("en"), pytest.raises(QueryError, match="must be one of: a, b"):
        query_choice(q(s="c"), "s", ["a", "b"])


def test_query_bool() -> None:
    assert query_bool(q(w="1"), "w") is True
    assert query_bool(q(w="no"), "w") is False
    assert query_bool(q(), "w") is False
    with pytest.raises(QueryError):
        query_bool(q(w="maybe"), "w")


def test_query_uuid() -> None:
    value = "8d1c1e9a-0f3e-4d7a-9a53-7d1f0c4b2a11"
    assert query_uuid(q(id=value), "id") == value
    assert query_uuid(q(), "id") is None
    with pytest.raises(QueryError, match="“id”"):
        query_uuid(q(id="42"), "id")


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("3", 3), ("999999", 999999), ("last", "last")])
def test_good_pages(raw: str, expected: Any) -> None:
    assert query_page(q(page=raw)) == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "²", "1" * 20])
def test_bad_pages(raw: str) -> None:
    with pytest.raises(QueryError, match="“page”"):
        query_page(q(page=raw))


# --- command options -----------------------------------------------------------------------


def test_date_option() -> None:
    assert date_option("2025-06-01", "--on") == dt.date(2025, 6, 1)
    assert date_option(None, "--on", default=dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    for bad in ("01.06.2025", "2025-13-01", "abc", "9999-07-01", "20250601"):
        with translation.override("en"), pytest.raises(CommandError, match="--on must be a day"):
            date_option(bad, "--on")


def test_int_option() -> None:
    assert int_option("7", "--days", minimum=1, maximum=365) == 7
    for bad in ("0", "abc", None, "366"):
        with translation.override("en"), pytest.raises(CommandError, match="--days must be a whole number"):
            int_option(bad, "--days", minimum=1, maximum=365)


@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("days", ["0", "abc", "-3", "100000"])
def test_send_deadline_reminders_refuses_bad_days(days: str) -> None:
    with pytest.raises(CommandError, match="--days must be a whole number from 1 to 365"):
        call_command("send_deadline_reminders", "--days", days, "--no-email")


def test_load_demo_planning_refuses_a_year_out_of_range() -> None:
    with pytest.raises(CommandError, match="--year must be a whole number from 2000 to 2100"):
        call_command("load_demo_planning", "--year", "99999")


def test_the_language_option_translates_the_error() -> None:
    with pytest.raises(CommandError, match="целым числом"):
        call_command("send_deadline_reminders", "--days", "0", "--language", "ru")
