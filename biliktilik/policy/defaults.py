"""The installation's default forms rule: where an organisation has no forms rule in force.

Which forms count only with a justification is rule data (POL-04). An organisation with no
``counted_forms`` rule in force still needs an answer when a record is entered, approved or
shown as counting; the answer comes from the forms rule of the rule set named by the setting
``DEFAULT_FORMS_RULE_SET`` (default ``kaznrtu-602``, a seeded template: KazNRTU-602 6.1, "other
forms ... with a justification approved by the head of the unit"). Its published
``counted_forms`` rule in force on the day judges (before its first version: the first version,
as for a requirement, POL-07). Where that rule set is absent, unpublished or has no forms rule,
no form needs a justification: there is no form in code.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from .enums import RuleKind, RuleSetStatus
from .evaluators.forms import forms_flags
from .models import Rule
from .selectors import judging_version

DEFAULT_FORMS_RULE_SET = "kaznrtu-602"


def default_forms_rule_set_code() -> str:
    return str(getattr(settings, "DEFAULT_FORMS_RULE_SET", DEFAULT_FORMS_RULE_SET) or "")


def default_forms_versions() -> list[Rule]:
    """The published versions of the installation default's forms rule (one query)."""
    code = default_forms_rule_set_code()
    if not code:
        return []
    return list(
        Rule.objects.filter(
            kind=RuleKind.COUNTED_FORMS,
            published_at__isnull=False,
            rule_set__code=code,
            rule_set__owner__isnull=True,
            rule_set__status=RuleSetStatus.PUBLISHED,
        ).select_related("rule_set")
    )


def default_justification_forms(day: dt.date, versions: list[Rule] | None = None) -> frozenset[str]:
    """The forms that count only with an approved justification by the installation default's
    forms rule judging ``day`` (``versions``: ``default_forms_versions()`` read once by a caller)."""
    rule = judging_version(default_forms_versions() if versions is None else versions, day)
    if rule is None:
        return frozenset()
    flags = forms_flags(rule.params.get("forms")) or {}
    return frozenset(f for f, flag in flags.items() if flag.counts and flag.needs_justification)
