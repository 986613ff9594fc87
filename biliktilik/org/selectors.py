"""Reads of organisations and units, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from biliktilik.core.access import scope_of

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
