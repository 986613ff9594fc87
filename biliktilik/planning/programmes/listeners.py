"""Listeners of a topic, units' requests for places (PLN-07) and the completion of a topic into
the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger.enums import FundingSource, RecordStatus
from biliktilik.ledger.services import TrainerInput, record_create
from biliktilik.org.models import Unit
from biliktilik.people.models import Person

from ..models import (
    CourseRequest,
    EntryDecision,
    ListenerSource,
    ProgrammeTopic,
    RequestEntry,
    TopicListener,
    TopicStatus,
)
from .common import (
    clean_text,
    deny,
    lock_topic,
    may_apply_for,
    organisation_id_of,
    require_manager,
    require_planned,
    works_in,
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
    topic = lock_topic(topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    require_planned(topic)
    if not works_in([person.pk], organisation_id=organisation_id):
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
    topic = lock_topic(listener.topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    require_planned(topic)
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
    topic = lock_topic(topic)
    organisation_id = organisation_id_of(topic)
    if unit.organisation_id != organisation_id or not may_apply_for(actor, unit):
        raise deny(_("You may apply only for the staff of a unit you head."))
    require_planned(topic)
    person_ids = sorted({p.pk for p in persons})
    if not person_ids:
        raise ApplicationError(_("List at least one member of staff."), field="persons")
    working = works_in(person_ids, organisation_id=organisation_id, unit=unit)
    if set(person_ids) - working:
        raise ApplicationError(_("List only people who work in the unit now."), field="persons")
    course_request = CourseRequest.objects.create(
        topic=topic,
        unit=unit,
        note=clean_text(note, field="note", limit=4000, required=False),
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
    topic = lock_topic(entry.request.topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    require_planned(topic)
    entry = RequestEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.decision != EntryDecision.PENDING:
        raise ApplicationError(_("This person has already been decided on."), code=ErrorCode.INVALID_STATE)
    reason = clean_text(reason, field="reason", limit=4000, required=False)
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
    topic = lock_topic(topic)
    organisation = topic.direction.programme.organisation
    require_manager(actor, organisation.pk)
    require_planned(topic)
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
