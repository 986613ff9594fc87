"""Readers of validated parameters, used by the compliance engine, the pages and the rule context."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.i18n import in_language

from .. import vocabulary
from ..criteria import RecordRules, describe_criteria
from ..enums import DeadlineAnchor, DeadlineDirection, DeadlineUnit, RuleKind
from .fields import HOURS_SCALE, HoursRange, _number
from .forms import FormFlags, form_flags, forms_flags

# --- readers used by the compliance engine and the pages ---------------------------------------


@dataclass(frozen=True)
class PeriodicParams:
    period_years: int
    min_hours: Decimal | None
    min_activities: int | None
    in_profile_only: bool
    management_only: bool
    forms: dict[str, FormFlags] | None
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
        forms=forms_flags(params["forms"]) if params.get("forms") else None,
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


def record_rules(params: PeriodicParams, forms: Mapping[str, FormFlags] | None) -> RecordRules:
    """The judgement rules of one version of a periodic requirement and the forms in force."""
    return RecordRules(
        forms=dict(forms) if forms is not None else None,
        delivery_modes=params.delivery_modes,
        in_profile_only=params.in_profile_only,
        management_only=params.management_only,
    )


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
        extras = describe_criteria(record_rules(p, None))
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
        return "; ".join(
            f"{vocabulary.label(vocabulary.PD_FORM, form)} — {form_flags(how).describe()}"
            for form, how in params["forms"].items()
        )
    if kind == RuleKind.PLANNING_PARAMETERS:
        parts = []
        if "suggested_course_hours" in params:
            parts.append(_("suggested course: %(hours)s h") % {"hours": params["suggested_course_hours"]})
        if "suggested_course_days" in params:
            parts.append(
                _("a suggested course lasts %(days)s calendar days") % {"days": params["suggested_course_days"]}
            )
        if "young_staff_age" in params:
            parts.append(_("young staff: under %(age)s") % {"age": params["young_staff_age"]})
        return "; ".join(parts)
    if kind == RuleKind.DELIVERY_MODES:
        return "; ".join(vocabulary.label(vocabulary.DELIVERY_MODE, m) for m in params["modes"])
    return ""  # pragma: no cover - every kind is handled above


def entry_label(entry: Mapping[str, Any]) -> str:
    """The label of a duration class or document entry in the active language."""
    return in_language(entry.get("label") or {})
