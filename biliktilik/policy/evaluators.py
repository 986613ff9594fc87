"""Rule parameters and scopes: validation per kind, and the small pure functions that read them.

A rule row keeps its parameters as JSON. Before a rule is saved (``services``) its parameters
go through the validator of its kind, which returns a cleaned copy or raises an
``ApplicationError`` naming the parameter at fault (``params.min_hours``); the scope goes through
``clean_scope``, whose keys come from a whitelist and compile to a ``Q`` over ``Employment``.
Nothing here touches the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import StaffCategory

from . import vocabulary
from .enums import DeadlineAnchor, DeadlineDirection, DeadlineUnit, FormCounting, RuleKind

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


def _forms_map(errors: _Errors, data: Mapping[str, Any], name: str, *, required: bool) -> dict[str, str] | None:
    if name not in data or data[name] is None:
        if required:
            errors.add(name, _("This value is required."))
        return None
    value = data[name]
    if not isinstance(value, dict) or not value:
        errors.add(name, _("Must map each counted form to how it counts."))
        return None
    unknown = sorted(set(value) - vocabulary.values(vocabulary.PD_FORM))
    if unknown:
        errors.add(name, _("Unknown forms: %(values)s.") % {"values": ", ".join(unknown)})
        return None
    bad = sorted(form for form, how in value.items() if how not in FormCounting.values)
    if bad:
        errors.add(
            name,
            _("Each form counts as one of: %(choices)s.") % {"choices": ", ".join(FormCounting.values)},
        )
        return None
    return {str(form): str(how) for form, how in sorted(value.items())}


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


# --- validators per kind -----------------------------------------------------------------------

_PERIODIC_KEYS = {
    "period_years",
    "min_hours",
    "min_activities",
    "in_profile_only",
    "management_only",
    "forms",
    "delivery_modes",
    "hire_grace",
}


def _clean_periodic(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown_keys(errors, params, _PERIODIC_KEYS)
    period = _int(errors, params, "period_years", 1, 10, required=True)
    hours = _hours(errors, params, "min_hours", required=False, positive=True)
    activities = _int(errors, params, "min_activities", 1, 100, required=False)
    if "min_hours" not in params and "min_activities" not in params:
        errors.add("min_hours", _("Give the minimum hours or the minimum number of activities."))
    elif params.get("min_hours") is not None and params.get("min_activities") is not None:
        errors.add("min_activities", _("Give the minimum hours or the minimum number of activities, not both."))
    out: dict[str, Any] = {
        "period_years": period,
        "in_profile_only": _bool(errors, params, "in_profile_only", False),
        "management_only": _bool(errors, params, "management_only", False),
        "hire_grace": _bool(errors, params, "hire_grace", True),
    }
    if hours is not None:
        out["min_hours"] = _number(hours)
    if activities is not None:
        out["min_activities"] = activities
    forms = _forms_map(errors, params, "forms", required=False)
    if forms is not None:
        out["forms"] = forms
    modes = _choice_list(errors, params, "delivery_modes", vocabulary.values(vocabulary.DELIVERY_MODE), required=False)
    if modes is not None:
        out["delivery_modes"] = modes
    return out


def _clean_ranges(
    params: Mapping[str, Any], errors: _Errors, *, list_name: str, key_name: str, key_check: Callable[[str], bool]
) -> dict[str, Any]:
    _unknown_keys(errors, params, {list_name, "forms"})
    items = params.get(list_name)
    out: dict[str, Any] = {}
    if not isinstance(items, list) or not items:
        errors.add(list_name, _("Must be a non-empty list."))
        return out
    cleaned: list[dict[str, Any]] = []
    ranges: list[tuple[str, HoursRange, frozenset[str] | None]] = []
    for index, item in enumerate(items):
        where = f"{list_name}.{index}"
        if not isinstance(item, dict):
            errors.add(where, _("Each entry must be an object."))
            continue
        sub = errors.child(where)
        before = len(errors.errors)
        _unknown_keys(sub, item, {key_name, "min_hours", "max_hours", "include_min", "include_max", "label", "forms"})
        key = item.get(key_name)
        if not isinstance(key, str) or not key_check(key):
            sub.add(key_name, _("Unknown or malformed value."))
        label = _label(sub, item, "label")
        entry_forms = _choice_list(sub, item, "forms", vocabulary.values(vocabulary.PD_FORM), required=False)
        bounds = _hours_range(sub, item)
        if len(errors.errors) > before or bounds is None:
            continue
        entry: dict[str, Any] = {key_name: key, **_range_json(bounds)}
        if entry_forms:
            entry["forms"] = entry_forms
        if label:
            entry["label"] = label
        cleaned.append(entry)
        ranges.append((str(key), bounds, frozenset(entry_forms) if entry_forms else None))
    keys = [k for k, _r, _f in ranges]
    if len(set(keys)) != len(keys):
        errors.add(list_name, _("A code is repeated."))
    for i, (code_a, range_a, forms_a) in enumerate(ranges):
        for code_b, range_b, forms_b in ranges[i + 1 :]:
            if forms_a is not None and forms_b is not None and not (forms_a & forms_b):
                continue  # entries for different forms may share hours
            if range_a.overlaps(range_b):
                errors.add(
                    list_name,
                    _("“%(a)s” and “%(b)s” overlap: a number of hours would fall in both.")
                    % {"a": code_a, "b": code_b},
                )
    out[list_name] = cleaned
    forms = _choice_list(errors, params, "forms", vocabulary.values(vocabulary.PD_FORM), required=False)
    if forms is not None:
        out["forms"] = forms
    return out


def _clean_duration_classes(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    return _clean_ranges(
        params, errors, list_name="classes", key_name="code", key_check=lambda v: bool(_CODE_RE.match(v))
    )


def _clean_document_types(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    kinds = vocabulary.values(vocabulary.EVIDENCE_KIND)
    return _clean_ranges(params, errors, list_name="documents", key_name="document", key_check=lambda v: v in kinds)


_DEADLINE_KEYS = {"code", "relative_to", "direction", "amount", "unit", "month", "day"}


def _clean_deadline(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown_keys(errors, params, _DEADLINE_KEYS)
    out: dict[str, Any] = {"code": _code(errors, params, "code")}
    anchor = params.get("relative_to")
    if anchor not in DeadlineAnchor.values:
        errors.add("relative_to", _("Choose what the deadline is counted from."))
        return out
    out["relative_to"] = anchor
    if anchor == DeadlineAnchor.ANNUAL_DATE:
        month = _int(errors, params, "month", 1, 12, required=True)
        day = _int(errors, params, "day", 1, 31, required=True)
        if month is not None and day is not None:
            try:
                dt.date(2001, month, day)  # a year without 29 February: the date must exist every year
            except ValueError:
                errors.add("day", _("This day does not exist in every year."))
        for extra in ("amount", "unit", "direction"):
            if extra in params:
                errors.add(extra, _("A fixed yearly date takes a month and a day only."))
        out.update(month=month, day=day)
        return out
    for extra in ("month", "day"):
        if extra in params:
            errors.add(extra, _("Only a fixed yearly date takes a month and a day."))
    amount = _int(errors, params, "amount", 0, 3660, required=True)
    unit = params.get("unit")
    if unit not in DeadlineUnit.values:
        errors.add("unit", _("Choose calendar days, working days or months."))
    direction = params.get("direction", DeadlineDirection.AFTER)
    if direction not in DeadlineDirection.values:
        errors.add("direction", _("Choose before or after."))
    if anchor == DeadlineAnchor.PREVIOUS_SUBMISSION and direction != DeadlineDirection.AFTER:
        errors.add("direction", _("A recurring deadline is counted after the previous submission."))
    if anchor == DeadlineAnchor.PREVIOUS_SUBMISSION and amount == 0:
        errors.add("amount", _("A recurring deadline needs a period above zero."))
    out.update(amount=amount, unit=unit, direction=direction)
    return out


def _clean_pass_thresholds(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    names = {"attendance_pct", "final_test_pct", "certificate_valid_years", "reassessment_per_year"}
    _unknown_keys(errors, params, names)
    out: dict[str, Any] = {}
    for name in ("attendance_pct", "final_test_pct"):
        value = _percent(errors, params, name)
        if value is not None:
            out[name] = _number(value)
    years = _int(errors, params, "certificate_valid_years", 1, 50, required=False)
    if years is not None:
        out["certificate_valid_years"] = years
    times = _int(errors, params, "reassessment_per_year", 0, 12, required=False)
    if times is not None:
        out["reassessment_per_year"] = times
    if not (set(params) & names):
        errors.add("attendance_pct", _("Give at least one threshold."))
    return out


def _clean_due_soon(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown_keys(errors, params, {"months"})
    return {"months": _int(errors, params, "months", 0, 36, required=True)}


def _clean_counted_forms(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown_keys(errors, params, {"forms"})
    return {"forms": _forms_map(errors, params, "forms", required=True)}


def _clean_delivery_modes(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown_keys(errors, params, {"modes"})
    modes = _choice_list(errors, params, "modes", vocabulary.values(vocabulary.DELIVERY_MODE), required=True)
    return {"modes": modes}


KIND_SPECS: dict[str, Callable[[Mapping[str, Any], _Errors], dict[str, Any]]] = {
    RuleKind.PERIODIC_REQUIREMENT: _clean_periodic,
    RuleKind.DURATION_CLASSES: _clean_duration_classes,
    RuleKind.DOCUMENT_TYPE_BY_HOURS: _clean_document_types,
    RuleKind.DEADLINE: _clean_deadline,
    RuleKind.PASS_THRESHOLDS: _clean_pass_thresholds,
    RuleKind.DUE_SOON_HORIZON: _clean_due_soon,
    RuleKind.COUNTED_FORMS: _clean_counted_forms,
    RuleKind.DELIVERY_MODES: _clean_delivery_modes,
}


def clean_params(kind: str, params: Any) -> dict[str, Any]:
    """The validated, normalised parameters of a rule of ``kind``; raises on the first fault."""
    if kind not in KIND_SPECS:
        raise ApplicationError(_("Unknown kind of rule."), field="kind")
    if not isinstance(params, dict):
        raise ApplicationError(_("The parameters must be an object."), field="params")
    errors = _Errors("params")
    cleaned = KIND_SPECS[kind](params, errors)
    errors.raise_if_any()
    return cleaned


# --- scope -------------------------------------------------------------------------------------

SCOPE_KEYS = ("categories", "position_codes", "is_head", "is_deputy", "head_or_deputy", "organisation_kinds")


def clean_scope(kind: str, scope: Any) -> dict[str, Any]:
    """Validate a scope against the whitelist of ``SCOPE_KEYS``; only periodic requirements have one."""
    if scope in (None, {}):
        return {}
    if not isinstance(scope, dict):
        raise ApplicationError(_("The scope must be an object."), field="scope")
    errors = _Errors("scope")
    if kind != RuleKind.PERIODIC_REQUIREMENT:
        errors.add("categories", _("Only a periodic requirement has a scope."))
        errors.raise_if_any()
    _unknown_keys(errors, scope, set(SCOPE_KEYS))
    out: dict[str, Any] = {}
    categories = _choice_list(errors, scope, "categories", frozenset(StaffCategory.values), required=False)
    if categories is not None:
        out["categories"] = categories
    if "position_codes" in scope:
        codes = scope["position_codes"]
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and _CODE_RE.match(c) for c in codes):
            errors.add("position_codes", _("Must be a non-empty list of position codes."))
        else:
            out["position_codes"] = list(codes)
    kinds = _choice_list(errors, scope, "organisation_kinds", frozenset(OrganisationKind.values), required=False)
    if kinds is not None:
        out["organisation_kinds"] = kinds
    for flag in ("is_head", "is_deputy"):
        if flag in scope:
            out[flag] = _bool(errors, scope, flag, False)
    if "head_or_deputy" in scope:
        if scope["head_or_deputy"] is not True:
            errors.add("head_or_deputy", _("Leave it out, or set it to true."))
        else:
            out["head_or_deputy"] = True
    errors.raise_if_any()
    return out


def scope_q(scope: Mapping[str, Any], prefix: str = "") -> Q:
    """The scope as a filter over ``Employment`` (``prefix`` leads from another model to it)."""
    q = Q()
    if "categories" in scope:
        q &= Q(**{f"{prefix}category__in": list(scope["categories"])})
    if "position_codes" in scope:
        q &= Q(**{f"{prefix}position__code__in": list(scope["position_codes"])})
    if "organisation_kinds" in scope:
        q &= Q(**{f"{prefix}organisation__kind__in": list(scope["organisation_kinds"])})
    if "is_head" in scope:
        q &= Q(**{f"{prefix}position__is_head": scope["is_head"]})
    if "is_deputy" in scope:
        q &= Q(**{f"{prefix}position__is_deputy": scope["is_deputy"]})
    if scope.get("head_or_deputy"):
        q &= Q(**{f"{prefix}position__is_head": True}) | Q(**{f"{prefix}position__is_deputy": True})
    return q


@dataclass(frozen=True)
class EmploymentFacts:
    """What a scope looks at in one employment."""

    category: str
    position_code: str
    is_head: bool
    is_deputy: bool
    organisation_kind: str


def scope_matches(scope: Mapping[str, Any], facts: EmploymentFacts) -> bool:
    """The same test as ``scope_q``, on one employment already in memory."""
    if "categories" in scope and facts.category not in scope["categories"]:
        return False
    if "position_codes" in scope and facts.position_code not in scope["position_codes"]:
        return False
    if "organisation_kinds" in scope and facts.organisation_kind not in scope["organisation_kinds"]:
        return False
    if "is_head" in scope and facts.is_head != scope["is_head"]:
        return False
    if "is_deputy" in scope and facts.is_deputy != scope["is_deputy"]:
        return False
    return not (scope.get("head_or_deputy") and not (facts.is_head or facts.is_deputy))


def describe_scope(scope: Mapping[str, Any]) -> str:
    """The scope in words, for citations and explanations."""
    if not scope:
        return _("every employee")
    parts: list[str] = []
    if "categories" in scope:
        labels = dict(StaffCategory.choices)
        parts.append(", ".join(str(labels.get(c, c)) for c in scope["categories"]))
    if "position_codes" in scope:
        parts.append(_("positions %(codes)s") % {"codes": ", ".join(scope["position_codes"])})
    if "organisation_kinds" in scope:
        labels = dict(OrganisationKind.choices)
        parts.append(", ".join(str(labels.get(k, k)) for k in scope["organisation_kinds"]))
    if scope.get("head_or_deputy"):
        parts.append(_("heads and deputy heads"))
    if scope.get("is_head") is True:
        parts.append(_("heads"))
    if scope.get("is_head") is False:
        parts.append(_("not heads"))
    if scope.get("is_deputy") is True:
        parts.append(_("deputy heads"))
    if scope.get("is_deputy") is False:
        parts.append(_("not deputy heads"))
    return "; ".join(parts)


# --- readers used by the compliance engine and the pages ---------------------------------------


@dataclass(frozen=True)
class PeriodicParams:
    period_years: int
    min_hours: Decimal | None
    min_activities: int | None
    in_profile_only: bool
    management_only: bool
    forms: dict[str, str] | None
    delivery_modes: frozenset[str] | None
    hire_grace: bool

    @property
    def counts_hours(self) -> bool:
        return self.min_hours is not None

    @property
    def required_units(self) -> int:
        """The requirement in whole units: tenths of an hour, or activities."""
        if self.min_hours is not None:
            return int(self.min_hours * HOURS_SCALE)
        return int(self.min_activities or 0)


def periodic_params(params: Mapping[str, Any]) -> PeriodicParams:
    hours = params.get("min_hours")
    modes = params.get("delivery_modes")
    return PeriodicParams(
        period_years=int(params["period_years"]),
        min_hours=Decimal(str(hours)) if hours is not None else None,
        min_activities=params.get("min_activities"),
        in_profile_only=bool(params.get("in_profile_only", False)),
        management_only=bool(params.get("management_only", False)),
        forms=dict(params["forms"]) if params.get("forms") else None,
        delivery_modes=frozenset(modes) if modes else None,
        hire_grace=bool(params.get("hire_grace", True)),
    )


def _range_of(entry: Mapping[str, Any]) -> HoursRange:
    low, high = entry.get("min_hours"), entry.get("max_hours")
    return HoursRange(
        Decimal(str(low)) if low is not None else None,
        Decimal(str(high)) if high is not None else None,
        bool(entry.get("include_min", True)),
        bool(entry.get("include_max", True)),
    )


def classify_hours(params: Mapping[str, Any], hours: Decimal, form: str | None = None) -> dict[str, Any] | None:
    """The duration class (POL-03) or document type (CRT-03) entry that ``hours`` fall in, if any.

    A rule (or an entry) that names ``forms`` applies only to records of those forms.
    """
    if params.get("forms") and form is not None and form not in params["forms"]:
        return None
    entries = params.get("classes") or params.get("documents") or []
    for entry in entries:
        if entry.get("forms") and form is not None and form not in entry["forms"]:
            continue
        if _range_of(entry).contains(Decimal(hours)):
            return dict(entry)
    return None


def describe_range(entry: Mapping[str, Any]) -> str:
    """“36–108 h”, “more than 108 h”, “less than 36 h”."""
    r = _range_of(entry)
    low = f"{_number(r.min_hours)}" if r.min_hours is not None else ""
    high = f"{_number(r.max_hours)}" if r.max_hours is not None else ""
    if r.min_hours is not None and r.max_hours is not None:
        if r.include_min and r.include_max:
            return _("%(low)s–%(high)s h") % {"low": low, "high": high}
        if not r.include_min and r.include_max:
            return _("more than %(low)s, up to %(high)s h") % {"low": low, "high": high}
        return _("from %(low)s, less than %(high)s h") % {"low": low, "high": high}
    if r.min_hours is not None:
        return (_("at least %(n)s h") if r.include_min else _("more than %(n)s h")) % {"n": low}
    return (_("up to %(n)s h") if r.include_max else _("less than %(n)s h")) % {"n": high}


@functools.lru_cache(maxsize=65536)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months``; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus ``years``; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def deadline_date(params: Mapping[str, Any], anchor: dt.date) -> dt.date:
    """The date a deadline falls on, counted from ``anchor`` (POL-05).

    For a fixed yearly date (``annual_date``) ``anchor`` gives the year. Working days follow
    the calendar of the Republic of Kazakhstan (``core.calendar``).
    """
    from biliktilik.core.calendar import add_working_days

    if params["relative_to"] == DeadlineAnchor.ANNUAL_DATE:
        return dt.date(anchor.year, int(params["month"]), int(params["day"]))
    amount = int(params["amount"])
    sign = -1 if params.get("direction") == DeadlineDirection.BEFORE else 1
    unit = params["unit"]
    if unit == DeadlineUnit.WORKING_DAYS:
        return add_working_days(anchor, sign * amount)
    if unit == DeadlineUnit.MONTHS:
        return add_months(anchor, sign * amount)
    return anchor + dt.timedelta(days=sign * amount)


def describe_params(kind: str, params: Mapping[str, Any]) -> str:
    """A rule's parameters in one line of words, shown beside its citation."""
    if kind == RuleKind.PERIODIC_REQUIREMENT:
        p = periodic_params(params)
        if p.min_hours is not None:
            text = _("at least %(hours)s h every %(years)s years") % {
                "hours": _number(p.min_hours),
                "years": p.period_years,
            }
        else:
            text = _("at least %(count)s activity(ies) every %(years)s years") % {
                "count": p.min_activities,
                "years": p.period_years,
            }
        extras = []
        if p.in_profile_only:
            extras.append(_("in the profile of the disciplines taught"))
        if p.management_only:
            extras.append(_("management topic"))
        if p.delivery_modes:
            extras.append(
                _("delivery: %(modes)s")
                % {"modes": ", ".join(vocabulary.label(vocabulary.DELIVERY_MODE, m) for m in sorted(p.delivery_modes))}
            )
        extras.append(
            _("newly hired: due %(years)s years after hiring") % {"years": p.period_years}
            if p.hire_grace
            else _("no grace period after hiring")
        )
        return "; ".join([text, *extras])
    if kind in (RuleKind.DURATION_CLASSES, RuleKind.DOCUMENT_TYPE_BY_HOURS):
        entries = params.get("classes") or params.get("documents") or []
        names = []
        for entry in entries:
            name = entry.get("code") or vocabulary.label(vocabulary.EVIDENCE_KIND, entry.get("document", ""))
            names.append(f"{entry_label(entry) or name}: {describe_range(entry)}")
        return "; ".join(names)
    if kind == RuleKind.DEADLINE:
        if params["relative_to"] == DeadlineAnchor.ANNUAL_DATE:
            return _("every year by %(day)02d.%(month)02d") % {"day": params["day"], "month": params["month"]}
        return _("%(amount)s %(unit)s %(direction)s: %(anchor)s") % {
            "amount": params["amount"],
            "unit": DeadlineUnit(params["unit"]).label,
            "direction": DeadlineDirection(params.get("direction", "after")).label,
            "anchor": DeadlineAnchor(params["relative_to"]).label,
        }
    if kind == RuleKind.PASS_THRESHOLDS:
        parts = []
        if "attendance_pct" in params:
            parts.append(_("attendance at least %(pct)s%%") % {"pct": params["attendance_pct"]})
        if "final_test_pct" in params:
            parts.append(_("final test at least %(pct)s%% of the maximum") % {"pct": params["final_test_pct"]})
        if "certificate_valid_years" in params:
            parts.append(_("certificate valid %(years)s years") % {"years": params["certificate_valid_years"]})
        if "reassessment_per_year" in params:
            parts.append(_("re-assessment at most %(n)s time(s) a year") % {"n": params["reassessment_per_year"]})
        return "; ".join(parts)
    if kind == RuleKind.DUE_SOON_HORIZON:
        return _("due soon: %(months)s months before the due date") % {"months": params["months"]}
    if kind == RuleKind.COUNTED_FORMS:
        labels = dict(FormCounting.choices)
        return "; ".join(
            f"{vocabulary.label(vocabulary.PD_FORM, form)} — {labels.get(how, how)}"
            for form, how in params["forms"].items()
        )
    if kind == RuleKind.DELIVERY_MODES:
        return "; ".join(vocabulary.label(vocabulary.DELIVERY_MODE, m) for m in params["modes"])
    return ""  # pragma: no cover - every kind is handled above


def entry_label(entry: Mapping[str, Any]) -> str:
    """The label of a duration class or document entry in the active language."""
    from django.utils.translation import get_language

    label = entry.get("label") or {}
    language = (get_language() or "kk")[:2]
    return str(label.get(language) or label.get("kk") or "")
