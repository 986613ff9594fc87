"""Writes of notifications: making them (from approval runs, reminders, deadlines of other apps)
and marking them read. E-mails are sent by a background task after the commit (``emails``).

Notifications are messages about records, not records: making or reading one writes no audit
event (the change they tell about is audited by its own service).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.accounts.models import User
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.workflows.enums import RunEvent, RunStatus
from biliktilik.workflows.models import Decision, Route, Run, Step
from biliktilik.workflows.resolvers import DeciderBook, Place

from .emails import enqueue_email_sending
from .enums import NotificationKind
from .models import Notification

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = 3
LANGUAGES = ("kk", "ru", "en")
_WAITING_EVENTS = frozenset({RunEvent.STARTED, RunEvent.ADVANCED})
_OUTCOMES: dict[str, str] = {
    RunEvent.APPROVED: NotificationKind.APPROVED,
    RunEvent.RETURNED: NotificationKind.RETURNED,
    RunEvent.REJECTED: NotificationKind.REJECTED,
}


def _enqueue_emails() -> None:
    transaction.on_commit(enqueue_email_sending)


def _active_user_ids(user_ids: Iterable[int]) -> list[int]:
    wanted = sorted({pk for pk in user_ids if pk})
    if not wanted:
        return []
    return sorted(User.objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and (not link.startswith("/") or link.startswith("//") or len(link) > 500):
        raise ApplicationError(_("A notification links to a page of this site only."), field="link")
    return link


def _create(rows: list[Notification]) -> list[Notification]:
    """Insert ``rows`` in one statement, leaving out keyed rows that already exist."""
    keyed = [r for r in rows if r.key]
    if keyed:
        existing = set(
            Notification.objects.filter(
                recipient_id__in=sorted({r.recipient_id for r in keyed}), key__in=sorted({r.key for r in keyed})
            ).values_list("recipient_id", "key")
        )
        rows = [r for r in rows if not r.key or (r.recipient_id, r.key) not in existing]
    if not rows:
        return []
    if not keyed:
        created = Notification.objects.bulk_create(rows)
    elif len(rows) == 1:
        # One row: inserted on its own, so it keeps its id, unless another process made it meanwhile.
        try:
            with transaction.atomic():
                rows[0].save()
        except IntegrityError:
            return []
        created = rows
    else:
        # A keyed row made meanwhile by another process is skipped by the unique constraint (the
        # rows returned then carry no id).
        created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    _enqueue_emails()
    return created


@transaction.atomic
def notifications_create(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    params: Mapping[str, Any],
    link: str = "",
    key: str = "",
) -> list[Notification]:
    """One notification of ``kind`` for each active user of ``recipient_ids``, made in one
    statement; the e-mails follow after the commit. With a ``key``, a user who already has a
    notification with that key gets no second one."""
    if kind not in NotificationKind.values:
        raise ApplicationError(_("Unknown kind of notification."), field="kind")
    link = _check_link(link)
    if len(key) > 200:
        raise ApplicationError(_("The key of a notification is too long."), field="key")
    rows = [
        Notification(recipient_id=pk, kind=kind, params=dict(params), link=link, key=key)
        for pk in _active_user_ids(recipient_ids)
    ]
    return _create(rows)


# --- approval runs --------------------------------------------------------------------------


def _titles(obj: Route | Step | None) -> dict[str, str]:
    if obj is None:
        return {}
    return {language: str(getattr(obj, f"title_{language}") or "") for language in LANGUAGES}


def person_name(user: Any) -> str:
    """How a user is named in a notification: the person's short name, else the login."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.short_name if person is not None else str(user.get_username())


def _run_params(run: Run, *, step: Step | None, actor: Any = None, decision: Decision | None = None) -> dict[str, Any]:
    return {
        "run": str(run.public_id),
        "object": run.object_repr,
        "route": _titles(run.route),
        "step": _titles(step),
        "starter": person_name(run.started_by),
        "actor": person_name(actor),
        "comment": decision.comment if decision is not None else "",
    }


def _run_link(run: Run) -> str:
    return reverse("workflows:run_detail", kwargs={"public_id": run.public_id})


def _place(run: Run) -> Place:
    return Place.of(run.organisation_id, run.unit)


