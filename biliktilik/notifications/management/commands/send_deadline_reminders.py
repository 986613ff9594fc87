from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.core.management.options import LocalisedCommand, int_option
from biliktilik.notifications import emails, services


class Command(LocalisedCommand):
    help = (
        "Remind the deciders of approval runs waiting at a step for N days or more (once per N days of "
        "waiting), then send the notification e-mails still unsent. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            default=services.DEFAULT_REMINDER_DAYS,
            help="Remind after this many days of waiting (default %(default)s).",
        )
        parser.add_argument("--no-email", action="store_true", help="Make the reminders but send no e-mail now.")

    def handle(self, *args: Any, days: Any, no_email: bool, **options: Any) -> None:
        days = int_option(days, "--days", minimum=1, maximum=365)
        try:
            made = services.remind_waiting_runs(days=days)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(_("Reminders made: %(count)d") % {"count": made})
        if not no_email:
            outcome = emails.send_pending_emails()
            self.stdout.write(
                _("E-mails sent: %(sent)d, failed: %(failed)d") % {"sent": outcome.sent, "failed": outcome.failed}
            )
