"""Background tasks of notifications (``django_tasks``): sending e-mails and reminders."""

from __future__ import annotations

import logging

from django_tasks import task

from . import emails, services

logger = logging.getLogger(__name__)


@task()
def send_notification_emails() -> dict[str, int]:
    """Send every notification e-mail still unsent, including those that failed before."""
    outcome = emails.send_pending_emails()
    return {"sent": outcome.sent, "failed": outcome.failed}


@task()
def send_deadline_reminders(days: int = services.DEFAULT_REMINDER_DAYS) -> int:
    """Remind deciders of runs waiting ``days`` days or more; returns the reminders made."""
    return services.remind_waiting_runs(days=days)


def enqueue_email_sending() -> None:
    """Queue the e-mail task. When queueing fails, the rows stay unsent for the next run."""
    try:
        send_notification_emails.enqueue()
    except Exception:
        logger.exception("Could not queue the notification e-mails; they will go with the next run")
