"""The IIN as personal data (SEC-01, SEC-03): one mask, one rule of who sees it in full, search
that cannot reveal hidden digits, and the log of every full read.

- ``mask_iin``: everybody who may see a person but not their full IIN sees the first six digits
  (the birth date, shown on the personal file anyway) followed by ``******``. No other mask
  exists: pages, the API and exports all show this one, so no two outputs can be combined.
- Who sees the full IIN: the person themself, HR officers of an organisation the person works
  or worked in, and the system administrator (``may_see_full_iin`` for one person,
  ``iin_open_q`` / ``iin_open_annotation`` / ``open_person_ids`` for lists, without a query
  per row).
- ``iin_search_q``: a number matches the beginning of an IIN only up to the six visible
  digits, unless the IIN is open to the user; a longer number gives the same answer as a wrong
  one, so search is no oracle for the hidden digits.
- ``iin_for`` / ``iins_for``: the value to show, full or masked; a full IIN shown to anybody but
  the person themself writes a ``PersonalDataRead`` row (lists: one ``bulk_create``).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.db.models.expressions import Combinable

from biliktilik.core.access import scope_of
from biliktilik.core.roles import Role

from .enums import ReadChannel
from .models import Employment, Person, PersonalDataRead

IIN_VISIBLE_DIGITS = 6
IIN_MASK = "******"
# Roles (of an organisation the person works or worked in) that see the person's full IIN.
FULL_IIN_ROLES = (Role.HR_OFFICER,)


def mask_iin(iin: str) -> str:
    """The one mask: the first six digits, then ``******``; empty for an empty IIN."""
    return f"{iin[:IIN_VISIBLE_DIGITS]}{IIN_MASK}" if iin else ""


# --- who sees the full IIN --------------------------------------------------------------------


def sees_every_iin_of(user: Any, organisation_id: int) -> bool:
    """Whether the user sees in full the IIN of everyone who works or worked in the organisation."""
    scope = scope_of(user)
    return scope.everything or scope.has_role(*FULL_IIN_ROLES, organisation_id=organisation_id)


def may_see_full_iin(user: Any, person: Person) -> bool:
    """The person, HR officers of an organisation the person works or worked in, the system
    administrator. At most one query (only for a user who is an HR officer somewhere)."""
    scope = scope_of(user)
    if scope.everything or person.pk in scope.person_ids:
        return True
    hr_organisations = scope.organisations_with_role(*FULL_IIN_ROLES)
    if not hr_organisations or person.pk is None:
        return False
    return Employment.objects.filter(person_id=person.pk, organisation_id__in=sorted(hr_organisations)).exists()


def iin_open_q(user: Any, *, person_lookup: str = "pk") -> Q | None:
    """The condition under which the user sees a person's IIN in full, over the lookup
    ``person_lookup`` that leads to the person's id; ``Q()`` for everything, ``None`` when the
    user sees no IIN in full."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    parts: list[Q] = []
    if scope.person_ids:
        parts.append(Q(**{f"{person_lookup}__in": sorted(scope.person_ids)}))
    hr_organisations = scope.organisations_with_role(*FULL_IIN_ROLES)
    if hr_organisations:
        employed_there = Employment.objects.filter(
            person_id=OuterRef(person_lookup), organisation_id__in=sorted(hr_organisations)
        )
        parts.append(Q(Exists(employed_there)))
    if not parts:
        return None
    return functools.reduce(operator.or_, parts)


def iin_open_annotation(user: Any, *, person_lookup: str = "pk") -> Combinable:
    """A boolean expression for ``.annotate(iin_open=...)``."""
    condition = iin_open_q(user, person_lookup=person_lookup)
    if condition is None:
        return Value(False, output_field=BooleanField())
    if not condition:
        return Value(True, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def open_person_ids(user: Any, person_ids: Iterable[int]) -> frozenset[int]:
    """Of ``person_ids``, those whose IIN the user sees in full (at most one query)."""
    wanted = frozenset(person_ids)
    condition = iin_open_q(user)
    if condition is None or not wanted:
        return frozenset()
    if not condition:
        return wanted
    scope = scope_of(user)
    own = wanted & scope.person_ids
    rest = sorted(wanted - own)
    if not rest or not scope.organisations_with_role(*FULL_IIN_ROLES):
        return own
    found = Person.objects.filter(condition, pk__in=rest).values_list("pk", flat=True)
    return own | frozenset(found)


# --- search -----------------------------------------------------------------------------------


def iin_search_q(user: Any, term: str, *, prefix: str = "", person_lookup: str = "pk") -> Q:
    """Rows whose IIN starts with ``term`` (digits). Up to the six visible digits this matches
    any IIN; a longer number matches only IINs the user sees in full, so a masked IIN gives the
    same answer as a wrong one. ``prefix`` leads from the model searched to the person
    (``"person__"``), ``person_lookup`` to the person's id (``"person_id"``)."""
    if not term.isdigit():
        return Q(pk__in=[])
    by_iin = Q(**{f"{prefix}iin__startswith": term})
    if len(term) <= IIN_VISIBLE_DIGITS:
        return by_iin
    open_q = iin_open_q(user, person_lookup=person_lookup)
    if open_q is None:
        return Q(pk__in=[])
    return by_iin & open_q


# --- showing it, and the log of full reads ---------------------------------------------------


def _reads(user: Any, persons: Iterable[Person], *, where: str, source: str) -> list[PersonalDataRead]:
    actor_id = getattr(user, "pk", None)
    own = getattr(user, "person_id", None)
    seen: set[int] = set()
    rows = []
    for person in persons:
        if not person.iin or person.pk == own or person.pk in seen:
            continue
        seen.add(person.pk)
        rows.append(
            PersonalDataRead(
                actor_id=actor_id,
                actor_repr=str(user)[:150],
                person_id=person.pk,
                channel=where,
                source=source[:300],
            )
        )
    return rows


def log_full_reads(user: Any, persons: Iterable[Person], *, where: str, source: str) -> int:
    """Record that ``user`` was shown the full IIN of ``persons`` (one ``bulk_create``; the
    user's own record and people without an IIN are left out). ``where`` is a ``ReadChannel``
    (page, API, export), ``source`` the path or the export's file name. Returns the rows written."""
    rows = _reads(user, persons, where=where, source=source)
    if rows:
        PersonalDataRead.objects.bulk_create(rows)
    return len(rows)


def iin_for(user: Any, person: Person, *, where: str = ReadChannel.PAGE, source: str = "") -> str:
    """The IIN of ``person`` as ``user`` may see it; a full read by someone else is logged."""
    if not person.iin:
        return ""
    if not may_see_full_iin(user, person):
        return mask_iin(person.iin)
    log_full_reads(user, [person], where=where, source=source)
    return person.iin


def iins_for(
    user: Any, persons: Sequence[Person], *, where: str = ReadChannel.PAGE, source: str = ""
) -> dict[int, str]:
    """The IIN of each person (by id) as ``user`` may see it, for a list: at most one query
    to decide and one ``bulk_create`` to log the full reads. A person annotated with
    ``iin_open`` (see ``iin_open_annotation``) costs no query to decide."""
    if all(hasattr(p, "iin_open") for p in persons):
        opened = frozenset(p.pk for p in persons if p.iin_open)  # type: ignore[attr-defined]
    else:
        opened = open_person_ids(user, [p.pk for p in persons if p.iin])
    log_full_reads(user, [p for p in persons if p.pk in opened], where=where, source=source)
    return {p.pk: (p.iin if p.pk in opened else mask_iin(p.iin)) for p in persons}
