"""Load the deterministic demo data into an empty database.

    manage.py load_demo [--staff N] [--force] [--password PW] [--today YYYY-MM-DD]

Every date is counted back from the reference day, ``--today`` (default: the local date), so the
demo is current on the day it is loaded (see ``biliktilik.demo.reference``).

Without ``--force`` the command refuses (exit code 1) when the database already has
organisations; with ``--force`` it then reports that the data are already there and does
nothing, so scripts may call it every time.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError
from biliktilik.core.management.options import LocalisedCommand
from biliktilik.demo.logins import DEFAULT_PASSWORD
from biliktilik.demo.planner import DEFAULT_STAFF
from biliktilik.demo.selectors import demo_is_loaded, organisations_exist
from biliktilik.demo.services import demo_load

from .demo_logins import write_logins


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("Give the reference day as YYYY-MM-DD.")) from exc


class Command(LocalisedCommand):
    help = "Load the demo organisations, staff, alumni and one login per role into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--staff", type=int, default=DEFAULT_STAFF, help=f"Number of staff (default {DEFAULT_STAFF})."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="When the database already has organisations, report it and stop without an error.",
        )
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="Password of every demo login (default: demo)."
        )
        parser.add_argument(
            "--today",
            type=parse_day,
            default=None,
            help="The reference day the demo is current on, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if organisations_exist():
            if options["force"]:
                message = (
                    _("Demo data already loaded.")
                    if demo_is_loaded()
                    else _("The database already has organisations; nothing loaded.")
                )
                self.stdout.write(message)
                return
            raise CommandError(_("The database already has organisations; load_demo runs only on an empty database."))
        verbose = options["verbosity"] >= 1
        try:
            summary = demo_load(
                staff=options["staff"],
                password=options["password"],
                today=options["today"] or timezone.localdate(),
                progress=self.stdout.write if verbose else None,
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if not verbose:
            return
        self.stdout.write(
            _("Loaded %(staff)d staff, %(former)d former staff and %(alumni)d alumni in %(seconds).1f s.")
            % {
                "staff": summary.staff,
                "former": summary.former,
                "alumni": summary.alumni,
                "seconds": summary.seconds,
            }
        )
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write("")
        write_logins(self, options["password"])
