"""Print the table of demo logins: role, username, organisation, person and password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from biliktilik.core.management.options import LocalisedCommand
from biliktilik.demo.logins import DEFAULT_PASSWORD, render_table
from biliktilik.demo.selectors import LoginRow, demo_login_rows


def login_table(rows: list[LoginRow]) -> str:
    headers = [_("Role"), _("Username"), _("Organisation"), _("Person"), _("Password")]
    body = [[r.role, r.username, r.organisation, r.person, r.password or _("(changed)")] for r in rows]
    return render_table(headers, body)


def write_logins(command: BaseCommand, password: str) -> None:
    rows = demo_login_rows(password)
    if not rows:
        command.stdout.write(_("There are no demo logins; run “manage.py load_demo” first."))
        return
    command.stdout.write(login_table(rows))
    command.stdout.write(
        _("The demo logins share one password, for demonstrations only: change it before any other use.")
    )


class Command(LocalisedCommand):
    help = "Print the demo logins (role, username, organisation, person, password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="The password to show when it still opens the logins (default: demo).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        write_logins(self, options["password"])
