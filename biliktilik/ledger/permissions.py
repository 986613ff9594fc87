"""Who may do what with PD records and their evidence.

These predicates are shared by services (which enforce them), views and templates (which use
them to show only the buttons that work). Reading is decided by the selectors.
"""

from __future__ import annotations

from typing import Any

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role
from biliktilik.org.models import Unit
from biliktilik.people.models import Employment
from biliktilik.people.selectors import current_q

from .enums import RecordStatus
from .justification import needs_justification
from .models import Evidence, PDRecord

# Roles that keep the PD records of their organisation: enter, verify, return, import.
RECORD_MANAGER_ROLES: tuple[str, ...] = (Role.HR_OFFICER, Role.PD_OFFICER)
# Record statuses in which the record may still be changed.
EDITABLE_STATUSES = frozenset({RecordStatus.PENDING, RecordStatus.RETURNED})
# Allowed status transitions of a record (the services check each one).
RECORD_TRANSITIONS: dict[str, frozenset[str]] = {
    RecordStatus.PENDING: frozenset({RecordStatus.VERIFIED, RecordStatus.RETURNED}),
    RecordStatus.RETURNED: frozenset({RecordStatus.PENDING, RecordStatus.VERIFIED}),
    RecordStatus.VERIFIED: frozenset({RecordStatus.RETURNED}),
}


def is_own(user: Any, person_id: int) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.person_id and user.person_id == person_id)


def can_manage_records(user: Any, organisation_id: int) -> bool:
    """HR officer or PD-centre officer of the organisation (or a system administrator)."""
    scope = scope_of(user)
    return scope.everything or scope.has_role(*RECORD_MANAGER_ROLES, organisation_id=organisation_id)


def managed_organisation_ids(user: Any) -> frozenset[int] | None:
    """Organisations whose records the user keeps; ``None`` means every organisation."""
    scope = scope_of(user)
    if scope.everything:
        return None
    return scope.organisations_with_role(*RECORD_MANAGER_ROLES)


def can_create_own(user: Any, organisation_id: int) -> bool:
    """The user's own person works in the organisation now."""
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return False
    return Employment.objects.filter(current_q(), person_id=user.person_id, organisation_id=organisation_id).exists()


def can_edit_record(user: Any, record: PDRecord) -> bool:
    if record.status not in EDITABLE_STATUSES:
        return False
    return is_own(user, record.person_id) or can_manage_records(user, record.organisation_id)


def can_verify_record(user: Any, record: PDRecord) -> bool:
    """Verify or return: HR / PD centre of the record's organisation, never one's own record."""
    return can_manage_records(user, record.organisation_id) and not is_own(user, record.person_id)


def can_transition(record: PDRecord, to: str) -> bool:
    return to in RECORD_TRANSITIONS.get(record.status, frozenset())


def can_add_evidence(user: Any, record: PDRecord) -> bool:
    return is_own(user, record.person_id) or can_manage_records(user, record.organisation_id)


def can_verify_evidence(user: Any, evidence: Evidence) -> bool:
    return can_verify_record(user, evidence.record)


def heads_person_unit(user: Any, record: PDRecord) -> bool:
    """The user is a unit head whose unit subtree contains a unit where the person works."""
    scope = scope_of(user)
    head_unit_ids = [g.unit_id for g in scope.grants if g.role == Role.UNIT_HEAD and g.unit_id is not None]
    if not head_unit_ids:
        return False
    paths = list(Unit.objects.filter(pk__in=head_unit_ids).values_list("path", flat=True))
    employments = Employment.objects.filter(person_id=record.person_id, organisation_id=record.organisation_id)
    return any(employments.filter(unit__path__startswith=path).exists() for path in paths)


def can_approve_justification(user: Any, record: PDRecord) -> bool:
    """A record of the "other" form counts only when the unit head (or HR) approves why."""
    if not record.justification or record.justification_approved_by_id:
        return False
    if not needs_justification(record):
        return False
    if is_own(user, record.person_id):
        return False
    return can_manage_records(user, record.organisation_id) or heads_person_unit(user, record)
