"""Reading the query string of pages and API views (I18N-01).

A malformed parameter is an error naming the parameter, never a silent default and never a
500. Every reader takes the ``QueryDict`` (``request.GET`` or DRF's ``request.query_params``)
and raises :class:`QueryError`, an :class:`~biliktilik.core.errors.ApplicationError` with
``code="validation"``, ``field=<parameter>`` and HTTP status 400. The API's exception handler
answers it as ``{"code", "message", "extra": {"field": ...}}``; on pages,
``core.middleware.ApplicationErrorMiddleware`` answers 400 with the message and a link to the
same page without the bad parameter.

An absent or empty parameter means "not given" (a filter form submits empty fields), so the
default applies. Days are ISO ``YYYY-MM-DD`` or the interface's ``dd.mm.yyyy`` and lie between
``settings.BILIKTILIK_QUERY_DATE_MIN`` and today plus ``settings.BILIKTILIK_QUERY_YEARS_AHEAD``
years, so date arithmetic on them can never overflow.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .errors import ApplicationError, ErrorCode

D = TypeVar("D")

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class QueryError(ApplicationError):
    """A query parameter is malformed or out of range; ``field`` is its name."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message, code=ErrorCode.VALIDATION, field=field, status=400)


def date_bounds() -> tuple[dt.date, dt.date]:
    """The first and the last day a query parameter may name."""
    setting = settings.BILIKTILIK_QUERY_DATE_MIN
    first: dt.date = dt.date.fromisoformat(setting) if isinstance(setting, str) else setting
    today = timezone.localdate()
    years = int(settings.BILIKTILIK_QUERY_YEARS_AHEAD)
    try:
        last = today.replace(year=today.year + years)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + years, day=28)
    return first, last


def _raw(params: Mapping[str, str], name: str) -> str:
    value = params.get(name)
    return value.strip() if value else ""


def parse_date(raw: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``dd.mm.yyyy``; ``None`` when it is neither."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
    return None


def check_date(value: dt.date, name: str) -> dt.date:
    first, last = date_bounds()
    if not first <= value <= last:
        raise QueryError(
            _("The parameter “%(name)s” must be a day from %(first)s to %(last)s.")
            % {
                "name": name,
                "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
                "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
            },
            field=name,
        )
    return value


def query_date(params: Mapping[str, str], name: str, *, default: D) -> dt.date | D:
    """The day named by ``name``; ``default`` when absent or empty."""
    raw = _raw(params, name)
    if not raw:
        return default
    value = parse_date(raw)
    if value is None:
        raise QueryError(
            _("The parameter “%(name)s” must be a date: YYYY-MM-DD or dd.mm.yyyy.") % {"name": name}, field=name
        )
    return check_date(value, name)


def query_day(params: Mapping[str, str], name: str = "on") -> dt.date:
    """The day named by ``name``, today when absent (the day a compliance page is about)."""
    return query_date(params, name, default=timezone.localdate())


def query_int(params: Mapping[str, str], name: str, *, default: D, minimum: int, maximum: int) -> int | D:
    """A whole number from ``minimum`` to ``maximum``; ``default`` when absent or empty."""
    raw = _raw(params, name)
    if not raw:
        return default
    try:
        if len(raw) > 18:
            raise ValueError(raw)
        value = int(raw)
    except ValueError:
        raise QueryError(_("The parameter “%(name)s” must be a whole number.") % {"name": name}, field=name) from None
    if not minimum <= value <= maximum:
        raise QueryError(
            _("The parameter “%(name)s” must be a whole number from %(minimum)d to %(maximum)d.")
            % {"name": name, "minimum": minimum, "maximum": maximum},
            field=name,
        )
    return value


def query_choice(params: Mapping[str, str], name: str, choices: Iterable[str], *, default: str = "") -> str:
    """One of ``choices`` (codes); ``default`` when absent or empty."""
    raw = _raw(params, name)
    if not raw:
        return default
    allowed = [str(c) for c in choices]
    if raw not in allowed:
        raise QueryError(
            _("The parameter “%(name)s” must be one of: %(choices)s.") % {"name": name, "choices": ", ".join(allowed)},
            field=name,
        )
    return raw


def query_bool(params: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    """``1/true/yes`` or ``0/false/no``; ``default`` when absent or empty."""
    raw = _raw(params, name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes"}:
        return True
    if raw in {"0", "false", "no"}:
        return False
    raise QueryError(_("The parameter “%(name)s” must be 1 or 0 (yes or no).") % {"name": name}, field=name)


def query_uuid(params: Mapping[str, str], name: str) -> str | None:
    """A public id (UUID) as text; ``None`` when absent or empty."""
    raw = _raw(params, name)
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise QueryError(
            _("The parameter “%(name)s” must be an identifier (UUID).") % {"name": name}, field=name
        ) from None


def query_page(params: Mapping[str, str], name: str = "page") -> int | str:
    """The page number for ``Paginator.get_page``: a whole number from 1, or ``last``.

    A number past the last page shows the last page (``get_page`` clamps it, and a list that
    shrank between two clicks should not become an error); anything else is an error."""
    raw = _raw(params, name)
    if not raw:
        return 1
    if raw == "last":
        return raw
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or int(raw) < 1:
        raise QueryError(
            _("The parameter “%(name)s” must be a page number from 1 or “last”.") % {"name": name}, field=name
        )
    return int(raw)
