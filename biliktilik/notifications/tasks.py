"""Background tasks of notifications (``django_tasks``): sending e-mails and reminders.

The e-mail task lives in ``emails`` (the services queue it); this module gathers the tasks
for the worker and adds the reminders, so the services never import it back.
"""

from __future__ import annotations

from django_tasks import task

from . import services
from .emails import enqueue_email_sending, send_notification_emails

__all__ = ["enqueue_email_sending", "send_deadline_reminders", "send_notification_emails"]


@task()
def send_deadline_reminders(days: int = services.DEFAULT_REMINDER_DAYS) -> int:
    """Remind deciders of runs waiting ``days`` days or more; returns the reminders made."""
    return services.remind_waiting_runs(days=days)