@transaction.atomic
def notify_run_changed(*, run: Run, event: str, decision: Decision | None, actor: Any) -> list[Notification]:
    """Tell the people concerned that ``run`` changed (called after the change has committed).

    * started / passed to the next step: every user entitled to decide the step it now waits at;
    * approved / returned / rejected: the user who started the run, unless that user acted.

    A cancelled run notifies nobody: its author withdrew it.
    """
    if event in _WAITING_EVENTS:
        step = run.current_step
        if run.status != RunStatus.IN_PROGRESS or step is None:
            return []
        recipients: Iterable[int] = DeciderBook([_place(run)]).holders(step, _place(run))
        kind: str = NotificationKind.WAITING_FOR_DECISION
        params = _run_params(run, step=step)
    elif event in _OUTCOMES:
        starter_id = run.started_by_id
        if starter_id is None or starter_id == getattr(actor, "pk", None):
            return []
        recipients = [starter_id]
        kind = _OUTCOMES[event]
        params = _run_params(run, step=decision.step if decision else None, actor=actor, decision=decision)
    else:
        return []
    return notifications_create(recipient_ids=recipients, kind=kind, params=params, link=_run_link(run))


@transaction.atomic
def remind_waiting_runs(*, days: int = DEFAULT_REMINDER_DAYS, now: dt.datetime | None = None) -> int:
    """Remind the deciders of every run that has waited at its step ``days`` days or more.

    A run waits at a step since its last decision (or since it started). Each decider is
    reminded once per full ``days`` period of waiting (after 3, 6, 9... days when ``days`` is
    3), however often this runs. Returns the number of reminders made.
    """
    if days < 1:
        raise ApplicationError(_("Remind after one day or more."), field="days")
    now = now or timezone.now()
    period = dt.timedelta(days=days)
    runs = list(
        Run.objects.filter(status=RunStatus.IN_PROGRESS, current_step__isnull=False)
        .select_related("route", "current_step", "unit", "started_by", "started_by__person")
        .annotate(waiting_since=Coalesce(Max("decisions__created_at"), F("started_at")))
        .filter(waiting_since__lte=now - period)
        .order_by("waiting_since", "pk")
    )
    if not runs:
        return 0
    book = DeciderBook(_place(r) for r in runs)
    waiting: list[tuple[Run, Step, frozenset[int], dt.timedelta]] = []
    for run in runs:
        if run.current_step is not None:
            holders = book.holders(run.current_step, _place(run))
            waiting.append((run, run.current_step, holders, now - run.waiting_since))
    active = set(_active_user_ids(pk for _run, _step, holders, _waited in waiting for pk in holders))
    rows: list[Notification] = []
    for waiting_run, step, holders, waited in waiting:
        params = _run_params(waiting_run, step=step) | {"days": waited.days}
        key = f"workflows.run:{waiting_run.pk}:step:{step.pk}:reminder:{waited // period}"
        rows.extend(
            Notification(
                recipient_id=pk,
                kind=NotificationKind.WAITING_FOR_DECISION,
                params=params,
                link=_run_link(waiting_run),
                key=key,
            )
            for pk in sorted(holders & active)
        )
    return len(_create(rows))


# --- deadlines of other apps ----------------------------------------------------------------


@transaction.atomic
def notify_deadline(
    *,
    user: Any,
    subject: str | Mapping[str, str],
    due_date: dt.date,
    link: str = "",
    details: str | Mapping[str, str] = "",
    key: str = "",
) -> Notification | None:
    """Tell ``user`` that something is due on ``due_date`` (for any app, e.g. planning).

    ``subject`` (and ``details``) is a text, or a mapping ``{"kk": ..., "ru": ..., "en": ...}``
    so each reader sees their language. ``link`` is a path of this site. With a ``key``, the
    same user is told once only (returns None when they already were).
    """
    if getattr(user, "pk", None) is None:
        raise ApplicationError(_("Choose whom to notify."), field="user")
    if isinstance(subject, Mapping):
        subject = {language: str(subject.get(language) or "").strip() for language in LANGUAGES}
        if not any(subject.values()):
            raise ApplicationError(_("Say what is due."), field="subject")
    elif not str(subject).strip():
        raise ApplicationError(_("Say what is due."), field="subject")
    if not isinstance(due_date, dt.date) or isinstance(due_date, dt.datetime):
        raise ApplicationError(_("Give the date when it is due."), field="due_date")
    details_value: str | dict[str, str] = (
        {language: str(details.get(language) or "") for language in LANGUAGES}
        if isinstance(details, Mapping)
        else str(details)
    )
    created = notifications_create(
        recipient_ids=[user.pk],
        kind=NotificationKind.DEADLINE_NEAR,
        params={"subject": subject, "due": due_date.isoformat(), "details": details_value},
        link=link,
        key=key,
    )
    return created[0] if created else None


# --- reading --------------------------------------------------------------------------------


def _require_signed_in(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise ApplicationError(_("Please sign in."), code=ErrorCode.PERMISSION_DENIED)


@transaction.atomic
def notification_mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (nothing changes when it already is)."""
    _require_signed_in(user)
    if notification.recipient_id != user.pk:
        raise ApplicationError(_("This notification is not yours."), code=ErrorCode.PERMISSION_DENIED)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the user read; returns how many were."""
    _require_signed_in(user)
    now = timezone.now()
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=now, updated_at=now)
