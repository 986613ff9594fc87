"""Topics of a programme (internal courses) and their lecturers and moderators (PLN-05, LED-06)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger.enums import PDForm, TrainerCategory
from biliktilik.people.models import Person

from ..models import (
    ProgrammeDirection,
    ProgrammeTopic,
    TopicTrainer,
    TrainerRole,
)
from ..services import MAX_HOURS
from .common import (
    MAX_CAPACITY,
    clean_text,
    lock_topic,
    organisation_id_of,
    require_manager,
    require_planned,
)

# --- topics ----------------------------------------------------------------------------------------


def _check_dates(start_date: Any, end_date: Any, *, year: int) -> None:
    """Both dates given, in order, the start within the programme's year."""
    if not isinstance(start_date, dt.date):
        raise ApplicationError(_("Give the start date."), field="start_date")
    if not isinstance(end_date, dt.date):
        raise ApplicationError(_("Give the end date."), field="end_date")
    if end_date < start_date:
        raise ApplicationError(_("The end cannot come before the start."), field="end_date")
    if start_date.year != year:
        raise ApplicationError(
            _("The topic must start within the programme's year (%(year)s).") % {"year": year},
            field="start_date",
        )


def _hours(hours: Any) -> Decimal:
    try:
        value = Decimal(str(hours))
    except ArithmeticError:
        raise ApplicationError(_("Give a number above zero."), field="hours") from None
    if not value.is_finite() or value <= 0 or value > MAX_HOURS:
        raise ApplicationError(_("Give a number above zero."), field="hours")
    return value


def _capacity(capacity: Any) -> int:
    try:
        value = int(capacity)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= MAX_CAPACITY:
        raise ApplicationError(_("Give the number of places (at least one)."), field="capacity")
    return value


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
    require_manager(actor, programme.organisation_id)
    title = clean_text(title, field="title", limit=500)
    if form not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    _check_dates(start_date, end_date, year=programme.year)
    hours_value = _hours(hours)
    capacity_value = _capacity(capacity)
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
    topic = lock_topic(topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    require_planned(topic)
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
    topic = lock_topic(topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    if role not in TrainerRole.values:
        raise ApplicationError(_("Choose lecturer or moderator."), field="role")
    if category not in TrainerCategory.values:
        raise ApplicationError(_("Choose the category of the lecturer or moderator."), field="category")
    written = clean_text(name, field="name", limit=300, required=person is None)
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
    topic = lock_topic(trainer.topic)
    organisation_id = organisation_id_of(topic)
    require_manager(actor, organisation_id)
    old = {"name": trainer.name, "role": trainer.role, "category": trainer.category}
    trainer.delete()
    audit_record(
        actor=actor,
        action="planning.programme.trainer_remove",
        obj=topic,
        changes={"trainer": (old, None)},
        organisation_id=organisation_id,
    )
