"""Turning one cell of an import file into a clean value, or a translated reason it cannot be."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..enums import EmploymentEndReason, Sex, StaffCategory
from ..iin import is_valid_iin


class CellError(Exception):
    """The cell's value is not acceptable; the message is already translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number_text(value: Any) -> str:
    """A cell as text; whole numbers typed into Excel come back as ints or floats."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def text(value: Any, *, max_length: int) -> str:
    result = _number_text(value)
    if len(result) > max_length:
        raise CellError(
            _("At most %(limit)d characters are allowed; this cell has %(length)d.")
            % {"limit": max_length, "length": len(result)}
        )
    return result


def iin(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell loses the leading zero of people born in 2000-2009.
        result = f"{int(value):012d}" if float(value).is_integer() else str(value)
    else:
        result = re.sub(r"\s", "", str(value))
    if not is_valid_iin(result):
        raise CellError(_("IIN must be 12 digits with a correct check digit."))
    return result


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(raw, fmt)  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
        return parsed.date()
    raise CellError(_("Enter a valid date."))


def email(value: Any) -> str:
    result = str(value).strip()
    try:
        validate_email(result)
    except ValidationError as exc:
        raise CellError(_("Enter a valid email address.")) from exc
    return result


def rate(value: Any) -> Decimal:
    raw = str(value).strip().replace(",", ".").replace(" ", "")
    try:
        result = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(_("Enter a number.")) from exc
    if not result.is_finite():
        raise CellError(_("Enter a number."))
    if not (Decimal("0") < result <= Decimal("2")):
        raise CellError(_("The rate must be more than 0 and at most 2."))
    if result != result.quantize(Decimal("0.01")):
        raise CellError(_("The rate may have at most two decimal places."))
    return result.quantize(Decimal("0.01"))


def whole_years(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        result = int(str(value).strip())
    except ValueError as exc:
        raise CellError(_("Enter a whole number.")) from exc
    if not 1 <= result <= 10:
        raise CellError(_("The competition term must be from 1 to 10 years."))
    return result


def _choice_table(choices: type[models.TextChoices], extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each value of ``choices`` by its code and by its name in every interface language."""
    table: dict[str, str] = {}
    for value, label in choices.choices:
        if not value:
            continue
        table[value.casefold()] = value
        for language in ("kk", "ru", "en"):
            with override(language):
                table[str(label).strip().casefold()] = value
    for word, value in (extra or {}).items():
        table[word.casefold()] = value
    return table


# Words for the sexes as HR staff write them in Kazakh, Russian and English.
_SEX_WORDS = {
    "ә": Sex.FEMALE,
    "әйел": Sex.FEMALE,
    "ж": Sex.FEMALE,
    "жен": Sex.FEMALE,
    "женский": Sex.FEMALE,
    "female": Sex.FEMALE,
    "е": Sex.MALE,
    "ер": Sex.MALE,
    "м": Sex.MALE,
    "муж": Sex.MALE,
    "мужской": Sex.MALE,
    "male": Sex.MALE,
}


@functools.cache
def _tables() -> dict[str, dict[str, str]]:
    """Built once: the translated names do not change while the process runs."""
    return {
        "sex": _choice_table(Sex, _SEX_WORDS),
        "category": _choice_table(StaffCategory),
        "end_reason": _choice_table(EmploymentEndReason),
    }


def sex(value: Any) -> str:
    result = _tables()["sex"].get(str(value).strip().casefold())
    if result is None:
        raise CellError(_("Unknown sex: write f (female) or m (male)."))
    return result


def category(value: Any) -> str:
    result = _tables()["category"].get(str(value).strip().casefold())
    if result is None:
        raise CellError(_("Unknown staff category."))
    return result


def end_reason(value: Any) -> str:
    result = _tables()["end_reason"].get(str(value).strip().casefold())
    if result is None:
        raise CellError(_("Unknown end reason."))
    return result


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
