"""Who may manage routes and withdraw runs. Deciding a step is answered by ``resolvers``."""

from __future__ import annotations

from typing import Any

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role

from .enums import RunStatus
from .models import Run

# Who may create and change the routes of an organisation (besides a system administrator).
ROUTE_MANAGER_ROLES = (Role.HR_OFFICER, Role.PD_OFFICER)


def can_manage_routes(user: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers of the organisation, and system administrators."""
    scope = scope_of(user)
    return scope.everything or scope.has_role(*ROUTE_MANAGER_ROLES, organisation_id=organisation_id)


def may_manage_some_routes(user: Any) -> bool:
    """Whether the user may manage the routes of at least one organisation."""
    scope = scope_of(user)
    return scope.everything or scope.has_role(*ROUTE_MANAGER_ROLES)


def can_cancel(user: Any, run: Run) -> bool:
    """The one who started a run, the organisation's route managers and system administrators."""
    if not getattr(user, "is_authenticated", False) or run.status != RunStatus.IN_PROGRESS:
        return False
    return run.started_by_id == user.pk or can_manage_routes(user, run.organisation_id)
