"""The text of a notification, made from its kind and parameters in the reader's language.

Nothing here is stored: a Kazakh reader and a Russian reader of the same row each see it in
their own language. A parameter is either plain (a name, a number, an ISO date) or a mapping of
languages to texts (``{"kk": ..., "ru": ..., "en": ...}``), read in the reader's language with
Kazakh as the fallback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biliktilik.core.i18n import in_language

from .enums import NotificationKind
from .models import Notification


@dataclass(frozen=True)
class Message:
    title: str
    body: str


class _Params(dict[str, str]):
    """Parameters for ``%`` formatting; a missing one reads as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def localised(value: Any, language: str) -> str:
    """``value`` in ``language``: a mapping of languages is read with Kazakh as the fallback."""
    if isinstance(value, Mapping):
        return in_language(value, language=language) or str(next((v for v in value.values() if v), ""))
    return "" if value is None else str(value)


def _date(value: Any) -> str:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return str(formats.date_format(day, "SHORT_DATE_FORMAT"))


def _say(kind: str, raw: Mapping[str, Any], language: str) -> Message:
    p = _Params({name: localised(value, language) for name, value in raw.items()})
    if kind == NotificationKind.WAITING_FOR_DECISION:
        days = int(raw.get("days") or 0)
        if days:
            title = ngettext(
                "Still waiting for your decision after %(days)d day: %(object)s",
                "Still waiting for your decision after %(days)d days: %(object)s",
                days,
            ) % {"days": days, "object": p["object"]}
        else:
            title = _("Waiting for your decision: %(object)s") % p
        body = _("Approval route “%(route)s”, step “%(step)s”.") % p
        if p["starter"]:
            body = f"{body} " + _("Sent by: %(starter)s") % p
        return Message(title, body)
    if kind == NotificationKind.RETURNED:
        title = _("Returned for rework: %(object)s") % p
        body = _("%(actor)s returned it for rework at the step “%(step)s” of the approval route “%(route)s”.") % p
    elif kind == NotificationKind.REJECTED:
        title = _("Rejected: %(object)s") % p
        body = _("%(actor)s rejected it at the step “%(step)s” of the approval route “%(route)s”.") % p
    elif kind == NotificationKind.APPROVED:
        title = _("Approved: %(object)s") % p
        body = _("The approval route “%(route)s” is finished: approved.") % p
    elif kind == NotificationKind.DEADLINE_NEAR:
        due = _date(raw.get("due"))
        title = _("Deadline %(due)s: %(subject)s") % {"due": due, "subject": p["subject"]}
        body = p["details"] or _("Due on %(due)s.") % {"due": due}
        return Message(title, body)
    else:
        return Message(str(NotificationKind(kind).label) if kind in NotificationKind.values else kind, "")
    if p["comment"]:
        body = f"{body} " + _("Comment: %(comment)s") % p
    return Message(title, body)


def render(notification: Notification, language: str | None = None) -> Message:
    """The title and body of ``notification`` in ``language`` (the active language by default)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        return _say(notification.kind, notification.params or {}, language)
