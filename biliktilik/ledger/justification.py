"""Which forms of PD count only with a justification approved by the unit head (POL-04).

The rule data says it: the ``counted_forms`` rules in force for the record's organisation on its
completion date flag each form (``needs_justification``, KazNRTU-602 6.1: "other forms ...
with a justification approved by the head of the unit"). Where no forms rule is in force for
the organisation, the installation default's forms rule says it (``policy.defaults``: the rule
set named by the setting ``DEFAULT_FORMS_RULE_SET``, ``kaznrtu-602``). No form is named here.

``cache`` (a dict the caller keeps for one request or one list) holds the rule context of each
organisation (and, under key 0, the default's forms rule), so a list of records costs one query
per organisation, not per record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from biliktilik.org.models import Organisation
from biliktilik.policy.defaults import default_forms_versions, default_justification_forms
from biliktilik.policy.selectors import rule_context

_DEFAULT = 0  # no organisation has the key 0: the cache's entry for the default forms rule


def forms_needing_justification(
    organisation: Organisation | int, day: dt.date, *, cache: dict[int, Any] | None = None
) -> frozenset[str]:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    context = cache.get(org_id) if cache is not None else None
    if context is None:
        org = organisation if isinstance(organisation, Organisation) else Organisation.objects.get(pk=org_id)
        context = rule_context(org)
        if cache is not None:
            cache[org_id] = context
    found = context.justification_forms(day)
    if found is not None:
        return found
    if cache is None:
        return default_justification_forms(day)
    if _DEFAULT not in cache:
        cache[_DEFAULT] = default_forms_versions()
    return default_justification_forms(day, cache[_DEFAULT])


def needs_justification(record: Any, *, cache: dict[int, Any] | None = None) -> bool:
    """Whether ``record`` counts only with an approved justification, by the rules of its date."""
    return record.form in forms_needing_justification(record.organisation_id, record.end_date, cache=cache)
