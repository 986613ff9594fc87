"""Writes of the accounts app: role grants, and API tokens issued and revoked.

Grants are never deleted: a grant ends by its ``valid_to``.

``valid_from`` and ``valid_to`` are the first and the last day the grant is in force (both
included, either may be empty). Only a system administrator grants and ends roles; every change
is audited with old -> new (SEC-02), and the user's ``is_staff`` flag follows their system
administrator grants (see ``biliktilik.accounts.admin``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from biliktilik.core.access import forget_scope, scope_of
from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import UNIT_ROLES, Role
from biliktilik.org.models import Organisation, Unit

from .authentication import token_is_expired
from .models import RoleGrant, User

GRANT_FIELDS = ["user", "role", "organisation", "unit", "valid_from", "valid_to"]


def _require_system_administrator(actor: Any) -> None:
    if not (getattr(actor, "is_active", False) and scope_of(actor).everything):
        raise ApplicationError(
            _("Only a system administrator may grant or end roles."), code=ErrorCode.PERMISSION_DENIED
        )


def sync_staff_flag(user: User) -> None:
    """Set ``is_staff`` to "superuser or holds a sysadmin grant that has not ended"; save only
    when it changes. Entering the admin site also needs the grant to be in force today."""
    today = timezone.localdate()
    wanted = bool(
        user.is_superuser
        or RoleGrant.objects.filter(user=user, role=Role.SYSADMIN)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])
    forget_scope(user)


def _overlapping(
    *, user: User, role: str, organisation: Organisation, unit: Unit | None, start: dt.date | None, end: dt.date | None
) -> bool:
    """Whether the user already holds the same role in the same place for part of the period."""
    qs = RoleGrant.objects.filter(user=user, role=role, organisation=organisation, unit=unit)
    if start is not None:
        qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    if end is not None:
        qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
    return qs.exists()


def grant_check(
    *,
    user: User,
    role: str,
    organisation: Organisation | None,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> None:
    """The rules of a new grant, each error naming its field (also used by the admin form)."""
    if user is None:
        raise ApplicationError(_("Choose the user."), field="user")
    if role not in Role.values:
        raise ApplicationError(_("Choose a role."), field="role")
    if organisation is None:
        raise ApplicationError(_("Choose the organisation."), field="organisation")
    if role in UNIT_ROLES and unit is None:
        raise ApplicationError(_("This role must name a unit."), field="unit")
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ApplicationError(_("The unit must belong to the organisation of the grant."), field="unit")
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ApplicationError(_("The grant cannot end before it begins."), field="valid_to")
    if _overlapping(user=user, role=role, organisation=organisation, unit=unit, start=valid_from, end=valid_to):
        raise ApplicationError(
            _("The user already holds this role here for part of this period."),
            code=ErrorCode.DUPLICATE,
            field="role",
        )


@transaction.atomic
def grant_create(
    *,
    actor: Any,
    user: User,
    role: str,
    organisation: Organisation,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleGrant:
    """Grant ``role`` to ``user`` in ``organisation`` (or in ``unit`` and the units below it)."""
    _require_system_administrator(actor)
    # Lock the user so that two grants of the same role cannot both pass the overlap check.
    user = User.objects.select_for_update().get(pk=user.pk)
    grant_check(user=user, role=role, organisation=organisation, unit=unit, valid_from=valid_from, valid_to=valid_to)
    grant = RoleGrant.objects.create(
        user=user, role=role, organisation=organisation, unit=unit, valid_from=valid_from, valid_to=valid_to
    )
    audit_record(
        actor=actor,
        action="grant.create",
        obj=grant,
        changes={k: (None, v) for k, v in snapshot(grant, GRANT_FIELDS).items() if v is not None},
        organisation_id=organisation.pk,
    )
    if role == Role.SYSADMIN:
        sync_staff_flag(user)
    forget_scope(user)
    return grant


def grant_end_check(grant: RoleGrant, on: dt.date) -> None:
    """The rules of ending a grant on ``on`` (its last day in force)."""
    today = timezone.localdate()
    if grant.valid_to is not None and grant.valid_to < today:
        raise ApplicationError(_("This grant has already ended."), code=ErrorCode.INVALID_STATE, field="valid_to")
    if grant.valid_to is not None and on >= grant.valid_to:
        raise ApplicationError(
            _("The grant already ends on %(date)s; it can only end earlier.") % {"date": grant.valid_to.isoformat()},
            field="valid_to",
        )
    if grant.valid_from is not None and on < grant.valid_from - dt.timedelta(days=1):
        raise ApplicationError(_("The grant cannot end before it begins."), field="valid_to")


@transaction.atomic
def grant_end(*, actor: Any, grant: RoleGrant, on: dt.date | None = None) -> RoleGrant:
    """End a grant: ``on`` is its last day in force; by default yesterday, so that it gives
    nothing from today on. The grant is kept, with its history."""
    _require_system_administrator(actor)
    grant = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
    on = on if on is not None else timezone.localdate() - dt.timedelta(days=1)
    grant_end_check(grant, on)
    old = grant.valid_to
    grant.valid_to = on
    grant.save(update_fields=["valid_to", "updated_at"])
    audit_record(
        actor=actor,
        action="grant.end",
        obj=grant,
        changes={"valid_to": (old, on)},
        organisation_id=grant.organisation_id,
    )
    if grant.role == Role.SYSADMIN:
        sync_staff_flag(grant.user)
    forget_scope(grant.user)
    return grant


# --- API tokens ---------------------------------------------------------------------------


def user_organisation_id(user: Any) -> int | None:
    """The organisation an audit event about ``user`` (a login, a token) is filed under: that of
    their first role grant, so the auditors of that organisation see it; None without grants."""
    if user is None or not getattr(user, "pk", None):
        return None
    return RoleGrant.objects.filter(user_id=user.pk).order_by("pk").values_list("organisation_id", flat=True).first()


@transaction.atomic
def token_issue(*, user: User, ip_address: str | None = None) -> Token:
    """The user's API token: the one they hold while it is valid, else a new one."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not token_is_expired(token):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=user)
    audit_record(
        actor=user,
        action="user.token_issue",
        obj=user,
        changes={"ip_address": (None, ip_address)},
        organisation_id=user_organisation_id(user),
    )
    return token


@transaction.atomic
def tokens_revoke(*, user: User, actor: Any, ip_address: str | None = None, reason: str = "logout") -> int:
    """Delete every API token of ``user``; returns how many there were."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="user.token_revoke",
            obj=user,
            changes={"ip_address": (None, ip_address), "reason": (None, reason)},
            organisation_id=user_organisation_id(user),
        )
    return deleted
