"""The pieces every validator is built from: the error collector, readers of one parameter, ranges of hours."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode

_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")
HOURS_SCALE = 10  # hours are compared in tenths, so that sums are exact in every database
DEFAULT_DUE_SOON_MONTHS = 6


class _Errors:
    """Collects every error of one validation, then raises them together.

    ``child("classes.0")`` shares the same store under a longer prefix, so a nested entry
    reports ``params.classes.0.min_hours``.
    """

    def __init__(self, prefix: str, store: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.errors: dict[str, str] = store if store is not None else {}

    def child(self, name: str) -> _Errors:
        return _Errors(f"{self.prefix}.{name}" if self.prefix else name, self.errors)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(f"{self.prefix}.{name}" if self.prefix else name, message)

    def raise_if_any(self) -> None:
        if self.errors:
            field, message = next(iter(self.errors.items()))
            raise ApplicationError(message, code=ErrorCode.VALIDATION, field=field, extra={"errors": self.errors})


# --- small readers -----------------------------------------------------------------------------


def _bool(errors: _Errors, data: Mapping[str, Any], name: str, default: bool) -> bool:
    value = data.get(name, default)
    if not isinstance(value, bool):
        errors.add(name, _("Must be true or false."))
        return default
    return value


def _int(errors: _Errors, data: Mapping[str, Any], name: str, low: int, high: int, *, required: bool) -> int | None:
    if name not in data or data[name] is None:
        if required:
            errors.add(name, _("This value is required."))
        return None
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
        errors.add(name, _("Must be a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return None
    return value


def _hours(errors: _Errors, data: Mapping[str, Any], name: str, *, required: bool, positive: bool) -> Decimal | None:
    if name not in data or data[name] is None:
        if required:
            errors.add(name, _("This value is required."))
        return None
    value = data[name]
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(name, _("Must be a number of academic hours."))
        return None
    if not number.is_finite() or number < 0 or number > 100000 or (positive and number == 0):
        errors.add(name, _("Must be a number of academic hours from 0 to 100000."))
        return None
    if number != number.quantize(Decimal("0.1")):
        errors.add(name, _("Academic hours may have at most one decimal place."))
        return None
    return number


def _number(value: Decimal) -> int | float:
    """A JSON number for ``value``: whole numbers stay integers."""
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(errors: _Errors, data: Mapping[str, Any], name: str) -> Decimal | None:
    if name not in data or data[name] is None:
        return None
    value = data[name]
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(name, _("Must be a percentage from 0 to 100."))
        return None
    if not number.is_finite() or not (0 < number <= 100):
        errors.add(name, _("Must be a percentage from 0 to 100."))
        return None
    return number


def _code(errors: _Errors, data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not _CODE_RE.match(value):
        errors.add(name, _("Use lower-case Latin letters, digits, dots, hyphens and underscores."))
        return ""
    return value


def _choice_list(
    errors: _Errors, data: Mapping[str, Any], name: str, allowed: frozenset[str], *, required: bool
) -> list[str] | None:
    if name not in data or data[name] is None:
        if required:
            errors.add(name, _("This value is required."))
        return None
    value = data[name]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        errors.add(name, _("Must be a non-empty list."))
        return None
    unknown = sorted(set(value) - allowed)
    if unknown:
        errors.add(name, _("Unknown values: %(values)s.") % {"values": ", ".join(unknown)})
        return None
    if len(set(value)) != len(value):
        errors.add(name, _("A value is repeated."))
        return None
    return list(value)


def _label(errors: _Errors, data: Mapping[str, Any], name: str) -> dict[str, str] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        k in {"kk", "ru", "en"} and isinstance(v, str) and len(v) <= 200 for k, v in value.items()
    ):
        errors.add(name, _("A label maps kk, ru and en to texts of at most 200 characters."))
        return None
    return {k: value[k] for k in ("kk", "ru", "en") if value.get(k)}


def _unknown_keys(errors: _Errors, data: Mapping[str, Any], allowed: set[str]) -> None:
    for key in sorted(set(data) - allowed):
        errors.add(key, _("Unknown parameter."))


# --- ranges of hours ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursRange:
    min_hours: Decimal | None
    max_hours: Decimal | None
    include_min: bool = True
    include_max: bool = True

    def contains(self, hours: Decimal) -> bool:
        if self.min_hours is not None and (
            hours < self.min_hours or (hours == self.min_hours and not self.include_min)
        ):
            return False
        return not (
            self.max_hours is not None
            and (hours > self.max_hours or (hours == self.max_hours and not self.include_max))
        )

    def overlaps(self, other: HoursRange) -> bool:
        """Whether some number of hours falls in both ranges."""

        def low_before_high(low: HoursRange, high: HoursRange) -> bool:
            # True when ``low`` ends before ``high`` begins.
            if low.max_hours is None or high.min_hours is None:
                return False
            if low.max_hours < high.min_hours:
                return True
            return low.max_hours == high.min_hours and not (low.include_max and high.include_min)

        return not (low_before_high(self, other) or low_before_high(other, self))


def _hours_range(sub: _Errors, item: Mapping[str, Any]) -> HoursRange | None:
    before = len(sub.errors)
    low = _hours(sub, item, "min_hours", required=False, positive=False)
    high = _hours(sub, item, "max_hours", required=False, positive=False)
    include_min = _bool(sub, item, "include_min", True)
    include_max = _bool(sub, item, "include_max", True)
    if low is None and high is None and not sub.errors:
        sub.add("min_hours", _("Give the lower or the upper bound, or both."))
    if low is not None and high is not None and (low > high or (low == high and not (include_min and include_max))):
        sub.add("max_hours", _("The upper bound must be above the lower bound."))
    if len(sub.errors) > before:
        return None
    return HoursRange(low, high, include_min, include_max)


def _range_json(r: HoursRange) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if r.min_hours is not None:
        out["min_hours"] = _number(r.min_hours)
        if not r.include_min:
            out["include_min"] = False
    if r.max_hours is not None:
        out["max_hours"] = _number(r.max_hours)
        if not r.include_max:
            out["include_max"] = False
    return out
