"""Pages of organisations: the authority tree and one organisation with its offices and units."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors
from .models import Organisation, Unit


@dataclass
class OrganisationRow:
    organisation: Organisation
    indent: int


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)


def nest_units(units: list[Unit]) -> list[UnitNode]:
    """Turn units in path order into a nested tree. A unit whose parent is not in the list
    (outside the user's scope) hangs from its nearest shown ancestor, or stands as a root."""
    roots: list[UnitNode] = []
    stack: list[UnitNode] = []
    for unit in units:
        while stack and not unit.path.startswith(stack[-1].unit.path):
            stack.pop()
        node = UnitNode(unit)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    """Visible organisations in authority-tree order, each indented below what oversees it."""
    organisations = selectors.organisation_tree(request.user)
    rows: list[OrganisationRow] = []
    shown_paths: list[str] = []
    for organisation in organisations:
        while shown_paths and not organisation.path.startswith(shown_paths[-1]):
            shown_paths.pop()
        rows.append(OrganisationRow(organisation, indent=len(shown_paths)))
        shown_paths.append(organisation.path)
    return render(request, "org/organisation_list.html", {"rows": rows})


@login_required
def organisation_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    """One organisation: its details, its named offices and the units the user may see."""
    user = request.user
    organisation = selectors.organisation_get(user, public_id=public_id)
    if organisation is None:
        raise Http404(_("No such organisation, or you may not see it."))
    parent = selectors.organisation_parent(organisation)
    units = selectors.unit_tree_visible_to(user, organisation)
    context = {
        "organisation": organisation,
        "parent": parent,
        "parent_visible": parent is not None and selectors.organisation_visible(user, parent.pk),
        "offices": selectors.offices_of(organisation),
        "unit_tree": nest_units(units),
        "unit_count": len(units),
    }
    return render(request, "org/organisation_detail.html", context)
