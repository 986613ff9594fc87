"""``manage.py import_pd_records FILE --organisation CODE [--dry-run]``: the PD history import of
the web page, from the command line (columns: docs/import-pd-records.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biliktilik.core.access import SYSTEM
from biliktilik.core.errors import ApplicationError
from biliktilik.core.management.options import LocalisedCommand
from biliktilik.core.tables.report import format_problem
from biliktilik.ledger.importing import import_pd_records
from biliktilik.org.models import Organisation


class Command(LocalisedCommand):
    help = (
        "Import the PD history of an organisation's staff from an .xlsx or .csv file. Every row is "
        "checked first; if any row has a problem nothing is saved and the command exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument("--organisation", metavar="CODE", required=True, help="code of the organisation")
        parser.add_argument("--dry-run", action="store_true", help="check and count, then save nothing")
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="act as this user, with their rights (default: the system, with every right)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(_("Unknown organisation code “%(code)s”.") % {"code": options["organisation"]})
        actor: Any = SYSTEM
        if options["as_user"]:
            user_model = get_user_model()
            actor = user_model.objects.filter(**{user_model.USERNAME_FIELD: options["as_user"]}).first()
            if actor is None or not actor.is_active:
                raise CommandError(_("No active user “%(username)s”.") % {"username": options["as_user"]})
        try:
            report = import_pd_records(
                actor=actor,
                organisation=organisation,
                content=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if report.problems:
            for problem in report.problems:
                self.stderr.write(format_problem(problem))
            raise CommandError(
                ngettext(
                    "Nothing was saved: the file has %(count)d problem.",
                    "Nothing was saved: the file has %(count)d problems.",
                    len(report.problems),
                )
                % {"count": len(report.problems)},
                returncode=1,
            )
        summary = report.summary
        assert summary is not None
        message = _("New records: %(created)d; updated: %(updated)d; unchanged: %(unchanged)d.") % {
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        }
        if summary.dry_run:
            message = _("Check only, nothing saved.") + " " + message
        self.stdout.write(self.style.SUCCESS(message))
