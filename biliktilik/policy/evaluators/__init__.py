"""Rule parameters and scopes: validation per kind, and the small pure functions that read them.

A rule row keeps its parameters as JSON. Before a rule is saved (``services``) its parameters
go through the validator of its kind, which returns a cleaned copy or raises an
``ApplicationError`` naming the parameter at fault (``params.min_hours``); the scope goes through
``clean_scope``, whose keys come from a whitelist and compile to a ``Q`` over ``Employment``.
Nothing here touches the database.

The package is split by concept: ``fields`` (the pieces validators are built from), ``kinds``
(one validator per kind), ``scope`` (the scope keys), ``readers`` (reading validated
parameters). Everything public is re-exported here, so ``policy.evaluators.<name>`` keeps working.
"""

from .fields import DEFAULT_DUE_SOON_MONTHS, HOURS_SCALE, HoursRange
from .kinds import KIND_SPECS, clean_params
from .readers import (
    PeriodicParams,
    add_months,
    add_years,
    classify_hours,
    deadline_date,
    describe_params,
    describe_range,
    entry_label,
    periodic_params,
)
from .scope import SCOPE_KEYS, EmploymentFacts, clean_scope, describe_scope, scope_matches, scope_q

__all__ = [
    "DEFAULT_DUE_SOON_MONTHS",
    "HOURS_SCALE",
    "KIND_SPECS",
    "SCOPE_KEYS",
    "EmploymentFacts",
    "HoursRange",
    "PeriodicParams",
    "add_months",
    "add_years",
    "classify_hours",
    "clean_params",
    "clean_scope",
    "deadline_date",
    "describe_params",
    "describe_range",
    "describe_scope",
    "entry_label",
    "periodic_params",
    "scope_matches",
    "scope_q",
]
