"""``manage.py import_staff FILE``: the staff import of the web page, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biliktilik.core.errors import ApplicationError
from biliktilik.core.management.options import LocalisedCommand
from biliktilik.core.tables.report import format_problem
from biliktilik.org.models import Organisation
from biliktilik.people.importing import ImportReport, staff_import


class Command(LocalisedCommand):
    help = (
        "Import persons and employments from an .xlsx or .csv file (columns: docs/import-staff.md). "
        "Every row is checked first; if any row has a problem nothing is saved and the command "
        "exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument(
            "--organisation",
            metavar="CODE",
            help="organisation code used for rows whose organisation_code cell is empty",
        )
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
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(_("Unknown organisation code “%(code)s”.") % {"code": options["organisation"]})
        actor = None
        if options["as_user"]:
            user_model = get_user_model()
            actor = user_model.objects.filter(**{user_model.USERNAME_FIELD: options["as_user"]}).first()
            if actor is None or not actor.is_active:
                raise CommandError(_("No active user “%(username)s”.") % {"username": options["as_user"]})
        try:
            with path.open("rb") as file:
                report = staff_import(
                    actor=actor,
                    file=file,
                    filename=path.name,
                    organisation=organisation,
                    dry_run=options["dry_run"],
                    as_system=actor is None,
                )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if not report.ok:
            self._print_errors(report)
            raise CommandError(
                ngettext(
                    "Nothing was saved: the file has %(count)d problem.",
                    "Nothing was saved: the file has %(count)d problems.",
                    len(report.errors),
                )
                % {"count": len(report.errors)},
                returncode=1,
            )
        self._print_counts(report)

    def _print_errors(self, report: ImportReport) -> None:
        for error in report.errors:
            self.stderr.write(format_problem(error))

    def _print_counts(self, report: ImportReport) -> None:
        if report.dry_run:
            message = ngettext(
                "Checked %(rows)d row: no problems. Nothing was saved.",
                "Checked %(rows)d rows: no problems. Nothing was saved.",
                report.rows,
            )
            self.stdout.write(message % {"rows": report.rows})
        else:
            message = ngettext("Imported %(rows)d row.", "Imported %(rows)d rows.", report.rows)
            self.stdout.write(self.style.SUCCESS(message % {"rows": report.rows}))
        self.stdout.write(
            _("People: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": report.persons_created,
                "updated": report.persons_updated,
                "unchanged": report.persons_unchanged,
            }
        )
        self.stdout.write(
            _("Employments: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": report.employments_created,
                "updated": report.employments_updated,
                "unchanged": report.employments_unchanged,
            }
        )
