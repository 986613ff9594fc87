"""Programmes of the PD centre and internal courses (PLN-05, PLN-07; KAFU-2025 3): writes and reads.

A programme of an organisation's PD centre for a year has directions; each direction has topics
(an internal course: form, dates, hours, capacity) with lecturers and moderators and the listeners
who must attend. Units apply for places: the head of a unit (or HR) lists staff of the unit for a
topic, and the PD centre accepts or declines each person, within the topic's capacity; accepted
people become listeners. When a topic is over, the PD centre records who attended, and each of
them gets a verified PD record in the ledger (through ``ledger.services.record_create``).

HR and PD-centre officers of the organisation (and the system administrator) manage programmes.
Staff of the organisation see the programme; who sees listeners and requests follows the
usual scope: the organisation whole, a unit's subtree, oneself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.ledger.enums import FundingSource, PDForm, RecordStatus, TrainerCategory
from biliktilik.ledger.services import TrainerInput, record_create
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q

from .models import (
    CourseRequest,
    EntryDecision,
    ListenerSource,
    PDProgramme,
    ProgrammeDirection,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
    TopicStatus,
    TopicTrainer,
    TrainerRole,
)
from .services import MAX_HOURS, OFFICER_ROLES

# Roles that apply for places on behalf of a unit (with a grant naming the unit).
REQUESTER_ROLES = (Role.UNIT_HEAD, Role.INSTITUTE_DIRECTOR)
MAX_CAPACITY = 10_000


# --- who may do what ---------------------------------------------------------------------------


def may_manage_programmes(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers of the organisation, and the system administrator."""
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def may_apply_for(actor: Any, unit: Unit) -> bool:
    """The head of the unit (or of a unit above it), or HR / PD centre of its organisation."""
    if may_manage_programmes(actor, unit.organisation_id):
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    heads = any(g.role in REQUESTER_ROLES for g in scope.grants)
    return heads and unit.pk in scope.unit_ids


