"""Who may manage programmes and apply for places, and the checks the writes share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.org.models import Unit
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q

from ..enums import OFFICER_ROLES
from ..models import (
    ProgrammeTopic,
    TopicStatus,
)

# Roles that apply for places on behalf of a unit (with a grant naming the unit).
REQUESTER_ROLES = (Role.UNIT_HEAD, Role.INSTITUTE_DIRECTOR)
MAX_CAPACITY = 10_000


# --- who may do what ---------------------------------------------------------------------------


def may_manage_programmes(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers of the organisation, and the system administrator."""
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def may_apply_for(actor: Any, unit: Unit) -> bool:
    """The head of the unit (or of a unit above it), or HR / PD centre of its organisation."""
    if may_manage_programmes(actor, unit.organisation_id):
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    heads = any(g.role in REQUESTER_ROLES for g in scope.grants)
    return heads and unit.pk in scope.unit_ids


def deny(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


def require_manager(actor: Any, organisation_id: int) -> None:
    if not may_manage_programmes(actor, organisation_id):
        raise deny(_("Only HR and PD-centre officers of the organisation may change its PD programme."))


def clean_text(value: Any, *, field: str, limit: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ApplicationError(_("This field is required."), field=field)
    if len(text) > limit:
        raise ApplicationError(
            _("The text is too long (%(limit)s characters at most).") % {"limit": limit}, field=field
        )
    return text


def require_planned(topic: ProgrammeTopic) -> None:
    if topic.status != TopicStatus.PLANNED:
        raise ApplicationError(
            _("The topic is completed; its listeners can no longer change."), code=ErrorCode.INVALID_STATE
        )


def lock_topic(topic: ProgrammeTopic) -> ProgrammeTopic:
    return ProgrammeTopic.objects.select_for_update().select_related("direction__programme").get(pk=topic.pk)


def organisation_id_of(topic: ProgrammeTopic) -> int:
    return topic.direction.programme.organisation_id


def works_in(person_ids: Iterable[int], *, organisation_id: int, unit: Unit | None = None) -> set[int]:
    """Which of ``person_ids`` work now in the organisation (in ``unit`` or below it, when given)."""
    employments = Employment.objects.filter(current_q(), organisation_id=organisation_id, person_id__in=person_ids)
    if unit is not None:
        employments = employments.filter(unit__path__startswith=unit.path)
    return set(employments.values_list("person_id", flat=True))
