"""Scopes of periodic requirements: validation, the ``Q`` over employments, the same test in memory, words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import StaffCategory

from ..enums import RuleKind
from .fields import _CODE_RE, _bool, _choice_list, _Errors, _unknown_keys

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