def _deny(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


def _require_manager(actor: Any, organisation_id: int) -> None:
    if not may_manage_programmes(actor, organisation_id):
        raise _deny(_("Only HR and PD-centre officers of the organisation may change its PD programme."))


def _text(value: Any, *, field: str, limit: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ApplicationError(_("This field is required."), field=field)
    if len(text) > limit:
        raise ApplicationError(
            _("The text is too long (%(limit)s characters at most).") % {"limit": limit}, field=field
        )
    return text


def _require_planned(topic: ProgrammeTopic) -> None:
    if topic.status != TopicStatus.PLANNED:
        raise ApplicationError(
            _("The topic is completed; its listeners can no longer change."), code=ErrorCode.INVALID_STATE
        )


def _lock_topic(topic: ProgrammeTopic) -> ProgrammeTopic:
    return ProgrammeTopic.objects.select_for_update().select_related("direction__programme").get(pk=topic.pk)


def _organisation_id(topic: ProgrammeTopic) -> int:
    return topic.direction.programme.organisation_id


def _works_in(person_ids: Iterable[int], *, organisation_id: int, unit: Unit | None = None) -> set[int]:
    """Which of ``person_ids`` work now in the organisation (in ``unit`` or below it, when given)."""
    employments = Employment.objects.filter(current_q(), organisation_id=organisation_id, person_id__in=person_ids)
    if unit is not None:
        employments = employments.filter(unit__path__startswith=unit.path)
    return set(employments.values_list("person_id", flat=True))


# --- programmes and directions -------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, actor: Any, organisation: Organisation, year: int, title: str, description: str = ""
) -> PDProgramme:
    _require_manager(actor, organisation.pk)
    try:
        year_value = int(year)
    except (TypeError, ValueError):
        year_value = 0
    if not 2000 <= year_value <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    if PDProgramme.objects.filter(organisation=organisation, year=year_value).exists():
        raise ApplicationError(
            _("The PD centre already has a programme for %(year)s.") % {"year": year_value},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    programme = PDProgramme.objects.create(
        organisation=organisation,
        year=year_value,
        title=_text(title, field="title", limit=300),
        description=_text(description, field="description", limit=10000, required=False),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="planning.programme.create",
        obj=programme,
        changes={"year": (None, year_value), "title": (None, programme.title)},
        organisation_id=organisation.pk,
    )
    return programme


@transaction.atomic
def direction_add(*, actor: Any, programme: PDProgramme, title: str) -> ProgrammeDirection:
    _require_manager(actor, programme.organisation_id)
    direction = ProgrammeDirection.objects.create(programme=programme, title=_text(title, field="title", limit=300))
    audit_record(
        actor=actor,
        action="planning.programme.direction_add",
        obj=programme,
        changes={"direction": (None, {"id": direction.pk, "title": direction.title})},
        organisation_id=programme.organisation_id,
    )
    return direction


@transaction.atomic
def direction_remove(*, actor: Any, direction: ProgrammeDirection) -> None:
    programme = direction.programme
    _require_manager(actor, programme.organisation_id)
    if direction.topics.exists():
        raise ApplicationError(_("Remove the direction's topics first."), code=ErrorCode.CONFLICT)
    old = {"id": direction.pk, "title": direction.title}
    direction.delete()
    audit_record(
        actor=actor,
        action="planning.programme.direction_remove",
        obj=programme,
        changes={"direction": (old, None)},
        organisation_id=programme.organisation_id,
    )


# --- topics ----------------------------------------------------------------------------------------


@transaction.atomic
def topic_add(
    *,
    actor: Any,
    direction: ProgrammeDirection,
    title: str,
    form: str,
    start_date: dt.date,
    end_date: dt.date,
    hours: Decimal | int | str,
    capacity: int,
) -> ProgrammeTopic:
    programme = direction.programme
    _require_manager(actor, programme.organisation_id)
    title = _text(title, field="title", limit=500)
    if form not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    if not isinstance(start_date, dt.date):
        raise ApplicationError(_("Give the start date."), field="start_date")
    if not isinstance(end_date, dt.date):
        raise ApplicationError(_("Give the end date."), field="end_date")
    if end_date < start_date:
        raise ApplicationError(_("The end cannot come before the start."), field="end_date")
    if start_date.year != programme.year:
        raise ApplicationError(
            _("The topic must start within the programme's year (%(year)s).") % {"year": programme.year},
            field="start_date",
        )
    try:
        hours_value = Decimal(str(hours))
    except ArithmeticError:
        raise ApplicationError(_("Give a number above zero."), field="hours") from None
    if not hours_value.is_finite() or hours_value <= 0 or hours_value > MAX_HOURS:
        raise ApplicationError(_("Give a number above zero."), field="hours")
    try:
        capacity_value = int(capacity)
    except (TypeError, ValueError):
        capacity_value = 0
    if not 1 <= capacity_value <= MAX_CAPACITY:
        raise ApplicationError(_("Give the number of places (at least one)."), field="capacity")
    topic = ProgrammeTopic.objects.create(
        direction=direction,
        title=title,
        form=form,
        start_date=start_date,
        end_date=end_date,
        hours=hours_value.quantize(Decimal("0.1")),
        capacity=capacity_value,
    )
    audit_record(
        actor=actor,
        action="planning.programme.topic_add",
        obj=topic,
        changes={
            "title": (None, title),
            "form": (None, form),
            "start_date": (None, start_date),
            "end_date": (None, end_date),
            "hours": (None, topic.hours),
            "capacity": (None, capacity_value),
        },
        organisation_id=programme.organisation_id,
    )
    return topic


@transaction.atomic
def topic_remove(*, actor: Any, topic: ProgrammeTopic) -> None:
    topic = _lock_topic(topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    _require_planned(topic)
    if topic.listeners.exists() or topic.requests.exists():
        raise ApplicationError(
            _("The topic has listeners or requests; it can no longer be removed."), code=ErrorCode.CONFLICT
        )
    audit_record(
        actor=actor,
        action="planning.programme.topic_remove",
        obj=topic,
        changes={"title": (topic.title, None)},
        organisation_id=organisation_id,
    )
    topic.delete()


@transaction.atomic
def trainer_add(
    *,
    actor: Any,
    topic: ProgrammeTopic,
    role: str,
    category: str,
    name: str = "",
    person: Person | None = None,
) -> TopicTrainer:
    """Add a lecturer or moderator: a person of the system, or a name written in (LED-06)."""
    topic = _lock_topic(topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    if role not in TrainerRole.values:
        raise ApplicationError(_("Choose lecturer or moderator."), field="role")
    if category not in TrainerCategory.values:
        raise ApplicationError(_("Choose the category of the lecturer or moderator."), field="category")
    written = _text(name, field="name", limit=300, required=person is None)
    trainer = TopicTrainer.objects.create(
        topic=topic,
        role=role,
        category=category,
        person=person,
        name=(written or person.full_name) if person else written,
    )
    audit_record(
        actor=actor,
        action="planning.programme.trainer_add",
        obj=topic,
        changes={"trainer": (None, {"name": trainer.name, "role": role, "category": category, "person": person})},
        organisation_id=organisation_id,
    )
    return trainer


@transaction.atomic
def trainer_remove(*, actor: Any, trainer: TopicTrainer) -> None:
    topic = _lock_topic(trainer.topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    old = {"name": trainer.name, "role": trainer.role, "category": trainer.category}
    trainer.delete()
    audit_record(
        actor=actor,
        action="planning.programme.trainer_remove",
        obj=topic,
        changes={"trainer": (old, None)},
        organisation_id=organisation_id,
    )


def _require_place(topic: ProgrammeTopic) -> None:
    if topic.listeners.count() >= topic.capacity:
        raise ApplicationError(
            _("The topic is full (%(n)s places).") % {"n": topic.capacity},
            code=ErrorCode.CONFLICT,
            field="capacity",
        )


@transaction.atomic
def listener_add(*, actor: Any, topic: ProgrammeTopic, person: Person) -> TopicListener:
    """The PD centre assigns a person of the organisation who must attend."""
    topic = _lock_topic(topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    _require_planned(topic)
    if not _works_in([person.pk], organisation_id=organisation_id):
        raise ApplicationError(_("The person does not work in this organisation now."), field="person")
    if topic.listeners.filter(person=person).exists():
        raise ApplicationError(_("The person is already a listener."), code=ErrorCode.DUPLICATE, field="person")
    _require_place(topic)
    listener = TopicListener.objects.create(topic=topic, person=person, source=ListenerSource.ASSIGNED)
    audit_record(
        actor=actor,
        action="planning.programme.listener_add",
        obj=topic,
        changes={"listener": (None, person.pk)},
        organisation_id=organisation_id,
    )
    return listener


@transaction.atomic
def listener_remove(*, actor: Any, listener: TopicListener) -> None:
    topic = _lock_topic(listener.topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    _require_planned(topic)
    person_id = listener.person_id
    if listener.entry_id is not None:
        RequestEntry.objects.filter(pk=listener.entry_id).update(decision=EntryDecision.PENDING, decided_at=None)
    listener.delete()
    audit_record(
        actor=actor,
        action="planning.programme.listener_remove",
        obj=topic,
        changes={"listener": (person_id, None)},
        organisation_id=organisation_id,
    )


# --- requests of units (PLN-07) ----------------------------------------------------------------


@transaction.atomic
def request_submit(
    *, actor: Any, topic: ProgrammeTopic, unit: Unit, persons: Sequence[Person], note: str = ""
) -> CourseRequest:
    """A unit head (or HR) proposes staff of the unit for a topic."""
    topic = _lock_topic(topic)
    organisation_id = _organisation_id(topic)
    if unit.organisation_id != organisation_id or not may_apply_for(actor, unit):
        raise _deny(_("You may apply only for the staff of a unit you head."))
    _require_planned(topic)
    person_ids = sorted({p.pk for p in persons})
    if not person_ids:
        raise ApplicationError(_("List at least one member of staff."), field="persons")
    working = _works_in(person_ids, organisation_id=organisation_id, unit=unit)
    if set(person_ids) - working:
        raise ApplicationError(_("List only people who work in the unit now."), field="persons")
    course_request = CourseRequest.objects.create(
        topic=topic,
        unit=unit,
        note=_text(note, field="note", limit=4000, required=False),
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )
    RequestEntry.objects.bulk_create([RequestEntry(request=course_request, person_id=p) for p in person_ids])
    audit_record(
        actor=actor,
        action="planning.programme.request_submit",
        obj=course_request,
        changes={"topic": (None, topic.pk), "unit": (None, unit.pk), "persons": (None, person_ids)},
        organisation_id=organisation_id,
    )
    return course_request


@transaction.atomic
def entry_decide(*, actor: Any, entry: RequestEntry, accept: bool, reason: str = "") -> RequestEntry:
    """The PD centre accepts a person applied for (who becomes a listener, if there is a place)
    or declines them."""
    topic = _lock_topic(entry.request.topic)
    organisation_id = _organisation_id(topic)
    _require_manager(actor, organisation_id)
    _require_planned(topic)
    entry = RequestEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.decision != EntryDecision.PENDING:
        raise ApplicationError(_("This person has already been decided on."), code=ErrorCode.INVALID_STATE)
    reason = _text(reason, field="reason", limit=4000, required=False)
    if accept:
        if topic.listeners.filter(person_id=entry.person_id).exists():
            raise ApplicationError(_("The person is already a listener."), code=ErrorCode.DUPLICATE, field="person")
        _require_place(topic)
        TopicListener.objects.create(topic=topic, person_id=entry.person_id, source=ListenerSource.REQUEST, entry=entry)
    decision = EntryDecision.ACCEPTED if accept else EntryDecision.DECLINED
    entry.decision = decision
    entry.reason = reason
    entry.decided_by = actor if getattr(actor, "pk", None) else None
    entry.decided_at = timezone.now()
    entry.save(update_fields=["decision", "reason", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="planning.programme.entry_decide",
        obj=entry.request,
        changes={"person": (entry.person_id, entry.person_id), "decision": (EntryDecision.PENDING, decision)},
        organisation_id=organisation_id,
    )
    return entry


# --- completion into the ledger ------------------------------------------------------------------


@transaction.atomic
def topic_record_completion(
    *, actor: Any, topic: ProgrammeTopic, attended_person_ids: Iterable[int], on: dt.date | None = None
) -> list[TopicListener]:
    """Mark the topic completed and who attended; each listener who attended gets a PD record
    of the internal course (provider: the organisation itself, lecturers as its trainers),
    verified at once, except the officer's own record, which waits for another officer."""
    topic = _lock_topic(topic)
    organisation = topic.direction.programme.organisation
    _require_manager(actor, organisation.pk)
    _require_planned(topic)
    today = on or timezone.localdate()
    if topic.end_date > today:
        raise ApplicationError(
            _("The topic ends on %(date)s; record its completion after that.")
            % {"date": topic.end_date.strftime("%d.%m.%Y")},
            code=ErrorCode.INVALID_STATE,
        )
    listeners = list(topic.listeners.select_related("person").order_by("id"))
    attended = set(attended_person_ids)
    unknown = attended - {listener.person_id for listener in listeners}
    if unknown:
        raise ApplicationError(_("Only listeners of the topic can be marked as attending."), field="attended")
    if not attended:
        raise ApplicationError(_("Mark at least one listener who attended."), field="attended")
    trainers = [
        TrainerInput(name=t.name, category=t.category, person=t.person)
        for t in topic.trainers.select_related("person").order_by("id")
    ]
    own_person = getattr(actor, "person_id", None)
    for listener in listeners:
        listener.attended = listener.person_id in attended
        if listener.attended:
            listener.record = record_create(
                actor=actor,
                person=listener.person,
                organisation=organisation,
                form=topic.form,
                title=topic.title,
                start_date=topic.start_date,
                end_date=topic.end_date,
                hours=topic.hours,
                status=RecordStatus.PENDING if listener.person_id == own_person else RecordStatus.VERIFIED,
                trainers=trainers,
                provider=organisation,
                funding_source=FundingSource.ORGANISATION,
            )
    TopicListener.objects.bulk_update(listeners, ["attended", "record", "updated_at"])
    topic.status = TopicStatus.COMPLETED
    topic.completed_at = timezone.now()
    topic.save(update_fields=["status", "completed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="planning.programme.topic_complete",
        obj=topic,
        changes={"status": (TopicStatus.PLANNED, TopicStatus.COMPLETED), "attended": (None, sorted(attended))},
        organisation_id=organisation.pk,
    )
    return listeners


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
