"""E-mails: one per notification, in Kazakh with the Russian text below it, sent by the background
task after the commit; a failed send is kept and tried again by the next run of the task."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from biliktilik.notifications.emails import send_pending_emails
from biliktilik.notifications.messages import render
from biliktilik.notifications.models import Notification
from biliktilik.notifications.tasks import send_notification_emails
from biliktilik.workflows.services import run_start
from tests.factories import UnitFactory

from .helpers import notification_for


@pytest.fixture
def kazakh_site(settings):
    settings.LANGUAGE_CODE = "kk"
    settings.BILIKTILIK_SITE_URL = "https://pd.example.kz/"


def start(world, route, django_capture_on_commit_callbacks, unit=None):
    with django_capture_on_commit_callbacks(execute=True):
        return run_start(actor=world.user("employee"), obj=unit or world.units["d1"], route=route)


@pytest.mark.req("PLN-03")
def test_the_decider_gets_an_email_in_kazakh_with_the_russian_text_below(
    world, facts, route, addresses, kazakh_site, django_capture_on_commit_callbacks
):
    route.steps.filter(order=1).update(title_kk='Бөлім меңгерушісі "A & B"')

    run = start(world, route, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [addresses["unit_head"]]
    kazakh, russian = message.body.split("-" * 60)
    assert kazakh.lstrip().startswith("[Қазақ]")
    assert "Кесте маршруты" in kazakh
    assert "Бөлім меңгерушісі" in kazakh
    assert "Маршрут графика" not in kazakh
    assert russian.lstrip().startswith("[Русский]")
    assert "Маршрут графика" in russian
    assert "Заведующий кафедрой" in russian
    link = f"https://pd.example.kz/routes/runs/{run.public_id}/"
    assert kazakh.count(link) == 1
    assert russian.count(link) == 1
    assert 'Бөлім меңгерушісі "A & B"' in kazakh  # plain text: nothing is HTML-escaped
    notification = Notification.objects.get()
    titles = dict.fromkeys([render(notification, "kk").title, render(notification, "ru").title])
    assert message.subject == " / ".join(titles)
    assert notification.emailed_at is not None
    assert notification.email_attempts == 1
    assert notification.email_error == ""


def test_a_russian_site_sends_the_russian_text_once(
    world, facts, route, addresses, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "ru"

    start(world, route, django_capture_on_commit_callbacks)

    body = mail.outbox[0].body
    assert body.lstrip().startswith("[Русский]")
    assert "-" * 60 not in body
    assert "Маршрут графика" in body


def test_a_failed_send_is_kept_and_sent_by_the_next_run_of_the_task(
    world, facts, route, addresses, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)

    start(world, route, django_capture_on_commit_callbacks)

    notification = Notification.objects.get()
    assert mail.outbox == []
    assert notification.emailed_at is None
    assert notification.email_attempts == 1
    assert notification.email_error == "SMTPServerDisconnected: Connection unexpectedly closed"

    monkeypatch.undo()
    # A later change queues the task again; it sends the new e-mail and the one that failed.
    start(world, route, django_capture_on_commit_callbacks, unit=UnitFactory(parent=world.units["d1"]))

    assert sorted(m.to[0] for m in mail.outbox) == [addresses["unit_head"], addresses["unit_head"]]
    assert list(Notification.objects.order_by("id").values_list("email_attempts", "email_error")) == [(2, ""), (1, "")]
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_task_sends_each_email_once_and_skips_users_without_an_address(world, addresses):
    notification_for(world.user("employee"))
    world.user("auditor").email = ""
    world.user("auditor").save(update_fields=["email"])
    no_address = notification_for(world.user("auditor"))

    first = send_notification_emails.enqueue()
    second = send_notification_emails.enqueue()

    assert first.return_value == {"sent": 1, "failed": 0}
    assert second.return_value == {"sent": 0, "failed": 0}
    assert [m.to for m in mail.outbox] == [[addresses["employee"]]]
    no_address.refresh_from_db()
    assert (no_address.emailed_at, no_address.email_attempts) == (None, 0)


def test_a_row_claimed_by_another_worker_is_not_sent_twice(world, addresses, monkeypatch):
    notification = notification_for(world.user("employee"))
    from biliktilik.notifications import emails

    real_pending = emails.pending

    def pending_then_claimed_elsewhere(*, after=0):
        batch = real_pending(after=after)
        # another worker claims the same row between our read and our claim
        Notification.objects.filter(pk=notification.pk).update(email_attempts=1)
        return batch

    monkeypatch.setattr(emails, "pending", pending_then_claimed_elsewhere)

    outcome = send_pending_emails()

    assert (outcome.sent, outcome.failed) == (0, 0)
    assert mail.outbox == []


def test_many_pending_emails_are_all_sent_past_a_batch_of_failures(world, addresses, monkeypatch):
    from biliktilik.notifications import emails

    monkeypatch.setattr(emails, "BATCH_SIZE", 2)
    broken = [notification_for(world.user("auditor")) for _ in range(3)]
    fine = [notification_for(world.user("employee")) for _ in range(2)]
    real_compose = emails.compose

    def compose(notification, *, connection=None):
        if notification.recipient_id == world.user("auditor").pk:
            raise smtplib.SMTPRecipientsRefused({addresses["auditor"]: (550, b"No such user")})
        return real_compose(notification, connection=connection)

    monkeypatch.setattr(emails, "compose", compose)

    outcome = send_pending_emails()

    assert (outcome.sent, outcome.failed) == (2, 3)
    assert Notification.objects.filter(pk__in=[n.pk for n in fine], emailed_at__isnull=False).count() == 2
    assert Notification.objects.filter(pk__in=[n.pk for n in broken], emailed_at__isnull=True).count() == 3
