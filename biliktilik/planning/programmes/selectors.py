"""Reads of programmes, scoped like every other page (SEC-01)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from biliktilik.core.access import scope_of
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from ..enums import OFFICER_ROLES
from ..models import (
    CourseRequest,
    PDProgramme,
    ProgrammeDirection,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
    TopicTrainer,
)
from .common import (
    REQUESTER_ROLES,
    may_manage_programmes,
)

# --- selectors -----------------------------------------------------------------------------------


def programmes_visible_to(user: Any) -> QuerySet[PDProgramme]:
    """Programmes of the organisations the user sees whole or works in."""
    if not getattr(user, "is_authenticated", False):
        return PDProgramme.objects.none()
    scope = scope_of(user)
    q = scope.filter_q(organisation="organisation_id")
    if scope.member_organisation_ids:
        q |= Q(organisation_id__in=sorted(scope.member_organisation_ids))
    return PDProgramme.objects.filter(q).select_related("organisation")


def programme_list(user: Any) -> QuerySet[PDProgramme]:
    return programmes_visible_to(user).annotate(topic_count=Count("directions__topics", distinct=True))


def programme_get(user: Any, *, public_id: Any) -> PDProgramme | None:
    return programmes_visible_to(user).filter(public_id=public_id).first()


def programme_organisations_for(user: Any) -> QuerySet[Organisation]:
    """Organisations whose PD-centre programmes the user may draw up."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    scope = scope_of(user)
    if scope.everything:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=sorted(scope.organisations_with_role(*OFFICER_ROLES)))


def programme_directions(programme: PDProgramme) -> list[ProgrammeDirection]:
    """Directions with their topics, each topic with its trainers and its number of listeners
    (three queries whatever the size of the programme)."""
    topics = ProgrammeTopic.objects.annotate(listener_count=Count("listeners")).order_by("start_date", "id")
    return list(
        programme.directions.prefetch_related(
            Prefetch("topics", queryset=topics), Prefetch("topics__trainers", queryset=TopicTrainer.objects.all())
        )
    )


def topic_get(user: Any, *, public_id: Any) -> ProgrammeTopic | None:
    return (
        ProgrammeTopic.objects.filter(direction__programme__in=programmes_visible_to(user), public_id=public_id)
        .select_related("direction__programme__organisation")
        .first()
    )


def _visible_person_ids(user: Any, organisation_id: int) -> set[int] | None:
    """People of the organisation whose participation the user may see; ``None``: everyone."""
    scope = scope_of(user)
    if scope.sees_organisation_whole(organisation_id):
        return None
    ids = set(scope.person_ids)
    if scope.unit_ids:
        ids |= set(
            Employment.objects.filter(
                current_q(), organisation_id=organisation_id, unit_id__in=sorted(scope.unit_ids)
            ).values_list("person_id", flat=True)
        )
    return ids


@dataclass
class TopicView:
    topic: ProgrammeTopic
    trainers: list[TopicTrainer]
    listeners: list[TopicListener]
    listener_total: int
    requests: list[CourseRequest]

    @property
    def places_left(self) -> int:
        return max(self.topic.capacity - self.listener_total, 0)


def topic_view(user: Any, topic: ProgrammeTopic) -> TopicView:
    """A topic as the user may see it: trainers; the listeners and requests within their
    scope (the organisation whole, their units' staff, themselves). A fixed number of queries."""
    organisation_id = topic.direction.programme.organisation_id
    visible = _visible_person_ids(user, organisation_id)
    listeners = topic.listeners.select_related("person", "record").order_by("person__last_name", "id")
    entries = RequestEntry.objects.select_related("person", "decided_by").order_by("id")
    requests = topic.requests.select_related("unit", "submitted_by").order_by("created_at", "id")
    if visible is not None:
        listeners = listeners.filter(person_id__in=sorted(visible))
        scope = scope_of(user)
        requests = requests.filter(unit_id__in=sorted(scope.unit_ids))
    return TopicView(
        topic=topic,
        trainers=list(topic.trainers.select_related("person").order_by("role", "id")),
        listeners=list(listeners),
        listener_total=topic.listeners.count(),
        requests=list(requests.prefetch_related(Prefetch("entries", queryset=entries))),
    )


def request_units_for(user: Any, organisation_id: int) -> QuerySet[Unit]:
    """Units the user may apply for: every unit of the organisation for HR / PD centre, the
    units headed (and those below them) for unit heads and institute directors."""
    if may_manage_programmes(user, organisation_id):
        return Unit.objects.filter(organisation_id=organisation_id).order_by("path")
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    scope = scope_of(user)
    if not any(g.role in REQUESTER_ROLES for g in scope.grants):
        return Unit.objects.none()
    return Unit.objects.filter(organisation_id=organisation_id, pk__in=sorted(scope.unit_ids)).order_by("path")


def request_staff_for(user: Any, organisation_id: int) -> list[Employment]:
    """Current employments in the units the user may apply for (one query)."""
    units = request_units_for(user, organisation_id)
    return list(
        Employment.objects.filter(current_q(), organisation_id=organisation_id, unit__in=units)
        .select_related("person", "unit")
        .order_by("unit__path", "person__last_name", "person__first_name", "id")
    )


def organisation_staff(organisation_id: int) -> list[Person]:
    """People working in the organisation now, for choosing listeners and lecturers (one query)."""
    return list(
        Person.objects.filter(
            pk__in=Employment.objects.filter(current_q(), organisation_id=organisation_id).values("person_id")
        ).order_by("last_name", "first_name", "id")
    )
