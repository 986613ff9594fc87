"""Options shared by our management commands (I18N-01).

``LocalisedCommand`` adds ``--language`` (default ``settings.LANGUAGE_CODE``) and runs the
command with that language active, so its messages and errors come out in it. Dates given as
options are ISO ``YYYY-MM-DD`` only (scripts, not people, type them) and lie within the bounds of
``core.query``; a bad value is a ``CommandError`` naming the option, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from biliktilik.core.query import date_bounds


class LocalisedCommand(BaseCommand):
    """A command whose output is in the language of ``--language``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the messages (default: %(default)s).",
        )
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(options.get("language") or settings.LANGUAGE_CODE):
            return super().execute(*args, **options)


def date_option(value: str | None, option: str, *, default: dt.date | None = None) -> dt.date | None:
    """The day given as ``option`` (``--on``): ISO ``YYYY-MM-DD``; ``default`` when not given."""
    if value is None or not str(value).strip():
        return default
    try:
        day = dt.datetime.strptime(str(value).strip(), "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar date
    except ValueError:
        raise CommandError(
            _("%(option)s must be a day as YYYY-MM-DD, for example 2025-06-01.") % {"option": option}
        ) from None
    first, last = date_bounds()
    if not first <= day <= last:
        raise CommandError(
            _("%(option)s must be a day from %(first)s to %(last)s.")
            % {"option": option, "first": first.isoformat(), "last": last.isoformat()}
        )
    return day


def int_option(value: Any, option: str, *, minimum: int, maximum: int) -> int:
    """A whole number given as ``option``, from ``minimum`` to ``maximum``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not minimum <= number <= maximum:
        raise CommandError(
            _("%(option)s must be a whole number from %(minimum)d to %(maximum)d.")
            % {"option": option, "minimum": minimum, "maximum": maximum}
        )
    return number
