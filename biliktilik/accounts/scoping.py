"""Turning a user's role grants into a Scope (see ``biliktilik.core.access``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from biliktilik.core.access import Grant, Scope, ids
from biliktilik.core.roles import ORGANISATION_ROLES, UNIT_ROLES, Role
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment

from .models import RoleGrant


def active_grants(user: Any, on: dt.date | None = None) -> list[RoleGrant]:
    on = on or dt.date.today()
    return list(
        RoleGrant.objects.filter(user=user)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("organisation", "unit")
    )


def compute_scope(user: Any) -> Scope:
    """At most four small queries: grants, authority subtrees, unit subtrees, own employments."""
    grants = active_grants(user)
    if user.is_superuser or any(g.role == Role.SYSADMIN for g in grants):
        return Scope(
            everything=True,
            grants=tuple(Grant(g.role, g.organisation_id, g.unit_id) for g in grants),
        )

    whole: set[int] = {g.organisation_id for g in grants if g.role in ORGANISATION_ROLES}
    authority_paths = [g.organisation.path for g in grants if g.role == Role.AUTHORITY_OFFICER]
    if authority_paths:
        q = Q()
        for path in authority_paths:
            q |= Q(path__startswith=path)
        whole |= set(Organisation.objects.filter(q).values_list("id", flat=True))

    unit_paths = [g.unit.path for g in grants if g.role in UNIT_ROLES and g.unit is not None]
    unit_ids: set[int] = set()
    if unit_paths:
        q = Q()
        for path in unit_paths:
            q |= Q(path__startswith=path)
        unit_ids = set(Unit.objects.filter(q).values_list("id", flat=True))

    person_ids: set[int] = set()
    member_orgs: set[int] = {g.organisation_id for g in grants}
    if user.person_id:
        person_ids.add(user.person_id)
        member_orgs |= set(
            Employment.objects.filter(person_id=user.person_id).values_list("organisation_id", flat=True)
        )
    return Scope(
        everything=False,
        organisation_ids=frozenset(whole),
        unit_ids=frozenset(unit_ids),
        person_ids=ids(person_ids),
        member_organisation_ids=frozenset(member_orgs | whole),
        grants=tuple(Grant(g.role, g.organisation_id, g.unit_id) for g in grants),
    )
