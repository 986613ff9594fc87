"""Scopes of periodic requirements: one table of the keys a scope may use (``SCOPE_TABLE``).

Each key is declared once, as a ``ScopeKey``: the facts of an employment it looks at (each fact
is a lookup path over ``people.Employment``, so the same declaration gives the value in memory
and the ``Q``), how it compares them (``one_of``, ``equals``, ``any_true``), how its value is
validated, and its words. ``clean_scope``, ``scope_q``, ``scope_matches`` and ``describe_scope``
are all built from the table; adding a key is one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biliktilik.core.errors import ApplicationError
from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import StaffCategory

from ..enums import RuleKind
from .fields import _CODE_RE, _bool, _choice_list, _Errors

# The facts of an employment a scope may look at: attribute of ``EmploymentFacts`` -> lookup
# path over ``Employment`` (followed attribute by attribute in memory, given to ``Q`` as is).
FACT_LOOKUPS: dict[str, str] = {
    "category": "category",
    "position_code": "position__code",
    "is_head": "position__is_head",
    "is_deputy": "position__is_deputy",
    "organisation_kind": "organisation__kind",
}


@dataclass(frozen=True)
class EmploymentFacts:
    """What a scope looks at in one employment."""

    category: str
    position_code: str
    is_head: bool
    is_deputy: bool
    organisation_kind: str

    @classmethod
    def of(cls, employment: Any) -> EmploymentFacts:
        """The facts of an ``Employment`` in memory (its position and organisation loaded)."""

        def follow(path: str) -> Any:
            value = employment
            for name in path.split("__"):
                value = getattr(value, name)
            return value

        return cls(**{fact: follow(lookup) for fact, lookup in FACT_LOOKUPS.items()})


def _clean_choices(allowed: Callable[[], frozenset[str]]) -> Callable[[_Errors, Mapping[str, Any], str], Any]:
    def clean(errors: _Errors, scope: Mapping[str, Any], key: str) -> Any:
        return _choice_list(errors, scope, key, allowed(), required=True)

    return clean


def _clean_codes(errors: _Errors, scope: Mapping[str, Any], key: str) -> Any:
    codes = scope[key]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and _CODE_RE.match(c) for c in codes):
        errors.add(key, _("Must be a non-empty list of position codes."))
        return None
    return list(codes)


def _clean_flag(errors: _Errors, scope: Mapping[str, Any], key: str) -> Any:
    if not isinstance(scope[key], bool):
        errors.add(key, _("Must be true or false."))
        return None
    return _bool(errors, scope, key, False)


def _clean_true(errors: _Errors, scope: Mapping[str, Any], key: str) -> Any:
    if scope[key] is not True:
        errors.add(key, _("Leave it out, or set it to true."))
        return None
    return True


def _labels_of(choices: Callable[[], list[tuple[str, Any]]]) -> Callable[[Any], str]:
    def describe(value: Any) -> str:
        labels = dict(choices())
        return ", ".join(str(labels.get(v, v)) for v in value)

    return describe


@dataclass(frozen=True)
class ScopeKey:
    """One key a scope may use, declared once.

    ``facts``: the employment facts it looks at; ``op``: ``one_of`` (the fact is in the list
    given), ``equals`` (the fact equals the value given) or ``any_true`` (one of the facts is
    true; the value must be true).
    """

    key: str
    label: Any
    facts: tuple[str, ...]
    op: str
    clean: Callable[[_Errors, Mapping[str, Any], str], Any]
    describe: Callable[[Any], str]

    def matches(self, value: Any, facts: EmploymentFacts) -> bool:
        """The per-person test."""
        values = [getattr(facts, name) for name in self.facts]
        if self.op == "one_of":
            return values[0] in value
        if self.op == "equals":
            return bool(values[0] == value)
        return any(values)  # any_true

    def q(self, value: Any, prefix: str = "") -> Q:
        """The same test as a filter over ``Employment``."""
        lookups = [f"{prefix}{FACT_LOOKUPS[name]}" for name in self.facts]
        if self.op == "one_of":
            return Q(**{f"{lookups[0]}__in": list(value)})
        if self.op == "equals":
            return Q(**{lookups[0]: value})
        q = Q()
        for lookup in lookups:
            q |= Q(**{lookup: True})
        return q


SCOPE_TABLE: tuple[ScopeKey, ...] = (
    ScopeKey(
        "categories",
        gettext_lazy("Staff categories"),
        ("category",),
        "one_of",
        _clean_choices(lambda: frozenset(StaffCategory.values)),
        _labels_of(lambda: list(StaffCategory.choices)),
    ),
    ScopeKey(
        "position_codes",
        gettext_lazy("Position codes"),
        ("position_code",),
        "one_of",
        _clean_codes,
        lambda value: _("positions %(codes)s") % {"codes": ", ".join(value)},
    ),
    ScopeKey(
        "organisation_kinds",
        gettext_lazy("Kinds of organisation"),
        ("organisation_kind",),
        "one_of",
        _clean_choices(lambda: frozenset(OrganisationKind.values)),
        _labels_of(lambda: list(OrganisationKind.choices)),
    ),
    ScopeKey(
        "head_or_deputy",
        gettext_lazy("Heads and deputy heads"),
        ("is_head", "is_deputy"),
        "any_true",
        _clean_true,
        lambda value: _("heads and deputy heads"),
    ),
    ScopeKey(
        "is_head",
        gettext_lazy("Head"),
        ("is_head",),
        "equals",
        _clean_flag,
        lambda value: _("heads") if value else _("not heads"),
    ),
    ScopeKey(
        "is_deputy",
        gettext_lazy("Deputy head"),
        ("is_deputy",),
        "equals",
        _clean_flag,
        lambda value: _("deputy heads") if value else _("not deputy heads"),
    ),
)
SCOPE_KEYS: tuple[str, ...] = tuple(k.key for k in SCOPE_TABLE)
_BY_KEY = {k.key: k for k in SCOPE_TABLE}


def clean_scope(kind: str, scope: Any) -> dict[str, Any]:
    """Validate a scope against ``SCOPE_TABLE``; only periodic requirements have one."""
    if scope in (None, {}):
        return {}
    if not isinstance(scope, dict):
        raise ApplicationError(_("The scope must be an object."), field="scope")
    errors = _Errors("scope")
    if kind != RuleKind.PERIODIC_REQUIREMENT:
        errors.add("categories", _("Only a periodic requirement has a scope."))
        errors.raise_if_any()
    for key in sorted(set(scope) - set(_BY_KEY)):
        errors.add(key, _("Unknown parameter."))
    out: dict[str, Any] = {}
    for entry in SCOPE_TABLE:
        if entry.key in scope:
            value = entry.clean(errors, scope, entry.key)
            if value is not None:
                out[entry.key] = value
    errors.raise_if_any()
    return out


def scope_q(scope: Mapping[str, Any], prefix: str = "") -> Q:
    """The scope as a filter over ``Employment`` (``prefix`` leads from another model to it)."""
    q = Q()
    for entry in SCOPE_TABLE:
        if entry.key in scope:
            q &= entry.q(scope[entry.key], prefix)
    return q


def scope_matches(scope: Mapping[str, Any], facts: EmploymentFacts) -> bool:
    """The same test as ``scope_q``, on one employment already in memory."""
    return all(entry.matches(scope[entry.key], facts) for entry in SCOPE_TABLE if entry.key in scope)


def describe_scope(scope: Mapping[str, Any]) -> str:
    """The scope in words, for citations and explanations."""
    if not scope:
        return _("every employee")
    return "; ".join(entry.describe(scope[entry.key]) for entry in SCOPE_TABLE if entry.key in scope)
