"""The validator of each kind of rule (``KIND_SPECS``) and ``clean_params``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError

from .. import vocabulary
from ..enums import DeadlineAnchor, DeadlineDirection, DeadlineUnit, RuleKind
from .fields import (
    _CODE_RE,
    HoursRange,
    _bool,
    _choice_list,
    _code,
    _Errors,
    _hours,
    _hours_range,
    _int,
    _label,
    _number,
    _percent,
    _range_json,
    _unknown_keys,
)
from .forms import _forms_map

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


PLANNING_PARAMETER_NAMES = ("suggested_course_hours", "suggested_course_days", "young_staff_age")


def _clean_planning_parameters(params: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    """The figures planning reads (``policy.parameters``): a suggested course's hours and length
    in calendar days, the age under which staff count as young (KazNRTU-602 7.3)."""
    _unknown_keys(errors, params, set(PLANNING_PARAMETER_NAMES))
    out: dict[str, Any] = {}
    hours = _hours(errors, params, "suggested_course_hours", required=False, positive=True)
    if hours is not None:
        out["suggested_course_hours"] = _number(hours)
    days = _int(errors, params, "suggested_course_days", 1, 366, required=False)
    if days is not None:
        out["suggested_course_days"] = days
    age = _int(errors, params, "young_staff_age", 18, 100, required=False)
    if age is not None:
        out["young_staff_age"] = age
    if not (set(params) & set(PLANNING_PARAMETER_NAMES)):
        errors.add("suggested_course_hours", _("Give at least one parameter."))
    return out


KIND_SPECS: dict[str, Callable[[Mapping[str, Any], _Errors], dict[str, Any]]] = {
    RuleKind.PERIODIC_REQUIREMENT: _clean_periodic,
    RuleKind.DURATION_CLASSES: _clean_duration_classes,
    RuleKind.DOCUMENT_TYPE_BY_HOURS: _clean_document_types,
    RuleKind.DEADLINE: _clean_deadline,
    RuleKind.PASS_THRESHOLDS: _clean_pass_thresholds,
    RuleKind.DUE_SOON_HORIZON: _clean_due_soon,
    RuleKind.COUNTED_FORMS: _clean_counted_forms,
    RuleKind.DELIVERY_MODES: _clean_delivery_modes,
    RuleKind.PLANNING_PARAMETERS: _clean_planning_parameters,
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
