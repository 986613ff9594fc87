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
* ``authority_above``: the users holding an ``authority_officer`` grant in the nearest education
  authority above the object's organisation (walking ``Organisation.parent``: district office,
  regional department, authorised body) that has such officers; the step may name the kind of
  authority (``authority_kind``) to skip the nearer ones.
* ``other_organisation``: the holders of the office the step names (``decider_office``: HR, PD
  centre, finance, first head) in the organisation the step names (``decider_organisation``),
  e.g. a regional department or a partner university.

Only grants in force today count. A system administrator decides nothing by that role alone.
``DeciderBook`` answers for many places at once in two queries, so lists stay at a fixed cost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from biliktilik.accounts.models import RoleGrant
from biliktilik.core.roles import Role
from biliktilik.org.enums import AUTHORITY_KINDS, OfficeKind
from biliktilik.org.models import Office, Organisation, Unit

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
    Role.AUTHORITY_OFFICER: frozenset({Decider.AUTHORITY_ABOVE}),
}
# For each office decider, the role whose holders in another organisation decide through it.
OFFICE_OF_ROLE: dict[str, str] = {role: decider for decider, role in OFFICE_ROLES.items()}


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
        self._organisation_ids = organisation_ids
        self._on = on
        # Loaded only when a step with a decider outside the organisation asks.
        self._authorities: dict[int, list[tuple[int, str]]] | None = None
        self._authority_officers: dict[int, set[int]] = {}
        self._outside: dict[tuple[int, str], frozenset[int]] = {}
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

    def _load_authorities(self) -> None:
        """The authorities above each organisation of the book, nearest first, and their officers."""
        self._authorities = {}
        paths = dict(Organisation.objects.filter(pk__in=self._organisation_ids).values_list("pk", "path"))
        step = Organisation.steplen
        above: dict[int, list[str]] = {
            pk: [path[:end] for end in range(len(path) - step, 0, -step)] for pk, path in paths.items()
        }
        wanted = sorted({p for chain in above.values() for p in chain})
        found = {
            path: (pk, kind)
            for pk, path, kind in Organisation.objects.filter(
                path__in=wanted, kind__in=sorted(AUTHORITY_KINDS)
            ).values_list("pk", "path", "kind")
        }
        for pk, chain in above.items():
            self._authorities[pk] = [found[p] for p in chain if p in found]
        authority_ids = sorted({a for chain in self._authorities.values() for a, _kind in chain})
        rows = (
            RoleGrant.objects.filter(role=Role.AUTHORITY_OFFICER, organisation_id__in=authority_ids)
            .filter(_active_q(self._on))
            .values_list("user_id", "organisation_id")
        )
        for user_id, organisation_id in rows:
            self._authority_officers.setdefault(organisation_id, set()).add(user_id)

    def _authority_above(self, organisation_id: int, kind: str) -> frozenset[int]:
        if self._authorities is None:
            self._load_authorities()
        assert self._authorities is not None
        for authority_id, authority_kind in self._authorities.get(organisation_id, []):
            if kind and authority_kind != kind:
                continue
            officers = self._authority_officers.get(authority_id)
            if officers:
                return frozenset(officers)
        return frozenset()

    def _other_organisation(self, organisation_id: int | None, office: str) -> frozenset[int]:
        role = OFFICE_ROLES.get(office)
        if organisation_id is None or role is None:
            return frozenset()
        key = (organisation_id, role)
        if key not in self._outside:
            self._outside[key] = frozenset(
                RoleGrant.objects.filter(role=role, organisation_id=organisation_id)
                .filter(_active_q(self._on))
                .values_list("user_id", flat=True)
            )
        return self._outside[key]

    def _nearest(self, role: str, unit_path: str | None) -> frozenset[int]:
        if not unit_path:
            return frozenset()
        for path in reversed(ancestor_paths(unit_path)):
            holders = self._unit_holders.get((role, path))
            if holders:
                return frozenset(holders)
        return frozenset()

    def holders(self, decider: Any, place: Place) -> frozenset[int]:
        """The ids of the users who may decide a step for an object at ``place``. ``decider`` is a
        ``Step`` (needed for the deciders outside the organisation) or a decider's code."""
        step = decider if hasattr(decider, "decider") else None
        if step is not None:
            decider = step.decider
        if decider == Decider.AUTHORITY_ABOVE:
            return self._authority_above(place.organisation_id, getattr(step, "authority_kind", "") or "")
        if decider == Decider.OTHER_ORGANISATION:
            if step is None:
                return frozenset()
            return self._other_organisation(step.decider_organisation_id, step.decider_office)
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


def step_holders(decider: Any, place: Place) -> frozenset[int]:
    """The ids of the users who may decide one step for one object."""
    return DeciderBook([place]).holders(decider, place)
