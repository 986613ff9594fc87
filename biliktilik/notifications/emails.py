"""E-mails of notifications: one message per notification, in Kazakh (the site's language)
with the Russian text below it, sent by a background task after the commit.

A failed send is logged and counted on the row (``email_attempts``, ``email_error``); the row
stays unsent and the next run of the task tries it again, so no notification is lost. Each try
first claims the row with a conditional update, so two workers running at once never send the
same notification twice, and no transaction is held open while the mail server answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language_info
from django_tasks import task

from .messages import render
from .models import Notification

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
SECOND_LANGUAGE = "ru"


@dataclass
class SendOutcome:
    sent: int = 0
    failed: int = 0


def email_languages() -> list[str]:
    """The languages of an e-mail: the site's language first, then Russian."""
    first = (settings.LANGUAGE_CODE or "kk")[:2]
    return [first] if first == SECOND_LANGUAGE else [first, SECOND_LANGUAGE]


def absolute_link(link: str) -> str:
    """``link`` with the site's address in front (``BILIKTILIK_SITE_URL``), when it is set."""
    if not link:
        return ""
    base = str(getattr(settings, "BILIKTILIK_SITE_URL", "") or "").rstrip("/")
    return f"{base}{link}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def compose(notification: Notification, *, connection: BaseEmailBackend | None = None) -> EmailMessage:
    """The e-mail of one notification, to its recipient's address."""
    sections = []
    for language in email_languages():
        message = render(notification, language)
        sections.append({"language": language, "name": get_language_info(language)["name_local"], "message": message})
    titles: list[str] = []
    for section in sections:
        title = _one_line(section["message"].title)
        if title not in titles:
            titles.append(title)
    body = render_to_string("notifications/email.txt", {"sections": sections, "link": absolute_link(notification.link)})
    return EmailMessage(
        subject=" / ".join(titles)[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        connection=connection,
    )


def pending(*, after: int = 0) -> list[Notification]:
    """Notifications not yet e-mailed to an active user with an address, oldest first, from
    the row after ``after`` on (one batch)."""
    return list(
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True, pk__gt=after)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("id")[:BATCH_SIZE]
    )


def send_pending_emails() -> SendOutcome:
    """Send the e-mail of every notification still waiting for one (in batches)."""
    outcome = SendOutcome()
    connection = get_connection()
    last = 0
    try:
        while batch := pending(after=last):
            for notification in batch:
                _send_one(notification, connection, outcome)
            last = batch[-1].pk
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken connection must not hide the outcome
            logger.exception("Closing the e-mail connection failed")
    if outcome.failed:
        logger.warning(
            "Notification e-mails: %d sent, %d failed (they will be tried again)", outcome.sent, outcome.failed
        )
    return outcome


def _send_one(notification: Notification, connection: BaseEmailBackend, outcome: SendOutcome) -> None:
    claimed = Notification.objects.filter(
        pk=notification.pk, emailed_at__isnull=True, email_attempts=notification.email_attempts
    ).update(email_attempts=F("email_attempts") + 1)
    if not claimed:  # sent or being sent by another worker
        return
    try:
        compose(notification, connection=connection).send()
    except Exception as exc:
        logger.exception("Sending the e-mail of notification %s failed", notification.pk)
        Notification.objects.filter(pk=notification.pk).update(email_error=f"{type(exc).__name__}: {exc}"[:500])
        outcome.failed += 1
        return
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=now, email_error="", updated_at=now)
    outcome.sent += 1


@task()
def send_notification_emails() -> dict[str, int]:
    """Send every notification e-mail still unsent, including those that failed before."""
    outcome = send_pending_emails()
    return {"sent": outcome.sent, "failed": outcome.failed}


def enqueue_email_sending() -> None:
    """Queue the e-mail task. When queueing fails, the rows stay unsent for the next run."""
    try:
        send_notification_emails.enqueue()
    except Exception:
        logger.exception("Could not queue the notification e-mails; they will go with the next run")
