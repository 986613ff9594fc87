"""The cells of a staff import: the table kit's parsers, and those only staff rows have.

Re-exported here: ``CellError``, ``is_empty``, ``text``, ``date``, ``email``, ``DATE_FORMATS``.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.tables import cells as kit
from biliktilik.core.tables.cells import DATE_FORMATS, CellError, date, email, is_empty, text

from ..enums import EmploymentEndReason, Sex, StaffCategory
from ..iin import is_valid_iin

__all__ = [
    "DATE_FORMATS",
    "CellError",
    "category",
    "date",
    "email",
    "end_reason",
    "iin",
    "is_empty",
    "rate",
    "sex",
    "text",
    "whole_years",
]


def iin(value: Any) -> str:
    return kit.iin(value, is_valid=is_valid_iin)


def rate(value: Any) -> Decimal:
    result = kit.decimal(value)
    if not (Decimal("0") < result <= Decimal("2")):
        raise CellError(_("The rate must be more than 0 and at most 2."))
    if result != result.quantize(Decimal("0.01")):
        raise CellError(_("The rate may have at most two decimal places."))
    return result.quantize(Decimal("0.01"))


def whole_years(value: Any) -> int:
    result = kit.integer(value)
    if not 1 <= result <= 10:
        raise CellError(_("The competition term must be from 1 to 10 years."))
    return result


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
        "sex": kit.choice_table(Sex, _SEX_WORDS),
        "category": kit.choice_table(StaffCategory),
        "end_reason": kit.choice_table(EmploymentEndReason),
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
