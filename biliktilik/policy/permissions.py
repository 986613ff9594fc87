"""Who may change rules: the HR service or the PD centre of the owning organisation (an
authority officer for an authority's rule sets), and the system administrator, who alone
looks after the national rule sets and the library of templates."""

from __future__ import annotations

from typing import Any

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role
from biliktilik.org.models import Organisation

from .models import RuleSet

RULE_MANAGER_ROLES = (Role.HR_OFFICER, Role.PD_OFFICER, Role.AUTHORITY_OFFICER)


def can_manage_rules_of(user: Any, organisation: Organisation | None) -> bool:
    """Whether ``user`` may adopt, publish and version the rule sets owned by ``organisation``
    (``None``: the national rule sets and the templates)."""
    scope = scope_of(user)
    if scope.everything:
        return True
    if organisation is None:
        return False
    roles: tuple[str, ...] = (
        (Role.AUTHORITY_OFFICER,) if organisation.is_authority else (Role.HR_OFFICER, Role.PD_OFFICER)
    )
    return scope.has_role(*roles, organisation_id=organisation.pk)


def can_manage_rule_set(user: Any, rule_set: RuleSet) -> bool:
    return can_manage_rules_of(user, rule_set.owner)


def organisations_user_manages(user: Any) -> frozenset[int]:
    """Organisations whose rule sets ``user`` may manage (empty for a system administrator,
    who may manage every organisation's: ask ``scope_of(user).everything``)."""
    scope = scope_of(user)
    return frozenset(g.organisation_id for g in scope.grants if g.role in RULE_MANAGER_ROLES)
