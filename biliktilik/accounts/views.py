"""The home page: one card for every role the user holds, with the numbers of what it manages.

The numbers come from grouped and aggregate selectors, so the page costs the same few
queries whatever the size of the organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from biliktilik.core.access import Grant, scope_of
from biliktilik.core.roles import Role
from biliktilik.org import selectors as org_selectors
from biliktilik.org.enums import OrganisationKind
from biliktilik.org.models import Organisation, Unit
from biliktilik.people import selectors as people_selectors
from biliktilik.people.enums import StaffCategory

# Roles whose card is the whole organisation with its staff by category.
_ORGANISATION_CARD_ROLES = frozenset(
    {Role.HR_OFFICER, Role.PD_OFFICER, Role.FINANCE_OFFICER, Role.FIRST_HEAD, Role.AUDITOR, Role.PROVIDER_ADMIN}
)
_UNIT_CARD_ROLES = frozenset({Role.UNIT_HEAD, Role.INSTITUTE_DIRECTOR})
_ROLE_ORDER = {role.value: n for n, role in enumerate(Role)}


@dataclass
class Card:
    """One card of the home page; ``kind`` names the template that draws it."""

    kind: str
    role: str
    role_label: str
    organisation: Organisation | None = None
    unit: Unit | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def home_cards(user: Any) -> list[Card]:
    """The cards of ``user``'s home page, in the order of the role catalogue."""
    scope = scope_of(user)
    grants: list[Grant] = sorted(scope.grants, key=lambda g: (_ROLE_ORDER.get(g.role, 99), g.organisation_id))
    organisations = org_selectors.organisations_by_ids(g.organisation_id for g in grants)
    units = org_selectors.units_by_ids(g.unit_id for g in grants if g.role in _UNIT_CARD_ROLES and g.unit_id)

    whole_ids = {g.organisation_id for g in grants if g.role in _ORGANISATION_CARD_ROLES}
    by_category = people_selectors.staff_count_by_category(whole_ids)
    staff = people_selectors.staff_count_by_organisation(whole_ids)
    unit_totals = org_selectors.unit_counts(whole_ids)
    unit_staff = people_selectors.staff_count_in_units(list(units.values()))
    authorities = [organisations[g.organisation_id] for g in grants if g.role == Role.AUTHORITY_OFFICER]
    subordinates = org_selectors.subordinate_kind_counts(authorities)

    cards: list[Card] = []
    for grant in grants:
        organisation = organisations.get(grant.organisation_id)
        card = Card(kind="", role=grant.role, role_label=_role_label(grant.role), organisation=organisation)
        if grant.role == Role.EMPLOYEE:
            card.kind = "employee"
            card.data["employments"] = people_selectors.own_employments(getattr(user, "person_id", None))
        elif grant.role in _UNIT_CARD_ROLES and grant.unit_id in units:
            card.kind = "unit"
            card.unit = units[grant.unit_id]
            card.data["staff"] = unit_staff.get(grant.unit_id, 0)
        elif grant.role in _ORGANISATION_CARD_ROLES:
            card.kind = "organisation"
            counts = by_category.get(grant.organisation_id, {})
            card.data["categories"] = [
                (label, counts[value]) for value, label in StaffCategory.choices if value in counts
            ]
            card.data["staff"] = staff.get(grant.organisation_id, 0)
            card.data["units"] = unit_totals.get(grant.organisation_id, 0)
        elif grant.role == Role.AUTHORITY_OFFICER:
            card.kind = "authority"
            counts = subordinates.get(grant.organisation_id, {})
            card.data["kinds"] = [
                (label, counts[value]) for value, label in OrganisationKind.choices if counts.get(value)
            ]
            card.data["total"] = sum(counts.values())
        elif grant.role == Role.TRAINER:
            card.kind = "trainer"
        elif grant.role == Role.SYSADMIN:
            card.kind = "sysadmin"
        else:
            continue
        cards.append(card)

    if scope.everything and not any(c.kind == "sysadmin" for c in cards):
        # A superuser without a system-administrator grant sees the same card.
        cards.append(Card(kind="sysadmin", role=Role.SYSADMIN, role_label=_role_label(Role.SYSADMIN)))
    for card in cards:
        if card.kind == "sysadmin":
            card.data.update(org_selectors.organisation_totals())
            card.data.update(people_selectors.people_totals())
            break
    return cards


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"cards": home_cards(request.user), "today": timezone.localdate()}
    return render(request, "accounts/home.html", context)
