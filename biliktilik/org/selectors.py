"""Reads of organisations and units, scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet

from biliktilik.core.access import scope_of

from .enums import OrganisationKind
from .models import Office, Organisation, Unit


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Organisations the user sees whole, plus those the user works in or holds a role in."""
    scope = scope_of(user)
    qs = Organisation.objects.all()
    if scope.everything:
        return qs
    return qs.filter(id__in=sorted(scope.organisation_ids | scope.member_organisation_ids))


def units_visible_to(user: Any) -> QuerySet[Unit]:
    """Units the user may see: whole organisations seen whole, and granted unit subtrees.

    Someone who works in an organisation sees its structure (the names of its units): the
    structure is not personal data, and an employee needs it to find their way.
    """
    scope = scope_of(user)
    qs = Unit.objects.select_related("organisation")
    if scope.everything:
        return qs
    return qs.filter(
        Q(organisation_id__in=sorted(scope.organisation_ids | scope.member_organisation_ids))
        | Q(id__in=sorted(scope.unit_ids))
    )


def organisation_get(user: Any, *, public_id: Any) -> Organisation | None:
    return organisations_visible_to(user).filter(public_id=public_id).first()


def unit_subtree_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def unit_tree(organisation: Organisation) -> list[Unit]:
    """The organisation's units in tree order (depth-first), one query."""
    return list(Unit.objects.filter(organisation=organisation).order_by("path"))


def organisation_tree(user: Any) -> list[Organisation]:
    """Visible organisations in tree order (authorities above what they oversee), one query."""
    return list(organisations_visible_to(user).order_by("path"))


def offices_of(organisation: Organisation) -> list[Office]:
    return list(Office.objects.filter(organisation=organisation).select_related("unit").order_by("kind"))


# --- summaries for pages (each one query, whatever the number of rows) ----------------------


def organisations_by_ids(organisation_ids: Iterable[int]) -> dict[int, Organisation]:
    """Organisations by id, in one query (for labelling role grants)."""
    wanted = sorted(set(organisation_ids))
    if not wanted:
        return {}
    return {o.pk: o for o in Organisation.objects.filter(id__in=wanted)}


def units_by_ids(unit_ids: Iterable[int]) -> dict[int, Unit]:
    """Units by id with their organisation, in one query."""
    wanted = sorted(set(unit_ids))
    if not wanted:
        return {}
    return {u.pk: u for u in Unit.objects.filter(id__in=wanted).select_related("organisation")}


def unit_counts(organisation_ids: Iterable[int]) -> dict[int, int]:
    """How many active units each organisation has, in one grouped query."""
    wanted = sorted(set(organisation_ids))
    if not wanted:
        return {}
    rows = (
        Unit.objects.filter(organisation_id__in=wanted, is_active=True)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(wanted, 0)
    counts.update({row["organisation_id"]: row["n"] for row in rows})
    return counts


def subordinate_kind_counts(authorities: Sequence[Organisation]) -> dict[int, dict[str, int]]:
    """For each authority, how many organisations of each kind stand below it (itself left out).

    One aggregate query with a conditional count per authority and kind.
    """
    if not authorities:
        return {}
    kinds = list(OrganisationKind.values)
    aggregates = {
        f"a{a.pk}_{kind}": Count("id", filter=Q(path__startswith=a.path, kind=kind) & ~Q(pk=a.pk))
        for a in authorities
        for kind in kinds
    }
    q = Q()
    for a in authorities:
        q |= Q(path__startswith=a.path)
    totals = Organisation.objects.filter(q).aggregate(**aggregates)
    return {a.pk: {kind: int(totals[f"a{a.pk}_{kind}"] or 0) for kind in kinds} for a in authorities}


def organisation_totals() -> dict[str, int]:
    """Numbers for the system administrator: organisations and units in the installation."""
    return {
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
    }


def unit_tree_visible_to(user: Any, organisation: Organisation) -> list[Unit]:
    """The organisation's units the user may see, in tree order (depth-first), one query."""
    return list(units_visible_to(user).filter(organisation=organisation).order_by("path"))


def organisation_parent(organisation: Organisation) -> Organisation | None:
    """The authority directly above ``organisation`` (one query), or None for a root."""
    if organisation.depth <= 1:
        return None
    return Organisation.objects.filter(path=organisation.path[: -Organisation.steplen]).first()


def organisation_visible(user: Any, organisation_id: int) -> bool:
    """Whether ``user`` may open the page of an organisation (no query: the scope is cached)."""
    scope = scope_of(user)
    return scope.everything or organisation_id in (scope.organisation_ids | scope.member_organisation_ids)
