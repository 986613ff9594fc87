"""Cell parsers shared by every import: one cell in, a clean value or a translated ``CellError`` out.

Each parser takes the raw cell (a string from a CSV file, or whatever openpyxl gives for an
.xlsx cell: str, int, float, bool, datetime) and never sees an empty cell: the import skips
those (``is_empty``) so that an empty cell leaves the stored value as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import override

LANGUAGES = ("kk", "ru", "en")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
# Day 0 of Excel's date serials (with the 1900 leap-year bug folded in).
_EXCEL_EPOCH = dt.date(1899, 12, 30)

TRUE_WORDS = frozenset({"1", "yes", "y", "true", "x", "+", "иә", "ия", "и", "да", "д"})
FALSE_WORDS = frozenset({"0", "no", "n", "false", "-", "жоқ", "ж", "нет", "н"})


class CellError(Exception):
    """The cell's value is not acceptable; the message is already translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """A cell as text; whole numbers typed into Excel come back as ints or floats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def text(value: Any, *, max_length: int) -> str:
    result = as_text(value)
    if len(result) > max_length:
        raise CellError(
            _("At most %(limit)d characters are allowed; this cell has %(length)d.")
            % {"limit": max_length, "length": len(result)}
        )
    return result


def integer(value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        result = int(as_text(value).replace("\u00a0", "").replace(" ", ""))
    except ValueError as exc:
        raise CellError(_("Enter a whole number.")) from exc
    if (minimum is not None and result < minimum) or (maximum is not None and result > maximum):
        raise CellError(
            _("Enter a whole number from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum if minimum is not None else "…", "maximum": maximum if maximum is not None else "…"}
        )
    return result


def decimal(value: Any, *, places: int | None = None) -> Decimal:
    """A number with a point or a comma as the decimal mark; spaces between thousands are allowed."""
    if isinstance(value, bool):
        raise CellError(_("Enter a number."))
    if isinstance(value, int | float | Decimal):
        raw = str(value)
    else:
        raw = as_text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        result = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(_("Enter a number.")) from exc
    if not result.is_finite():
        raise CellError(_("Enter a number."))
    if places is not None and result != result.quantize(Decimal(1).scaleb(-places)):
        raise CellError(_("At most %(places)d digits after the decimal mark are allowed.") % {"places": places})
    return result


def date(value: Any) -> dt.date:
    """dd.mm.yyyy, yyyy-mm-dd, an Excel date cell, or an Excel date serial (a number cell)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell that Excel stores as a plain number (a serial day count).
        if float(value).is_integer() and 1 <= value <= 2958465:  # 1900-01-01 to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(_("Enter a valid date."))
    raw = as_text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
    raise CellError(_("Enter a valid date."))


def boolean(value: Any) -> bool:
    """Yes or no in Kazakh, Russian or English (иә/жоқ, да/нет, yes/no), or 1/0, +/-."""
    if isinstance(value, bool):
        return value
    word = as_text(value).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Write yes or no."))


def iin(value: Any, *, is_valid: Callable[[str], bool]) -> str:
    """An IIN (12 digits); ``is_valid`` checks the digits (``biliktilik.people.iin.is_valid_iin``:
    core does not import the apps to its right)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell loses the leading zero of people born in 2000-2009.
        result = f"{int(value):012d}" if float(value).is_integer() else str(value)
    else:
        result = re.sub(r"\s", "", str(value))
    if not is_valid(result):
        raise CellError(_("IIN must be 12 digits with a correct check digit."))
    return result


def email(value: Any) -> str:
    result = as_text(value)
    try:
        validate_email(result)
    except ValidationError as exc:
        raise CellError(_("Enter a valid email address.")) from exc
    return result


def choice_table(
    choices: type[models.Choices] | Iterable[tuple[Any, Any]], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each value by its code and by its label in every interface language (case-insensitive)."""
    pairs = choices.choices if isinstance(choices, type) else list(choices)
    table: dict[str, str] = {}
    for value, label in pairs:
        if value in ("", None):
            continue
        table.setdefault(str(value).casefold(), str(value))
        for language in LANGUAGES:
            with override(language):
                table.setdefault(str(label).strip().casefold(), str(value))
    for word, value in (extra or {}).items():
        table[word.casefold()] = str(value)
    return table


def choice(value: Any, table: Mapping[str, str], *, message: str | None = None) -> str:
    """The code a cell names, by code or by label; ``message`` replaces the default error."""
    result = table.get(as_text(value).casefold())
    if result is None:
        raise CellError(
            message or _("Unknown value “%(value)s”; use a code from the template.") % {"value": as_text(value)}
        )
    return result


def choice_parser(
    choices: type[models.Choices], *, extra: Mapping[str, str] | None = None, message: Callable[[], str] | None = None
) -> Callable[[Any], str]:
    """A parser for one set of choices; the table is built on first use (the labels are lazy)."""
    cache: dict[str, dict[str, str]] = {}

    def parse(value: Any) -> str:
        table = cache.get("table")
        if table is None:
            table = cache["table"] = choice_table(choices, extra)
        return choice(value, table, message=message() if message else None)

    return parse
