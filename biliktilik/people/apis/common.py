"""What the people API views share: the scoped querysets and the log of full IIN reads."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.request import Request

from biliktilik.org.models import Unit

from .. import privacy
from ..enums import ReadChannel
from ..models import Employment, Person, Position
from ..selectors import (
    employments_visible_to,
    persons_visible_to,
    positions_visible_to,
)

# --- IIN: masked by the rule of ``people.privacy``, full reads logged -------------------------


def persons_for_api(user: Any) -> QuerySet[Person]:
    """Visible people, each marked with whether the user may see the IIN in full."""
    return persons_visible_to(user).annotate(iin_open=privacy.iin_open_annotation(user))


def _log_full_reads(request: Request, persons: Any) -> None:
    """The people of a response whose IIN went out in full (one ``bulk_create``, SEC-03)."""
    opened = [p for p in persons if getattr(p, "iin_open", False)]
    privacy.log_full_reads(request.user, opened, where=ReadChannel.API, source=request.path)


def positions_for_api(user: Any) -> QuerySet[Position]:
    return positions_visible_to(user).select_related("organisation")


def employments_for_api(user: Any) -> QuerySet[Employment]:
    return (
        employments_visible_to(user)
        .select_related("person", "organisation", "unit", "position")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "-start_date", "id")
    )


def _unit_subtree_q(public_id: Any) -> Q:
    """Rows whose unit is the unit ``public_id`` or below it (one query for the unit's path)."""
    path = Unit.objects.filter(public_id=public_id).values_list("path", flat=True).first()
    if path is None:
        return Q(pk__in=[])
    return Q(unit__path__startswith=path)
