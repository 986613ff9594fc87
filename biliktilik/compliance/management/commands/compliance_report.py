"""``manage.py compliance_report --organisation CODE --on YYYY-MM-DD --format csv|xlsx|json [--output F]``

One row per person and requirement of the organisation's current staff: person id, IIN,
requirement, status, amount counted, amount required, due date (and the rest of the export
columns). Machine-readable column names and codes, ISO dates, text cells formula-safe (the
table kit's ``MACHINE`` style); CSV and JSON go to standard output unless ``--output`` names a
file; .xlsx needs ``--output``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biliktilik.compliance import exports, selectors
from biliktilik.core.access import SYSTEM
from biliktilik.core.management.options import LocalisedCommand, date_option
from biliktilik.core.tables.export import MACHINE, csv_lines, write_xlsx
from biliktilik.org.models import Organisation, Unit
from biliktilik.people import privacy
from biliktilik.people.enums import ReadChannel


class Command(LocalisedCommand):
    help = "Compliance of an organisation's staff on a day: one row per person and requirement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="Organisation code.")
        parser.add_argument("--on", default=None, help="The day, YYYY-MM-DD (default: today).")
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", default=None, help="File to write (default: standard output).")
        parser.add_argument("--unit", default=None, help="Only this unit (code) and the units below it.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(_("Unknown organisation code “%(code)s”.") % {"code": options["organisation"]})
        on = date_option(options["on"], "--on", default=timezone.localdate())
        assert on is not None
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(organisation=organisation, code=options["unit"]).first()
            if unit is None:
                raise CommandError(
                    _("No unit “%(unit)s” in the organisation “%(organisation)s”.")
                    % {"unit": options["unit"], "organisation": organisation.code}
                )
        fmt = options["format"]
        output = options["output"]
        if fmt == "xlsx" and not output:
            raise CommandError(_("An .xlsx report needs --output."))
        report = selectors.organisation_compliance(organisation, on, unit)
        items = selectors.staff_rows(report)
        persons = list({item.person.pk: item.person for item in items}.values())
        open_ids = frozenset(person.pk for person in persons)
        spec = exports.columns(open_ids=open_ids)
        # SEC-03: the report carries full IINs; the system actor's read is logged, one row a person.
        privacy.log_full_reads(
            SYSTEM,
            persons,
            where=ReadChannel.EXPORT,
            source=f"manage.py compliance_report {organisation.code} {on.isoformat()} {fmt}",
        )
        if fmt == "xlsx":
            with open(output, "wb") as target:
                write_xlsx(target, spec, items, sheet_title=organisation.code, style=MACHINE)
        elif fmt == "json":
            if output:
                with open(output, "w", encoding="utf-8") as text:
                    exports.json_dump(text, items, open_ids=open_ids)
            else:
                exports.json_dump(self.stdout, items, open_ids=open_ids)  # type: ignore[arg-type]
        else:
            lines = csv_lines(spec, items, style=MACHINE)  # no byte-order mark for machines
            if output:
                with open(output, "w", encoding="utf-8", newline="") as text:
                    text.writelines(lines)
            else:
                self.stdout.ending = ""
                for line in lines:
                    self.stdout.write(line)
        if output:
            written = ngettext("%(rows)d row written to %(file)s", "%(rows)d rows written to %(file)s", len(items))
            sys.stderr.write(written % {"rows": len(items), "file": output} + "\n")
