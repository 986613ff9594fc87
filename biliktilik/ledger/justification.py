"""Which forms of PD count only with a justification approved by the unit head (POL-04).

The rule data says it: the ``counted_forms`` rules in force for the record's organisation on its
completion date flag each form (``needs_justification``, KazNRTU-602 6.1: "other forms ...
with a justification approved by the head of the unit"). Where no forms rule is in force for
the organisation, the ledger's own default applies: the "other" form, whose very label says it
needs a justification (``PDForm.OTHER``).

``cache`` (a dict the caller keeps for one request or one list) holds the rule context of each
organisation, so a list of records costs one query per organisation, not per record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from biliktilik.org.models import Organisation
from biliktilik.policy.selectors import RuleContext, rule_context

from .enums import PDForm

DEFAULT_JUSTIFICATION_FORMS = frozenset({PDForm.OTHER.value})


def forms_needing_justification(
    organisation: Organisation | int, day: dt.date, *, cache: dict[int, RuleContext] | None = None
) -> frozenset[str]:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    context = cache.get(org_id) if cache is not None else None
    if context is None:
        org = organisation if isinstance(organisation, Organisation) else Organisation.objects.get(pk=org_id)
        context = rule_context(org)
        if cache is not None:
            cache[org_id] = context
    found = context.justification_forms(day)
    return DEFAULT_JUSTIFICATION_FORMS if found is None else found


def needs_justification(record: Any, *, cache: dict[int, RuleContext] | None = None) -> bool:
    """Whether ``record`` counts only with an approved justification, by the rules of its date."""
    return record.form in forms_needing_justification(record.organisation_id, record.end_date, cache=cache)
