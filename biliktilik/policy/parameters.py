"""The figures other apps read from the rules, one accessor each (POL-01, PLN-01..03).

Planning used to hold these as constants; they are rule data now, each with its citation:

* ``suggested_course_hours`` — the hours of a course suggested for a requirement counted in
  activities (SKMA-464 4.3: a course of at least 72 hours), rule kind ``planning_parameters``;
* ``suggested_course_days`` — how many calendar days a suggested course spans;
* ``young_staff_age`` — the age under which staff count as young in the 602-01 analysis
  (KazNRTU-602 7.3 names young staff and gives no age);
* ``plan_deadline`` — when the organisation's yearly plan is due: the ``deadline`` rule of code
  ``PLAN_DEADLINE_CODE`` (SKMA-464 5.5: by 1 December). Where no such rule is in force,
  planning reads the organisation's own ``PlanningCalendar`` row (its data, not a constant);
  the rule always wins.

No regulation states the course length or the young-staff age, so they are the organisation's
own choice: an organisation (or an authority above it) publishes a ``planning_parameters`` rule
in its own rule set, citing its own decision. Per parameter the nearest owner wins, and at the
same owner its own rule set wins over a template it adopted (then the newer rule set). Where no
rule gives a figure, the installation's default applies: the setting ``PLANNING_DEFAULTS``
(``config/settings/base.py``), shown with no citation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from biliktilik.org.models import Organisation

from . import readers
from .enums import RuleKind
from .models import Rule
from .selectors import RuleContext, rule_context

# The code of the deadline rule giving the organisation plan's yearly date (SKMA-464 5.5).
PLAN_DEADLINE_CODE = "organisation_plan"


@dataclass(frozen=True)
class Parameter:
    """A figure and where it comes from: a rule (with its citation) or the installation default."""

    name: str
    value: Any
    rule: Rule | None

    @property
    def citation(self) -> str:
        return f"{self.rule.citation_document} {self.rule.citation_clause}".strip() if self.rule else ""


def _defaults() -> dict[str, Any]:
    defaults = dict(getattr(settings, "PLANNING_DEFAULTS", {}))
    older = getattr(settings, "PLANNING_YOUNG_STAFF_AGE", None)  # the older name of one default
    if older is not None:
        defaults["young_staff_age"] = older
    return defaults


def _context(organisation: Organisation | RuleContext) -> RuleContext:
    return organisation if isinstance(organisation, RuleContext) else rule_context(organisation)


def _precedence(rule: Rule) -> tuple[int, bool, dt.date, int]:
    """Weakest first: a farther owner; at the same owner, a copy of a template before the owner's
    own rule set, then the older rule set."""
    rule_set = rule.rule_set
    depth = len(rule_set.owner.path) // Organisation.steplen if rule_set.owner else 0
    return (depth, rule_set.template_id is None, rule_set.effective_from, rule_set.pk)


def planning_parameter(organisation: Organisation | RuleContext, name: str, day: dt.date) -> Parameter:
    """The figure ``name`` for ``organisation`` on ``day``: the nearest owner's
    ``planning_parameters`` rule in force that gives it, else the installation default."""
    found: Parameter | None = None
    for rule in sorted(_context(organisation).in_force(day, RuleKind.PLANNING_PARAMETERS), key=_precedence):
        if name in rule.params:
            found = Parameter(name, rule.params[name], rule)
    if found is not None:
        return found
    defaults = _defaults()
    if name not in defaults:
        raise LookupError(f"No rule gives {name!r} and PLANNING_DEFAULTS has no default for it")
    return Parameter(name, defaults[name], None)


def suggested_course_hours(organisation: Organisation | RuleContext, day: dt.date) -> Parameter:
    found = planning_parameter(organisation, "suggested_course_hours", day)
    return Parameter(found.name, Decimal(str(found.value)), found.rule)


def suggested_course_days(organisation: Organisation | RuleContext, day: dt.date) -> Parameter:
    found = planning_parameter(organisation, "suggested_course_days", day)
    return Parameter(found.name, int(found.value), found.rule)


def young_staff_age(organisation: Organisation | RuleContext, day: dt.date) -> Parameter:
    found = planning_parameter(organisation, "young_staff_age", day)
    return Parameter(found.name, int(found.value), found.rule)


def plan_deadline(organisation: Organisation | RuleContext, year: int) -> tuple[Rule, dt.date] | None:
    """When the plan for ``year`` is due by the rules (it is due in year *Y - 1*), or None."""
    return _context(organisation).deadline(PLAN_DEADLINE_CODE, dt.date(year - 1, 1, 1))


def register_readers() -> None:
    """These accessors read their kinds: the rules page shows them as applied."""
    readers.register(RuleKind.PLANNING_PARAMETERS, _("Planning: suggested courses and the analysis of the unit"))
    readers.register(RuleKind.DEADLINE, _("Planning: the deadline of the yearly plan"), codes=[PLAN_DEADLINE_CODE])
