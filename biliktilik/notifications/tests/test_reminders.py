"""Reminders of runs waiting too long (the command and the task) and ``notify_deadline``, the
API other apps call to tell someone that something is due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from biliktilik.core.errors import ApplicationError
from biliktilik.notifications.enums import NotificationKind
from biliktilik.notifications.messages import render
from biliktilik.notifications.models import Notification
from biliktilik.notifications.services import notify_deadline, remind_waiting_runs
from biliktilik.notifications.tasks import send_deadline_reminders
from biliktilik.workflows.enums import DecisionAction
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.services import run_decide, run_start

from .helpers import rows

NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def waiting_run(world, facts, route):
    """A run of D1 at its first step (the unit head) since 4 days before NOW."""
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    Run.objects.filter(pk=run.pk).update(started_at=NOW - dt.timedelta(days=4))
    return run


def reminders():
    return list(
        Notification.objects.exclude(key="").order_by("id").values_list("recipient__username", "params__days", "key")
    )


def test_a_run_waiting_longer_than_the_days_reminds_its_deciders_once_per_period(world, waiting_run):
    assert remind_waiting_runs(days=3, now=NOW) == 1
    assert remind_waiting_runs(days=3, now=NOW + dt.timedelta(hours=20)) == 0  # the same period

    step_id = waiting_run.current_step_id
    assert reminders() == [("unit_head", 4, f"workflows.run:{waiting_run.pk}:step:{step_id}:reminder:1")]
    reminder = Notification.objects.get()
    assert reminder.kind == NotificationKind.WAITING_FOR_DECISION
    assert render(reminder, "en").title == f"Still waiting for your decision after 4 days: {waiting_run.object_repr}"

    assert remind_waiting_runs(days=3, now=NOW + dt.timedelta(days=2)) == 1  # 6 days: the second period
    assert [days for _user, days, _key in reminders()] == [4, 6]


def test_a_run_waits_at_a_step_since_its_last_decision(world, waiting_run):
    run_decide(
        actor=world.user("unit_head"),
        run=waiting_run,
        action=DecisionAction.APPROVE,
        expected_step_id=waiting_run.current_step_id,
    )
    Decision.objects.update(created_at=NOW - dt.timedelta(days=1))

    assert remind_waiting_runs(days=3, now=NOW) == 0
    assert remind_waiting_runs(days=3, now=NOW + dt.timedelta(days=2)) == 1
    assert [user for user, _days, _key in reminders()] == ["hr_officer"]


def test_finished_runs_remind_nobody(world, waiting_run):
    run_decide(
        actor=world.user("unit_head"),
        run=waiting_run,
        action=DecisionAction.REJECT,
        comment="No",
        expected_step_id=waiting_run.current_step_id,
    )
    Decision.objects.update(created_at=NOW - dt.timedelta(days=10))

    assert remind_waiting_runs(days=3, now=NOW) == 0


def test_the_command_reminds_and_sends_the_emails(world, waiting_run, addresses):
    Run.objects.filter(pk=waiting_run.pk).update(started_at=timezone.now() - dt.timedelta(days=8))
    out = []

    call_command("send_deadline_reminders", "--days", "7", stdout=_Lines(out))

    assert "".join(out).splitlines() == ["Reminders made: 1", "E-mails sent: 1, failed: 0"]
    assert [m.to for m in mail.outbox] == [[addresses["unit_head"]]]


def test_the_command_refuses_less_than_a_day(world):
    with pytest.raises(CommandError, match="--days must be a whole number from 1 to 365."):
        call_command("send_deadline_reminders", "--days", "0")


def test_the_task_makes_the_reminders(world, waiting_run):
    Run.objects.filter(pk=waiting_run.pk).update(started_at=timezone.now() - dt.timedelta(days=2))

    result = send_deadline_reminders.enqueue(days=1)

    assert result.return_value == 1
    assert [user for user, _days, _key in reminders()] == ["unit_head"]


class _Lines:
    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.append(text)

    def flush(self):
        pass


# --- notify_deadline ------------------------------------------------------------------------


def test_notify_deadline_tells_the_user_in_their_language(world, addresses, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_deadline(
            user=world.user("employee"),
            subject={"kk": "Жеке жоспар", "ru": "Индивидуальный план"},
            due_date=dt.date(2025, 12, 1),
            link="/plans/",
            key="planning.individual-plan:7:due",
        )

    assert notification is not None
    assert rows() == [("employee", NotificationKind.DEADLINE_NEAR)]
    assert render(notification, "ru").title == "Срок 01.12.2025: Индивидуальный план"
    assert render(notification, "en").title == "Deadline 01.12.2025: Жеке жоспар"  # no English: Kazakh
    assert render(notification, "en").body == "Due on 01.12.2025."
    assert [m.to for m in mail.outbox] == [[addresses["employee"]]]


def test_notify_deadline_with_the_same_key_tells_once(world):
    given = {"user": world.user("employee"), "subject": "Report", "due_date": dt.date(2025, 12, 1), "key": "k1"}

    first = notify_deadline(**given)
    second = notify_deadline(**given)

    assert first is not None
    assert first.pk is not None
    assert second is None
    assert rows() == [("employee", NotificationKind.DEADLINE_NEAR)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subject": "  "}, "subject"),
        ({"subject": {"kk": "", "ru": ""}}, "subject"),
        ({"due_date": dt.datetime(2025, 12, 1, tzinfo=dt.UTC)}, "due_date"),
        ({"due_date": "2025-12-01"}, "due_date"),
        ({"link": "https://evil.example.com/"}, "link"),
        ({"link": "//evil.example.com/"}, "link"),
        ({"user": None}, "user"),
    ],
    ids=[
        "blank-subject",
        "blank-subject-languages",
        "datetime",
        "text-date",
        "external-link",
        "scheme-less",
        "no-user",
    ],
)
def test_notify_deadline_refuses_bad_input_and_makes_nothing(world, change, field):
    given = {"user": world.user("employee"), "subject": "Report", "due_date": dt.date(2025, 12, 1), "link": "/x/"}

    with pytest.raises(ApplicationError) as error:
        notify_deadline(**(given | change))

    assert error.value.extra["field"] == field
    assert Notification.objects.count() == 0
