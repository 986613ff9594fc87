"""Run a full year of PD planning at the demo's technical university (after ``load_demo``).

    manage.py load_demo_planning [--year Y] [--today YYYY-MM-DD]

The year planned is by default the one after the reference day (``--today``, default: the local
date, the same day ``load_demo`` counts from); department meetings are never later than that day.

Individual plans, unit schedules (form 602-01) approved through the KazNRTU route, and the
consolidated schedule (form 602-05) with its budget, all through the planning services. Refuses
(exit code 1) without the demo data; a second run for the same year reports that the cycle is
already there and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.management.options import LocalisedCommand, int_option
from biliktilik.demo.logins import render_table
from biliktilik.demo.planning_cycle import CycleSummary, planning_cycle_load

from .load_demo import parse_day


def _money(value: Any) -> str:
    return f"{value:,.2f}".replace(",", " ")


def summary_text(summary: CycleSummary) -> str:
    lines = [
        _("PD planning %(year)s at %(organisation)s.") % {"year": summary.year, "organisation": summary.organisation},
        _("Individual plans: %(plans)d, activities: %(items)d.") % {"plans": summary.plans, "items": summary.items},
        "",
        render_table(
            [_("Unit schedule (602-01)"), _("Plans"), _("Decisions"), _("Status")],
            [[s.unit, str(s.plans), str(s.decisions), s.status] for s in summary.unit_schedules],
        ),
        "",
    ]
    budget = [
        [line.label, str(line.items), str(line.people), f"{line.hours:.1f}", _money(line.cost)]
        for line in summary.budget
    ]
    if summary.total is not None:
        total = summary.total
        budget.append([_("Total"), str(total.items), str(total.people), f"{total.hours:.1f}", _money(total.cost)])
    lines += [
        _("Budget of the consolidated schedule (602-05) by funding source:"),
        render_table([_("Funding source"), _("Activities"), _("People"), _("Hours"), _("Cost, KZT")], budget),
        "",
        _("Consolidated schedule (602-05): %(status)s after %(decisions)d decisions.")
        % {"status": summary.consolidated_status, "decisions": summary.consolidated_decisions},
    ]
    if summary.new_logins:
        lines.append(
            _("New logins for the heads who decide steps (password of the other demo logins): %(names)s.")
            % {"names": ", ".join(summary.new_logins)}
        )
    lines.append(_("See it on /plans/?year=%(year)s as hr, finance, rector or unit_head.") % {"year": summary.year})
    return "\n".join(lines)


def _year(value: Any) -> int | None:
    return None if value is None else int_option(value, "--year", minimum=2000, maximum=2100)


class Command(LocalisedCommand):
    help = "Run a full year of PD planning (plans, unit schedules, consolidated schedule) at the demo university."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", default=None, help="The year planned (default: the year after the reference day)."
        )
        parser.add_argument(
            "--today",
            type=parse_day,
            default=None,
            help="The reference day, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1
        try:
            summary = planning_cycle_load(
                year=None
                if options["year"] is None
                else int_option(options["year"], "--year", minimum=2000, maximum=2100),
                today=options["today"],
                progress=self.stdout.write if verbose else None,
            )
        except ApplicationError as exc:
            if exc.code == ErrorCode.CONFLICT:
                self.stdout.write(str(exc.message))
                return
            raise CommandError(str(exc.message)) from exc
        if verbose:
            self.stdout.write(summary_text(summary))
