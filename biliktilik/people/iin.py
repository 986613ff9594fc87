"""The individual identification number (ЖСН / ИИН) of the Republic of Kazakhstan.

Twelve digits: YYMMDD of birth, a century-and-sex digit, four serial digits and a check
digit. The check digit is the weighted sum of the first eleven digits modulo 11 with weights
1..11; when that gives 10, a second pass with weights 3..11, 1, 2 is used; a second 10 means
the number cannot be valid.
"""

from __future__ import annotations

import datetime as dt

_W1 = tuple(range(1, 12))
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    digits = [int(c) for c in first_eleven]
    total = sum(d * w for d, w in zip(digits, _W1, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, _W2, strict=True)) % 11
        if total == 10:
            return None
    return total


def is_valid_iin(value: str) -> bool:
    if len(value) != 12 or not value.isdigit():
        return False
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        return False
    return birth_date(value) is not None


def birth_date(value: str) -> dt.date | None:
    """The birth date encoded in an IIN, or None when the digits do not form a date."""
    century_digit = int(value[6])
    centuries = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
    if century_digit not in centuries:
        return None
    try:
        return dt.date(centuries[century_digit] + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return None


def make_iin(born: dt.date, serial: int, *, female: bool = False) -> str:
    """A valid IIN for a birth date and serial number (used by the demo data and tests)."""
    century = {18: 1, 19: 3, 20: 5}[born.year // 100] + (1 if female else 0)
    for bump in range(100):
        head = f"{born:%y%m%d}{century}{(serial + bump) % 10000:04d}"
        digit = check_digit(head)
        if digit is not None:
            return f"{head}{digit}"
    raise ValueError("no valid IIN for this serial")  # pragma: no cover
