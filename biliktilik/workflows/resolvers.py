"""Who may decide a step, for an object in a given organisation and unit.

* ``unit_head``: the users holding a ``unit_head`` grant on the nearest unit, going from the
  object's unit upwards (the unit itself first), that has such a grant.
* ``institute_director``: the same with ``institute_director`` grants (the unit itself counts, so
  an institute's own object goes to its director).
* ``hr``, ``pd_centre``, ``finance``, ``first_head``: the users holding ``hr_officer``,
  ``pd_officer``, ``finance_officer`` or ``first_head`` in the object's organisation.
* ``management_office``: the head of the management office, i.e. the users holding a
  ``unit_head`` grant on the unit that the organisation named as its management office
  (``org.Office`` of kind ``management_office``); when no unit is named or it has no head, the
  first head decides.

Only grants in force today count. A system administrator decides nothing by that role alone.
``DeciderBook`` answers for many places at once in two queries, so lists stay at a fixed cost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from biliktilik.accounts.enums import Role
from biliktilik.accounts.models import RoleGrant
from biliktilik.org.enums import OfficeKind
from biliktilik.org.models import Office, Unit

from .enums import Decider

# Office deciders filled by an organisation-wide role.
OFFICE_ROLES: dict[str, str] = {
    Decider.HR: Role.HR_OFFICER,
    Decider.PD_CENTRE: Role.PD_OFFICER,
    Decider.FINANCE: Role.FINANCE_OFFICER,
    Decider.FIRST_HEAD: Role.FIRST_HEAD,
}
# Deciders found from the object's unit upwards, and the role that fills them.
UNIT_DECIDER_ROLES: dict[str, str] = {
    Decider.UNIT_HEAD: Role.UNIT_HEAD,
    Decider.INSTITUTE_DIRECTOR: Role.INSTITUTE_DIRECTOR,
}
# For each role, the deciders a holder may turn out to be (used to narrow lists before resolving).
DECIDERS_OF_ROLE: dict[str, frozenset[str]] = {
    Role.UNIT_HEAD: frozenset({Decider.UNIT_HEAD, Decider.MANAGEMENT_OFFICE}),
    Role.INSTITUTE_DIRECTOR: frozenset({Decider.INSTITUTE_DIRECTOR}),
    Role.HR_OFFICER: frozenset({Decider.HR}),
    Role.PD_OFFICER: frozenset({Decider.PD_CENTRE}),
    Role.FINANCE_OFFICER: frozenset({Decider.FINANCE}),
    Role.FIRST_HEAD: frozenset({Decider.FIRST_HEAD, Decider.MANAGEMENT_OFFICE}),
}


@dataclass(frozen=True)
class Place:
    """Where an object sits: its organisation and the materialised path of its unit."""

    organisation_id: int
    unit_path: str | None = None

    @classmethod
    def of(cls, organisation_id: int, unit: Unit | None) -> Place:
        return cls(organisation_id, unit.path if unit is not None else None)


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and all its ancestors, the root first and the unit itself last."""
    step = Unit.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def _active_q(on: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class DeciderBook:
    """The decision makers of many places, loaded in two queries."""

    def __init__(self, places: Iterable[Place], *, on: dt.date | None = None) -> None:
        places = list(places)
        on = on or timezone.localdate()
        organisation_ids = sorted({p.organisation_id for p in places})
        self._office_unit_path: dict[int, str] = {}
        self._org_holders: dict[tuple[int, str], set[int]] = defaultdict(set)
        self._unit_holders: dict[tuple[str, str], set[int]] = defaultdict(set)
        if not places:
            return
        self._office_unit_path = dict(
            Office.objects.filter(
                organisation_id__in=organisation_ids, kind=OfficeKind.MANAGEMENT_OFFICE, unit__isnull=False
            ).values_list("organisation_id", "unit__path")
        )
        paths: set[str] = set(self._office_unit_path.values())
        for place in places:
            if place.unit_path:
                paths.update(ancestor_paths(place.unit_path))
        q = Q(role__in=sorted(OFFICE_ROLES.values()), organisation_id__in=organisation_ids)
        if paths:
            q |= Q(role__in=sorted(UNIT_DECIDER_ROLES.values()), unit__path__in=sorted(paths))
        rows = (
            RoleGrant.objects.filter(q)
            .filter(_active_q(on))
            .values_list("user_id", "role", "organisation_id", "unit__path")
        )
        for user_id, role, organisation_id, unit_path in rows:
            if role in UNIT_DECIDER_ROLES.values():
                self._unit_holders[(role, unit_path)].add(user_id)
            else:
                self._org_holders[(organisation_id, role)].add(user_id)

    def _nearest(self, role: str, unit_path: str | None) -> frozenset[int]:
        if not unit_path:
            return frozenset()
        for path in reversed(ancestor_paths(unit_path)):
            holders = self._unit_holders.get((role, path))
            if holders:
                return frozenset(holders)
        return frozenset()

    def holders(self, decider: str, place: Place) -> frozenset[int]:
        """The ids of the users who may decide a step with ``decider`` for an object at ``place``."""
        if decider in UNIT_DECIDER_ROLES:
            return self._nearest(UNIT_DECIDER_ROLES[decider], place.unit_path)
        if decider in OFFICE_ROLES:
            return frozenset(self._org_holders.get((place.organisation_id, OFFICE_ROLES[decider]), ()))
        if decider == Decider.MANAGEMENT_OFFICE:
            office_path = self._office_unit_path.get(place.organisation_id)
            if office_path:
                heads = self._unit_holders.get((Role.UNIT_HEAD, office_path))
                if heads:
                    return frozenset(heads)
            return frozenset(self._org_holders.get((place.organisation_id, Role.FIRST_HEAD), ()))
        return frozenset()


def step_holders(decider: str, place: Place) -> frozenset[int]:
    """The ids of the users who may decide one step for one object."""
    return DeciderBook([place]).holders(decider, place)
